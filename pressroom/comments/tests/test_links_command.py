from io import StringIO

from django.core.management import call_command


def test_links_command_names_each_finding():
    out = StringIO()
    call_command("links", "see", "example dot com", stdout=out)
    assert "obfuscated" in out.getvalue() and "example dot com" in out.getvalue()


def test_links_command_on_clean_text():
    out = StringIO()
    call_command("links", "The U.S. and г. Хабаровск, 3.14, report.pdf", stdout=out)
    # Dotted words that are not links produce no finding line at all.
    assert [line.lower() for line in out.getvalue().strip().splitlines()] == ["no links"]


def test_links_command_lists_only_the_link_among_lookalikes():
    out = StringIO()
    call_command("links", "see example.com and report.pdf", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1 and "'example.com'" in lines[0] and "4-15" in lines[0]
    assert "report.pdf" not in out.getvalue()
