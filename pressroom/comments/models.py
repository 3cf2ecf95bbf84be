"""Reader comments on releases."""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressroom.core.models import bump_row


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")
    SPAM = "spam", _("Spam")


class Source(models.TextChoices):
    FORM = "form", _("Form")
    API = "api", _("JSON API")
    IMPORT = "import", _("Import")


class HeldReason(models.TextChoices):
    """Why a comment waits for a moderator although the reader did nothing wrong."""

    LINKS = "links", _("May contain a link")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Status.APPROVED)

    def pending(self):
        return self.filter(status=Status.PENDING)


class Comment(models.Model):
    """A reader's comment. Shown only when approved; text is plain, never HTML."""

    page = models.ForeignKey(
        "releases.PressReleasePage", verbose_name=_("release"), on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Never shown; for moderators only."))
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPROVED, db_index=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    ip_hash = models.CharField(_("client address (salted hash)"), max_length=64, blank=True, editable=False)
    text_hash = models.CharField(max_length=64, db_index=True, editable=False)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.FORM)
    moderation_note = models.CharField(_("moderation note"), max_length=255, blank=True)
    import_key = models.CharField(max_length=128, blank=True, db_index=True, editable=False)
    held_reason = models.CharField(
        _("held for review"), max_length=16, choices=HeldReason.choices, blank=True, editable=False,
        help_text=_("Why the comment waits for a moderator."),
    )
    # [{"field": "text", "start": 5, "end": 12, "text": "...", "kind": "domain"}]: the words
    # that made the link policy hold the comment, highlighted in the admin.
    held_spans = models.JSONField(default=list, blank=True, editable=False)
    # Who posted it, for the duplicate rule: a salted hash of the client address,
    # name and e-mail (comments.pipeline.reader_key); empty for imported comments.
    reader_key = models.CharField(max_length=64, blank=True, editable=False)
    # created_at // DUPLICATE_WINDOW for comments readers post; None for the others.
    # With the constraint below, two identical posts of one reader in one window
    # cannot both be saved, however close together they arrive.
    dedupe_bucket = models.BigIntegerField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    # Nothing links to a comment: Wagtail need not queue a reference-index task
    # on every post (the admin's "usage" view of a release lists no comments).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["page", "status", "created_at"], name="comments_page_status_idx"),
            models.Index(fields=["reader_key", "created_at"], name="comments_reader_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "reader_key", "text_hash", "dedupe_bucket"],
                condition=models.Q(dedupe_bucket__isnull=False),
                name="comments_once_per_reader_and_window",
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:50]}"

    def save(self, *args, **kwargs):
        if not self.text_hash:
            from .pipeline import text_fingerprint

            self.text_hash = text_fingerprint(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.page.url}#comment-{self.pk}"

    def marked_text(self, limit=300):
        """The text for moderators, HTML-escaped, with the words that held it in ``<mark>``.

        Cut after ``limit`` characters, but never before the last marked word.
        """
        from .utils import mark_spans

        spans = [span for span in self.held_spans or [] if span.get("field", "text") == "text"]
        return mark_spans(self.text, spans, limit)

    marked_text.short_description = _("text")


class Thread(models.Model):
    """What the pages of one release show of its comments, kept in the database.

    ``version`` goes up by one, and ``approved_count`` is recounted, in the same
    transaction as every save or delete of a comment of the release
    (``comments.signals``). Cached comment lists and whole cached pages are keyed
    by the version, so a cache that expires or evicts anything can cost time but
    never show a hidden comment or lose an accepted one.
    """

    page = models.OneToOneField(
        "releases.PressReleasePage", verbose_name=_("release"), primary_key=True, on_delete=models.CASCADE,
        related_name="comment_thread",
    )
    version = models.PositiveBigIntegerField(default=0)
    approved_count = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("comment thread")

    def __str__(self):
        return f"{self.page_id} v{self.version}"

    @classmethod
    def bump(cls, page_id):
        """Record that a comment of ``page_id`` changed; call inside its transaction."""
        count = models.Subquery(
            Comment.objects.filter(page_id=page_id, status=Status.APPROVED)
            .order_by()
            .values("page_id")
            .annotate(n=models.Count("pk"))
            .values("n")[:1]
        )
        now = timezone.now()
        changes = {"version": models.F("version") + 1, "approved_count": Coalesce(count, 0), "changed_at": now}
        bump_row(cls, page_id, changes)

    @classmethod
    def state(cls, page_id):
        """``(version, approved_count, changed_at)`` of a release; zeros when it never had a comment."""
        row = cls.objects.filter(pk=page_id).values_list("version", "approved_count", "changed_at").first()
        return row or (0, 0, None)


class RateCounter(models.Model):
    """One fixed-window counter of the comment limits (``comments.limits``).

    Kept in the database, not in the cache: the default file cache cannot
    increment atomically, and an evicted counter would lift a limit. Rows are
    incremented with one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` and
    deleted once their window is over.
    """

    name = models.CharField(max_length=120)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "window_start"], name="comments_ratecounter_window")]

    def __str__(self):
        return f"{self.name}@{self.window_start}: {self.count}"
