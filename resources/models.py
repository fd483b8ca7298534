"""“Documenti e risorse”: the document library, working groups, focus groups and training.

Documents are Wagtail documents (``SiteDocument``), which are not translated: one file, one language.
A document the project has announced but not yet published has no file, so it cannot be a Wagtail
document: it is an ``UpcomingDocument`` (a translatable snippet) shown in the library as “in
preparation” until an editor links the uploaded document to it.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Collection, Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.blocks import BodyBlock
from core.destinations import login_redirect
from core.documents import public_documents, restricted_collection_ids
from core.models import (
    BasePage,
    BodyMixin,
    DocumentType,
    IntroMixin,
    MacroArea,
    Province,
    Sector,
    SiteDocument,
)
from core.related import related_pages
from resources.choices import GroupState, OutputState, RegistrationStatus, TrainingFormat


def page_links_block(label):
    return StreamField(
        [("page", blocks.PageChooserBlock(label=_("pagina")))],
        verbose_name=label,
        blank=True,
    )


# --- Documents --------------------------------------------------------------------------------------


def withheld_document_ids():
    """Documents listed as group outputs none of which is published yet (draft or only approved).

    Registered as a ``withheld_document_ids`` hook: ``core.documents.public_documents`` leaves them out.
    """
    linked, published = set(), set()
    outputs = [
        model.objects.filter(document__isnull=False).order_by().values_list("document_id", "state")
        for model in (WorkingGroupOutput, FocusGroupOutput)
    ]
    for document_id, state in outputs[0].union(*outputs[1:], all=True):  # one query
        linked.add(document_id)
        if state == OutputState.PUBLISHED:
            published.add(document_id)
    return linked - published


class UpcomingDocument(TranslatableMixin, index.Indexed, models.Model):
    """A document the project has announced that has no file yet: listed as “in preparation”."""

    title = models.CharField(_("titolo"), max_length=255)
    description = models.TextField(_("descrizione"), blank=True)
    doc_type = models.CharField(
        _("tipo di documento"), max_length=20, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("settore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    working_group = models.ForeignKey(
        "resources.WorkingGroupPage",
        verbose_name=_("gruppo di lavoro"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="upcoming_documents",
    )
    expected = models.CharField(
        _("disponibilità prevista"),
        max_length=200,
        blank=True,
        help_text=_("Quando o dopo quale attività il documento sarà disponibile, se noto."),
    )
    document = models.ForeignKey(
        SiteDocument,
        verbose_name=_("documento pubblicato"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Quando il file è pronto, caricarlo come documento e sceglierlo qui: la voce esce "
            "dall'elenco dei documenti in preparazione."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("doc_type"),
        FieldPanel("sector"),
        FieldPanel("working_group"),
        FieldPanel("expected"),
        FieldPanel("document"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "title"]
        verbose_name = _("documento in preparazione")
        verbose_name_plural = _("documenti in preparazione")

    def __str__(self):
        return self.title


# --- Section and library ----------------------------------------------------------------------------


class ResourcesIndexPage(IntroMixin, BodyMixin, BasePage):
    """“Documenti e risorse”: the library, the working groups, the focus groups and training."""

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    template = "resources/resources_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "resources.DocumentLibraryPage",
        "resources.WorkingGroupIndexPage",
        "resources.FocusGroupIndexPage",
        "resources.TrainingIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Indice di documenti e risorse")
        verbose_name_plural = _("Indici di documenti e risorse")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context


class DocumentLibraryPage(RoutablePageMixin, IntroMixin, BasePage):
    """The document library: filters, search, sort and a detail view per document."""

    per_page = models.PositiveSmallIntegerField(_("documenti per pagina"), default=20)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    settings_panels = [*BasePage.settings_panels, FieldPanel("per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    template = "resources/document_library_page.html"
    parent_page_types = ["resources.ResourcesIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Biblioteca dei documenti")
        verbose_name_plural = _("Biblioteche dei documenti")

    @path("")
    def index_view(self, request):
        return views.library(request, self)

    @path("<int:document_id>/")
    def document_view(self, request, document_id):
        return views.document(request, self, document_id=document_id)

    def document_url(self, document):
        return self.url + self.reverse_subpage("document_view", kwargs={"document_id": document.pk})


# --- Working groups and focus groups ----------------------------------------------------------------


class GroupIndexPage(IntroMixin, BodyMixin, BasePage):
    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["resources.ResourcesIndexPage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.get_groups()
        return context


class GroupPage(IntroMixin, BasePage):
    """What working groups and focus groups share: purpose, state, meetings, outputs, reserved area."""

    state = models.CharField(
        _("stato"), max_length=12, choices=GroupState.choices, default=GroupState.PLANNED
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("finalità e attività"),
        blank=True,
        help_text=_("Perché il gruppo esiste, che cosa fa e come lavora."),
    )
    meetings = page_links_block(_("incontri e sessioni"))
    members_group = models.ForeignKey(
        Group,
        verbose_name=_("gruppo di utenti dei membri"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Gli utenti di questo gruppo vedono l'area riservata e i documenti della raccolta riservata."
        ),
    )
    reserved_collection = models.ForeignKey(
        Collection,
        verbose_name=_("raccolta riservata dei documenti"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Raccolta con impostazioni di privacy che limitano la visione ai membri del gruppo."),
    )

    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True

    def published_outputs(self):
        return [output for output in self.outputs.all() if output.state == OutputState.PUBLISHED]

    def meeting_pages(self):
        return related_pages(self, [block.value for block in self.meetings])

    def reserved_pages(self):
        return self.get_children().type(GroupMaterialPage).live()


class OutputBase(Orderable):
    """A document or a page the group produced, with its state: only published outputs are public."""

    title = models.CharField(
        _("titolo"),
        max_length=255,
        blank=True,
        help_text=_("Se vuoto si usa il titolo del documento o della pagina."),
    )
    document = models.ForeignKey(
        SiteDocument,
        verbose_name=_("documento"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    linked_page = models.ForeignKey(
        Page,
        verbose_name=_("pagina"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    state = models.CharField(
        _("stato"), max_length=12, choices=OutputState.choices, default=OutputState.DRAFT
    )

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("linked_page"), FieldPanel("state")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if bool(self.document_id) == bool(self.linked_page_id):
            raise ValidationError(_("Scegliere un documento oppure una pagina (uno solo dei due)."))

    @property
    def label(self):
        if self.title:
            return self.title
        target = self.document or self.linked_page
        return target.title if target else ""


class WorkingGroupIndexPage(GroupIndexPage):
    template = "resources/group_index_page.html"
    subpage_types = ["resources.WorkingGroupPage"]

    class Meta:
        verbose_name = _("Indice dei gruppi di lavoro")
        verbose_name_plural = _("Indici dei gruppi di lavoro")

    def get_groups(self):
        return (
            WorkingGroupPage.objects.child_of(self)
            .live()
            .public()
            .select_related("sector")
            .order_by("sector__sort_order", "title")
        )


class WorkingGroupPage(GroupPage):
    """A thematic working group: one per sector."""

    sector = models.ForeignKey(Sector, verbose_name=_("settore"), on_delete=models.PROTECT, related_name="+")
    coordinators = StreamField(
        [
            (
                "coordinator",
                blocks.StructBlock(
                    [
                        ("name", blocks.CharBlock(label=_("nome e cognome"))),
                        ("role", blocks.CharBlock(label=_("ruolo"), required=False)),
                        ("organisation", blocks.CharBlock(label=_("ente"), required=False)),
                    ],
                    label=_("coordinatore"),
                    icon="user",
                ),
            )
        ],
        verbose_name=_("coordinatori"),
        blank=True,
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("sector"),
        FieldPanel("state"),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("provinces", label=_("Province partecipanti")),
        FieldPanel("coordinators"),
        FieldPanel("meetings", help_text=_("Le pagine degli incontri del gruppo (eventi).")),
        InlinePanel("outputs", label=_("Prodotti del gruppo")),
    ]
    settings_panels = [
        *BasePage.settings_panels,
        MultiFieldPanel(
            [FieldPanel("members_group"), FieldPanel("reserved_collection")], heading=_("Area riservata")
        ),
    ]

    template = "resources/group_page.html"
    parent_page_types = ["resources.WorkingGroupIndexPage"]
    subpage_types = ["resources.GroupMaterialPage"]

    class Meta:
        verbose_name = _("Gruppo di lavoro")
        verbose_name_plural = _("Gruppi di lavoro")

    def participating_provinces(self):
        return [
            link.province for link in self.provinces.select_related("province").order_by("province__name")
        ]


class WorkingGroupProvince(Orderable):
    page = ParentalKey(WorkingGroupPage, on_delete=models.CASCADE, related_name="provinces")
    province = models.ForeignKey(
        Province, verbose_name=_("Provincia"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("province")]

    class Meta(Orderable.Meta):
        verbose_name = _("Provincia partecipante")
        constraints = [
            models.UniqueConstraint(fields=["page", "province"], name="unique_working_group_province")
        ]


class WorkingGroupOutput(OutputBase):
    page = ParentalKey(WorkingGroupPage, on_delete=models.CASCADE, related_name="outputs")

    class Meta(OutputBase.Meta):
        verbose_name = _("prodotto del gruppo di lavoro")


class FocusGroupIndexPage(GroupIndexPage):
    template = "resources/group_index_page.html"
    subpage_types = ["resources.FocusGroupPage"]

    class Meta:
        verbose_name = _("Indice dei focus group")
        verbose_name_plural = _("Indici dei focus group")

    def get_groups(self):
        order = {value: position for position, (value, _label) in enumerate(MacroArea.choices)}
        return sorted(
            FocusGroupPage.objects.child_of(self).live().public(),
            key=lambda page: order.get(page.macro_area, 99),
        )


class FocusGroupPage(GroupPage):
    """A focus group of one macro-area, across the three sectors."""

    macro_area = models.CharField(_("macro-area"), max_length=12, choices=MacroArea.choices)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("macro_area"),
        FieldPanel("state"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("meetings", help_text=_("Le pagine delle sessioni del focus group (eventi).")),
        InlinePanel("outputs", label=_("Resoconti e prodotti")),
    ]
    settings_panels = [
        *BasePage.settings_panels,
        MultiFieldPanel(
            [FieldPanel("members_group"), FieldPanel("reserved_collection")], heading=_("Area riservata")
        ),
    ]

    template = "resources/group_page.html"
    parent_page_types = ["resources.FocusGroupIndexPage"]
    subpage_types = ["resources.GroupMaterialPage"]

    class Meta:
        verbose_name = _("Focus group")
        verbose_name_plural = _("Focus group")

    def participating_provinces(self):
        return list(Province.objects.in_macro_area(self.macro_area).order_by("region", "name"))


class FocusGroupOutput(OutputBase):
    page = ParentalKey(FocusGroupPage, on_delete=models.CASCADE, related_name="outputs")

    class Meta(OutputBase.Meta):
        verbose_name = _("resoconto o prodotto del focus group")


class GroupMaterialPage(IntroMixin, BodyMixin, BasePage):
    """A page of a group's reserved area: restrict it to the group's members with the privacy settings."""

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    template = "resources/group_material_page.html"
    parent_page_types = [
        "resources.WorkingGroupPage",
        "resources.FocusGroupPage",
        "resources.GroupMaterialPage",
    ]
    subpage_types = ["resources.GroupMaterialPage"]

    class Meta:
        verbose_name = _("Pagina dell'area riservata")
        verbose_name_plural = _("Pagine dell'area riservata")

    def get_group(self):
        for ancestor in self.get_ancestors().reverse().specific():
            if isinstance(ancestor, GroupPage):
                return ancestor
        return None

    @staticmethod
    def member_may_view(user, group):
        """Members of the group's user group (and superusers), as Wagtail's group privacy setting does."""
        if group is None or group.members_group_id is None:
            return True  # no members' group: the page's privacy settings alone decide
        if not user.is_authenticated:
            return False
        return user.is_superuser or user.groups.filter(pk=group.members_group_id).exists()

    def serve(self, request, *args, **kwargs):
        # A second lock behind the privacy settings: a reserved page stays reserved even if an editor
        # forgets to restrict it (for example a new translation).
        if not self.member_may_view(request.user, self.get_group()):
            return login_redirect(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        group = self.get_group()
        context["group"] = group
        if group is not None:
            context["outputs"] = group.outputs.select_related("document", "linked_page")
            context["reserved_documents"] = (
                SiteDocument.objects.filter(collection=group.reserved_collection).order_by("-created_at")
                if group.reserved_collection_id
                else SiteDocument.objects.none()
            )
        context["subpages"] = self.get_children().live()
        return context


# --- Training ---------------------------------------------------------------------------------------


class TrainingIndexPage(RoutablePageMixin, IntroMixin, BodyMixin, BasePage):
    """“Formazione e capacity building”: the training offers, filtered by sector and format."""

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "resources/training_index_page.html"
    parent_page_types = ["resources.ResourcesIndexPage"]
    subpage_types = ["resources.TrainingOfferPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Indice della formazione")
        verbose_name_plural = _("Indici della formazione")

    @path("")
    def index_view(self, request):
        return views.training(request, self)


class TrainingOfferPage(IntroMixin, BasePage):
    """A training offer for provincial officials: audience, modules, sessions, materials, registration."""

    audience = models.CharField(_("destinatari"), max_length=255, blank=True)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("settore"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vuoto se l'offerta riguarda tutti i settori."),
    )
    format = models.CharField(
        _("formato"),
        max_length=12,
        choices=TrainingFormat.choices,
        blank=True,
        help_text=_("Vuoto finché il formato non è definito."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("descrizione"), blank=True)
    modules = StreamField(
        [
            (
                "module",
                blocks.StructBlock(
                    [
                        ("title", blocks.CharBlock(label=_("titolo"))),
                        (
                            "duration",
                            blocks.CharBlock(
                                label=_("durata"), required=False, help_text=_("Per esempio: 3 ore.")
                            ),
                        ),
                        (
                            "learning_goals",
                            blocks.RichTextBlock(
                                label=_("obiettivi di apprendimento"),
                                required=False,
                                features=["bold", "italic", "ul", "ol"],
                            ),
                        ),
                    ],
                    label=_("modulo"),
                    icon="list-ol",
                ),
            )
        ],
        verbose_name=_("moduli"),
        blank=True,
    )
    sessions = page_links_block(_("sessioni"))
    materials = StreamField(
        [("document", DocumentChooserBlock(label=_("documento")))],
        verbose_name=_("materiali"),
        blank=True,
    )
    case_studies = page_links_block(_("pratiche usate come casi di studio"))
    registration_status = models.CharField(
        _("iscrizioni"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PLANNED,
    )
    registration_url = models.URLField(_("indirizzo per l'iscrizione"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("sector"), FieldPanel("format")], heading=_("In sintesi")
        ),
        FieldPanel("body"),
        FieldPanel("modules"),
        FieldPanel("sessions", help_text=_("Le pagine delle sessioni formative (eventi).")),
        FieldPanel("materials"),
        FieldPanel("case_studies"),
        MultiFieldPanel(
            [FieldPanel("registration_status"), FieldPanel("registration_url")], heading=_("Iscrizioni")
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("format"),
    ]

    template = "resources/training_offer_page.html"
    parent_page_types = ["resources.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Offerta formativa")
        verbose_name_plural = _("Offerte formative")

    def clean(self):
        super().clean()
        if self.registration_status == RegistrationStatus.OPEN and not self.registration_url:
            raise ValidationError(
                {"registration_url": _("Con le iscrizioni aperte serve l'indirizzo per iscriversi.")}
            )

    def session_pages(self):
        return related_pages(self, [block.value for block in self.sessions])

    def case_study_pages(self):
        return related_pages(self, [block.value for block in self.case_studies])

    def material_documents(self):
        ids = [block.value.pk for block in self.materials if block.value]
        public_ids = set(public_documents().filter(id__in=ids).values_list("id", flat=True))
        return [block.value for block in self.materials if block.value and block.value.pk in public_ids]


__all__ = [
    "DocumentLibraryPage",
    "FocusGroupIndexPage",
    "FocusGroupOutput",
    "FocusGroupPage",
    "GroupMaterialPage",
    "GroupState",
    "OutputState",
    "RegistrationStatus",
    "ResourcesIndexPage",
    "TrainingFormat",
    "TrainingIndexPage",
    "TrainingOfferPage",
    "UpcomingDocument",
    "WorkingGroupIndexPage",
    "WorkingGroupOutput",
    "WorkingGroupPage",
    "WorkingGroupProvince",
    "public_documents",
    "restricted_collection_ids",
    "withheld_document_ids",
]


# The views import these models, so they come last (routing convention: see practices/views.py).
from resources import views  # noqa: E402
