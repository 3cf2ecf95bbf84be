"""Comment settings: one dict, ``PRESSROOM_COMMENTS``, read when used (never at import).

    PRESSROOM_COMMENTS = {"MAX_LENGTH": 5000, "RATE_LIMITS": [(5, 60), (30, 3600)], ...}
    PRESSROOM_COMMENTS_PREMODERATE = True   # hold every new comment as pending

Keys not given take the defaults below.
"""

from django.conf import settings

DEFAULTS = {
    # The ordered checks of comments.pipeline; drop one to switch it off.
    "CHECKS": ["normalize", "links", "bots", "rate_limit", "duplicate", "closed"],
    "MAX_LENGTH": 5000,
    "NAME_MAX_LENGTH": 100,
    # Seconds between rendering the form and posting it, below which it is a bot.
    "MIN_SECONDS": 3,
    # Age after which the form token is refused (the reader is asked to send again).
    "TOKEN_MAX_AGE": 7 * 24 * 3600,
    # What to do with a link the detector finds: "refuse", "hold" (pending, for a
    # moderator) or "allow", for strong evidence (a scheme, www., an e-mail…) and
    # for weak (the policy's ambiguous shapes, e.g. a missing space before a TLD word).
    "LINKS_STRONG": "refuse",
    "LINKS_WEAK": "hold",
    # Accepted comments, (comments, seconds): per reader (client address) on any
    # release, and per release for all readers together; one reader may take at
    # most READER_SHARE of a release's allowance. Refused attempts count apart,
    # per reader only (REFUSED_LIMITS). See comments/limits.py.
    "RATE_LIMITS": [(5, 60), (30, 3600)],
    "PAGE_RATE_LIMITS": [(120, 3600)],
    "READER_SHARE": 0.25,
    "REFUSED_LIMITS": [(20, 600), (60, 3600)],
    # The same reader's same text on the same release within this many seconds is
    # a resubmission: answered with the comment already saved.
    "DUPLICATE_WINDOW": 24 * 3600,
    # Close comments this many days after a release is first published (None: never).
    "CLOSE_AFTER_DAYS": None,
    "PER_PAGE": 50,
    # Addresses told of each new comment; empty: the e-mails of active superusers.
    "NOTIFY": None,
    "NOTIFY_ENABLED": True,
}


def get(name):
    """``get("MAX_LENGTH")`` -> the configured value or its default."""
    if name == "PREMODERATE":
        return bool(getattr(settings, "PRESSROOM_COMMENTS_PREMODERATE", False))
    return getattr(settings, "PRESSROOM_COMMENTS", {}).get(name, DEFAULTS[name])
