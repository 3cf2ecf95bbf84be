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
    # (comments, seconds) per client address, and for all readers of one release.
    "RATE_LIMITS": [(5, 60), (30, 3600)],
    "PAGE_RATE_LIMITS": [(120, 3600)],
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
