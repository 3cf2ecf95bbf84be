"""The client address behind proxies: only configured proxies are believed, and the
address is the rightmost X-Forwarded-For hop that is not one of them."""

import itertools
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from pressroom.comments.tests.conftest import form_data
from pressroom.core.clientaddr import TrustedProxiesError, client_address

PROXY = "10.0.0.1"
SERIAL = itertools.count(1)


def address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


# --- the function ----------------------------------------------------------------------


def test_nothing_is_trusted_by_default(settings):
    assert settings.PRESSROOM_TRUSTED_PROXIES == []
    assert address("198.51.100.9", "203.0.113.5") == "198.51.100.9"


def test_untrusted_peer_cannot_choose_its_address(settings):
    settings.PRESSROOM_TRUSTED_PROXIES = [PROXY]
    assert address("198.51.100.9", "203.0.113.5, 10.0.0.1") == "198.51.100.9"


@pytest.mark.parametrize(
    "forwarded, expected",
    [
        ("203.0.113.5", "203.0.113.5"),
        # The leftmost hops were written by the client: never read.
        ("1.2.3.4, 203.0.113.5", "203.0.113.5"),
        ("not-an-address, 203.0.113.5", "203.0.113.5"),
        # Two proxies of ours (a TLS terminator in 10.0.0.0/24, then Varnish).
        ("1.2.3.4, 203.0.113.5, 10.0.0.7", "203.0.113.5"),
        ("203.0.113.5:51000, 10.0.0.7", "203.0.113.5"),
        ("[2001:db8::5]:443", "2001:db8::5"),
        # Only proxies: the farthest one we reached (e.g. Varnish's own health probe).
        ("10.0.0.7", "10.0.0.7"),
        ("", PROXY),
        # A trusted proxy would not write garbage: stop at the last believable hop.
        ("203.0.113.5, garbage", PROXY),
    ],
)
def test_rightmost_untrusted_hop(settings, forwarded, expected):
    settings.PRESSROOM_TRUSTED_PROXIES = [PROXY, "10.0.0.0/24"]
    assert address(PROXY, forwarded) == expected


def test_ipv4_mapped_and_ipv6_networks(settings):
    settings.PRESSROOM_TRUSTED_PROXIES = ["fd00::/8", "127.0.0.1"]
    assert address("::ffff:127.0.0.1", "203.0.113.5") == "203.0.113.5"
    assert address("fd00::1", "2001:db8::9") == "2001:db8::9"


def test_bad_setting_is_a_configuration_error(settings):
    settings.PRESSROOM_TRUSTED_PROXIES = ["10.0.0.300"]
    with pytest.raises(TrustedProxiesError):
        address(PROXY)


def test_axes_uses_the_same_function(settings):
    from axes.helpers import get_client_ip_address

    settings.PRESSROOM_TRUSTED_PROXIES = [PROXY]
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    assert get_client_ip_address(request) == "203.0.113.5"


# --- through HTTP: rate limits and lockouts ---------------------------------------------


@pytest.fixture
def limit_two(settings):
    settings.PRESSROOM_COMMENTS = {**settings.PRESSROOM_COMMENTS, "RATE_LIMITS": [(2, 60)]}
    settings.PRESSROOM_TRUSTED_PROXIES = [PROXY]


def post(release, n, remote, forwarded=None):
    """Post comment ``n`` (texts differ, and hold no address: one would be refused as a link)."""
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    client = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR=remote, **extra)
    body = json.dumps(form_data(release, text=f"Comment number {n}, the {next(SERIAL)}th sent here."))
    return client.post(f"/api/releases/{release.pk}/comments/", body, content_type="application/json").status_code


def test_spoofed_header_from_untrusted_peer_does_not_escape_the_limit(release, limit_two):
    statuses = [post(release, n, "198.51.100.9", f"203.0.113.{n}") for n in range(3)]
    assert statuses == [201, 201, 429]


def test_client_written_hop_behind_trusted_proxy_does_not_escape_the_limit(release, limit_two):
    statuses = [post(release, n, PROXY, f"192.0.2.{n}, 203.0.113.5") for n in range(3)]
    assert statuses == [201, 201, 429]


def test_two_readers_behind_one_proxy_have_their_own_limits(release, limit_two):
    assert [post(release, n, PROXY, "203.0.113.5") for n in range(3)] == [201, 201, 429]
    assert [post(release, n, PROXY, "203.0.113.6") for n in range(2)] == [201, 201]


def test_lockout_behind_a_proxy_is_per_reader(db, settings):
    settings.PRESSROOM_TRUSTED_PROXIES = [PROXY]
    get_user_model().objects.create_superuser("editor", "e@example.org", "right-password-42")

    def login(forwarded, password):
        client = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
        response = client.post("/admin/login/", {"username": "editor", "password": password})
        return response.status_code

    # An attacker varies the hop it writes itself; the lockout still holds it.
    statuses = [login(f"192.0.2.{n}, 203.0.113.66", "wrong") for n in range(6)]
    assert statuses[-1] in (403, 429)
    # The editor, behind the same proxy, is not locked out.
    assert login("203.0.113.5", "right-password-42") == 302
