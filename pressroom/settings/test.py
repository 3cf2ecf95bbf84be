"""Settings for pytest: fast hashing, local-memory cache unless REDIS_URL is set."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import CACHES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not os.environ.get("REDIS_URL"):
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
ALLOWED_HOSTS = ["*"]
# Rendered PDFs (releases/pdf.py) of the test database, apart from make run's, and
# apart from every other test run's: the test database starts afresh each run, so
# revision ids and site generations -- the PDFs' key -- repeat, and a file kept
# from a run of older code would be served as if it were current.
VAR_DIR = Path(tempfile.mkdtemp(prefix="pressroom-test-var-"))
atexit.register(shutil.rmtree, VAR_DIR, True)
