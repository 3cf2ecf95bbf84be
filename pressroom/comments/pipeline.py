"""The comment policy pipeline: ordered checks, first refusal wins.

Both the HTML form and the JSON API call :func:`check` (through
``CommentForm.clean``); the views only turn a :class:`Refusal` into HTML or JSON.
Each check takes a :class:`Draft` and returns ``None`` (pass) or a Refusal with a
stable ``code``. Checks may normalize the draft in place (``normalize`` does).

    normalize -> links -> bots -> rate_limit -> duplicate -> closed
"""

import dataclasses
import datetime
import hashlib
import logging
import re
import unicodedata

from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pressroom.linkpolicy import find_links

from . import conf

logger = logging.getLogger("pressroom.comments")

TOKEN_SALT = "pressroom.comments.form"

# C0/C1 control characters except tab and newline; bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can reorder
# what a moderator sees.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


@dataclasses.dataclass
class Draft:
    """What a reader sent, before and after normalization."""

    page: object
    name: str = ""
    email: str = ""
    text: str = ""
    token: str = ""
    honeypot: str = ""
    client_address: str = ""
    now: datetime.datetime = dataclasses.field(default_factory=timezone.now)

    @property
    def address_hash(self):
        return client_hash(self.client_address)


@dataclasses.dataclass
class Refusal:
    """Why a comment was not accepted. ``message`` is already translated."""

    code: str
    message: str
    field: str = "text"
    status: int = 400
    spans: list = dataclasses.field(default_factory=list)
    retry_after: int | None = None

    def as_dict(self):
        data = {"code": self.code, "message": self.message, "field": self.field, "spans": self.spans}
        if self.retry_after is not None:
            data["retry_after"] = self.retry_after
        return data


def client_hash(address):
    """A salted hash of a client address; the raw address is never stored."""
    if not address:
        return ""
    return salted_hmac("pressroom.comments.client", address, algorithm="sha256").hexdigest()


def text_fingerprint(text):
    """Hash of a text with case and runs of white space ignored (duplicate check)."""
    folded = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def make_token(page_id):
    """The signed timestamp put in the form when it is rendered."""
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    return signer.sign(str(page_id))


# --- the checks -----------------------------------------------------------------


def _clean_field(value, field, max_length, required):
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    value = unicodedata.normalize("NFC", value)
    if "\x00" in value or _CONTROL.search(value):
        return None, Refusal(
            "invalid_text", _("The text contains control characters; please remove them and send again."), field
        )
    if _BIDI.search(value):
        return None, Refusal(
            "invalid_text",
            _("The text contains invisible characters that change the direction of text; please remove them."),
            field,
        )
    value = value.strip()
    if required and not value:
        if field == "name":
            return None, Refusal("empty", _("Please tell us your name."), field)
        return None, Refusal("empty", _("Please write a comment."), field)
    if len(value) > max_length:
        return None, Refusal(
            "too_long",
            ngettext(
                "Please keep it to %(limit)d character (it has %(count)d).",
                "Please keep it to %(limit)d characters (it has %(count)d).",
                max_length,
            )
            % {"limit": max_length, "count": len(value)},
            field,
        )
    return value, None


def check_normalize(draft):
    """Unicode NFC, no control or bidi-override characters, trimmed, 1..MAX_LENGTH."""
    name, refusal = _clean_field(draft.name, "name", conf.get("NAME_MAX_LENGTH"), True)
    if refusal:
        return refusal
    text, refusal = _clean_field(draft.text, "text", conf.get("MAX_LENGTH"), True)
    if refusal:
        return refusal
    email, refusal = _clean_field(draft.email, "email", 254, False)
    if refusal:
        return refusal
    if email:
        try:
            validate_email(email)
        except ValidationError:
            return Refusal("invalid_text", _("Enter a valid e-mail address, or leave it empty."), "email")
    draft.name, draft.text, draft.email = name, text, email
    return None


def quote(text):
    """A fragment of the reader's text quoted the way the active language quotes."""
    if len(text) > 60:
        text = text[:57] + "…"
    # Translators: quotes around a refused fragment; Russian uses «…».
    return _('"%(text)s"') % {"text": text}


