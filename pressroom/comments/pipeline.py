"""The comment policy pipeline: ordered checks, first refusal wins.

Both the HTML form and the JSON API call :func:`check` (through
``CommentForm.clean``); the views only turn a :class:`Refusal` into HTML or JSON.
Each check takes a :class:`Draft` and returns ``None`` (pass) or a Refusal with a
stable ``code``. Checks may normalize the draft in place (``normalize`` does).

    normalize -> links -> bots -> rate_limit -> duplicate -> closed

Besides refusing, a check may *hold* the draft for a moderator (``draft.held``,
the link policy's weak findings) or find that the reader already posted it
(``draft.existing``, an exact resubmission: the view answers with that comment).
Refusals are counted against the reader who made them (``comments.limits``);
accepted comments are counted when they are saved (``services.save_comment``).
"""

import dataclasses
import datetime
import hashlib
import logging
import re
import unicodedata

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pressroom.linkpolicy import find_links

from . import conf, limits

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
    # Set by the checks: why the comment waits for a moderator
    # ({"reason": "links", "spans": [...]}), and the same reader's saved comment
    # when this is an exact resubmission of it.
    held: dict | None = None
    existing: object = None

    @property
    def address_hash(self):
        return client_hash(self.client_address)

    @property
    def reader_key(self):
        """Who is posting, for the duplicate rule: the address with the name and e-mail.

        Two people behind one address (an office, a school) are two readers
        when they sign differently; a reader who sends the same form twice is one.
        """
        who = "\n".join([self.client_address, self.name.casefold(), self.email.casefold()])
        return salted_hmac("pressroom.comments.reader", who, algorithm="sha256").hexdigest()

    @property
    def rate_key(self):
        """Whose allowance a post spends: the client address (name and e-mail without one)."""
        if self.client_address:
            return self.address_hash[:32]
        return "n" + self.reader_key[:31]


class Refused(Exception):
    """Raised by ``services.save_comment`` when a limit is passed at the last moment."""

    def __init__(self, refusal):
        super().__init__(refusal.code)
        self.refusal = refusal


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


def _control_message(field):
    if field == "name":
        return _("The name contains control characters; please remove them and send again.")
    if field == "email":
        return _("The e-mail address contains control characters; please remove them and send again.")
    return _("The text contains control characters; please remove them and send again.")


def _bidi_message(field):
    if field == "name":
        return _("The name contains invisible characters that change the direction of text; please remove them.")
    if field == "email":
        return _(
            "The e-mail address contains invisible characters that change the direction of text; please remove them."
        )
    return _("The text contains invisible characters that change the direction of text; please remove them.")


def normalized(value):
    """A field's text as the checks see it: LF line breaks, NFC (no trimming)."""
    return unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n").replace("\r", "\n"))


def _clean_field(value, field, max_length, required):
    value = normalized(value)
    if "\x00" in value or _CONTROL.search(value):
        return None, Refusal("invalid_text", _control_message(field), field)
    if _BIDI.search(value):
        return None, Refusal("invalid_text", _bidi_message(field), field)
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
    return _("“%(text)s”") % {"text": text}


LINK_ACTIONS = ("refuse", "hold", "allow")


def link_action(link):
    """What the site does with ``link``: "refuse", "hold" or "allow" (LINKS_STRONG / LINKS_WEAK).

    The detector marks a finding ``weak`` when its evidence is one of the
    policy's ambiguous shapes (a missing space before a word that is a TLD, a file
    name…); a detector without strengths makes every finding strong.
    """
    setting = "LINKS_WEAK" if getattr(link, "weak", False) else "LINKS_STRONG"
    action = conf.get(setting)
    if action not in LINK_ACTIONS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f'PRESSROOM_COMMENTS["{setting}"] must be one of {LINK_ACTIONS}, not {action!r}')
    return action


def _span(link, field):
    return {
        "field": field, "start": link.start, "end": link.end, "text": link.text, "kind": link.kind,
        "weak": bool(getattr(link, "weak", False)),
    }


def check_links(draft):
    """Refuse a link in the name or the text, or hold the comment for a moderator.

    Each finding is refused, held or allowed as the settings say for its
    strength. One refused finding refuses the comment (the refusal names every
    finding of that field that is not allowed); otherwise held findings make it
    wait as pending, with their spans kept for the moderator.
    """
    held = []
    for field in ("text", "name"):
        links = [(link, link_action(link)) for link in find_links(getattr(draft, field))]
        if any(action == "refuse" for _link, action in links):
            shown = [link for link, action in links if action != "allow"]
            quoted = get_text_list([quote(link.text) for link in shown], _("and"))
            message = ngettext(
                "Links are not allowed: %(links)s looks like a link.",
                "Links are not allowed: %(links)s look like links.",
                len(shown),
            ) % {"links": quoted}
            spans = [_span(link, field) for link in shown]
            return Refusal("link", message, field, status=422, spans=spans)
        held += [_span(link, field) for link, action in links if action == "hold"]
    if held:
        draft.held = {"reason": "links", "spans": held}
    return None


def held_message(held):
    """What the reader is told when the comment waits for a moderator."""
    quoted = get_text_list([quote(span["text"]) for span in held["spans"]], _("and"))
    return ngettext(
        "Thank you! %(links)s may be a link, so your comment will appear after a moderator has looked at it.",
        "Thank you! %(links)s may be links, so your comment will appear after a moderator has looked at it.",
        len(held["spans"]),
    ) % {"links": quoted}


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


def _rate_refusal(retry, refused=False):
    if refused:
        message = ngettext(
            "Too many of your attempts were refused. Please try again in %(seconds)d second.",
            "Too many of your attempts were refused. Please try again in %(seconds)d seconds.",
            retry,
        )
    else:
        message = ngettext(
            "You are commenting too often. Please try again in %(seconds)d second.",
            "You are commenting too often. Please try again in %(seconds)d seconds.",
            retry,
        )
    return Refusal("rate_limited", message % {"seconds": retry}, "__all__", status=429, retry_after=retry)


def check_rate_limit(draft):
    """This reader's refused attempts, then the accepted-comment limits it would pass.

    Only reads the counters: accepted comments are counted when saved
    (``limits.spend``, which also decides when two posts race for the last
    place), refusals by :func:`check`.
    """
    retry = limits.first_full(limits.refused_buckets(draft), draft.now)
    if retry is not None:
        return _rate_refusal(retry, refused=True)
    retry = limits.first_full(limits.accepted_buckets(draft), draft.now)
    if retry is not None:
        return _rate_refusal(retry)
    return None


def check_duplicate(draft):
    """The same reader's same text on the same release within DUPLICATE_WINDOW seconds.

    Not a refusal: the reader sent the form twice (a double click, a reload), so
    the answer is the comment already saved (as django-contrib-comments does).
    Another reader's identical "Thank you!" is a new comment.
    """
    from .models import Comment

    since = draft.now - datetime.timedelta(seconds=conf.get("DUPLICATE_WINDOW"))
    draft.existing = (
        Comment.objects.filter(
            page=draft.page, reader_key=draft.reader_key, text_hash=text_fingerprint(draft.text), created_at__gte=since
        )
        .order_by("created_at", "pk")
        .first()
    )
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
    """Run the configured checks in order; the first refusal wins, else None.

    A refusal (other than a rate limit) is counted against this reader's
    REFUSED_LIMITS, never against anybody else's allowance.
    """
    for name in conf.get("CHECKS"):
        refusal = CHECKS[name](draft)
        if refusal is not None:
            if refusal.code != "rate_limited":
                limits.count_refusal(draft)
            return refusal
    return None
