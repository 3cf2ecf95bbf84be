from io import StringIO

from django.core.management import call_command


def test_links_command_names_each_finding():
    out = StringIO()
    call_command("links", "see", "example dot com", stdout=out)
    assert "obfuscated" in out.getvalue() and "example dot com" in out.getvalue()


def test_links_command_on_clean_text():
    out = StringIO()
    call_command("links", "The U.S. and г. Хабаровск, 3.14, report.pdf", stdout=out)
    assert "example" not in out.getvalue()
    assert "no links" in out.getvalue().lower()
