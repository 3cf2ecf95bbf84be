from io import StringIO

import pytest
from django.core.management import call_command

from pressroom.comments.management.commands.links import Command


def _links(*text: str) -> tuple[str, int]:
    """Output and exit status of ``pressroom links TEXT...``."""
    out = StringIO()
    try:
        call_command("links", *text, stdout=out)
    except SystemExit as exc:
        return out.getvalue(), exc.code
    return out.getvalue(), 0


def test_links_command_names_each_finding_and_exits_1():
    out, status = _links("see", "example dot com")
    assert status == 1
    assert out.split()[:3] == ["obfuscated", "4-19", "strong"]
    assert "'example dot com'" in out


def test_links_command_shows_weak_findings():
    out, status = _links("Сначала запусти main.py, потом отдохни")
    assert status == 1
    assert out.split()[2:4] == ["weak", "'main.py'"]


def test_links_command_on_clean_text_exits_0():
    out, status = _links("The U.S. and г. Хабаровск, 3.14, report.pdf, 10점 만점에 8점")
    assert status == 0
    assert out.strip() == "no links"


def test_links_command_help_explains_columns_and_status():
    parser = Command().create_parser("pressroom", "links")
    text = " ".join(parser.format_help().split())
    for word in ("kind", "span", "strength", "strong", "weak", "Exit status", "0 when", "1 when"):
        assert word in text


@pytest.mark.parametrize("text", ["", "   "])
def test_links_command_on_empty_text(text):
    assert _links(text) == ("no links\n", 0)


def test_links_command_lists_only_the_link_among_lookalikes():
    out, status = _links("see example.com and report.pdf")
    lines = out.strip().splitlines()
    assert status == 1
    assert len(lines) == 1 and "'example.com'" in lines[0] and "4-15" in lines[0]
    assert "report.pdf" not in out
