"""``pressroom --help``: Pressroom's own commands first, one line each."""

import doctest

import pytest

from pressroom import cli


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["help"]])
def test_help_lists_pressroom_commands_first_one_line_each(capsys, args):
    cli.main(["pressroom", *args])
    out = capsys.readouterr().out
    lines = out.splitlines()
    own = lines[lines.index("Pressroom's commands:") + 1 :]
    own = own[: own.index("")]
    names = [line.split()[0] for line in own]
    for name in ("backup", "bootstrap", "import_release", "import_wordpress", "links", "load_sample_content", "restore"):
        assert name in names
    assert all(len(line) <= 100 for line in lines)
    assert out.index("import_release") < out.index("migrate") < out.index("help --commands")
    assert "runserver" not in out and "dumpdata" not in out  # the long tail stays behind help --commands


def test_help_for_one_command_is_still_django_s(capsys):
    cli.main(["pressroom", "help", "--commands"])
    out = capsys.readouterr().out
    assert "dumpdata" in out and "import_release" in out


def test_doctests():
    assert doctest.testmod(cli).failed == 0
