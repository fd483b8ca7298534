"""Loads the 76 Provinces and their 5,563 Comuni (ISTAT, CC BY 3.0 IT) shipped in core/data/."""

import csv
import unicodedata
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data"


def _normalize(value):
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


MACRO_AREAS = {"Nord-Ovest": "nord-ovest", "Nord-Est": "nord-est", "Centro": "centro", "Sud": "sud"}


def load(apps, schema_editor):
    Province = apps.get_model("core", "Province")
    Comune = apps.get_model("core", "Comune")
    with open(DATA / "province-upi-76.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Province.objects.update_or_create(
                istat_code=row["codice_istat"],
                defaults={
                    "sigla": row["sigla"],
                    "name": row["denominazione"],
                    "slug": slugify(row["denominazione"]),
                    "region": row["regione"],
                    "macro_area": MACRO_AREAS[row["macroarea"]],
                },
            )
    provinces = {p.sigla: p for p in Province.objects.all()}
    existing = set(Comune.objects.values_list("istat_code", flat=True))
    with open(DATA / "comuni-province-upi-76.csv", encoding="utf-8") as handle:
        new = [
            Comune(
                istat_code=row["codice_istat"],
                name=row["denominazione"],
                name_normalized=_normalize(row["denominazione"]),
                province=provinces[row["sigla_provincia"]],
                population_2011=int(row["popolazione_2011"]) if row["popolazione_2011"] else None,
            )
            for row in csv.DictReader(handle)
            if row["codice_istat"] not in existing
        ]
    Comune.objects.bulk_create(new, batch_size=500)


def unload(apps, schema_editor):
    apps.get_model("core", "Comune").objects.all().delete()
    apps.get_model("core", "Province").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
