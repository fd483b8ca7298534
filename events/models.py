"""Events and their reports: the agenda, the event page that turns into its report, iCalendar."""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock
from core.models import BasePage, IntroMixin, MacroArea, Province, Sector
from core.related import related_pages

from .blocks import GalleryBlock, ProgrammeBlock, RelatedPagesBlock, ReportDocumentsBlock, SpeakersBlock
from .choices import EventMode, EventStatus, EventType, RegistrationStatus

EVENT_TIMEZONE = ZoneInfo("Europe/Rome")


def _local(date, time):
    return datetime.datetime.combine(date, time or datetime.time.min, tzinfo=EVENT_TIMEZONE)


def _a_year_before(moment):
    try:
        return moment.replace(year=moment.year - 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - 1, day=28)


class EventPageQuerySet(PageQuerySet):
    """Upcoming and past are both dated: an event without a date yet is neither (it has only its own page)."""

    def upcoming(self, now=None):
        """The events not over yet (those still running included), soonest first."""
        now = now or timezone.now()
        return self.filter(ends_at__gt=now, start_date__isnull=False).order_by(
            "start_date", models.F("start_time").asc(nulls_first=True), "path"
        )

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(ends_at__lte=now).order_by(
            "-start_date", models.F("start_time").desc(nulls_last=True), "path"
        )

    def for_calendar(self, now=None):
        """The iCalendar feed: what is coming and what ended in the last twelve months, in date order."""
        now = now or timezone.now()
        return self.filter(ends_at__gt=_a_year_before(now), start_date__isnull=False).order_by(
            "start_date", models.F("start_time").asc(nulls_first=True), "path"
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventIndexPage(RoutablePageMixin, IntroMixin, BasePage):
    """“Eventi”: upcoming and past events, filters, and the iCalendar feed (upcoming and the last twelve months)."""

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Indice degli eventi")
        verbose_name_plural = _("Indici degli eventi")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    @path("")
    def upcoming_view(self, request):
        return views.upcoming(request, self)

    @path("passati/", name="past")
    @path("past/", name="past_en")
    def past_view(self, request):
        return views.past(request, self)

    def past_url(self):
        return self.url + self.reverse_subpage("past_en" if self.locale.language_code == "en" else "past")

    @path("ics/", name="ical_feed")
    def ical_feed(self, request):
        return views.index_calendar(request, self)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        urls.append(
            {
                "location": self.get_full_url(request) + self.past_url()[len(self.url) :],
                "lastmod": self.last_published_at,
            }
        )
        return urls


class EventPage(RoutablePageMixin, BasePage):
    """An event: before it, how to take part; after it, its report. The switch follows the clock."""

    event_type = models.CharField(_("tipo di evento"), max_length=20, choices=EventType.choices)
    status = models.CharField(
        _("stato"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    start_date = models.DateField(
        _("data di inizio"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Lasciare vuota se l'evento è ancora da programmare."),
    )
    start_time = models.TimeField(
        _("ora di inizio"),
        null=True,
        blank=True,
        help_text=_("Ora italiana. Se vuota, l'evento dura tutto il giorno."),
    )
    end_date = models.DateField(
        _("data di fine"), null=True, blank=True, help_text=_("Se diversa dalla data di inizio.")
    )
    end_time = models.TimeField(_("ora di fine"), null=True, blank=True)
    ends_at = models.DateTimeField(_("fine dell'evento"), null=True, editable=False, db_index=True)

    mode = models.CharField(_("modalità"), max_length=10, choices=EventMode.choices, blank=True)
    venue = models.CharField(_("luogo"), max_length=255, blank=True, help_text=_("Sede e indirizzo."))
    city = models.CharField(_("città"), max_length=120, blank=True)
    online_url = models.URLField(_("collegamento online"), blank=True)
    organisers = models.CharField(
        _("organizzatori"),
        max_length=255,
        blank=True,
        help_text=_("Per esempio: UPI e Provincia di Pesaro e Urbino"),
    )
    macro_area = models.CharField(_("macro-area"), max_length=12, choices=MacroArea.choices, blank=True)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("settore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    provinces = ParentalManyToManyField(Province, verbose_name=_("Province"), blank=True, related_name="+")

    registration_status = models.CharField(
        _("iscrizioni"),
        max_length=12,
        choices=RegistrationStatus.choices,
        blank=True,
    )
    registration_url = models.URLField(_("pagina di iscrizione"), blank=True)
    how_to_participate = models.TextField(
        _("come partecipare"),
        blank=True,
        help_text=_("Mostrato fino alla fine dell'evento."),
    )

    intro = models.TextField(_("sintesi"), blank=True)
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programma"), blank=True)
    speakers = StreamField(SpeakersBlock(), verbose_name=_("relatori"), blank=True)

    report = StreamField(
        BodyBlock(),
        verbose_name=_("resoconto"),
        blank=True,
        help_text=_("Mostrato dopo la fine dell'evento."),
    )
    report_documents = StreamField(
        ReportDocumentsBlock(), verbose_name=_("presentazioni e documenti"), blank=True
    )
    video_url = models.URLField(
        _("video"),
        blank=True,
        help_text=_("Indirizzo della registrazione (per esempio su YouTube o Vimeo)."),
    )
    video_title = models.CharField(_("titolo del video"), max_length=255, blank=True)
    video_image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("anteprima del video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Un fotogramma caricato nel sito: il video non è incorporato, per non caricare contenuti di terzi."
        ),
    )
    gallery = StreamField(GalleryBlock(), verbose_name=_("galleria fotografica"), blank=True)
    related_pages = StreamField(
        RelatedPagesBlock(),
        verbose_name=_("pagine collegate"),
        blank=True,
        help_text=_("Notizie, buone pratiche e altre pagine del sito."),
    )

    objects = EventPageManager()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_type"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Quando"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldPanel("venue"),
                FieldPanel("city"),
                FieldPanel("online_url"),
                FieldPanel("organisers"),
            ],
            heading=_("Dove e chi"),
        ),
        MultiFieldPanel(
            [FieldPanel("sector"), FieldPanel("macro_area"), FieldPanel("provinces")],
            heading=_("Settore e territorio"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_status"),
                FieldPanel("registration_url"),
                FieldPanel("how_to_participate"),
            ],
            heading=_("Partecipazione"),
        ),
        FieldPanel("programme"),
        FieldPanel("speakers"),
        MultiFieldPanel(
            [
                FieldPanel("report"),
                FieldPanel("report_documents"),
                FieldPanel("video_url"),
                FieldPanel("video_title"),
                FieldPanel("video_image"),
                FieldPanel("gallery"),
            ],
            heading=_("Resoconto"),
        ),
        FieldPanel("related_pages"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("report"),
        index.SearchField("city"),
        index.FilterField("start_date"),
        index.FilterField("event_type"),
    ]

    def get_search_date(self):
        """The date the site search shows: the day the event starts."""
        return self.start_date

    override_translatable_fields = [SynchronizedField("provinces"), SynchronizedField("video_url")]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Evento")
        verbose_name_plural = _("Eventi")

    # --- time ---------------------------------------------------------------------------------

    @property
    def is_all_day(self):
        return self.start_date is not None and self.start_time is None

    @property
    def to_be_scheduled(self):
        return self.start_date is None

    @property
    def starts_at(self):
        return _local(self.start_date, self.start_time) if self.start_date else None

    def compute_ends_at(self):
        """The instant the event is over (exclusive end of the last day for all-day events)."""
        if self.start_date is None:
            return None
        last_day = self.end_date or self.start_date
        if self.end_time is not None:
            return _local(last_day, self.end_time)
        return _local(last_day + datetime.timedelta(days=1), None)

    @property
    def ical_end(self):
        """DTEND: a date for all-day events, otherwise a time (None when only the start time is known)."""
        if self.is_all_day:
            return (self.end_date or self.start_date) + datetime.timedelta(days=1)
        if self.end_time is not None:
            return _local(self.end_date or self.start_date, self.end_time)
        return None

    def is_past(self, now=None):
        return self.ends_at is not None and self.ends_at <= (now or timezone.now())

    def is_ongoing(self, now=None):
        now = now or timezone.now()
        return self.starts_at is not None and self.starts_at <= now < self.ends_at

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date is None and (self.start_time or self.end_date or self.end_time):
            errors["start_date"] = _(
                "Indicare la data di inizio, oppure lasciare vuote anche ore e data di fine."
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La data di fine precede quella di inizio.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Indicare anche l'ora di inizio.")
        if self.start_date and self.end_time and self.start_time and self.compute_ends_at() <= self.starts_at:
            errors["end_time"] = _("La fine dell'evento precede il suo inizio.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.ends_at = self.compute_ends_at()
        return super().save(*args, **kwargs)

    # --- presentation --------------------------------------------------------------------------

    def get_summary(self):
        return self.listing_summary or self.intro or self.search_description

    def get_meta_description(self):
        return self.search_description or self.listing_summary or self.intro

    @property
    def report_document_list(self):
        return [block.value for block in self.report_documents if block.value]

    @property
    def video_host(self):
        return urlsplit(self.video_url).hostname or ""

    @property
    def location_text(self):
        return ", ".join(part for part in (self.venue, self.city) if part)

    @property
    def schema_attendance_mode(self):
        return {
            EventMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
            EventMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
            EventMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
        }.get(self.mode)

    @property
    def schema_status(self):
        return {
            EventStatus.POSTPONED: "https://schema.org/EventPostponed",
            EventStatus.CANCELLED: "https://schema.org/EventCancelled",
        }.get(self.status, "https://schema.org/EventScheduled")

    def json_ld(self, request):
        """schema.org Event for dated events (a date is required by the vocabulary's consumers)."""
        if self.start_date is None:
            return None
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "url": request.build_absolute_uri(self.get_url(request)),
            "startDate": self.start_date.isoformat() if self.is_all_day else self.starts_at.isoformat(),
            "eventStatus": self.schema_status,
            "inLanguage": self.locale.language_code,
        }
        end = self.ical_end
        if self.is_all_day and self.end_date:
            data["endDate"] = self.end_date.isoformat()
        elif end is not None and not self.is_all_day:
            data["endDate"] = end.isoformat()
        if self.schema_attendance_mode:
            data["eventAttendanceMode"] = self.schema_attendance_mode
        if self.get_summary():
            data["description"] = self.get_summary()
        locations = []
        if self.venue or self.city:
            place = {"@type": "Place", "name": self.venue or self.city}
            if self.city:
                place["address"] = {
                    "@type": "PostalAddress",
                    "addressLocality": self.city,
                    "addressCountry": "IT",
                }
            locations.append(place)
        if self.online_url:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        if self.organisers:
            data["organizer"] = {"@type": "Organization", "name": self.organisers}
        performers = [
            {"@type": "Person", "name": block.value["name"]}
            for block in self.speakers
            if block.block_type == "speaker"
        ]
        if performers:
            data["performer"] = performers
        return data

    @classmethod
    def served_queryset(cls, queryset):
        return queryset.select_related("sector").prefetch_related("provinces")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            now=now,
            is_past=self.is_past(now),
            is_ongoing=self.is_ongoing(now),
            index_page=self.get_parent(),
            ical_url=self.url + self.reverse_subpage("ical") if self.start_date else "",
            json_ld=self.json_ld(request),
            related=related_pages(self, [block.value for block in self.related_pages]),
        )
        return context

    @path("")
    def event_view(self, request):
        return views.event(request, self)

    @path("ics/", name="ical")
    def ical_view(self, request):
        return views.event_calendar(request, self)


# The views import these models, so they come last (routing convention: see practices/views.py).
from events import views  # noqa: E402
