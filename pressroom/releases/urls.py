"""Feeds of the releases, mounted inside i18n_patterns: /<lang>/feeds/..."""

from django.urls import path, re_path
from pressroom.core import views as core_views

from . import feeds

app_name = "releases"


def pdf_view(request, page_path):
    return core_views.serve(request, page_path + "/")


urlpatterns = [
    path("feeds/releases.rss", feeds.ReleaseFeed(), name="feed_rss"),
    path("feeds/releases.atom", feeds.AtomReleaseFeed(), name="feed_atom"),
    path("feeds/tags/<str:slug>.rss", feeds.TagFeed(), name="tag_feed_rss"),
    path("feeds/tags/<str:slug>.atom", feeds.AtomTagFeed(), name="tag_feed_atom"),
    path("feeds/authors/<int:author_id>.rss", feeds.AuthorFeed(), name="author_feed_rss"),
    path("feeds/authors/<int:author_id>.atom", feeds.AtomAuthorFeed(), name="author_feed_atom"),
    path("feeds/comments/<int:page_id>.rss", feeds.CommentsFeed(), name="comments_feed_rss"),
    # Wagtail's catch-all only takes paths of [\w-]+/ segments, so "<release>/release.pdf"
    # never reaches PressReleasePage's route; hand it to Wagtail as "<release>/release.pdf/".
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+release\.pdf)$", pdf_view, name="release_pdf"),
]
