"""The examples in the detector's docstrings are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "pressroom.linkpolicy",
    "pressroom.linkpolicy._detect",
    "pressroom.linkpolicy._normalise",
    "pressroom.linkpolicy._scan",
    "pressroom.linkpolicy._hosts",
    "pressroom.linkpolicy._tlds",
    "pressroom.linkpolicy.__main__",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_public_functions_have_examples():
    import pressroom.linkpolicy as lp

    for name in lp.__all__:
        obj = getattr(lp, name)
        assert obj.__doc__ and ">>>" in obj.__doc__, f"{name} has no doctest example"
