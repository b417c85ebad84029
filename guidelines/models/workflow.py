from django.conf import settings
from django.db import models
from django.urls import reverse


class Review(models.Model):
    """A reviewer's decision on the exact revision they reviewed."""

    class Decision(models.TextChoices):
        APPROVE = "approve", "Approved"
        REQUEST_CHANGES = "changes", "Requested changes"

    document = models.ForeignKey(
        "guidelines.Document", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reasons = models.TextField(blank=True, max_length=20_000)
    revision = models.ForeignKey(
        "guidelines.RevisionMeta", on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)  # an edit after it withdrew it
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["document", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} by {self.reviewer}"


class SectionSignoff(models.Model):
    document = models.ForeignKey("guidelines.Document", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey("guidelines.Section", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "guidelines.RevisionMeta", on_delete=models.CASCADE, related_name="+"
    )
    comment = models.TextField(blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["section", "reviewer", "revision"], name="unique_signoff"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} signed off {self.section}"


class Release(models.Model):
    """An immutable, numbered published version with a snapshot of the whole content."""

    document = models.ForeignKey(
        "guidelines.Document", on_delete=models.CASCADE, related_name="releases"
    )
    major = models.PositiveIntegerField()
    minor = models.PositiveIntegerField()
    notes = models.TextField(blank=True, max_length=20_000)
    notes_html = models.TextField(blank=True)
    revision = models.ForeignKey(
        "guidelines.RevisionMeta", on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.JSONField()  # the plain snapshot (see guidelines.documents.snapshots)
    rendered = models.JSONField(default=dict)  # {"policy": {...view...}, "guideline": {...}}
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-major", "-minor"]
        constraints = [
            models.UniqueConstraint(fields=["document", "major", "minor"], name="unique_release")
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.version}"

    def save(self, *args, **kwargs):
        # A release never changes once published; only its creation writes the row.
        if self.pk and not kwargs.pop("force_first_save", False):
            raise ValueError("A release is immutable.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guidelines:release", args=[self.document.slug, self.version])

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}"


class ReleaseExport(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=10)
    tone = models.CharField(max_length=10)
    file = models.FileField(upload_to="exports/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "format", "tone"], name="unique_export")
        ]

    def __str__(self) -> str:
        return f"{self.release} {self.format} {self.tone}"


class Acknowledgement(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="acknowledgements")
    # The voice the employee read when they acknowledged: what they saw, on record. The
    # obligation is the same in both voices; legal still wants to know which words were read.
    tone = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "release"], name="unique_acknowledgement")
        ]

    def __str__(self) -> str:
        return f"{self.user} acknowledged {self.release}"
