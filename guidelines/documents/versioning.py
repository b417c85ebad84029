"""What django-reversion records. Revisions are made only by services, never automatically."""

import reversion


def register() -> None:
    from guidelines.models import Document, Rule, Section

    if not reversion.is_registered(Document):
        reversion.register(
            Document,
            fields=[
                "subject",
                "slug",
                "title_policy",
                "title_guideline",
                "summary",
                "default_tone",
                "required_approvals",
                "open_for_consultation",
            ],
        )
    if not reversion.is_registered(Rule):
        reversion.register(Rule, exclude=["created_at", "updated_at"])
    if not reversion.is_registered(Section):
        reversion.register(Section, follow=["rules"], exclude=["created_at", "updated_at"])
