"""Site-wide middleware: language prefixes, request size, CSP, form encoding."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_noop

# Paths outside i18n_patterns. Django's LocaleMiddleware would turn their 404s
# into redirects to /<lang>/..., which Wagtail's catch-all always "matches".
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/static/", "/healthz")


def error_page(status, language, message):
    """A minimal page for refusals made before any view runs (no template, no DB)."""
    body = (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{status}</title></head><body><h1>{status}</h1><p>{escape(message)}</p></body></html>\n"
    )
    response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    response["Content-Language"] = language
    return response


def view_for(request):
    """The URL match (view function and arguments) of ``request``, before Django resolves it; or None.

    A view may answer the refusals made here itself, in the reader's language and
    with what could be kept: it declares ``view.too_large_response(request, **kwargs)``
    (the body is not read) or ``view.reads_undecodable_forms = True`` (it gets the
    request with ``request.form_encoding_invalid = True`` and must not read
    ``request.POST``). The comment form does both.
    """
    path = request.path_info
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):  # i18n_patterns match the active language's prefix
            return resolve(path, getattr(request, "urlconf", None))
    except Resolver404:
        return None


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


# --- request size limit -------------------------------------------------------


TOO_LARGE = gettext_noop("The request is too large. Please shorten your text and send it again.")


def _too_large_message(language):
    with translation.override(language):
        return translation.gettext(TOO_LARGE)


class RequestSizeLimitMiddleware:
    """Refuse bodies larger than ``PRESSROOM_MAX_REQUEST_BYTES`` with 413, from the
    declared Content-Length, before a byte of the body is read.

    /admin/ may send up to ``PRESSROOM_MAX_ADMIN_REQUEST_BYTES`` (uploads). A body
    without (or with a lying) Content-Length is cut to the declared length by the
    WSGI server and Django, and ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bounds what is parsed.
    The API gets a JSON error; everyone else a short page in their language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            length = -1
        if length < 0:
            return HttpResponse("Bad Request: invalid Content-Length.\n", status=400, content_type="text/plain")
        if request.path_info.startswith("/admin/"):
            limit = getattr(settings, "PRESSROOM_MAX_ADMIN_REQUEST_BYTES", 20 * 1024 * 1024)
        else:
            limit = getattr(settings, "PRESSROOM_MAX_REQUEST_BYTES", 256 * 1024)
        if length > limit:
            return self.too_large(request)
        return self.get_response(request)

    def too_large(self, request):
        language = translation.get_language_from_path(request.path_info) or translation.get_language_from_request(
            request
        )
        message = _too_large_message(language)
        if request.path_info.startswith("/api/"):
            lang = request.GET.get("lang")
            if lang and lang in dict(settings.LANGUAGES):
                message = _too_large_message(lang)
            response = JsonResponse(
                {"error": {"code": "too_large", "message": message, "field": "__all__", "spans": []}},
                status=413,
                json_dumps_params={"ensure_ascii": False},
            )
            response["Content-Language"] = language
            return response
        match = view_for(request)
        own = getattr(match and match.func, "too_large_response", None)
        if own is not None:
            with translation.override(language):
                return own(request, **match.kwargs)
        return error_page(413, language, message)


# --- Content-Security-Policy ------------------------------------------------------

PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# Wagtail's admin uses inline scripts and styles; it gets a policy that only stops
# framing by other sites, plugins and <base> tricks.
ADMIN_CSP = "frame-ancestors 'self'; base-uri 'self'; object-src 'none'"


class ContentSecurityPolicyMiddleware:
    """``Content-Security-Policy`` on every response: strict for the public site (no
    inline scripts; our templates only have ``type=application/json`` data blocks),
    permissive enough for Wagtail's admin under /admin/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            if request.path_info.startswith("/admin/"):
                policy = getattr(settings, "PRESSROOM_ADMIN_CSP", ADMIN_CSP)
            else:
                policy = getattr(settings, "PRESSROOM_CSP", PUBLIC_CSP)
            if policy:
                response["Content-Security-Policy"] = policy
        return response


# --- form encoding ----------------------------------------------------------------


BAD_ENCODING = gettext_noop("The form was sent with characters that are not valid text (UTF-8). Nothing was saved; please check the text and send it again.")


def _invalid_utf8_form(body):
    """True when a urlencoded body has a field that is not UTF-8 once percent-decoded."""
    for part in body.split(b"&"):
        try:
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


class StrictFormEncodingMiddleware:
    """Refuse (400) a urlencoded POST whose fields are not valid UTF-8.

    Django would decode them with U+FFFD replacement characters and the comment
    would be saved mangled; a reader deserves a clear refusal instead. Runs after
    LocaleMiddleware (the message is in the page's language) and after the size
    limit (the body is small enough to read). /admin/ is left to Django.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and not request.path_info.startswith("/admin/")
            and _invalid_utf8_form(request.body)
        ):
            match = view_for(request)
            if getattr(match and match.func, "reads_undecodable_forms", False):
                request.form_encoding_invalid = True
                return self.get_response(request)
            return error_page(400, translation.get_language(), translation.gettext(BAD_ENCODING))
        return self.get_response(request)


# --- compression --------------------------------------------------------------------


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's gzip for the public site. Not for /admin/, whose pages carry CSRF
    tokens (compressing secrets next to reflected input invites BREACH); the
    public pages hold no secret (docs/architecture.md "Caching")."""

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/"):
            return response
        return super().process_response(request, response)
