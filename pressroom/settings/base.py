"""Settings shared by every environment. See README "Configuration"."""

import json
import os
from pathlib import Path

from . import env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PRESSROOM_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = env.secret_key(os.environ, VAR_DIR)
DEBUG = env.env_bool(os.environ, "PRESSROOM_DEBUG", False)
ALLOWED_HOSTS = env.env_list(os.environ, "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.env_list(os.environ, "CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "pressroom.core",
    "pressroom.releases",
    "pressroom.comments",
    "pressroom.importer",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "pressroom.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "pressroom.core.middleware.ContentSecurityPolicyMiddleware",
    # Whole anonymous pages, keyed by database state (core/pagecache.py); above
    # GZip so that entries are stored compressed.
    "pressroom.core.pagecache.PageCacheMiddleware",
    "pressroom.core.middleware.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pressroom.core.middleware.LocaleMiddleware",
    "pressroom.core.middleware.StrictFormEncodingMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pressroom.urls"
WSGI_APPLICATION = "pressroom.wsgi.application"
CSRF_FAILURE_VIEW = "pressroom.core.views.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.database(os.environ, VAR_DIR)}
CACHES = env.caches(os.environ, VAR_DIR)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses locked-out logins before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every app server
AXES_RESET_ON_SUCCESS = True
# The same client address as the comment pipeline: behind a proxy, a lockout is per
# reader, not per proxy (which would let anyone lock an editor out).
AXES_CLIENT_IP_CALLABLE = "pressroom.core.clientaddr.client_address"

# Proxies in front of the app servers (TLS terminator, Varnish), addresses or
# networks: PRESSROOM_TRUSTED_PROXIES=127.0.0.1,10.0.0.0/24. The client address is
# the rightmost X-Forwarded-For hop that is not one of them (core/clientaddr.py);
# none by default, so X-Forwarded-For is ignored.
PRESSROOM_TRUSTED_PROXIES = env.env_list(os.environ, "PRESSROOM_TRUSTED_PROXIES", [])

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages. Add Korean with PRESSROOM_LANGUAGES=en,ru,ko (or by adding
# ("ko", "한국어") here); interface catalogs live in pressroom/locale/.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = env.languages(os.environ)
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Bodies larger than this are refused with 413 before they are read (README "Security");
# /admin/ may send up to PRESSROOM_MAX_ADMIN_REQUEST_BYTES (image and document uploads).
PRESSROOM_MAX_REQUEST_BYTES = 256 * 1024
PRESSROOM_MAX_ADMIN_REQUEST_BYTES = 20 * 1024 * 1024

# Security headers (README "Security"). The Content-Security-Policy of public
# pages is set by pressroom.core.middleware.ContentSecurityPolicyMiddleware.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Comment policy from the environment, e.g. PRESSROOM_COMMENTS_JSON='{"MIN_SECONDS": 1}'
# (see pressroom/comments/conf.py for the keys).
PRESSROOM_COMMENTS = json.loads(os.environ.get("PRESSROOM_COMMENTS_JSON") or "{}")

# Front caches (Varnish, deploy/varnish/pressroom.vcl) to purge when content or
# comments change: PRESSROOM_VARNISH_URLS=http://127.0.0.1:6081[,http://…].
# Wagtail's backend classes are used; its app (which queues a task per publish)
# is not installed: pressroom/core/frontcache.py.
WAGTAILFRONTENDCACHE = {
    f"varnish{i}": {"BACKEND": "pressroom.core.frontcache.VarnishBackend", "LOCATION": url}
    for i, url in enumerate(env.env_list(os.environ, "PRESSROOM_VARNISH_URLS", []))
}

WAGTAIL_SITE_NAME = "Pressroom"
WAGTAILADMIN_BASE_URL = os.environ.get("PRESSROOM_BASE_URL", "http://127.0.0.1:8000")
# Search: Wagtail's database backend, stemming each page in its own language on
# PostgreSQL (pressroom/releases/search.py explains why one backend per language
# alone is not enough). The search view queries the alias of the active language.
PRESSROOM_SEARCH_CONFIGS = {"en": "english", "ru": "russian"}  # others: "simple"
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "pressroom.releases.search", "LANGUAGE_CONFIGS": PRESSROOM_SEARCH_CONFIGS},
    **{
        code: {
            "BACKEND": "pressroom.releases.search",
            "SEARCH_CONFIG": PRESSROOM_SEARCH_CONFIGS.get(code, "simple"),
            "LANGUAGE_CONFIGS": PRESSROOM_SEARCH_CONFIGS,
            "AUTO_UPDATE": False,  # "default" writes the same rows
        }
        for code, _name in LANGUAGES
    },
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
# Translations are made on purpose ("Translate" in the page menu), as drafts;
# a synchronised tree would publish untranslated English aliases on /ru/.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

# Background tasks (moderator e-mail) are queued in the database and run by
# `pressroom db_worker`, which `make run` starts next to gunicorn.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pressroom@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "pressroom": {"handlers": ["console"], "level": "INFO"},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}


# The admin calls no outside server: no Gravatar avatars (they would send a hash
# of each editor's e-mail address to gravatar.com) and no update check against
# releases.wagtail.org from editors' browsers.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
