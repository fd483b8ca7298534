"""The admin form every page type uses (``BasePage.base_form_class``).

Two things editors stumbled on:

- Sectors and themes are translatable snippets, so their choosers listed both languages side by side
  ("Stazione Unica Appaltante" next to "Single Procurement Office"). The form offers only the entries of the
  page's locale (a single term as a plain select: the snippet chooser's modal lists every language); terms
  chosen earlier in another language are shown as their equivalent in this locale.
  ``core.taxonomy_sync`` keeps saved pages in step the same way (by translation key).
- A page abandoned after an autosave stays in the tree as a draft and keeps its slug, so a later page with the
  same title was refused with a bare "slug already in use". The error now names that draft and links to it.
"""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

from core.taxonomy_sync import is_taxonomy, localized_term


class BasePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self._page_locale()
        if locale is not None:
            for name, field in self.fields.items():
                if is_taxonomy(getattr(getattr(field, "queryset", None), "model", None)):
                    self._localize_field(name, field, locale)

    def _page_locale(self):
        if self.instance.locale_id:
            return self.instance.locale
        return getattr(self.parent_page, "locale", None)

    def _localize_field(self, name, field, locale):
        model = field.queryset.model
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        initial = self.initial.get(name)
        chosen = [] if initial in (None, "") else list(initial) if multiple else [initial]
        chosen = [getattr(value, "pk", value) for value in chosen]
        mapped = [localized_term(model, pk, locale) for pk in chosen]
        if not multiple and not isinstance(field.widget, forms.Select):
            # A snippet chooser's modal lists every language: a few terms are better as a plain select.
            field.widget = forms.Select()
            field.widget.is_required = field.required
        # A term with no translation yet stays selectable, so saving the page does not drop it.
        field.queryset = field.queryset.filter(Q(locale=locale) | Q(pk__in=mapped))
        if chosen:
            self.initial[name] = mapped if multiple else mapped[0]

    def clean(self):
        slug = self.cleaned_data.get("slug")  # Wagtail's clean drops a clashing slug from cleaned_data
        cleaned_data = super().clean()
        if "slug" in self.errors and slug and self.parent_page is not None:
            draft = (
                self.parent_page.get_children()
                .filter(slug=slug, live=False)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if draft is not None:
                self.errors["slug"] = self.error_class([self._draft_clash_message(draft, slug)])
        return cleaned_data

    def _draft_clash_message(self, draft, slug):
        edited = draft.latest_revision_created_at or draft.last_published_at
        return format_html(
            '{} <a href="{}">{}</a> {}',
            _("L'indirizzo “%(slug)s” è già usato da una bozza mai pubblicata, “%(title)s”%(when)s.")
            % {
                "slug": slug,
                "title": draft.get_admin_display_title(),
                "when": _(" (ultima modifica: %(date)s)")
                % {"date": date_format(localtime(edited), "SHORT_DATETIME_FORMAT")}
                if edited
                else "",
            },
            reverse("wagtailadmin_pages:edit", args=[draft.pk]),
            _("Apri quella bozza"),
            _("per continuarla o eliminarla, oppure scegli un altro slug per questa pagina."),
        )
