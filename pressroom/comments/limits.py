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
import random

from django.db import connection
from django.db.models import Q
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


def counts(buckets, now):
    """``{(name, window start): count}`` of every bucket's current window, in one query."""
    from .models import RateCounter

    wanted = Q()
    for name, _limit, seconds in buckets:
        wanted |= Q(name=name, window_start=_window(now, seconds)[0])
    if not wanted:
        return {}
    rows = RateCounter.objects.filter(wanted).values_list("name", "window_start", "count")
    return {(name, start): count for name, start, count in rows}


def forget_expired(now=None):
    from .models import RateCounter

    RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()


# Expired counters are deleted by about one accepted comment in this many (a
# DELETE on every post cost a query each; counters only ever need deleting
# eventually, since an expired window is never read again).
FORGET_EVERY = 32


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
    current = counts(buckets, now)
    for name, limit, seconds in buckets:
        start, left = _window(now, seconds)
        if current.get((name, start), 0) >= limit:
            return left
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
    if random.randrange(FORGET_EVERY) == 0:
        forget_expired(draft.now)
    return over


def count_refusal(draft):
    """Count a refused attempt against the reader who made it (and nobody else)."""
    for name, _limit, seconds in refused_buckets(draft):
        hit(name, seconds, draft.now)
