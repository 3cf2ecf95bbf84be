from django import template
from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from pressroom.core import pagecache

from .. import cache as comment_cache
from .. import conf
from ..forms import CommentForm
from ..models import Thread
from ..pipeline import comments_closed

register = template.Library()


def page_number(raw, count, per_page):
    """The paginator's page number for ``?comments=`` (1 for anything that is not one)."""
    pages = max(1, -(-count // per_page))
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), pages)


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, page):
    """Approved comments of ``page`` (oldest first, PER_PAGE a page) and the form.

    After a refused POST the view puts the bound form on the request, so the
    reader's text and the error come back in the same place.
    """
    request = context["request"]
    form = getattr(request, "comment_form", None) or CommentForm(page=page)
    language = translation.get_language()
    version, count, changed_at = Thread.state(page.pk)
    # The whole page shows this version of the thread: a cached copy of it is
    # served only while the version is current (core.pagecache).
    pagecache.depend_on(request, "comments.thread", page.pk, version, changed_at)
    per_page = conf.get("PER_PAGE")
    number = page_number(request.GET.get("comments"), count, per_page)
    key = comment_cache.fragment_key(page.pk, version, language, number)
    list_html = cache.get(key)
    if list_html is None:
        paginator = Paginator(page.comments.approved().order_by("created_at", "pk"), per_page)
        comments_page = paginator.get_page(number)
        list_html = render_to_string(
            "comments/list.html", {"comments_page": comments_page, "comments": comments_page.object_list}
        )
        cache.set(key, list_html, comment_cache.FRAGMENT_TIMEOUT)
    return {
        "request": request,
        "page": page,
        "form": form,
        "list_html": mark_safe(list_html),  # our own template's output, escaped when rendered
        "closed": comments_closed(page),
        "posted": request.GET.get("posted"),
        "max_length": conf.get("MAX_LENGTH"),
        "LANGUAGE_CODE": translation.get_language(),
    }
