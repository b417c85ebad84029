from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """A workflow, moderation or role action: who, when, on what, with details. Append-only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    target_type = models.CharField(max_length=40)
    target_id = models.CharField(max_length=40, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    document = models.ForeignKey(
        "guidelines.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["action", "-created_at"], name="guidelines__action_61c84f_idx"),
            models.Index(fields=["document", "-created_at"], name="guidelines__documen_6b8d66_idx"),
        ]
        verbose_name_plural = "audit entries"
        db_table = "guidelines_auditentry"  # the table predates the audit app

    def __str__(self) -> str:
        return f"{self.action} {self.target_type} {self.target_id}"
