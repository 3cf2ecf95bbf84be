"""JSON API: ``/api/releases/<page id>/comments/`` (see docs/api.md)."""

import json

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pressroom.releases.models import PressReleasePage

from . import conf
from .forms import CommentForm
from .models import Source, Status
from .pipeline import comments_closed
from .services import save_comment
from .utils import client_address

# Only these keys of a posted object are read (as Isso's API.ACCEPT).
ACCEPT = ("name", "email", "text", "token", "website")


def comment_json(comment):
    return {
        "id": comment.pk,
        "name": comment.name,
        "text": comment.text,
        "created": comment.created_at.isoformat(),
        "status": comment.status,
        "url": comment.get_absolute_url(),
    }


def error(code, message, status, spans=(), field="__all__", retry_after=None):
    body = {"error": {"code": code, "message": message, "field": field, "spans": list(spans)}}
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@require_http_methods(["GET", "POST"])
def release_comments(request, page_id):
    page = get_object_or_404(PressReleasePage.objects.live().public().select_related("locale"), pk=page_id)
    language = request.GET.get("lang") or page.locale.language_code
    with translation.override(language):
        if request.method == "GET":
            paginator = Paginator(page.comments.approved().order_by("created_at", "pk"), conf.get("PER_PAGE"))
            current = paginator.get_page(request.GET.get("page"))
            return JsonResponse(
                {
                    "release": page.pk,
                    "count": paginator.count,
                    "page": current.number,
                    "pages": paginator.num_pages,
                    "closed": comments_closed(page),
                    "comments": [comment_json(c) for c in current.object_list],
                },
                json_dumps_params={"ensure_ascii": False},
            )
        try:
            payload = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return error("invalid", _("The request is not valid JSON in UTF-8."), 400)
        if not isinstance(payload, dict):
            return error("invalid", _("The request must be a JSON object."), 400)
        data = {key: payload[key] if isinstance(payload.get(key), str) else "" for key in ACCEPT if key in payload}
        form = CommentForm(data, page=page, client_address=client_address(request))
        if not form.is_valid():
            r = form.refusal
            return error(r.code, r.message, r.status, r.spans, r.field, r.retry_after)
        comment = save_comment(form, Source.API, request)
        status = 201 if comment.status == Status.APPROVED else 202
        return JsonResponse({"comment": comment_json(comment)}, status=status, json_dumps_params={"ensure_ascii": False})
