"""The filter form of the events index: every filter is a GET parameter, so filtered views can be shared."""

from django import forms
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm
from core.models import MacroArea, Province, Sector

from .choices import EventType


class EventFilterForm(FilterForm):
    tipo = forms.ChoiceField(label=_("Tipo"), required=False)
    anno = forms.TypedChoiceField(label=_("Anno"), required=False, coerce=int, empty_value=None)
    settore = forms.ChoiceField(label=_("Settore"), required=False)
    area = forms.ChoiceField(label=_("Macro-area"), required=False)
    provincia = forms.ChoiceField(label=_("Provincia"), required=False)

    def __init__(self, *args, index, view, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_choices("tipo", EventType.choices)
        self.set_choices("area", MacroArea.choices, feminine=True)
        years = (
            index.events()
            .filter(start_date__isnull=False)
            .annotate(year=ExtractYear("start_date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.set_choices("anno", [(year, str(year)) for year in years])
        self.set_choices(
            "settore",
            Sector.objects.filter(locale=index.locale).order_by("sort_order").values_list("code", "name"),
        )
        self.set_choices(
            "provincia", Province.objects.order_by("name").values_list("slug", "name"), feminine=True
        )

    def filter(self, events):
        data = getattr(self, "cleaned_data", {})
        if data.get("tipo"):
            events = events.filter(event_type=data["tipo"])
        if data.get("anno"):
            events = events.filter(start_date__year=data["anno"])
        if data.get("settore"):
            events = events.filter(sector__code=data["settore"])
        if data.get("area"):
            in_area = Q(macro_area=data["area"]) | Q(
                pk__in=events.model.provinces.through.objects.filter(
                    province__macro_area=data["area"]
                ).values("eventpage_id")
            )
            events = events.filter(in_area)
        if data.get("provincia"):
            events = events.filter(provinces__slug=data["provincia"])
        return events
