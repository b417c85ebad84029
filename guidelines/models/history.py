from django.conf import settings
from django.db import models
from reversion.models import Revision


class RevisionMeta(models.Model):
    """What Candor knows about one django-reversion revision: one user action on one document.

    `manifest` lists the document's live sections in order as `[section_id, revision_id]` pairs,
    the revision holding each section's version as it stood after this action. A past document
    is rebuilt from one manifest and only the versions it names; comparing two revisions loads
    just the sections whose pairs differ.
    """

    class Kind(models.TextChoices):
        CREATE = "create", "Created"
        EDIT = "edit", "Edited section"
        ADD = "add", "Added section"
        REMOVE = "remove", "Removed section"
        REORDER = "reorder", "Reordered sections"
        SETTINGS = "settings", "Changed settings"
        RESTORE = "restore", "Restored"
        LINT_FIX = "lint_fix", "Applied voice fix"
        DISMISSAL = "dismissal", "Dismissed a voice finding"

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="meta")
    document = models.ForeignKey(
        "guidelines.Document", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    words_added = models.PositiveIntegerField(default=0)
    words_removed = models.PositiveIntegerField(default=0)
    section_headings = models.JSONField(default=list, blank=True)  # headings touched, for lists
    manifest = models.JSONField(default=list)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_revision_number")
        ]
        indexes = [
            models.Index(fields=["document", "user", "-number"]),
            models.Index(fields=["-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.document} r{self.number}"


class RevisionTouch(models.Model):
    """A section touched by a revision, with the section's version counter after it."""

    meta = models.ForeignKey(RevisionMeta, on_delete=models.CASCADE, related_name="touches")
    section_id_ref = models.BigIntegerField()
    section_version = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["section_id_ref", "-meta"]),
            models.Index(fields=["section_id_ref", "section_version"]),
        ]

    def __str__(self) -> str:
        return f"section {self.section_id_ref} v{self.section_version}"


class Presence(models.Model):
    """A heartbeat: this user has this section open in the editor."""

    section = models.ForeignKey(
        "guidelines.Section", on_delete=models.CASCADE, related_name="presences"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["section", "user"], name="unique_presence")]

    def __str__(self) -> str:
        return f"{self.user} on {self.section}"
