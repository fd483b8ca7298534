"""Example responses of the 76 Provinces, so that the dashboard and the results can be seen before a campaign.

Everything generated is marked: the campaign has ``is_example`` (shown by the dashboard and the exports),
and every text answer and interview note starts with "[Esempio]". The answers are random but valid for the
frozen version: choices among the options, numbers within the range, follow-ups answered only when the
answer they follow shows them. Deterministic for a given seed.
"""

import datetime
import math
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from .answers import is_shown
from .choices import QuestionKind, ResponseState, YesPlannedNo
from .dashboard import invited_provinces
from .models import Campaign, InterviewNote, Questionnaire, Response

EXAMPLE_PREFIX = "[Esempio]"
# How often each state occurs among the generated responses (None: invited, never started).
STATE_WEIGHTS = [
    (None, 15),
    (ResponseState.STARTED, 30),
    (ResponseState.SUBMITTED, 45),
    (ResponseState.REOPENED, 10),
]


class NotExampleCampaign(ValueError):
    """A real campaign already has the requested title: examples never overwrite it."""


def answer(question, province, rng):
    kind = question["kind"]
    options = question.get("options") or []
    if kind == QuestionKind.YES_PLANNED_NO:
        return rng.choice(YesPlannedNo.values)
    if kind == QuestionKind.SINGLE:
        return rng.choice(options)
    if kind == QuestionKind.MULTIPLE:
        return rng.sample(options, k=rng.randint(1, len(options)))
    if kind == QuestionKind.NUMBER:
        low = math.ceil(Decimal(question["minimum"])) if question.get("minimum") is not None else 0
        high = math.floor(Decimal(question["maximum"])) if question.get("maximum") is not None else low + 100
        return str(rng.randint(low, max(low, min(high, low + 150))))
    if kind == QuestionKind.SHORT_TEXT:
        return f"{EXAMPLE_PREFIX} {province.name}"
    if kind == QuestionKind.LONG_TEXT:
        return (
            f"{EXAMPLE_PREFIX} Testo generato per prova: la Provincia di {province.name} descrive qui i "
            f"servizi offerti ai Comuni del proprio territorio."
        )
    if kind == QuestionKind.DATE:
        return (datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500))).isoformat()
    return None  # files are not generated


def answers_for(version, province, rng, sections=None):
    """Answers to the first ``sections`` sections (all by default), follow-ups consistent with their parent."""
    answers = {}
    for section in version.structure[:sections]:
        for question in section["questions"]:
            value = answer(question, province, rng) if is_shown(question, answers) else None
            if value is not None:
                answers[question["code"]] = value
    return answers


def example_campaign(title):
    campaign = Campaign.objects.filter(title=title).first()
    if campaign is not None and not campaign.is_example:
        raise NotExampleCampaign(title)
    if campaign is None:
        questionnaire = Questionnaire.objects.filter(locale=Locale.get_default()).order_by("pk").first()
        if questionnaire is None:
            raise Questionnaire.DoesNotExist("No questionnaire: run load_site_content first.")
        now = timezone.now()
        campaign = Campaign(
            title=title,
            questionnaire=questionnaire,
            opens_at=now - datetime.timedelta(days=30),
            closes_at=now + datetime.timedelta(days=30),
        )
        campaign.is_example = True
        campaign.save()
    campaign.ensure_version()
    return campaign


@transaction.atomic
def generate(title, seed=2021):
    """Fill the example campaign ``title`` (created if needed) anew; returns (campaign, states counted)."""
    rng = random.Random(seed)  # noqa: S311 (reproducible example data, nothing secret)
    campaign = example_campaign(title)
    version = campaign.version
    campaign.responses.all().delete()
    now = timezone.now()
    counts = {state: 0 for state in ResponseState}
    states, weights = zip(*STATE_WEIGHTS, strict=True)
    notes = []
    for province in invited_provinces(campaign):
        state = rng.choices(states, weights=weights)[0]
        if state is None:
            counts[ResponseState.INVITED] += 1
            continue
        complete = state != ResponseState.STARTED
        sections = None if complete else rng.randint(1, max(1, len(version.structure) - 1))
        last_activity = now - datetime.timedelta(days=rng.randint(0, 25), minutes=rng.randint(0, 1440))
        response = Response.objects.create(
            campaign=campaign,
            province=province,
            version=version,
            state=state,
            answers=answers_for(version, province, rng, sections),
            submitted_at=last_activity if complete else None,
            revision=1,
        )
        Response.objects.filter(pk=response.pk).update(updated_at=last_activity)
        counts[state] += 1
        if complete and rng.random() < 0.3:
            notes.append(
                InterviewNote(
                    response=response,
                    interview_date=timezone.localdate(last_activity),
                    text=f"{EXAMPLE_PREFIX} Nota di intervista generata per prova con la Provincia di {province.name}.",
                )
            )
    InterviewNote.objects.bulk_create(notes)
    return campaign, counts
