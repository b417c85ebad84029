"""The published page, earlier releases and the release list."""

import pytest
from django.urls import reverse

from guidelines.review import workflow
from tests.guidelines.workflow_fixtures import edit_first_section, make_released


@pytest.fixture
def released(document, editor, reviewer):
    return make_released(document, editor, reviewer)


def release_url(document, version):
    return reverse("guidelines:release", args=[document.slug, version])


def test_the_public_page_shows_the_latest_release_not_the_draft(
    client_for, employee, editor, released
):
    document, _ = released
    edit_first_section(document, editor, statement="A sentence only the draft has.")
    html = client_for(employee).get(document.get_absolute_url()).content.decode()
    assert "Version <strong>1.0</strong>" in html
    assert "Identify yourself when you post." in html or "identify yourself" in html.lower()
    assert "A sentence only the draft has." not in html
    assert "The draft has changes since this release" not in html  # employees see no drafts


def test_editors_are_told_the_draft_has_moved_on(client_for, editor, released):
    document, _ = released
    page = client_for(editor).get(document.get_absolute_url()).content.decode()
    assert "The draft has changes since this release" not in page
    edit_first_section(document, editor)
    page = client_for(editor).get(document.get_absolute_url()).content.decode()
    assert "The draft has changes since this release" in page


@pytest.mark.parametrize(
    "tone,title",
    [("policy", "Social Computing Policy"), ("guideline", "Social Computing Guidelines")],
)
def test_the_release_page_renders_either_tone_from_its_snapshot(
    client_for, employee, released, tone, title
):
    document, release = released
    html = client_for(employee).get(document.get_absolute_url() + f"?tone={tone}")
    assert f'<h1 id="doc-title">{title}</h1>' in html.content.decode()
    assert ("disciplinary action" in html.content.decode()) == (tone == "policy")


def test_the_release_page_makes_a_constant_number_of_queries(
    client_for, employee, editor, admin_user, released, django_assert_num_queries
):
    document, _ = released
    client = client_for(employee)
    client.get(document.get_absolute_url() + "?tone=policy")

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(document.get_absolute_url()).status_code == 200
        return len(queries)

    small = count()
    for n in range(5):
        from guidelines.documents import services

        services.section_add(
            user=editor,
            document=document,
            data=services.SectionInput(
                heading=f"More {n}",
                rules=[
                    services.RuleInput(id=None, modality="should", statement=f"Think twice, {n}.")
                ],
            ),
        )
    workflow.document_publish(user=admin_user, document=document)
    count()  # the first view of a new release renders and caches its body
    assert count() == small
    with django_assert_num_queries(small):
        client.get(document.get_absolute_url())
    assert small <= 12


def test_an_earlier_release_stays_readable(client_for, employee, editor, admin_user, released):
    document, _ = released
    edit_first_section(document, editor, statement="Say who you are, always.")
    workflow.document_publish(user=admin_user, document=document)
    old = client_for(employee).get(release_url(document, "1.0")).content.decode()
    assert "an earlier release" in old and "Read the latest, version 1.1" in old
    assert "say who you are, always." not in old.lower()
    latest = client_for(employee).get(document.get_absolute_url()).content.decode()
    assert "say who you are, always." in latest.lower()  # as the reader's voice phrases it


def test_an_unknown_release_404s(client_for, employee, released):
    document, _ = released
    client = client_for(employee)
    assert client.get(release_url(document, "2.0")).status_code == 404
    assert client.get(release_url(document, "latest")).status_code == 404
    assert client.get(reverse("guidelines:release", args=["nope", "1.0"])).status_code == 404


def test_release_pages_reject_post(client_for, employee, released):
    document, _ = released
    assert client_for(employee).post(release_url(document, "1.0")).status_code == 405
    assert (
        client_for(employee).post(reverse("guidelines:releases", args=[document.slug])).status_code
        == 405
    )


def test_outsiders_cannot_read_a_release(client_for, outsider, released):
    document, _ = released
    assert client_for(outsider).get(release_url(document, "1.0")).status_code == 404


def test_the_release_list_shows_every_release_with_notes_and_downloads(
    client_for, employee, editor, admin_user, released, django_assert_max_num_queries
):
    document, _ = released
    edit_first_section(document, editor)
    workflow.document_publish(user=admin_user, document=document, notes="Clarified *who*.")
    client = client_for(employee)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("guidelines:releases", args=[document.slug])).content.decode()
    assert "Version 1.1" in html and "Version 1.0" in html
    assert "Clarified <em>who</em>." in html
    assert "export/compare.pdf?from=1.0&amp;to=1.1" in html
    assert "Acknowledgements" not in html  # employees do not see the report


def test_the_release_list_is_empty_before_the_first_release(client_for, editor, document):
    html = client_for(editor).get(reverse("guidelines:releases", args=[document.slug]))
    assert "Nothing has been published yet." in html.content.decode()
