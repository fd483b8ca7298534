"""The admin form of a news page (the press office's Province is preset) and the newsroom filters."""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.forms import FilterForm
from core.models import Province, Sector, Theme
from core.page_forms import BasePageForm
from news.choices import PRESS_OFFICE_TYPES, NewsType
from news.permissions import is_press_officer, press_office_province


class NewsPageForm(BasePageForm):
    """For a press officer, the Province is theirs and cannot be changed; national releases are UPI's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.press_province = None
        if user is not None and is_press_officer(
            user, self.parent_page if self.instance.pk is None else self.instance
        ):
            self.press_province = press_office_province(user)
        if self.press_province is not None:
            field = self.fields["province"]
            field.queryset = Province.objects.filter(pk=self.press_province.pk)
            field.initial = self.press_province.pk
            field.disabled = True
            field.help_text = _("La Provincia del proprio ufficio stampa.")
            self.initial["province"] = self.press_province.pk
            types = self.fields["news_type"]
            types.choices = [(value, label) for value, label in types.choices if value in PRESS_OFFICE_TYPES]
            if self.instance.pk is None:
                self.initial["news_type"] = NewsType.LOCAL_RELEASE

    def clean(self):
        cleaned_data = super().clean()
        if self.press_province is not None:
            # Whatever was posted, a press office writes for its own Province.
            cleaned_data["province"] = self.press_province
        return cleaned_data


class NewsFilterForm(FilterForm):
    """The newsroom's filters, as GET parameters: shareable, bookmarkable URLs."""

    tipo = forms.ChoiceField(label=_("Tipo"), required=False)
    anno = forms.TypedChoiceField(label=_("Anno"), required=False, coerce=int, empty_value=None)
    provincia = forms.ChoiceField(label=_("Provincia"), required=False)
    settore = forms.ChoiceField(label=_("Settore"), required=False)
    tema = forms.ChoiceField(label=_("Tema"), required=False)

    def __init__(self, data=None, *, index_page, **kwargs):
        super().__init__(data, **kwargs)
        self.index_page = index_page
        live = index_page.news_queryset().order_by()
        self.set_choices("tipo", NewsType.choices)
        # One query gives the years to choose from and how many news there are in all (the listing's count
        # when nothing is filtered, see ``news.views.index``).
        per_day = list(live.values_list("date").annotate(n=Count("pk")).order_by())
        years = sorted({day.year for day, _count in per_day}, reverse=True)
        self.unfiltered_count = sum(count for _day, count in per_day)
        self.set_choices("anno", [(str(y), str(y)) for y in years])
        self.provinces = {p.slug: p for p in Province.in_request()}
        self.set_choices("provincia", [(slug, p.name) for slug, p in self.provinces.items()], feminine=True)
        locale = Locale.get_active()
        self.sectors = {s.code: s for s in Sector.of_locale(locale)}
        self.set_choices("settore", [(code, s.label) for code, s in self.sectors.items()])
        self.themes = {t.slug: t for t in Theme.of_locale(locale)}
        self.set_choices("tema", [(slug, t.name) for slug, t in self.themes.items()])

    def _value(self, name):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get(name)
        return None

    def selected_province(self):
        return self.provinces.get(self._value("provincia") or "")

    def is_filtered(self):
        return self.is_bound and any(self._value(name) for name in self.fields)

    def filter(self, queryset):
        if not self.is_bound or not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["tipo"]:
            queryset = queryset.filter(news_type=data["tipo"])
        if data["anno"]:
            queryset = queryset.filter(date__year=data["anno"])
        if data["provincia"]:
            queryset = queryset.filter(province=self.provinces[data["provincia"]])
        if data["settore"]:
            # Sectors are translatable: filter by their code, the same in every language.
            queryset = queryset.filter(sectors__code=data["settore"]).distinct()
        if data["tema"]:
            queryset = queryset.filter(
                themes__translation_key=self.themes[data["tema"]].translation_key
            ).distinct()
        return queryset
