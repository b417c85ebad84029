"""The audit log belongs to the audit app now; the table is kept as it is (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("guidelines", "0002_search_vector"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
        ),
    ]
