from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    """Installed only for its management commands; the app has no models."""

    name = "pressroom.importer"
    label = "importer"
    verbose_name = _("Importer")
