"""The no-JavaScript path: POST the form, then a redirect or the page again."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pressroom.core.origin import is_cross_site
from pressroom.core.views import csrf_failure


from . import conf
from .forms import CommentForm
from .models import Source, Status
from .pipeline import Refused
from .services import live_release, save_comment
from .utils import client_address


# No CSRF token: the form sits on a page every reader shares (and Varnish caches);
# a cross-site POST is refused from its Origin / Sec-Fetch-Site headers instead
# (pressroom/core/origin.py), without echoing what it sent.
@csrf_exempt
@require_POST
def post_comment(request, page_id):
    if is_cross_site(request):
        return csrf_failure(request, reason="cross-site")
    page = live_release(page_id)
    if page is None:
        raise Http404("No such release")
    # Messages in the release's language, whatever the URL prefix said.
    with translation.override(page.locale.language_code):
        if getattr(request, "form_encoding_invalid", False):
            return refused_page(request, page, _form_with_unreadable_fields(request, page))
        form = CommentForm(request.POST, page=page, client_address=client_address(request))
        comment = None
        if form.is_valid():
            try:
                comment, _created = save_comment(form, Source.FORM, request)
            except Refused as refused:
                form.refuse(refused.refusal)
        if comment is not None:
            # ?posted= pages thank the reader and are never shared or cached, so the
            # reader's own browser cannot show a copy from before the comment. A
            # resubmission of a saved comment lands on it the same way.
            if comment.status == Status.APPROVED:
                return HttpResponseRedirect(f"{page.url}?posted=approved#comment-{comment.pk}")
            if comment.held_reason:
                return HttpResponseRedirect(f"{page.url}?posted=held#comments")
            return HttpResponseRedirect(f"{page.url}?posted=pending#comments")
        return refused_page(request, page, form)


def refused_page(request, page, form):
    """The release page again, with the bound form (every field the reader typed)
    and the refusal on the field it concerns, under a 4xx status; never cached."""
    form.refresh_token()
    request.comment_form = form
    request.method = "GET"  # render the page as Wagtail serves it
    response = page.serve(request)
    if hasattr(response, "render"):
        response.render()
    response.status_code = form.refusal.status if form.refusal else 400
    add_never_cache_headers(response)
    if form.refusal and form.refusal.retry_after:
        response["Retry-After"] = str(form.refusal.retry_after)
    return response


def readable_fields(body):
    """The fields of a urlencoded ``body`` that are valid UTF-8, and the names of those that are not."""
    data, unreadable = QueryDict(mutable=True), []
    for part in body.split(b"&"):
        if not part:
            continue
        raw_key, _sep, raw_value = part.partition(b"=")
        try:
            key = unquote_to_bytes(raw_key.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            continue
        try:
            data.appendlist(key, unquote_to_bytes(raw_value.replace(b"+", b" ")).decode("utf-8"))
        except UnicodeDecodeError:
            unreadable.append(key)
    return data, unreadable


def _form_with_unreadable_fields(request, page):
    """The form a reader sent with bytes that are not UTF-8: the fields that could be
    read are kept, the others are empty and say so (the middleware let it through)."""
    data, unreadable = readable_fields(request.body)
    form = CommentForm(data, page=page, client_address=client_address(request))
    form.refuse_unreadable(unreadable)
    return form


def too_large_response(request, page_id, **kwargs):
    """The 413 of the comment form: our page, in the release's language. The body was
    not read (that is the point), so there is nothing to give back; the reader is told
    so, and where to find the text again."""
    page = live_release(page_id)
    language = page.locale.language_code if page else translation.get_language()
    with translation.override(language):
        context = {
            "page": page,
            "limit_kb": getattr(settings, "PRESSROOM_MAX_REQUEST_BYTES", 256 * 1024) // 1024,
            "max_length": conf.get("MAX_LENGTH"),
        }
        response = render(request, "comments/too_large.html", context, status=413)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


post_comment.too_large_response = too_large_response
post_comment.reads_undecodable_forms = True
