from .base import *  # noqa: F401,F403

# `make run` serves static files straight from the apps' static/ folders
# (WhiteNoise reads them through the finders at start-up): no collectstatic
# copy to make or keep fresh. Production collects and hashes them (base.py).
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

try:
    from .local import *  # noqa: F401,F403
except ImportError:
    pass
