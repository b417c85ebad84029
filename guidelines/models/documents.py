from django.conf import settings
from django.db import models
from django.urls import reverse

from textkit.modality import Modality
from textkit.presentation import document_title

POLICY, GUIDELINE = "policy", "guideline"
MAX_TEXT = 100_000  # characters, for any body, statement, phrasing or explanation


class Visibility(models.TextChoices):
    BOTH = "both", "Both tones"
    POLICY = "policy", "Policy only"
    GUIDELINE = "guideline", "Guideline only"


class ToneChoice(models.TextChoices):
    POLICY = POLICY, "Policy"
    GUIDELINE = GUIDELINE, "Guideline"


# The one Modality lives in textkit; the model field offers its values with their labels.
MODALITY_CHOICES = [(m.value, m.label) for m in Modality]


class Document(models.Model):
    """A subject such as "Social Computing", rendered as a Policy or as Guidelines."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    subject = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    title_policy = models.CharField(
        max_length=250, blank=True, help_text="Leave blank for “<subject> Policy”."
    )
    title_guideline = models.CharField(
        max_length=250, blank=True, help_text="Leave blank for “<subject> Guidelines”."
    )
    summary = models.TextField(blank=True, max_length=5000)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    default_tone = models.CharField(
        max_length=10, choices=ToneChoice.choices, default=ToneChoice.GUIDELINE
    )
    required_approvals = models.PositiveSmallIntegerField(default=1)
    open_for_consultation = models.BooleanField(
        default=False, help_text="Let every employee read and comment on the draft."
    )
    # Bumped by every revision of the document; forms carry it to detect concurrent edits.
    version = models.PositiveIntegerField(default=0)
    latest_revision = models.ForeignKey(
        "guidelines.RevisionMeta",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latest_release = models.ForeignKey(
        "guidelines.Release", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["subject"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("guidelines:document", args=[self.slug])

    def get_draft_url(self) -> str:
        return reverse("guidelines:draft", args=[self.slug])

    @property
    def has_release(self) -> bool:
        return self.latest_release_id is not None

    def title_for(self, tone: str) -> str:
        override = self.title_policy if tone == POLICY else self.title_guideline
        return document_title(self.subject, tone, override)


class Section(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(max_length=200)
    anchor = models.SlugField(max_length=80)
    body = models.TextField(blank=True, max_length=MAX_TEXT)
    body_html = models.TextField(blank=True, editable=False)
    renderer_version = models.PositiveSmallIntegerField(default=0, editable=False)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.BOTH
    )
    # A counter bumped by each save; an edit form carries the value it started from.
    version = models.PositiveIntegerField(default=1)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["document", "removed_at", "position"])]

    def __str__(self) -> str:
        return self.heading

    def get_absolute_url(self) -> str:
        return reverse("guidelines:draft", args=[self.document.slug]) + f"#{self.anchor}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Rule(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveIntegerField(default=0)
    modality = models.CharField(max_length=12, choices=MODALITY_CHOICES)
    statement = models.TextField(max_length=MAX_TEXT)
    policy_text = models.TextField(blank=True, max_length=MAX_TEXT)
    guideline_text = models.TextField(blank=True, max_length=MAX_TEXT)
    # The engine's phrasings, derived when the rule is saved so a page view never rephrases.
    auto_policy = models.TextField(blank=True, editable=False)
    auto_guideline = models.TextField(blank=True, editable=False)
    # The rendering contract's findings on the phrasings readers see, in both voices, derived
    # when the rule is saved (documents.revisions.rule_findings) so no page view checks again:
    # [{"tone", "code", "message", "fix"}], code "strength", "legal-vocabulary",
    # "encouragement" or "unrendered" (the engine left the statement as written).
    findings = models.JSONField(default=list, blank=True, editable=False)
    explanation = models.TextField(blank=True, max_length=MAX_TEXT)
    explanation_html = models.TextField(blank=True, editable=False)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.BOTH
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["section", "removed_at", "position"])]

    def __str__(self) -> str:
        return self.statement[:80]

    @property
    def anchor(self) -> str:
        return f"rule-{self.pk}"

    def text_for(self, tone: str) -> str:
        if tone == POLICY:
            return self.policy_text or self.auto_policy or self.statement
        return self.guideline_text or self.auto_guideline or self.statement

    def is_automatic(self, tone: str) -> bool:
        return not (self.policy_text if tone == POLICY else self.guideline_text)


class PhrasingDismissal(models.Model):
    """An author's reasoned "this finding is wrong" for one voice check finding on one phrasing.

    It covers the exact text it was given on: once the phrasing changes, the finding (if the
    new text still has it) shows again.
    """

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="dismissals")
    tone = models.CharField(max_length=10)
    code = models.CharField(max_length=30)
    text = models.TextField()
    reason = models.CharField(max_length=500)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["rule", "tone"])]

    def __str__(self) -> str:
        return f"{self.code} dismissed on {self.rule_id} ({self.tone})"
