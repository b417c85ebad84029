from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

SEARCH_CONFIG = "english"


class PostgresOnly(models.Func):
    """The wrapped expression on PostgreSQL, NULL on databases without full-text search.

    Lets one GeneratedField describe the stored tsvector on PostgreSQL while SQLite keeps a
    column of the same name that is always NULL (and can be rebuilt by later migrations).
    """

    template = "%(expressions)s"
    output_field = SearchVectorField()

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


class SearchEntry(models.Model):
    """One searchable thing (document, section, rule or comment), kept current by services.

    On PostgreSQL `search_vector` is a stored, generated tsvector over title (weight A) and body
    (weight B) with a GIN index (migrations 0002 and 0004); the database keeps it in step with
    every write. On SQLite the column is always NULL and the rows are searched by word match.
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
    search_vector = models.GeneratedField(
        expression=PostgresOnly(
            SearchVector("title", config=SEARCH_CONFIG, weight="A")
            + SearchVector("body", config=SEARCH_CONFIG, weight="B")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"
