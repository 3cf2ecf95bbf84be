from django.utils.html import escape
from django.utils.safestring import mark_safe

from pressroom.core.clientaddr import client_address as _client_address


def mark_spans(text, spans, limit=None):
    """``text`` HTML-escaped with each span (``{"start", "end"}``, code points) in ``<mark>``.

    With ``limit``, cut after that many characters (with "…"), but never before
    the last marked word. Overlapping spans after the first are left unmarked.
    """
    spans = sorted(spans, key=lambda span: span["start"])
    end = len(text) if limit is None else max([limit] + [span["end"] + 40 for span in spans])
    parts, pos = [], 0
    for span in spans:
        if span["start"] < pos:
            continue
        parts += [escape(text[pos:span["start"]]), "<mark>", escape(text[span["start"]:span["end"]]), "</mark>"]
        pos = span["end"]
    parts.append(escape(text[pos:end]) + ("…" if len(text) > end else ""))
    return mark_safe("".join(parts))


def client_address(request):
    """The reader's address, as django-axes sees it too (``pressroom.core.clientaddr``):
    ``REMOTE_ADDR``, or behind ``PRESSROOM_TRUSTED_PROXIES`` the rightmost
    X-Forwarded-For hop that is not one of them."""
    return _client_address(request)
