"""The ``pressroom`` console script: Django's manage.py for this project.

``pressroom migrate``, ``pressroom import_release FILE``, ``pressroom links "text"``...

``pressroom`` or ``pressroom --help`` alone lists Pressroom's own commands first, one line
each, then the Django and Wagtail commands an operator needs; ``pressroom help --commands``
is Django's full list and ``pressroom help COMMAND`` a command's options, as with manage.py.
"""

import os
import re
import sys

# Django and Wagtail commands an operator of Pressroom runs, with what they are for here.
EVERYDAY = [
    ("migrate", "create or update the database tables"),
    ("collectstatic", "gather the static files for serving"),
    ("createsuperuser", "add an administrator"),
    ("update_index", "rebuild the search index (after an upgrade or a change of search settings)"),
    ("publish_scheduled", "publish releases whose go-live time has come (run every minute)"),
    ("db_worker", "run background tasks: moderator e-mail, search indexing"),
    ("check", "check the configuration (add --deploy for production)"),
    ("shell", "a Python shell with the project loaded"),
]


def summary(help_text, room=76):
    """The first sentence of a command's help on one line of at most ``room`` characters.

    >>> summary("Import posts: authors, tags and comments. Pages are skipped.", room=30)
    'Import posts: authors, tags…'
    >>> summary("Show links, e.g. pressroom links TEXT.")
    'Show links, e.g. pressroom links TEXT'
    """
    text = " ".join((help_text or "").split())
    text = re.split(r"\.\s+(?=[A-ZА-ЯЁ])", text)[0].rstrip(".")  # not at "e.g. pressroom"
    if len(text) > room:
        text = text[: room - 1].rsplit(" ", 1)[0]
        if text.count("(") > text.count(")"):  # no bracket left open
            text = text[: text.rindex("(")]
        text = text.rstrip(" ,;:") + "…"
    return text


def main_help():
    """Pressroom's commands first, one line each, then the everyday Django and Wagtail ones."""
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    commands = get_commands()
    own = sorted(name for name, app in commands.items() if app.split(".")[0] == "pressroom")
    width = max(len(name) for name in own + [name for name, _ in EVERYDAY]) + 2
    lines = ["Usage: pressroom COMMAND [options]    (pressroom help COMMAND shows its options)", ""]
    lines.append("Pressroom's commands:")
    for name in own:
        lines.append(f"  {name:<{width}}{summary(load_command_class(commands[name], name).help, 100 - 2 - width)}")
    lines += ["", "Everyday Django and Wagtail commands:"]
    lines += [f"  {name:<{width}}{text}" for name, text in EVERYDAY if name in commands]
    others = len(commands) - len(own) - sum(1 for name, _ in EVERYDAY if name in commands)
    lines += ["", f"{others} more commands from Django, Wagtail and their apps: pressroom help --commands"]
    return "\n".join(lines) + "\n"


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings.dev")
    from django.core.management import execute_from_command_line

    argv = list(argv if argv is not None else sys.argv)
    if argv[1:] in ([], ["help"], ["--help"], ["-h"]):
        sys.stdout.write(main_help())
        return
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
