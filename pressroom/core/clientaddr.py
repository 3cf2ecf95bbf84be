"""The reader's address: one function for comments, rate limits and django-axes.

Behind a TLS terminator and Varnish, ``REMOTE_ADDR`` is the nearest proxy, and
every proxy *appends* the address it was connected from to ``X-Forwarded-For``.
Only the hops written by proxies we run can be believed; anything further left
may have been written by the client. So, starting from the peer
(``REMOTE_ADDR``), step one hop to the left while the address in hand is a
trusted proxy (``PRESSROOM_TRUSTED_PROXIES``: addresses or networks); the first
address that is not a trusted proxy is the client. With no trusted proxies
(the default) the header is never read.

    PRESSROOM_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    REMOTE_ADDR 10.0.0.5, X-Forwarded-For "6.6.6.6, 203.0.113.7, 10.0.0.9"
    -> 10.0.0.5 trusted, 10.0.0.9 trusted, 203.0.113.7 is the client;
       "6.6.6.6" (written by the client) is never looked at.

django-ipware is not used: it matches its proxy list against the trailing
entries of the header only, never checks that the peer is a proxy at all, and
prefers headers such as ``X-Real-IP`` that any client can send.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class TrustedProxiesError(ImproperlyConfigured):
    pass


@functools.lru_cache(maxsize=8)
def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as e:
            raise TrustedProxiesError(
                f"PRESSROOM_TRUSTED_PROXIES: {entry!r} is not an address or a network (e.g. 10.0.0.0/24)."
            ) from e
    return tuple(networks)


def trusted_networks():
    """The parsed ``PRESSROOM_TRUSTED_PROXIES`` (read when called, so tests can override it)."""
    return _networks(tuple(getattr(settings, "PRESSROOM_TRUSTED_PROXIES", ()) or ()))


def parse_address(text):
    """An address as proxies write it, or None: ``"203.0.113.7"``, ``"[2001:db8::1]:443"``,
    ``"203.0.113.7:5000"``; IPv4-mapped IPv6 becomes IPv4.

    >>> str(parse_address(" [::ffff:192.0.2.1]:80 "))
    '192.0.2.1'
    """
    text = (text or "").strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_address(request):
    """The client's address as a string (see the module docstring); ``""`` when unknown.

    Used by the comment pipeline (rate limits, the stored hash) and by django-axes
    (``AXES_CLIENT_IP_CALLABLE``), so a lockout is per reader, not per proxy.
    """
    address = parse_address(request.META.get("REMOTE_ADDR", ""))
    if address is None:
        return ""
    networks = trusted_networks()
    if not networks:
        return str(address)
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    while _is_trusted(address, networks) and hops:
        previous = parse_address(hops.pop())
        if previous is None:
            break  # a trusted proxy would not write this: keep the last address we believe
        address = previous
    return str(address)


def _is_trusted(address, networks):
    return any(address.version == network.version and address in network for network in networks)
