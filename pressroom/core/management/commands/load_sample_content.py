from django.core.management.base import BaseCommand

from pressroom.core import sample_content


class Command(BaseCommand):
    help = (
        "Load the sample society, its three releases (English and Russian, one in Korean too) and a few "
        "comments, once, in the configured languages."
    )

    def handle(self, *args, **options):
        home = sample_content.load()
        if home is None:
            self.stdout.write("Sample content already present; nothing to do.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded sample content under {home.url_path}"))
