from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """The four roles, each a Django group of the same name."""

    EMPLOYEE = "Employee"
    EDITOR = "Editor"
    REVIEWER = "Reviewer"
    ADMIN = "Admin"


class Profile(models.Model):
    class EmailMode(models.TextChoices):
        IMMEDIATE = "immediate", "Immediately"
        DAILY = "daily", "Daily digest"
        NONE = "none", "Never"

    class Tone(models.TextChoices):
        DOCUMENT = "", "The document's default"
        POLICY = "policy", "Policy"
        GUIDELINE = "guideline", "Guideline"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=120, blank=True)
    department = models.CharField(max_length=120, blank=True)
    preferred_tone = models.CharField(max_length=10, choices=Tone.choices, blank=True)
    email_notifications = models.CharField(
        max_length=10, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_full_name() or self.user.get_username()
