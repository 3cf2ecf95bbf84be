"""The one row the importer keeps: a WordPress export between preview and import.

An editor uploads an export in the admin, looks at what importing it would do
(a dry run), then confirms. The file must outlast the first request and be
readable by whichever app server answers the second (several sit behind
Varnish), so it waits in the database, not in a process or on one machine's
disk. A row lives until its import is done; rows older than a day are removed
when anyone uploads again.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEEP = datetime.timedelta(days=1)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class WordPressUpload(models.Model):
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("file name"), max_length=255)
    locale_code = models.CharField(max_length=16, blank=True, help_text="Empty: the export's own language.")
    data = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("WordPress export awaiting import")

    def __str__(self):
        return self.name

    @classmethod
    def forget_old(cls):
        cls.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
