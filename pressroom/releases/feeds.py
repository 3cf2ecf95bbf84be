"""RSS 2.0 and Atom feeds of the releases of one language.

Declared the way ``django_comments/feeds.py`` is: Django's syndication view
takes the feed ``language`` from the active locale (set by ``i18n_patterns``)
and sends ``Last-Modified``. Every feed exists in both formats: the Atom class
subclasses the RSS one and only swaps the generator.

Item identity: the guid/Atom id is ``<site root>/release/<translation_key>/<lang>``
(``isPermaLink="false"``) so that renaming a release, moving it or editing it
never makes readers see it twice.
"""

import datetime
from dataclasses import dataclass, replace

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale, Site

from pressroom.core import pagecache
from pressroom.core.models import OrganizationSettings

from .models import Author, PressReleasePage, ReleaseIndexPage

FEED_LENGTH = 30
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


class ContentRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the full HTML body in ``<content:encoded>``."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = CONTENT_NS
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class ContentAtomFeed(Atom1Feed):
    """Atom 1.0 with the full HTML body in ``<content type="html">``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


def active_locale():
    return get_object_or_404(Locale, language_code=translation.get_language())


def site_for(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def release_guid(page, site):
    """A guid that survives edits, renames and moves of ``page``."""
    return f"{site.root_url}/release/{page.translation_key}/{page.locale.language_code}"


def release_pubdate(page):
    """``release_date`` as an aware datetime: the first publication time when it fell on
    that day (in TIME_ZONE), else midnight of the release date."""
    first = page.first_published_at
    if first and timezone.localtime(first).date() == page.release_date:
        return first
    if page.release_date:
        return timezone.make_aware(datetime.datetime.combine(page.release_date, datetime.time()))
    return first


@dataclass(frozen=True)
class FeedRequest:
    """What one request of a feed is about. ``urls.py`` makes each Feed once and
    every thread of the server shares it, so nothing of a request may be stored
    on the Feed: it travels as ``obj``, as ``django.contrib.syndication`` passes
    it to ``title(obj)``, ``items(obj)`` and the rest."""

    request: HttpRequest
    site: Site
    locale: Locale
    subject: object = None  # the tag, author or release the feed is about
    subject_url: str = ""


@dataclass(frozen=True)
class FeedItem:
    """One item with the request it is served to: Django calls ``item_*`` methods
    with the item alone."""

    object: object
    feed: FeedRequest


class ReleaseFeed(Feed):
    """All live releases of the active language, newest first."""

    feed_type = ContentRssFeed

    def get_object(self, request, *args, **kwargs):
        return FeedRequest(request, site_for(request), active_locale())

    def releases(self, obj):
        return PressReleasePage.objects.listed().filter(locale=obj.locale).prefetch_related("tags")

    def items(self, obj):
        return [FeedItem(page, obj) for page in self.releases(obj)[:FEED_LENGTH]]

    def site_name(self, obj):
        org = OrganizationSettings.for_site(obj.site)
        text = org.text_for(obj.locale.language_code)
        return text.name if text else obj.site.site_name

    def title(self, obj):
        return self.site_name(obj)

    def description(self, obj):
        return _("Releases of %(site_name)s") % {"site_name": self.site_name(obj)}

    subtitle = description

    def link(self, obj):
        index = ReleaseIndexPage.objects.live().filter(locale=obj.locale).first()
        return index.get_full_url(obj.request) if index else obj.site.root_url + f"/{obj.locale.language_code}/"

    def item_title(self, item):
        return item.object.title

    def item_description(self, item):
        return item.object.summary

    def item_link(self, item):
        return item.object.get_full_url(item.feed.request)

    def item_guid(self, item):
        return release_guid(item.object, item.feed.site)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return release_pubdate(item.object)

    def item_updateddate(self, item):
        return item.object.last_published_at

    def item_author_name(self, item):
        author = item.object.localized_author
        return author.name if author else None

    def item_categories(self, item):
        return [tag.name for tag in item.object.tags.all()]

    def item_extra_kwargs(self, item):
        return {"content_html": str(item.object.body)}


class AtomReleaseFeed(ReleaseFeed):
    feed_type = ContentAtomFeed


class TagFeed(ReleaseFeed):
    """Releases of the active language with one tag."""

    def get_object(self, request, slug):
        return replace(super().get_object(request), subject=get_object_or_404(Tag, slug=slug))

    def releases(self, obj):
        return super().releases(obj).filter(tags=obj.subject)

    def title(self, obj):
        return _("%(site_name)s: %(tag)s") % {"site_name": self.site_name(obj), "tag": obj.subject.name}

    def description(self, obj):
        return _("Releases tagged “%(tag)s”") % {"tag": obj.subject.name}

    subtitle = description


class AtomTagFeed(TagFeed):
    feed_type = ContentAtomFeed


class AuthorFeed(ReleaseFeed):
    """Releases of the active language by one author (any translation of the author)."""

    def get_object(self, request, author_id):
        obj = super().get_object(request)
        author = get_object_or_404(Author, pk=author_id)
        return replace(obj, subject=author.get_translation_or_none(obj.locale) or author)

    def releases(self, obj):
        return super().releases(obj).filter(author__translation_key=obj.subject.translation_key)

    def title(self, obj):
        return _("%(site_name)s: %(author)s") % {"site_name": self.site_name(obj), "author": obj.subject.name}

    def description(self, obj):
        return _("Releases by %(author)s") % {"author": obj.subject.name}

    subtitle = description


class AtomAuthorFeed(AuthorFeed):
    feed_type = ContentAtomFeed


class CommentsFeed(Feed):
    """Approved comments on one live release of the active language.

    Comments are plain text, but feed readers render an RSS ``description`` as
    HTML: the text goes out HTML-escaped (line breaks as ``<br>``), so a
    comment's ``<img onerror=...>`` arrives as the words a reader typed.
    """

    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def get_object(self, request, page_id):
        page = get_object_or_404(PressReleasePage.objects.live().public(), pk=page_id)
        if page.locale.language_code != translation.get_language():
            raise Http404("No such release in this language")
        # A cached copy of this feed is served only while the thread is unchanged.
        version, _count, changed_at = apps.get_model("comments", "Thread").state(page.pk)
        pagecache.depend_on(request, "comments.thread", page.pk, version, changed_at)
        return FeedRequest(request, site_for(request), page.locale, subject=page, subject_url=page.get_full_url(request))

    def title(self, obj):
        return _("Comments on “%(title)s”") % {"title": obj.subject.title}

    def link(self, obj):
        return obj.subject_url

    def description(self, obj):
        return self.title(obj)

    def items(self, obj):
        comments = obj.subject.comments.approved().order_by("-created_at", "-pk")[:FEED_LENGTH]
        return [FeedItem(comment, obj) for comment in comments]

    def item_title(self, item):
        return item.object.name

    def item_description(self, item):
        return linebreaksbr(item.object.text, autoescape=True)

    def item_link(self, item):
        return f"{item.feed.subject_url}#comment-{item.object.pk}"

    def item_guid(self, item):
        return f"{item.feed.site.root_url}/comment/{item.object.pk}"

    def item_pubdate(self, item):
        return item.object.created_at

    def item_author_name(self, item):
        return item.object.name
