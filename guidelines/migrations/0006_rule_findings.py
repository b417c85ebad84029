"""The rendering contract's findings stored on each rule, and the voice check's revision kinds.

Rules saved before this migration have no findings until `manage.py rerender` runs: it
re-renders every automatic phrasing and finding with the current tone engine, in bulk.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("guidelines", "0005_tone_contract"),
    ]

    operations = [
        migrations.AddField(
            model_name="rule",
            name="findings",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.AlterField(
            model_name="revisionmeta",
            name="kind",
            field=models.CharField(
                choices=[
                    ("create", "Created"),
                    ("edit", "Edited section"),
                    ("add", "Added section"),
                    ("remove", "Removed section"),
                    ("reorder", "Reordered sections"),
                    ("settings", "Changed settings"),
                    ("restore", "Restored"),
                    ("lint_fix", "Applied voice fix"),
                    ("dismissal", "Dismissed a voice finding"),
                ],
                max_length=12,
            ),
        ),
    ]
