from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "pressroom.comments"
    label = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pressroom.core import pagecache

        from . import checks, signals  # noqa: F401  (registers the system checks; connects the handlers)
        from .models import Thread

        def thread_state(page_id):
            version, _count, changed_at = Thread.state(page_id)
            return version, changed_at

        pagecache.register_dependency("comments.thread", thread_state)
