from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    """The importers: management commands, the admin's import views, one model (:mod:`.models`)."""

    name = "pressroom.importer"
    label = "importer"
    verbose_name = _("Importer")
