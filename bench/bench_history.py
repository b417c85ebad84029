"""History and comparison benchmark, on a throwaway SQLite database.

``history_first_page_queries`` / ``history_first_page_ms``: the history page of a document with
10,000 revisions (rows made in bulk, as the scale test does). ``compare_200_sections_*``: the
comparison data of a 200-section, 1,000-rule document, with 10 sections edited (``_light``) and
from its first revision, every section new (``_all``); ``compare_page_200_light_ms`` renders the
whole comparison page.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.support import best_ms, setup_django  # noqa: E402

SECTIONS = 200
RULES = 5
REVISIONS = 10_000
MODALITIES = ["must", "must_not", "should", "should_not", "may"]


def _people():
    from accounts.models import Role
    from accounts.roles import ensure_roles
    from accounts.services import user_create

    ensure_roles()
    name = "bench-" + uuid.uuid4().hex[:8]
    return user_create(
        username=name,
        password=uuid.uuid4().hex,
        roles=[Role.EDITOR],
        email=f"{name}@example.com",
        display_name="Bench Editor",
        department="Communications",
    )


def _document(user):
    from guidelines.documents import services
    from guidelines.documents.services import RuleInput, SectionInput

    document = services.document_create(user=user, subject="Bench " + uuid.uuid4().hex[:6])
    paragraph = (
        "Social media lets every employee speak with customers, partners and the "
        "public. What you write stays online for a long time, so write thoughtfully. "
    )
    for n in range(SECTIONS):
        services.section_add(
            user=user,
            document=document,
            data=SectionInput(
                heading=f"Topic {n}",
                body=(paragraph * 3).strip(),
                rules=[
                    RuleInput(
                        id=None,
                        modality=MODALITIES[r],
                        statement=f"Identify yourself when you discuss topic {n}, item {r}.",
                    )
                    for r in range(RULES)
                ],
            ),
        )
    document.refresh_from_db()
    return document


def _edit_some(user, document, count: int) -> None:
    from guidelines.documents import services
    from guidelines.documents.services import RuleInput, SectionInput
    from guidelines.models import Section

    sections = Section.objects.filter(document=document).order_by("position")
    for section in sections[: SECTIONS : SECTIONS // count][:count]:
        rules = [
            RuleInput(
                id=r.pk,
                modality="must" if r.modality == "should" else r.modality,
                statement=r.statement.replace("Identify", "Always identify"),
            )
            for r in section.rules.all()
        ]
        services.section_save(
            user=user,
            section=section,
            expected_version=section.version,
            data=SectionInput(
                heading=section.heading,
                body=section.body.replace("thoughtfully", "with care"),
                anchor=section.anchor,
                rules=rules,
            ),
        )


def run() -> dict[str, float]:
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from guidelines.history import selectors as history
    from tests.guidelines.history.test_history_scale import grow_history

    user = _people()
    document = _document(user)
    before_edits = document.version
    _edit_some(user, document, 10)
    document.refresh_from_db()
    figures = {
        "compare_200_sections_light_ms": best_ms(
            lambda: history.comparison_between(document, str(before_edits), "draft")
        ),
        "compare_200_sections_all_ms": best_ms(
            lambda: history.comparison_between(document, "1", "draft"), repeat=3
        ),
    }
    client = Client()
    client.force_login(user)
    compare_url = history.compare_url(document, before_edits, "draft")
    figures["compare_page_200_light_ms"] = best_ms(lambda: client.get(compare_url))

    grow_history(document, user, REVISIONS)
    page = reverse("guidelines:history", args=[document.slug])
    client.get(page)  # warm the session and template caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page)
    assert response.status_code == 200, response.status_code
    figures["history_first_page_queries"] = len(captured)
    figures["history_first_page_ms"] = best_ms(lambda: client.get(page))
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:32} {value:.2f}")
