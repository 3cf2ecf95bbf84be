"""tests/growth.py tells linear work from quadratic work on any machine."""

from tests.growth import LINEAR_BOUND, CountingInput, growth


def linear(text):
    return sum(1 for ch in text if ch == "a")


def quadratic(text):
    total = 0
    for i in range(0, len(text), 4):
        total += text[:i].count("a")  # rescans the prefix: n^2
    return total


def test_linear_work_is_within_the_bound():
    assert growth(linear, lambda n: "ab" * n, 20_000) < LINEAR_BOUND


def test_quadratic_work_is_caught():
    assert growth(quadratic, lambda n: "ab" * n, 500, repeat=1) > LINEAR_BOUND


def test_counting_input_counts_what_was_read():
    body = CountingInput(b"line one\nline two\n")
    assert body.readline() == b"line one\n"
    assert body.read(4) == b"line"
    assert body.bytes_read == 13
    assert body.read() == b" two\n" and body.bytes_read == 18
