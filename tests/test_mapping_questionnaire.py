"""The mapping's questionnaire: roles after migrate, validation, frozen versions, the referents' form."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

import pytest

from core.models import Province
from core.roles import UPI_GROUP_NAME
from mapping.blocks import QuestionBlock, QuestionnaireBlock
from mapping.choices import QuestionKind, ResponseState
from mapping.factories import CampaignFactory, QuestionnaireFactory
from mapping.forms import SectionForm, missing_required
from mapping.models import Response
from mapping.roles import REFERENT_GROUP_PREFIX, referent_provinces

pytestmark = pytest.mark.django_db


def question(code, kind=QuestionKind.SHORT_TEXT, **extra):
    return {
        "code": code,
        "label": f"Domanda {code}",
        "help_text": "",
        "kind": kind,
        "required": False,
        "options": [],
        "unit": "",
        "minimum": None,
        "maximum": None,
        "show_if_code": "",
        "show_if_values": [],
        **extra,
    }


def test_migrate_gives_every_province_a_referent_group_without_admin_access():
    groups = Group.objects.filter(name__startswith=REFERENT_GROUP_PREFIX)
    assert groups.count() == Province.objects.count() == 76
    assert not groups.filter(permissions__codename="access_admin").exists()
    user = get_user_model().objects.create_user("ref.tv", password="x" * 14)
    user.groups.add(Group.objects.get(name=f"{REFERENT_GROUP_PREFIX}Treviso"))
    assert list(referent_provinces(user)) == [Province.objects.get(sigla="TV")]
    upi = Group.objects.get(name=UPI_GROUP_NAME)
    assert upi.permissions.filter(codename="change_questionnaire").exists()


def test_a_choice_question_needs_options_and_a_range_must_be_ordered():
    block = QuestionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(question("scelta", QuestionKind.SINGLE, options=["solo una"])))
    assert "options" in error.value.block_errors
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(question("numero", QuestionKind.NUMBER, minimum="10", maximum="1")))
    assert "maximum" in error.value.block_errors


def test_codes_are_unique_and_follow_ups_point_backwards():
    block = QuestionnaireBlock()

    def stream(*questions):
        return block.to_python(
            [
                {
                    "type": "section",
                    "value": {
                        "title": "Generale",
                        "sector": "generale",
                        "intro": "",
                        "questions": [
                            {"type": "item", "value": q, "id": str(n)} for n, q in enumerate(questions)
                        ],
                    },
                }
            ]
        )

    with pytest.raises(StreamBlockValidationError):
        block.clean(stream(question("uno"), question("uno")))
    with pytest.raises(StreamBlockValidationError):
        block.clean(
            stream(question("figlia", show_if_code="madre", show_if_values=["si"]), question("madre"))
        )
    assert block.clean(
        stream(question("madre"), question("figlia", show_if_code="madre", show_if_values=["si"]))
    )


def test_opening_a_campaign_freezes_the_questionnaire():
    campaign = CampaignFactory()
    version = campaign.ensure_version()
    assert version.number == 1
    codes = [q["code"] for q in version.questions()]
    assert codes[0] == "consenso_pubblicazione" and "sua_servizi" in codes and "innovazione_comuni" in codes

    questionnaire = campaign.questionnaire
    data = json.loads(json.dumps(list(questionnaire.sections.raw_data)))
    data[0]["value"]["questions"][0]["value"]["label"] = "Testo cambiato dopo l'apertura"
    questionnaire.sections = json.dumps(data)
    questionnaire.save()
    campaign.refresh_from_db()
    assert campaign.ensure_version().pk == version.pk
    assert campaign.version.questions()[0]["label"] != "Testo cambiato dopo l'apertura"
    assert questionnaire.freeze().number == 2


def _section(version, sector):
    return next(s for s in version.structure if s["sector"] == sector)


def test_follow_ups_are_required_only_when_shown_and_dropped_when_hidden():
    version = CampaignFactory().ensure_version()
    section = _section(version, "sua")

    form = SectionForm(section, data={"revision": 0, "sua_servizi": "si", "sua_comuni": "500"})
    assert not form.is_valid()
    assert "sua_descrizione" in form.errors  # required once the service exists
    assert "sua_comuni" in form.errors  # out of range (0-400)

    form = SectionForm(
        section, data={"revision": 0, "sua_servizi": "no", "sua_descrizione": "resto", "sua_comuni": "12"}
    )
    assert form.is_valid(), form.errors
    assert form.answers_json()["sua_descrizione"] is None and form.answers_json()["sua_comuni"] is None

    form = SectionForm(
        section,
        data={
            "revision": 0,
            "sua_servizi": "si",
            "sua_descrizione": "Gare per 20 Comuni",
            "sua_comuni": "20",
            "sua_stato": "Attivi",
        },
    )
    assert form.is_valid(), form.errors
    assert form.answers_json()["sua_comuni"] == "20"


def test_missing_required_answers_are_listed_before_submission():
    version = CampaignFactory().ensure_version()
    answers = {
        "consenso_pubblicazione": "Sì",
        "sua_servizi": "si",
        "europa_servizi": "no",
        "innovazione_servizi": "in-programma",
        "innovazione_descrizione": "Un centro servizi",
    }
    assert missing_required(version, answers) == ["sua_descrizione"]


def test_two_referents_saving_at_once_never_overwrite_each_other():
    campaign = CampaignFactory()
    response = Response.objects.create(
        campaign=campaign,
        province=Province.objects.get(sigla="TV"),
        version=campaign.ensure_version(),
        state=ResponseState.STARTED,
    )
    first, second = Response.objects.get(pk=response.pk), Response.objects.get(pk=response.pk)
    assert first.save_answers({"sua_servizi": "si"}, first.revision, None)
    assert not second.save_answers({"sua_servizi": "no"}, second.revision, None)
    response.refresh_from_db()
    assert response.answers == {"sua_servizi": "si"} and response.revision == 1


def test_upi_edits_the_questionnaire_and_campaigns_in_the_admin(client):
    user = get_user_model().objects.create_user("upi.mappatura", password="x" * 14)
    user.groups.add(Group.objects.get(name=UPI_GROUP_NAME))
    client.force_login(user)
    questionnaire = QuestionnaireFactory()
    response = client.get(f"/admin/snippets/mapping/questionnaire/edit/{questionnaire.pk}/")
    assert response.status_code == 200
    assert "sua_servizi" in response.content.decode()
    assert client.get("/admin/snippets/mapping/campaign/add/").status_code == 200


def test_a_press_office_cannot_open_the_questionnaire(client):
    user = get_user_model().objects.create_user("stampa.mappatura", password="x" * 14)
    user.groups.add(Group.objects.get(name="Ufficio stampa - Provincia di Treviso"))
    client.force_login(user)
    questionnaire = QuestionnaireFactory()
    assert client.get(f"/admin/snippets/mapping/questionnaire/edit/{questionnaire.pk}/").status_code in (
        302,
        403,
    )
