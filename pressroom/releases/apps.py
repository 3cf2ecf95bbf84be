from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "pressroom.releases"
    label = "releases"
    verbose_name = _("Releases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from pressroom.core.pagecache import content_changed

        from .models import Author, Entity

        # Authors' names and affiliations appear on release pages and archives.
        def changed(**kwargs):
            content_changed()

        for model in (Author, Entity):
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"pressroom.{model.__name__}.saved")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"pressroom.{model.__name__}.deleted")
