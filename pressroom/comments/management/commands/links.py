"""``pressroom links "some text"``: what the link policy finds, for a person."""

from django.core.management.base import BaseCommand

from pressroom.linkpolicy.__main__ import describe


class Command(BaseCommand):
    help = 'Show the links the comment policy finds in TEXT, e.g. pressroom links "see example dot com".'

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="+", help="the text to check (several arguments are joined by spaces)")

    def handle(self, *args, text, **options):
        self.stdout.write(describe(" ".join(text)))
