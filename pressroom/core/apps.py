from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pressroom.core"
    label = "core"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers `pressroom check`'s checks)
        from . import signals

        signals.connect()
        # An upgrade runs `pressroom migrate`: what the old code rendered (whole pages,
        # PDFs, memoised values, Varnish's copies) is keyed by the site generation,
        # so a new generation retires it all. Once per migrate (sender: this app).
        post_migrate.connect(_new_code_new_generation, sender=self, dispatch_uid="pressroom-core-migrated")


def _new_code_new_generation(sender, using="default", **kwargs):
    from django.db import connections

    from .models import SiteState
    from .pagecache import content_changed

    if SiteState._meta.db_table in connections[using].introspection.table_names():
        content_changed()
