"""The figures of UPI's dashboard: every invited Province with its state, and the completion rates.

Everything is read in a fixed number of queries (the invited Provinces, the campaign's responses), then
grouped in Python: the dashboard costs the same with 5 responses as with 76. A Province that has not
opened the questionnaire has no response yet; it counts as "invitata".
"""

from dataclasses import dataclass, field

from core.models import MacroArea, Province

from .choices import ResponseState
from .models import Response


def invited_provinces(campaign):
    """The invited Provinces as a list, in one or two queries (an empty selection invites all 76)."""
    provinces = list(campaign.provinces.order_by("name"))
    return provinces or list(Province.objects.order_by("name"))


def responses_by_province(campaign):
    """The campaign's responses keyed by Province id (one query, answers included)."""
    return {
        response.province_id: response
        for response in Response.objects.filter(campaign=campaign).only(
            "id",
            "province_id",
            "state",
            "answers",
            "updated_at",
            "submitted_at",
            "version_id",
            "campaign_id",
        )
    }


@dataclass
class ProvinceRow:
    province: Province
    response: Response | None
    question_count: int

    @property
    def state(self):
        return self.response.state if self.response else ResponseState.INVITED

    @property
    def state_label(self):
        return ResponseState(self.state).label

    @property
    def last_activity(self):
        return self.response.updated_at if self.response else None

    @property
    def submitted_at(self):
        return self.response.submitted_at if self.response else None

    @property
    def answered(self):
        return self.response.answered_count() if self.response else 0

    @property
    def is_submitted(self):
        return self.state == ResponseState.SUBMITTED


@dataclass
class Group:
    """The invited Provinces of a macro-area (or of the whole campaign) and their completion."""

    label: str
    value: str = ""
    rows: list = field(default_factory=list)

    @property
    def invited(self):
        return len(self.rows)

    def count(self, state):
        return sum(1 for row in self.rows if row.state == state)

    @property
    def submitted(self):
        return self.count(ResponseState.SUBMITTED)

    @property
    def rate(self):
        """Submitted over invited, as a percentage (0 when nobody is invited)."""
        return round(100 * self.submitted / self.invited, 1) if self.invited else 0

    @property
    def by_state(self):
        return [(state, self.count(state)) for state in ResponseState]


def overview(campaign):
    """The dashboard of ``campaign``: macro-area groups of Province rows, and the overall figures."""
    version = campaign.version
    question_count = len(version.questions()) if version else 0
    responses = responses_by_province(campaign)
    groups = {area.value: Group(label=area.label, value=area.value) for area in MacroArea}
    overall = Group(label="")
    for province in invited_provinces(campaign):
        row = ProvinceRow(province, responses.get(province.pk), question_count)
        groups[province.macro_area].rows.append(row)
        overall.rows.append(row)
    return {
        "groups": [group for group in groups.values() if group.rows],
        "overall": overall,
        "question_count": question_count,
    }
