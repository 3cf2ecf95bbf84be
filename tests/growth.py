"""How a cost grows with the input, for tests that must prove "linear", not "fast here".

A wall-clock bound (``< 10 s``) flakes on a busy 2-core CI and passes for a
quadratic algorithm on a fast machine. Comparing the same work at n and 8n
does neither: linear work grows about 8 times, quadratic 64 times, whatever
the machine's speed. CPU time of this process (not wall time) keeps other
processes out of the measurement; the best of a few runs keeps pauses out.

    ratio = growth(parse_release, lambda n: ("a@" * n).encode(), 10_000)
    assert ratio < LINEAR_BOUND, ratio
"""

import gc
import time

FACTOR = 8
# Linear work grows ~8x, n log n ~10x, quadratic ~64x: 24 leaves linear room
# for noise and still catches anything quadratic.
LINEAR_BOUND = 24
# Below this a measurement is mostly timer noise; inputs grow until n costs it.
MIN_SECONDS = 0.01


def cpu_seconds(run, data, repeat=3):
    """The least CPU time of ``run(data)`` over ``repeat`` runs, with the GC held off."""
    best = None
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            run(data)
            spent = time.process_time() - start
            best = spent if best is None else min(best, spent)
    finally:
        gc.enable()
    return best


def growth(run, make, n, factor=FACTOR, repeat=3, max_doublings=6):
    """CPU time of ``run(make(factor * n))`` divided by that of ``run(make(n))``.

    ``n`` doubles (at most ``max_doublings`` times) until the small run costs
    MIN_SECONDS, so the ratio is not timer noise.
    """
    small = cpu_seconds(run, make(n), repeat)
    for _ in range(max_doublings):
        if small >= MIN_SECONDS:
            break
        n *= 2
        small = cpu_seconds(run, make(n), repeat)
    big = cpu_seconds(run, make(factor * n), repeat)
    return big / max(small, 1e-6)


class CountingInput:
    """A ``wsgi.input`` over ``body`` that counts the bytes read from it: "the server
    did not read the 10 MB body" as a number instead of a time."""

    def __init__(self, body):
        self.body = body
        self.position = 0

    @property
    def bytes_read(self):
        return self.position

    def read(self, size=-1):
        end = len(self.body) if size is None or size < 0 else min(len(self.body), self.position + size)
        chunk = self.body[self.position:end]
        self.position = end
        return chunk

    def readline(self, size=-1):
        end = self.body.find(b"\n", self.position)
        end = len(self.body) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self.position + size)
        return self.read(end - self.position)
