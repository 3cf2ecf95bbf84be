"""Every example in a docstring runs: the modules below hold ``>>>`` examples.

A module with examples that is not listed fails ``test_every_module_with_examples_is_listed``,
so new examples cannot go unrun.
"""

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = [
    "pressroom.cli",
    "pressroom.core.clientaddr",
    "pressroom.core.datelines",
    "pressroom.core.sample_content",
    "pressroom.core.system",
    "pressroom.core.views",
    "pressroom.core.wordforms",
    "pressroom.importer.html_blocks",
    "pressroom.importer.parse",
    "pressroom.importer.services",
    "pressroom.importer.wordpress",
    "pressroom.releases.demo_text",
    "pressroom.releases.entities",
    "pressroom.releases.fulltext",
    "pressroom.releases.jsonld",
]


def modules_with_examples():
    found = set()
    for path in (ROOT / "pressroom").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "tests" in parts or "migrations" in parts or ">>>" not in path.read_text(encoding="utf-8"):
            continue
        if parts[:2] == ("pressroom", "linkpolicy"):  # its own tests run them, without Django
            continue
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_every_module_with_examples_is_listed():
    assert modules_with_examples() == set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, db):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
