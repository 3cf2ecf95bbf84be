"""``pressroom bootstrap``: what ``make run`` does after migrating.

Loads the sample content on the first run and makes sure an admin account
exists. The password comes from PRESSROOM_ADMIN_PASSWORD, or is generated and
printed once (and kept in var/admin-password, readable by you only).
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from pressroom.core import sample_content


class Command(BaseCommand):
    help = "Load sample content on first run and create the admin account (see README)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("PRESSROOM_ADMIN_USER", "admin"))
        parser.add_argument("--no-sample", action="store_true", help="Do not load the sample content.")

    def handle(self, *args, username, no_sample, **options):
        if not no_sample and sample_content.load() is not None:
            self.stdout.write("Loaded the sample content (three releases in English and Russian).")
        User = get_user_model()
        password_file = settings.VAR_DIR / "admin-password"
        if User.objects.filter(username=username).exists():
            if os.environ.get("PRESSROOM_ADMIN_PASSWORD"):
                self.stdout.write(f"Admin login: {username} / the password in PRESSROOM_ADMIN_PASSWORD")
            elif password_file.exists():
                self.stdout.write(f"Admin login: {username} / the password in {password_file}")
            else:
                self.stdout.write(f"Admin login: {username}")
            return
        password = os.environ.get("PRESSROOM_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username, f"{username}@localhost", password)
        if not os.environ.get("PRESSROOM_ADMIN_PASSWORD"):
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"Created admin login: {username} / {password}"))
