"""``pressroom links "some text"``: what the link policy finds, for a person."""

import sys

from django.core.management.base import BaseCommand

from pressroom.linkpolicy import find_links
from pressroom.linkpolicy.__main__ import COLUMNS, describe_links


class Command(BaseCommand):
    help = (
        f'Show the links the comment policy finds in TEXT, e.g. pressroom links "see example dot com". '
        f"Prints {COLUMNS}, or \"no links\". Exit status: 0 when there is no link, 1 when there is one."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="+", help="the text to check (several arguments are joined by spaces)")

    def handle(self, *args, text, **options):
        links = find_links(" ".join(text))
        self.stdout.write(describe_links(links))
        if links:
            # Like grep: a script can test the status instead of parsing the lines.
            sys.exit(1)
