"""The no-JavaScript path: POST the form, then a redirect or the page again."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pressroom.core.origin import is_cross_site
from pressroom.core.views import csrf_failure

from pressroom.releases.models import PressReleasePage

from .forms import CommentForm
from .models import Source, Status
from .pipeline import Refused
from .services import save_comment
from .utils import client_address


# No CSRF token: the form sits on a page every reader shares (and Varnish caches);
# a cross-site POST is refused from its Origin / Sec-Fetch-Site headers instead
# (pressroom/core/origin.py), without echoing what it sent.
@csrf_exempt
@require_POST
def post_comment(request, page_id):
    if is_cross_site(request):
        return csrf_failure(request, reason="cross-site")
    page = get_object_or_404(PressReleasePage.objects.live().public(), pk=page_id)
    # Messages in the release's language, whatever the URL prefix said.
    with translation.override(page.locale.language_code):
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
        # Refused: the same release page, with the bound form (every field the
        # reader typed) and the message, under a 4xx status.
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
