"""Fair comment limits, counted in the database.

Three kinds of counters, each a fixed window (``(limit, seconds)`` pairs in
``PRESSROOM_COMMENTS``):

``RATE_LIMITS``
    accepted comments of one reader (client address), on any release;
``PAGE_RATE_LIMITS``
    accepted comments on one release, by everybody — and, so that one reader
    cannot use it all up, at most ``READER_SHARE`` of it by any one reader;
``REFUSED_LIMITS``
    refused attempts of one reader (looser; a bot hammering the form).

A refusal is counted only against the reader who sent it, and accepted
counters go up in the transaction that saves the comment (``spend``): a comment
that is refused, rolled back or a resubmission of one already saved spends
nothing. Counters are rows of ``RateCounter`` incremented by one atomic
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (SQLite ≥ 3.35, PostgreSQL), so
two app servers never both take the last place of a window.
"""

import datetime
import math

from django.db import connection
from django.utils import timezone

from . import conf


def _window(now, seconds):
    ts = int(now.timestamp())
    start = ts - ts % seconds
    return start, start + seconds - ts


def hit(name, seconds, now):
    """Add one to counter ``name`` in the window holding ``now``; returns the new count."""
    from .models import RateCounter

    start, _left = _window(now, seconds)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    q = connection.ops.quote_name
    expires = now + datetime.timedelta(seconds=seconds)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({q('name')}, {q('window_start')}, {q('count')}, {q('expires_at')}) "
            f"VALUES (%s, %s, 1, %s) "
            f"ON CONFLICT ({q('name')}, {q('window_start')}) DO UPDATE SET {q('count')} = {table}.{q('count')} + 1 "
            f"RETURNING {q('count')}",
            [name, start, expires],
        )
        return cursor.fetchone()[0]


def peek(name, seconds, now):
    """The current count of ``name`` in the window holding ``now``."""
    from .models import RateCounter

    start, _left = _window(now, seconds)
    return RateCounter.objects.filter(name=name, window_start=start).values_list("count", flat=True).first() or 0


def forget_expired(now=None):
    from .models import RateCounter

    RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()


def accepted_buckets(draft):
    """``(counter name, limit, seconds)`` of every accepted-comment limit ``draft`` spends."""
    reader = draft.rate_key
    page = draft.page.pk
    buckets = [(f"a:{reader}", limit, seconds) for limit, seconds in conf.get("RATE_LIMITS")]
    share = conf.get("READER_SHARE")
    for limit, seconds in conf.get("PAGE_RATE_LIMITS"):
        buckets.append((f"p:{page}", limit, seconds))
        buckets.append((f"p:{page}:{reader}", max(1, math.floor(limit * share)), seconds))
    return buckets


def refused_buckets(draft):
    return [(f"r:{draft.rate_key}", limit, seconds) for limit, seconds in conf.get("REFUSED_LIMITS")]


def first_full(buckets, now):
    """Seconds until the first full window among ``buckets`` ends, or None when none is full."""
    for name, limit, seconds in buckets:
        if peek(name, seconds, now) >= limit:
            return _window(now, seconds)[1]
    return None


def spend(draft):
    """Count an accepted comment; seconds to wait when a limit is passed, else None.

    Call inside the transaction that saves the comment and roll it back when a
    number comes back: the counters then stay as they were.
    """
    over = None
    for name, limit, seconds in accepted_buckets(draft):
        if hit(name, seconds, draft.now) > limit and over is None:
            over = _window(draft.now, seconds)[1]
    forget_expired(draft.now)
    return over


def count_refusal(draft):
    """Count a refused attempt against the reader who made it (and nobody else)."""
    for name, _limit, seconds in refused_buckets(draft):
        hit(name, seconds, draft.now)
