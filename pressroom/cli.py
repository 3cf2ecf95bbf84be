"""The ``pressroom`` console script: Django's manage.py for this project.

``pressroom migrate``, ``pressroom import_release FILE``, ``pressroom links "text"``...
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()
