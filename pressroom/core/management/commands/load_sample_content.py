from django.core.management.base import BaseCommand

from pressroom.core import sample_content


class Command(BaseCommand):
    help = (
        "Load the sample content once, on a site without a home page: a fictional society, its releases "
        "and a few comments, in each configured language the sample is written in (English, Russian, and "
        "Korean when ko is in PRESSROOM_LANGUAGES; not every release is in every language). "
        "Prints what it loaded."
    )

    def handle(self, *args, **options):
        loaded = sample_content.load()
        if loaded is None:
            self.stdout.write("Sample content already present; nothing to do.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded the sample content under {loaded.home.url_path}: {loaded.describe()}."))
