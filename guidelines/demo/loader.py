"""The demo: one account per role and the sample "Social Computing" document."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Role
from accounts.roles import ensure_roles
from accounts.services import user_create
from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import Document, Section

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "social_computing.json"

DEMO_USERS = [
    # username, password, roles, display name, department
    ("admin", "candor-admin", [Role.ADMIN], "Alex Morgan", "People Operations"),
    ("editor", "candor-editor", [Role.EDITOR], "Dana Whitfield", "Communications"),
    ("editor2", "candor-editor2", [Role.EDITOR], "Sam Okafor", "Human Resources"),
    ("reviewer", "candor-reviewer", [Role.REVIEWER], "Priya Natarajan", "Legal"),
    ("employee", "candor-employee", [Role.EMPLOYEE], "Jordan Lee", "Engineering"),
    ("employee2", "candor-employee2", [Role.EMPLOYEE], "Maria Costa", "Sales"),
]


def rule_inputs(rules: list[dict], existing: list | None = None) -> list[RuleInput]:
    """Rule inputs for a section, keeping the ids of existing rules the new list still holds.

    A rule keeps its id when its statement is unchanged; otherwise a reworded rule takes the id of
    the unmatched existing rule at the same place, so an edit reads as an edit, not a swap.
    """
    existing = existing or []
    by_statement = {r.statement: r.pk for r in existing}
    matched = {by_statement.get(r["statement"]) for r in rules} - {None}
    ids: list[int | None] = []
    for index, rule in enumerate(rules):
        pk = by_statement.get(rule["statement"])
        if pk is None and index < len(existing) and existing[index].pk not in matched:
            pk = existing[index].pk
            matched.add(pk)
        ids.append(pk)
    return [
        RuleInput(
            id=ids[i],
            modality=r["modality"],
            statement=r["statement"],
            policy_text=r.get("policy_text", ""),
            guideline_text=r.get("guideline_text", ""),
            explanation=r.get("explanation", ""),
            visibility=r.get("visibility", "both"),
        )
        for i, r in enumerate(rules)
    ]


def ensure_users() -> list[tuple[str, str, list[str]]]:
    ensure_roles()
    User = get_user_model()
    for username, password, roles, name, department in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            user_create(
                username=username,
                password=password,
                roles=roles,
                email=f"{username}@example.com",
                display_name=name,
                department=department,
            )
    return [(u, p, r) for u, p, r, _, _ in DEMO_USERS]


def load_document(path: Path = DEMO_FILE) -> Document | None:
    """Create the sample document with its history; None if it already exists."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if Document.objects.filter(slug=data["slug"]).exists():
        return None
    User = get_user_model()
    people = {
        u.username: u for u in User.objects.filter(username__in=[row[0] for row in DEMO_USERS])
    }
    editor = people["editor"]
    with transaction.atomic():
        document = services.document_create(
            user=editor,
            subject=data["subject"],
            slug=data["slug"],
            summary=data["summary"],
            default_tone=data.get("default_tone", "guideline"),
            title_policy=data.get("title_policy", ""),
            title_guideline=data.get("title_guideline", ""),
        )
        for section in data["sections"]:
            services.section_add(
                user=editor,
                document=document,
                data=SectionInput(
                    heading=section["heading"],
                    anchor=section["anchor"],
                    body=section["body"],
                    visibility=section["visibility"],
                    rules=rule_inputs(section["rules"]),
                ),
                summary=f"Drafted “{section['heading']}”",
            )
        publish_first_release(document, people)
        for edit in data.get("history", []):
            section = Section.objects.get(document=document, anchor=edit["section_anchor"])
            rules = list(section.rules.filter(removed_at__isnull=True))
            rule_dicts = (
                edit["rules"]
                if edit.get("rules") is not None
                else [
                    {
                        "modality": r.modality,
                        "statement": r.statement,
                        "policy_text": r.policy_text,
                        "guideline_text": r.guideline_text,
                        "explanation": r.explanation,
                        "visibility": r.visibility,
                    }
                    for r in rules
                ]
            )
            services.section_save(
                user=people.get(edit.get("author", "editor"), editor),
                section=section,
                expected_version=section.version,
                data=SectionInput(
                    heading=section.heading,
                    anchor=section.anchor,
                    body=edit["body"] if edit.get("body") is not None else section.body,
                    visibility=section.visibility,
                    rules=rule_inputs(rule_dicts, rules),
                ),
                summary=edit["summary"],
            )
        load_extras(document, data, people)
    return document


def publish_first_release(document: Document, people: dict) -> None:
    """Take the first draft through review to release 1.0, as the organisation would."""
    from guidelines.review import workflow

    document.refresh_from_db()
    workflow.document_submit(user=people["editor"], document=document)
    workflow.review_approve(
        user=people["reviewer"],
        document=document,
        comment="Read against the legal checklist; fine to publish.",
    )
    release = workflow.document_publish(
        user=people["admin"],
        document=document,
        kind="major",
        notes="First edition, written together by Communications, HR and Legal.",
    )
    workflow.release_acknowledge(user=people["employee2"], release=release)


def load_extras(document: Document, data: dict, people: dict) -> None:
    """Comments and other participation in the demo, where those parts exist."""
    try:
        from guidelines.demo.extras import load as load_participation
    except ImportError:
        return
    load_participation(document, data, people)
