from django import template
from django.core.paginator import Paginator
from django.utils import translation

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
    paginator = Paginator(page.comments.approved().order_by("created_at", "pk"), conf.get("PER_PAGE"))
    comments_page = paginator.get_page(request.GET.get("comments"))
    return {
        "request": request,
        "page": page,
        "form": form,
        "comments_page": comments_page,
        "comments": comments_page.object_list,
        "closed": comments_closed(page),
        "posted": request.GET.get("posted"),
        "LANGUAGE_CODE": translation.get_language(),
    }
