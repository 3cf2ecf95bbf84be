from django import template
from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from .. import cache as comment_cache
from .. import conf
from ..forms import CommentForm
from ..pipeline import comments_closed

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, page):
    """Approved comments of ``page`` (oldest first, PER_PAGE a page) and the form.

    After a refused POST the view puts the bound form on the request, so the
    reader's text and the error come back in the same place.
    """
    request = context["request"]
    form = getattr(request, "comment_form", None) or CommentForm(page=page)
    language = translation.get_language()
    number = request.GET.get("comments") or "1"
    # The list is cached per (release, language, page of comments) until a comment
    # of the release changes (comments.cache); the form, with its tokens, never is.
    key = comment_cache.fragment_key(page.pk, language, number[:8])
    list_html = cache.get(key)
    if list_html is None:
        paginator = Paginator(page.comments.approved().order_by("created_at", "pk"), conf.get("PER_PAGE"))
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
        "LANGUAGE_CODE": translation.get_language(),
    }
