"""What makes every cached public page stale: publishing, unpublishing, moving or
deleting a page, and editing the organization's settings, the site or who may
view a page.

Each handler calls :func:`pressroom.core.pagecache.content_changed` inside the
transaction of the change: the site generation goes up with it (or not at all),
and the front cache is purged once it commits.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import OrganizationSettings, OrganizationText
from .pagecache import content_changed


def _changed(**kwargs):
    content_changed()


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        content_changed()


def connect():
    page_published.connect(_changed, dispatch_uid="pressroom.published")
    page_unpublished.connect(_changed, dispatch_uid="pressroom.unpublished")
    post_page_move.connect(_changed, dispatch_uid="pressroom.moved")
    post_delete.connect(_page_deleted, dispatch_uid="pressroom.page_deleted")
    for model in (OrganizationSettings, OrganizationText, Site, PageViewRestriction):
        post_save.connect(_changed, sender=model, dispatch_uid=f"pressroom.saved.{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"pressroom.deleted.{model.__name__}")
