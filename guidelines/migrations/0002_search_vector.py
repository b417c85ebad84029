"""PostgreSQL only: a stored full-text vector over search entries, with a GIN index.

Other databases keep the table as it is; guidelines.search.selectors falls back to word matching there.
"""

from django.db import migrations

ADD = """
ALTER TABLE guidelines_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(body, '')), 'B')
    ) STORED;
CREATE INDEX guidelines_searchentry_vector ON guidelines_searchentry USING GIN (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS guidelines_searchentry_vector;
ALTER TABLE guidelines_searchentry DROP COLUMN IF EXISTS search_vector;
"""


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("guidelines", "0001_initial")]

    operations = [migrations.RunPython(add_vector, drop_vector, elidable=False)]
