"""Declare the stored search vector on SearchEntry as a GeneratedField, so queries can use it.

PostgreSQL has had the generated column and its GIN index since 0002, with the same expression:
there this changes only Django's state. Other databases get the column they lacked, generated as
NULL (see guidelines.models.search.PostgresOnly), so every database matches the model.
"""

import django.contrib.postgres.search
from django.db import migrations, models

import guidelines.models.search


def add_column_elsewhere(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return
    model = apps.get_model("guidelines", "SearchEntry")
    schema_editor.add_field(model, model._meta.get_field("search_vector"))


def remove_column_elsewhere(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return  # 0002 drops it there
    model = apps.get_model("guidelines", "SearchEntry")
    schema_editor.remove_field(model, model._meta.get_field("search_vector"))


class Migration(migrations.Migration):
    dependencies = [("guidelines", "0003_auditentry_to_audit_app")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="search_vector",
                    field=models.GeneratedField(
                        db_persist=True,
                        expression=guidelines.models.search.PostgresOnly(
                            django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.SearchVector(
                                    "title", config="english", weight="A"
                                ),
                                "||",
                                django.contrib.postgres.search.SearchVector(
                                    "body", config="english", weight="B"
                                ),
                                django.contrib.postgres.search.SearchConfig("english"),
                            )
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
        ),
        migrations.RunPython(add_column_elsewhere, remove_column_elsewhere, elidable=False),
    ]
