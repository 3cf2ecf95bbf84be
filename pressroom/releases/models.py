"""Press releases, the index that lists them, and their authors."""

import datetime

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pressroom.core import derived
from pressroom.core.datelines import format_dateline
from pressroom.core.models import OrganizationSettings

from .blocks import ReleaseBodyBlock

RELEASES_PER_PAGE = 20


@register_snippet
class Author(TranslatableMixin, index.Indexed, models.Model):
    """Who signs releases. One author, many releases; translated like pages."""

    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    organization = models.CharField(_("organization"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("position"), FieldPanel("organization")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def affiliation(self):
        return ", ".join(part for part in (self.position, self.organization) if part)


@register_snippet
class Entity(TranslatableMixin, models.Model):
    """A named entity (organization, place, fleet…) that releases get tagged with.

    One row per language, like authors: the Russian row lists the Russian forms.
    On save, a release suggests the names of the entities its text mentions
    (pressroom/releases/entities.py); editors add the ones that fit to Tags.
    """

    name = models.CharField(_("name"), max_length=255, help_text=_("Also the tag that is suggested."))
    aliases = models.TextField(
        _("other forms"),
        blank=True,
        help_text=_("One per line: abbreviations and inflected forms, e.g. “Тихоокеанского флота”."),
    )

    panels = [FieldPanel("name"), FieldPanel("aliases")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("named entity")
        verbose_name_plural = _("named entities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def forms(self):
        """The name and each non-empty alias line."""
        return [self.name] + [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Kicker(models.TextChoices):
    """The label above a release title; translated with the interface."""

    PRESS_RELEASE = "press_release", _("Press release")
    STATEMENT = "statement", _("Statement")
    ARTICLE = "article", _("Article")
    INTERVIEW = "interview", _("Interview")


class ReleaseTag(TaggedItemBase):
    content_object = ParentalKey("releases.PressReleasePage", related_name="tagged_items", on_delete=models.CASCADE)


class ReleaseQuerySet(PageQuerySet):
    def listed(self):
        """Live, public releases, newest first: what readers may see in listings."""
        return (
            self.live()
            .public()
            .select_related("author", "locale")
            # Both keys on the release table: with the index below, the newest N of
            # 100,000 releases are an index scan, not a join and sort of all of them.
            .order_by("-release_date", "-pk")
        )

    def search_listed(self, query, locale=None, backend="default"):
        """Listed releases (of ``locale``) matching a reader's ``query``, newest first.

        A sliceable for Django's Paginator: ``count()`` stops at
        ``fulltext.COUNT_CAP`` and ``capped`` says when more match. SQLite reads
        our own FTS5 table (releases/fulltext.py); other databases go through
        the search backend ``backend`` (one per language on PostgreSQL).
        """
        from django.db import connection
        from wagtail.search.backends import get_search_backend

        from . import fulltext

        listed = self.listed()
        if locale is not None:
            listed = listed.filter(locale=locale)
        if fulltext.available():
            return fulltext.NewestMatches(query, locale and locale.pk, listed)
        if connection.vendor == "postgresql":
            config = get_search_backend(backend).config
            return fulltext.NewestMatches(query, locale and locale.pk, listed, config=config)
        # Another database: Wagtail's backend, newest first, every match counted.
        # Quotes are phrase syntax to the full-text engines: search the words only.
        terms = query.replace('"', " ").strip() or "-"
        return listed.order_by("-release_date").search(terms, order_by_relevance=False, backend=backend)


ReleaseManager = PageManager.from_queryset(ReleaseQuerySet)


class ReleaseIndexPage(RoutablePageMixin, Page):
    """The home of releases in one language: newest first, 20 a page.

    Sub-routes (see pressroom/releases/views.py): <year>/, <year>/<month>/,
    tags/<slug>/ and authors/<id>/.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["releases.PressReleasePage"]
    parent_page_types = ["core.HomePage"]

    class Meta:
        verbose_name = _("release index")

    def releases(self):
        return PressReleasePage.objects.listed().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .views import paginate  # views import this module

        page_obj = paginate(request, self.releases(), count_key=f"{self.pk}|index")
        context["page_obj"] = page_obj
        context["releases"] = page_obj.object_list
        from .views import archive_sidebar  # views import this module

        context["archive_years"] = archive_sidebar(self, request)
        return context

    @re_path(r"^(?P<year>\d{4})/$", name="year")
    def year_archive(self, request, year):
        from .views import archive

        return archive(self, request, year=int(year))

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{2})/$", name="month")
    def month_archive(self, request, year, month):
        from .views import archive

        return archive(self, request, year=int(year), month=int(month))

    @path("tags/<str:slug>/", name="tag")
    def tag_archive(self, request, slug):
        from .views import tag_archive

        return tag_archive(self, request, slug)

    @path("authors/<int:author_id>/", name="author")
    def author_archive(self, request, author_id):
        from .views import author_archive

        return author_archive(self, request, author_id)


class PressReleasePage(RoutablePageMixin, Page):
    """One press release, statement or article; ``release.pdf`` is its printable PDF."""

    kicker = models.CharField(_("kicker"), max_length=32, choices=Kicker.choices, default=Kicker.PRESS_RELEASE)
    author = models.ForeignKey(
        Author, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL, related_name="releases"
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Shown in listings and feeds and used as the meta description.")
    )
    body = StreamField(ReleaseBodyBlock(), verbose_name=_("body"), blank=True)
    dateline_place = models.CharField(
        _("dateline place"), max_length=100, blank=True, help_text=_("The city, without a prefix such as “г.”.")
    )
    release_date = models.DateField(_("release date"), default=datetime.date.today, db_index=True)
    tags = ClusterTaggableManager(through=ReleaseTag, blank=True, verbose_name=_("tags"))
    comments_open = models.BooleanField(
        _("comments open"), default=True, help_text=_("Untick to close comments on this release.")
    )
    suggested_tags = models.CharField(
        _("suggested tags"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Named entities found in the text when the release was last saved. "
            "Add the ones that fit to Tags; the others can be ignored."
        ),
    )
    # Set by the importers (pressroom.importer) so that a re-import updates this
    # page instead of adding a copy: stable_key() for text files, "wp:<site>:<id>"
    # for WordPress posts. Blank for pages written in the admin.
    import_key = models.CharField(
        _("import key"), max_length=255, blank=True, db_index=True, editable=False,
        help_text=_("Identifies the imported source of this release."),
    )

    objects = ReleaseManager()

    # A translation is a new page, not a second copy of the imported source.
    exclude_fields_in_copy = ["import_key"]

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("kicker"), FieldPanel("author")], heading=_("Byline")),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("dateline_place"), FieldPanel("release_date")], heading=_("Dateline")),
        FieldPanel("tags"),
        FieldPanel("suggested_tags", read_only=True),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("comments_open")]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("author", [index.SearchField("name")]),
        index.SearchField("search_word_forms"),
        index.FilterField("release_date"),
        index.FilterField("locale_id"),
    ]

    parent_page_types = ["releases.ReleaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        indexes = [models.Index(fields=["release_date", "page_ptr"], name="releases_newest_idx")]

    @cached_property
    def localized_author(self):
        """The author in this page's language when a translation exists."""
        if self.author_id is None:
            return None

        def load():
            author = Author.objects.get(pk=self.author_id)
            return author.get_translation_or_none(self.locale_id) or author

        return derived.memo("author", f"{self.author_id}|{self.locale_id}", load)

    @cached_property
    def tag_list(self):
        """The release's tags (memoised per site generation)."""
        return derived.memo("tags", self.pk, lambda: list(self.tags.all()))

    @cached_property
    def index_url(self):
        """URL of the release index this release is listed in (for author and tag links)."""
        return derived.memo("index_url", self.pk, lambda: self.get_parent().url)

    def get_view_restrictions(self):
        # Asked on every page view by Wagtail's before_serve_page hook; restriction
        # changes bump the site generation (core/signals.py).
        return derived.memo("restrictions", self.pk, lambda: list(super(PressReleasePage, self).get_view_restrictions()))

    def search_word_forms(self):
        """Stems and particle-free forms of the release's words, indexed next to them.

        SQLite has no stemmer and no database has a Korean one: releases/search.py
        explains how these forms and the query meet.
        """
        from .search import index_forms  # search imports Wagtail's backends, not needed to load models

        body = self._meta.get_field("body").get_searchable_content(self.body)
        author = self.author.name if self.author_id else ""
        return index_forms(" ".join([self.title, self.summary, author, *body]))

    def dateline(self, request=None):
        """The dateline in the page's language, with the organization's era and order."""
        org = None
        if request is not None:
            org = OrganizationSettings.for_request_memo(request)
        elif (site := self.get_site()) is not None:
            org = OrganizationSettings.for_site(site)
        if org is None:
            return format_dateline(self.dateline_place, self.release_date, self.locale.language_code)
        return format_dateline(
            self.dateline_place, self.release_date, self.locale.language_code, org.era, org.dateline_order
        )

    # Wagtail hands sub-routes a trailing slash: /…/<slug>/release.pdf matches too.
    @path("release.pdf/", name="pdf")
    def pdf(self, request):
        from .views import release_pdf  # views import this module

        return release_pdf(self, request)

    def clean(self):
        super().clean()
        # Runs on every save_revision() (draft or publish), so the suggestion
        # shown in the editor matches the text just saved.
        from .entities import suggest_tags  # entities imports this module

        self.suggested_tags = ", ".join(suggest_tags(self))

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["dateline"] = self.dateline(request)
        from pressroom.core.templatetags.pressroom_tags import page_translations

        from .jsonld import release_head  # jsonld imports this module

        context["translations"] = page_translations({"request": request}, self)
        context.update(release_head(self, request, [t["language"] for t in context["translations"]]))
        return context
