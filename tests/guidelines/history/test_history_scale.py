"""Reading history never loads every stored version: the first page costs the same whatever
the length of the history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision

from guidelines.models import Document, RevisionMeta, RevisionTouch, Section

# Our own: document, one page of revisions, the two filter lists. The rest (session, user,
# roles, whatever the base template shows) is shared by every page; allow for it.
HISTORY_QUERIES_AT_MOST = 12


def grow_history(document: Document, user, count: int) -> None:
    """Append `count` revisions cheaply (bulk rows, not through the services)."""
    document.refresh_from_db()
    start = document.version + 1
    section = Section.objects.filter(document=document).first()
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        Revision(user=user, comment=f"Edit {n}", date_created=now)
        for n in range(start, start + count)
    )
    if revisions[0].pk is None:  # a backend without RETURNING: read the ids back
        revisions = list(Revision.objects.order_by("-pk")[:count])[::-1]
    metas = RevisionMeta.objects.bulk_create(
        RevisionMeta(
            revision=revision,
            document=document,
            number=number,
            kind="edit",
            user=user,
            summary=f"Edit {number}",
            words_added=3,
            words_removed=1,
            section_headings=[section.heading],
            manifest=document.latest_revision.manifest,
        )
        for number, revision in zip(range(start, start + count), revisions, strict=True)
    )
    if metas[0].pk is None:
        metas = list(RevisionMeta.objects.filter(document=document, number__gte=start))
    RevisionTouch.objects.bulk_create(
        RevisionTouch(meta=meta, section_id_ref=section.pk, section_version=1) for meta in metas
    )
    Document.objects.filter(pk=document.pk).update(version=start + count - 1)


def history_queries(client, document, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("guidelines:history", args=[document.slug]), params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"author": "dana"}, {"section": "SECTION"}, {"page": "2"}])
def test_the_history_page_costs_the_same_for_100_and_10000_revisions(
    document, editor, client_for, django_assert_num_queries, params
):
    client = client_for(editor)
    if params.get("section"):
        params = {"section": str(Section.objects.filter(document=document).first().pk)}
    grow_history(document, editor, 100)
    small = history_queries(client, document, **params)
    grow_history(document, editor, 9_900)
    assert RevisionMeta.objects.filter(document=document).count() > 10_000
    with django_assert_num_queries(small):
        response = client.get(reverse("guidelines:history", args=[document.slug]), params)
    assert small <= HISTORY_QUERIES_AT_MOST
    assert response.content.decode().count('name="from"') == 50


def test_the_section_history_page_is_constant_too(
    document, editor, client_for, django_assert_num_queries
):
    client = client_for(editor)
    section = Section.objects.filter(document=document).first()
    page = reverse("guidelines:section_history", args=[document.slug, section.pk])
    grow_history(document, editor, 100)
    with CaptureQueriesContext(connection) as small:
        client.get(page)
    grow_history(document, editor, 9_900)
    with django_assert_num_queries(len(small)):
        response = client.get(page)
    assert response.content.decode().count('name="from"') == 50


def test_recent_changes_stay_constant(document, editor, client_for, django_assert_num_queries):
    client = client_for(editor)
    grow_history(document, editor, 100)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("guidelines:recent_changes"))
    grow_history(document, editor, 9_900)
    with django_assert_num_queries(len(small)):
        response = client.get(reverse("guidelines:recent_changes"))
    assert len(small) <= HISTORY_QUERIES_AT_MOST
    assert response.content.decode().count("<tr") == 51
