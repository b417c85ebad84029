"""Shared steps for the workflow, release and export tests: everything through the services."""

from __future__ import annotations

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import Section
from guidelines.review import workflow


def submit_and_approve(document, editor, reviewer):
    workflow.document_submit(user=editor, document=document)
    workflow.review_approve(user=reviewer, document=document)
    document.refresh_from_db()
    return document


def publish(document, editor, reviewer, *, kind="minor", notes="", publisher=None):
    submit_and_approve(document, editor, reviewer)
    release = workflow.document_publish(
        user=publisher or editor, document=document, kind=kind, notes=notes
    )
    document.refresh_from_db()
    return release


def edit_first_section(document, editor, *, modality="should", statement=None, heading=None):
    section = Section.objects.filter(document=document, removed_at__isnull=True).first()
    rules = list(section.rules.filter(removed_at__isnull=True))
    data = SectionInput(
        heading=heading or section.heading,
        body=section.body + "\n\nMore detail.",
        visibility=section.visibility,
        anchor=section.anchor,
        rules=[
            RuleInput(id=rules[0].pk, modality=modality, statement=statement or rules[0].statement)
        ]
        + [RuleInput(id=r.pk, modality=r.modality, statement=r.statement) for r in rules[1:]],
    )
    services.section_save(user=editor, section=section, expected_version=section.version, data=data)
    document.refresh_from_db()
    return section


def make_released(document, editor, reviewer):
    """The conftest document published as 1.0; test modules wrap it in a `released` fixture."""
    release = publish(document, editor, reviewer, kind="major", notes="First **release**.")
    return document, release
