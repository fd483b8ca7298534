"""The catalogue's open data: a stable, documented record format for the CSV and JSON exports.

Licence: Creative Commons Attribution 4.0 International (CC BY 4.0). The JSON export is::

    {"schema": URL of the JSON Schema below, "schema_version": 1, "licence": {...}, "publisher": ...,
     "generated_at": ISO 8601, "language": "it" | "en", "filters": [[param, value], ...],
     "count": n, "records": [record, ...]}

Each record has the fields of ``RECORD_PROPERTIES``; codes (sector, macro_area, practice_type, stage,
evidence_source, evidence_level) are stable identifiers, the same in every language. Fields are only
ever added in a new schema version, never renamed or removed. The CSV has one column per field of
``CSV_FIELDS`` (lists joined by "; ", the owning Province as its sigla).
"""

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "id": "CC-BY-4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Unione delle Province d'Italia (UPI) – Le Province e il sistema dei servizi a supporto dei Comuni",
}

_string = {"type": ["string", "null"]}
_integer = {"type": ["integer", "null"]}
RECORD_PROPERTIES = {
    "code": {"type": "string", "description": "Stable public code of the practice, e.g. SUA-TV-01."},
    "url": {
        "type": "string",
        "format": "uri",
        "description": "Page of the practice in the export's language.",
    },
    "language": {"type": "string", "description": "Language of the texts (it or en)."},
    "title": {"type": "string"},
    "summary": {"type": "string", "description": "One sentence, at most 300 characters."},
    "is_example": {"type": "boolean", "description": "True for generated example practices (not real)."},
    "sector": {"type": "string", "enum": ["sua", "europa", "innovazione"]},
    "sector_name": {"type": "string"},
    "province": {
        "type": ["object", "null"],
        "properties": {
            "sigla": {"type": "string"},
            "name": {"type": "string"},
            "istat_code": {"type": "string"},
        },
    },
    "region": _string,
    "macro_area": {"type": ["string", "null"], "enum": ["nord-ovest", "nord-est", "centro", "sud", None]},
    "partner_provinces": {"type": "array", "items": {"type": "string"}, "description": "Siglas."},
    "themes": {"type": "array", "items": {"type": "string"}},
    "practice_type": {
        "type": ["string", "null"],
        "enum": ["servizio", "modello-organizzativo", "processo", "strumento-digitale", "metodo", None],
    },
    "stage": {"type": ["string", "null"], "enum": ["pilota", "operativa", "consolidata", "conclusa", None]},
    "start_year": _integer,
    "end_year": _integer,
    "last_verified": {"type": ["string", "null"], "format": "date"},
    "comuni_count": _integer,
    "evidence_source": {
        "type": ["string", "null"],
        "enum": ["questionario", "intervista", "focus-group", "documento", None],
    },
    "evidence_level": {
        "type": ["string", "null"],
        "enum": ["1-dichiarata", "2-rilevata", "3-validata", "4-misurata", None],
    },
}
CSV_FIELDS = [name for name in RECORD_PROPERTIES]

SCHEMA = {
    "version": 1,
    "json_schema": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Buone pratiche delle Province – export, version 1",
        "type": "object",
        "required": ["schema_version", "licence", "count", "records"],
        "properties": {
            "schema": {"type": "string"},
            "schema_version": {"const": 1},
            "licence": {"type": "object"},
            "publisher": {"type": "string"},
            "generated_at": {"type": "string", "format": "date-time"},
            "language": {"type": "string"},
            "filters": {"type": "array"},
            "count": {"type": "integer"},
            "records": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": list(RECORD_PROPERTIES),
                    "properties": RECORD_PROPERTIES,
                },
            },
        },
    },
}


def record_for(practice, index_url, language, theme_names):
    """One practice as an open-data record (``practice`` with sector, province and themes loaded)."""
    province = practice.province
    return {
        "code": practice.code,
        "url": f"{index_url}{practice.slug}/",
        "language": language,
        "title": practice.title,
        "summary": practice.summary,
        "is_example": practice.is_example,
        "sector": practice.sector.code,
        "sector_name": practice.sector.name,
        "province": {"sigla": province.sigla, "name": province.name, "istat_code": province.istat_code}
        if province
        else None,
        "region": province.region if province else None,
        "macro_area": province.macro_area if province else None,
        "partner_provinces": [p.sigla for p in practice.partner_provinces.all()],
        "themes": [theme_names.get(t.translation_key, t.name) for t in practice.themes.all()],
        "practice_type": practice.practice_type or None,
        "stage": practice.stage or None,
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "last_verified": practice.last_verified.isoformat() if practice.last_verified else None,
        "comuni_count": practice.comuni_count,
        "evidence_source": practice.evidence_source or None,
        "evidence_level": practice.evidence_level or None,
    }
