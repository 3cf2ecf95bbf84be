"""The benchmark's own arithmetic: wrk output parsing and goals (bench/_servers.py, bench/web.py)."""

import pytest

from bench._servers import parse_wrk
from bench.web import goal_met, make_row

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8440/en/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    48.51ms   20.12ms 210.30ms   70.00%
    Req/Sec   330.12     40.00   400.00     75.00%
  Latency Distribution
     50%   45.10ms
     75%   58.00ms
     90%   72.00ms
     99%    1.20s
  1320 requests in 2.01s, 5.10MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    656.72
Transfer/sec:      2.54MB
BENCH {"accepted": 120, "refused": 3}
"""


def test_parse_wrk():
    result = parse_wrk(WRK_OUTPUT)
    assert result.rps == pytest.approx(656.72)
    assert result.p50_ms == pytest.approx(45.1) and result.p99_ms == pytest.approx(1200)
    assert result.requests == 1320 and result.seconds == pytest.approx(2.01)
    assert result.non_2xx == 4 and result.socket_errors == 3
    assert result.extra == {"accepted": 120, "refused": 3}


def test_parse_wrk_microseconds_and_no_errors():
    text = WRK_OUTPUT.replace("1.20s", "850.00us").replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "")
    result = parse_wrk(text.replace("  Non-2xx or 3xx responses: 4\n", ""))
    assert result.p99_ms == pytest.approx(0.85) and result.non_2xx == 0 and result.socket_errors == 0


@pytest.mark.parametrize(
    "goal, value, reference, met",
    [
        ("value >= 300 and ratio >= 6", 320, 50, True),
        ("value >= 300 and ratio >= 6", 320, 60, False),
        ("value >= 300 and ratio >= 6", 299, 10, False),
        ("ratio >= 0.5", 6000, 12000, True),
        ("value < 200", 200, None, False),
        ("value == 20", 20, None, True),
        ("value >= 250", None, None, None),  # missing: never counted as met or not
        ("ratio >= 1.0", 50, None, None),  # the reference is missing
        (None, 5, None, None),  # a figure for information only
    ],
)
def test_met_is_computed_from_the_goal(goal, value, reference, met):
    row = make_row("t", value, "req/s", goal, reference)
    assert row["met"] is met
    assert goal_met(goal, row) is met
    assert set(row) >= {"target", "value", "unit", "reference", "ratio", "goal", "met"}
