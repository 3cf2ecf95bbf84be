"""The site shell: the home page of each language and the organization's settings."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Site

from .datelines import ERA_JUCHE, ERA_NONE, ORDER_DATE_FIRST, ORDER_LANGUAGE, ORDER_PLACE_FIRST


class HomePage(Page):
    """The front page of one language: an introduction and the newest releases."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["releases.ReleaseIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")

    def latest_releases(self, count=10):
        """The newest ``count`` releases under this home page (memoised per site generation)."""
        from . import derived

        # core must not import releases (see docs/architecture.md); look the model up.
        release_model = apps.get_model("releases", "PressReleasePage")
        return derived.memo(
            "latest_releases", f"{self.pk}|{count}", lambda: list(release_model.objects.listed().descendant_of(self)[:count])
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["releases"] = self.latest_releases()
        context["release_index"] = self.get_children().live().first()
        return context


class Era(models.TextChoices):
    NONE = ERA_NONE, _("Common era only")
    JUCHE = ERA_JUCHE, _("Juche era, common year in brackets")


class DatelineOrder(models.TextChoices):
    LANGUAGE = ORDER_LANGUAGE, _("As usual for the language")
    PLACE_FIRST = ORDER_PLACE_FIRST, _("Place first")
    DATE_FIRST = ORDER_DATE_FIRST, _("Date first")


@register_setting(icon="site")
class OrganizationSettings(ClusterableModel, BaseSiteSetting):
    """Who publishes the releases; rendered as the footer of every page.

    Language-neutral fields live here; names and addresses, which differ by
    language, live in one ``OrganizationText`` row per language.
    """

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    fax = models.CharField(_("fax"), max_length=64, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    era = models.CharField(
        _("era"),
        max_length=16,
        choices=Era.choices,
        default=Era.NONE,
        help_text=_("The calendar era datelines use next to the common year."),
    )
    dateline_order = models.CharField(
        _("dateline order"),
        max_length=16,
        choices=DatelineOrder.choices,
        default=DatelineOrder.LANGUAGE,
        help_text=_(
            "Which comes first in datelines: the place or the date. “As usual for the language” puts "
            "the place first in English and Russian (“Khabarovsk, July 21, 2022”) and the date first "
            "in Korean (“2022년 7월 21일 하바롭스크”)."
        ),
    )

    panels = [
        InlinePanel("texts", label=_("Name and address per language"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("postal_code"), FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("era"), FieldPanel("dateline_order")], heading=_("Datelines")),
    ]

    class Meta:
        verbose_name = _("organization")

    def __str__(self):
        text = self.text_for()
        return text.name if text else str(_("organization"))

    @classmethod
    def for_request_memo(cls, request):
        """``for_request`` with the texts prefetched, memoised per site generation
        (``core.derived``): the footer of every page needs both."""
        from . import derived

        site = Site.find_for_request(request)
        if site is None:
            return None

        def load():
            org = cls.for_site(site)
            org.text_by_language = {text.language: text for text in org.texts.all()}
            return org

        return derived.memo("organization", site.pk, load)

    def text_for(self, language=None):
        """The ``OrganizationText`` of ``language`` (default: the active one), else the site default."""
        language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        texts = getattr(self, "text_by_language", None)
        if texts is None:
            texts = {text.language: text for text in self.texts.all()}
        return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or next(iter(texts.values()), None)


def content_languages():
    return settings.WAGTAIL_CONTENT_LANGUAGES


class OrganizationText(Orderable):
    """The organization's name, boilerplate and address in one language."""

    organization = ParentalKey(OrganizationSettings, related_name="texts", on_delete=models.CASCADE)
    # A callable, so that adding a language is a settings change, not a migration.
    language = models.CharField(_("language"), max_length=8, choices=content_languages)
    name = models.CharField(_("name"), max_length=255)
    boilerplate = models.TextField(
        _("about us"), blank=True, help_text=_("The paragraph about the organization under every page.")
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    street = models.CharField(_("street address"), max_length=255, blank=True)

    panels = [
        FieldPanel("language"),
        FieldPanel("name"),
        FieldPanel("boilerplate"),
        FieldPanel("country"),
        FieldPanel("city"),
        FieldPanel("street"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("organization text")
        constraints = [
            models.UniqueConstraint(fields=["organization", "language"], name="core_orgtext_one_per_language")
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"


def bump_row(model, pk, changes):
    """``UPDATE`` row ``pk`` of ``model`` with ``changes`` (``F()`` expressions), creating the
    row first when it does not exist yet; ``get_or_create``'s savepoint makes a concurrent
    first create harmless. For the version rows pages are cached under."""
    if not model.objects.filter(pk=pk).update(**changes):
        model.objects.get_or_create(pk=pk)
        model.objects.filter(pk=pk).update(**changes)


class SiteState(models.Model):
    """One row: the generation of everything the public pages show but comments.

    Bumped in the transaction that publishes, unpublishes, moves or deletes a page,
    or changes the organization's settings or a snippet pages show
    (``core.pagecache.content_changed``). Whole cached pages are keyed by it, so a
    cache entry can never outlive the content it was rendered from.
    """

    generation = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("site state")

    def __str__(self):
        return f"generation {self.generation}"

    @classmethod
    def bump(cls):
        bump_row(cls, 1, {"generation": models.F("generation") + 1, "changed_at": timezone.now()})

    @classmethod
    def current(cls):
        """``(generation, changed_at)``; ``(0, None)`` before anything was published."""
        return cls.objects.filter(pk=1).values_list("generation", "changed_at").first() or (0, None)
