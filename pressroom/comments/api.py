"""JSON API: ``/api/releases/<page id>/comments/`` (see docs/api.md)."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from pressroom.core.origin import is_cross_site


from . import conf
from .forms import CommentForm
from .models import Source, Status, Thread
from .pipeline import Refused, comments_closed, held_message, make_token
from .services import live_release, save_comment
from .utils import client_address

# Only these keys of a posted object are read (as Isso's API.ACCEPT).
ACCEPT = ("name", "email", "text", "token", "website")


def comment_json(comment, page_url=None):
    """A comment as the API shows it; ``page_url``: its release's URL, when already known
    (a list of 50 computed it once per comment before, 30 % of the request)."""
    return {
        "id": comment.pk,
        "name": comment.name,
        "text": comment.text,
        "created": comment.created_at.isoformat(),
        "status": comment.status,
        "url": f"{page_url}#comment-{comment.pk}" if page_url is not None else comment.get_absolute_url(),
    }


def error(code, message, status, spans=(), field="__all__", retry_after=None):
    body = {"error": {"code": code, "message": message, "field": field, "spans": list(spans)}}
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@never_cache
@require_GET
def form_token(request, page_id):
    """A fresh time-trap token for the comment form. The release page is shared by
    every reader (and cached), so the script asks for one when a reader starts
    writing; without the script the page's own token is used."""
    if live_release(page_id) is None:
        return error("not_found", _("This release does not exist."), 404)
    return JsonResponse({"token": make_token(page_id)})


# No CSRF token (the page holding the form is shared): cross-site requests are
# refused from their Origin / Sec-Fetch-Site headers (pressroom/core/origin.py).
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def release_comments(request, page_id):
    if request.method == "POST" and is_cross_site(request):
        return error("csrf", _("This form was sent from another site. Nothing was saved."), 403)
    page = live_release(page_id)
    if page is None:
        raise Http404("No such release")
    # Only a configured language: each new code would make Django load and keep
    # one more translation object, for as long as the process lives.
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = page.locale.language_code
    with translation.override(language):
        if request.method == "GET":
            paginator = Paginator(page.comments.approved().order_by("created_at", "pk"), conf.get("PER_PAGE"))
            current = paginator.get_page(request.GET.get("page"))
            page_url = page.get_url(request)
            return JsonResponse(
                {
                    "release": page.pk,
                    "count": paginator.count,
                    "page": current.number,
                    "pages": paginator.num_pages,
                    "closed": comments_closed(page),
                    "comments": [comment_json(c, page_url) for c in current.object_list],
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
        try:
            if not form.is_valid():
                raise Refused(form.refusal)
            comment, created = save_comment(form, Source.API, request)
        except Refused as refused:
            r = refused.refusal
            return error(r.code, r.message, r.status, r.spans, r.field, r.retry_after)
        body = {"comment": comment_json(comment), "count": Thread.state(page.pk)[1]}
        if not created:
            status = 200  # an exact resubmission: the comment already saved
            body["existing"] = True
        elif comment.status == Status.APPROVED:
            status = 201
        else:
            status = 202
        if comment.held_reason:
            body["held"] = True
            body["message"] = held_message({"spans": comment.held_spans})
            body["spans"] = comment.held_spans
        elif comment.status == Status.PENDING:
            body["message"] = _("Thank you! Your comment will appear after a moderator approves it.")
        elif created:
            body["message"] = _("Thank you! Your comment is published.")
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
