from django.db import models


class SearchEntry(models.Model):
    """One searchable thing (document, section, rule or comment), kept current by services.

    On PostgreSQL a migration adds a stored tsvector column over title and body with a GIN
    index; on SQLite the same rows are searched with a simpler word match.
    """

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        SECTION = "section", "Section"
        RULE = "rule", "Rule"
        COMMENT = "comment", "Comment"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    document = models.ForeignKey("guidelines.Document", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "guidelines.Section", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