def check_links(draft):
    """Refuse any link in the name or the text; the refusal carries the spans."""
    for field in ("text", "name"):
        links = find_links(getattr(draft, field))
        if links:
            quoted = get_text_list([quote(link.text) for link in links], _("and"))
            message = ngettext(
                "Links are not allowed: %(links)s looks like a link.",
                "Links are not allowed: %(links)s look like links.",
                len(links),
            ) % {"links": quoted}
            spans = [{"start": link.start, "end": link.end, "text": link.text, "kind": link.kind} for link in links]
            return Refusal("link", message, field, status=422, spans=spans)
    return None


def check_bots(draft):
    """A filled honeypot, a missing or forged token, or a form sent too fast."""
    reason = None
    if draft.honeypot:
        reason = "honeypot filled"
    else:
        signer = signing.TimestampSigner(salt=TOKEN_SALT)
        try:
            value = signer.unsign(draft.token or "", max_age=conf.get("TOKEN_MAX_AGE"))
        except signing.SignatureExpired:
            return Refusal(
                "bot", _("This form has expired. Please send your comment again."), "__all__", status=400
            )
        except signing.BadSignature:
            reason = "bad or missing token"
        else:
            if value != str(draft.page.pk):
                reason = "token for another page"
            else:
                sent = signing.b62_decode(draft.token.rsplit(signer.sep, 2)[-2])
                if draft.now.timestamp() - sent < conf.get("MIN_SECONDS"):
                    reason = "sent too fast"
    if reason:
        logger.info("comment refused as bot on page %s: %s", draft.page.pk, reason)
        return Refusal(
            "bot", _("Your comment could not be accepted. Please wait a moment and send it again."), "__all__"
        )
    return None


def _hit(key, limit, window):
    """Count one hit in a fixed window; True when the limit is exceeded."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        count = 1
    return count > limit


def check_rate_limit(draft):
    """At most N comments per window per client address and per release."""
    now = int(draft.now.timestamp())
    buckets = []
    if draft.address_hash:
        buckets += [(f"rl:a:{draft.address_hash[:32]}", limit, window) for limit, window in conf.get("RATE_LIMITS")]
    buckets += [(f"rl:p:{draft.page.pk}", limit, window) for limit, window in conf.get("PAGE_RATE_LIMITS")]
    for prefix, limit, window in buckets:
        start = now - now % window
        if _hit(f"{prefix}:{window}:{start}", limit, window):
            retry = start + window - now
            return Refusal(
                "rate_limited",
                ngettext(
                    "You are commenting too often. Please try again in %(seconds)d second.",
                    "You are commenting too often. Please try again in %(seconds)d seconds.",
                    retry,
                )
                % {"seconds": retry},
                "__all__",
                status=429,
                retry_after=retry,
            )
    return None


def check_duplicate(draft):
    """The same text on the same release within DUPLICATE_WINDOW seconds."""
    from .models import Comment

    since = draft.now - datetime.timedelta(seconds=conf.get("DUPLICATE_WINDOW"))
    if Comment.objects.filter(page=draft.page, text_hash=text_fingerprint(draft.text), created_at__gte=since).exists():
        return Refusal("duplicate", _("This comment has already been posted here."), "text", status=409)
    return None


def comments_closed(page, now=None):
    """True when the release takes no more comments (switch, or age)."""
    if not page.comments_open:
        return True
    days = conf.get("CLOSE_AFTER_DAYS")
    if days is not None and page.first_published_at is not None:
        return (now or timezone.now()) - page.first_published_at > datetime.timedelta(days=days)
    return False


def check_closed(draft):
    if comments_closed(draft.page, draft.now):
        return Refusal("closed", _("Comments on this release are closed."), "__all__", status=403)
    return None


CHECKS = {
    "normalize": check_normalize,
    "links": check_links,
    "bots": check_bots,
    "rate_limit": check_rate_limit,
    "duplicate": check_duplicate,
    "closed": check_closed,
}


def check(draft):
    """Run the configured checks in order; the first refusal wins, else None."""
    for name in conf.get("CHECKS"):
        refusal = CHECKS[name](draft)
        if refusal is not None:
            return refusal
    return None
