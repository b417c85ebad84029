"""The document list, creating a document, the reading page and the document's settings."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import Document, Release, Section
from textkit.presentation import build_view

# Session, user, document, roles, profile, sections, rules, latest revision, plus what other
# areas add to the page (a review summary, the voice check's stored findings for editors, ...):
# never more than this, and never per section.
DRAFT_PAGE_QUERY_CEILING = 13


def _release(document, editor):
    snapshot = draft_snapshot(document)
    release = Release.objects.create(
        document=document,
        major=1,
        minor=0,
        revision=document.latest_revision,
        snapshot=snapshot,
        published_by=editor,
        published_at=timezone.now(),
        rendered={tone: build_view(snapshot, tone) for tone in ("policy", "guideline")},
    )
    Document.objects.filter(pk=document.pk).update(latest_release=release)
    document.refresh_from_db()
    return release


def _grow(editor, document, total):
    for n in range(total - document.sections.count()):
        services.section_add(
            user=editor,
            document=document,
            data=SectionInput(
                heading=f"Topic {n}",
                body=f"Paragraph *{n}*.",
                rules=[
                    RuleInput(id=None, modality="should", statement="Add value."),
                    RuleInput(id=None, modality="must_not", statement="Don't leak secrets."),
                ],
            ),
        )


# --- index ---------------------------------------------------------------------------------


def test_the_index_lists_the_documents_a_user_may_see(client_for, editor, document):
    response = client_for(editor).get(reverse("guidelines:index"))
    assert response.status_code == 200
    assert response.context["documents"] == [document]
    assert reverse("guidelines:document", args=[document.slug]).encode() in response.content


def test_the_index_hides_unreleased_drafts_from_employees(client_for, employee, document):
    response = client_for(employee).get(reverse("guidelines:index"))
    assert response.status_code == 200
    assert response.context["documents"] == []


def test_the_index_rejects_post(client_for, editor):
    assert client_for(editor).post(reverse("guidelines:index")).status_code == 405


# --- creating a document ------------------------------------------------------------------


def test_an_editor_creates_a_blank_document(client_for, editor):
    client = client_for(editor)
    assert client.get(reverse("guidelines:document_new")).status_code == 200
    response = client.post(
        reverse("guidelines:document_new"),
        {"subject": "Video Sites", "slug": "", "summary": "Film.", "default_tone": "policy"},
    )
    doc = Document.objects.get(slug="video-sites")
    assert response.status_code == 302
    assert response["Location"] == doc.get_draft_url()
    assert (doc.default_tone, doc.created_by, doc.version) == ("policy", editor, 1)


def test_an_editor_creates_a_document_as_a_copy(client_for, editor, document):
    response = client_for(editor).post(
        reverse("guidelines:document_new"),
        {"subject": "Wiki Etiquette", "default_tone": "guideline", "copy_from": document.pk},
    )
    assert response.status_code == 302
    copy = Document.objects.get(slug="wiki-etiquette")
    assert list(copy.sections.values_list("heading", flat=True)) == ["Be yourself", "Consequences"]


@pytest.mark.parametrize("who,status", [("reviewer", 403), ("employee", 403)])
def test_only_editors_may_create_documents(request, client_for, who, status):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("guidelines:document_new")).status_code == status
    response = client.post(
        reverse("guidelines:document_new"), {"subject": "Sneaky", "default_tone": "policy"}
    )
    assert response.status_code == status
    assert not Document.objects.filter(subject="Sneaky").exists()


def test_creating_a_document_rejects_other_methods(client_for, editor):
    assert client_for(editor).put(reverse("guidelines:document_new")).status_code == 405


@pytest.mark.parametrize(
    "data,field",
    [
        ({"subject": "", "default_tone": "policy"}, "subject"),
        ({"subject": "X", "slug": "Bad slug!", "default_tone": "policy"}, "slug"),
        ({"subject": "X", "slug": "social-computing", "default_tone": "policy"}, "slug"),
        ({"subject": "X", "default_tone": "shouty"}, "default_tone"),
        ({"subject": "X", "default_tone": "policy", "copy_from": "999999"}, "copy_from"),
        ({"subject": "X", "default_tone": "policy", "copy_from": "nope"}, "copy_from"),
    ],
)
def test_creating_a_document_shows_bad_input_inline_and_saves_nothing(
    client_for, editor, document, data, field
):
    response = client_for(editor).post(reverse("guidelines:document_new"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert b'class="field-errors"' in response.content
    assert Document.objects.count() == 1


def test_creating_a_document_needs_a_csrf_token(editor):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(
        reverse("guidelines:document_new"), {"subject": "Forged", "default_tone": "policy"}
    )
    assert response.status_code == 403
    assert not Document.objects.filter(subject="Forged").exists()


# --- the reading page ----------------------------------------------------------------------


def test_the_draft_page_shows_contents_anchors_and_rules(client_for, editor, document):
    response = client_for(editor).get(
        reverse("guidelines:draft", args=[document.slug]), {"tone": "policy"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<nav class="toc" aria-label="Contents">' in html
    for section in document.sections.all():
        assert f'href="#{section.anchor}"' in html
        assert f'id="{section.anchor}"' in html
    assert html.count('<li class="rule ') == 3
    assert "Social Computing Policy" in html


def test_the_draft_page_hides_policy_only_sections_in_guideline_tone(client_for, editor, document):
    response = client_for(editor).get(
        reverse("guidelines:draft", args=[document.slug]), {"tone": "guideline"}
    )
    assert "Consequences" not in response.content.decode()
    assert "Social Computing Guidelines" in response.content.decode()


def test_editors_see_modalities_and_edit_controls(client_for, editor, document):
    html = (
        client_for(editor)
        .get(reverse("guidelines:draft", args=[document.slug]), {"tone": "policy"})
        .content.decode()
    )
    assert '<span class="modality-tag"' in html
    assert "MUST NOT" in html
    section = document.sections.first()
    assert reverse("guidelines:section_edit", args=[document.slug, section.pk]) in html


def test_reviewers_read_the_draft_without_edit_controls_or_modalities(
    client_for, reviewer, document
):
    response = client_for(reviewer).get(reverse("guidelines:draft", args=[document.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/edit/" not in html
    assert "section-tools" not in html
    assert 'class="modality-tag"' not in html


def test_employees_cannot_find_an_unreleased_draft(client_for, employee, document):
    client = client_for(employee)
    assert client.get(reverse("guidelines:draft", args=[document.slug])).status_code == 404
    assert client.get(reverse("guidelines:document", args=[document.slug])).status_code == 404


def test_the_document_page_shows_the_draft_before_the_first_release(client_for, editor, document):
    response = client_for(editor).get(reverse("guidelines:document", args=[document.slug]))
    assert response.status_code == 200
    assert response.context["is_draft"] is True


def test_the_document_page_shows_the_latest_release_to_employees(
    client_for, editor, employee, document
):
    _release(document, editor)
    first = document.sections.first()
    services.section_save(
        user=editor,
        section=first,
        expected_version=first.version,
        data=SectionInput(heading="Unpublished heading"),
    )
    response = client_for(employee).get(reverse("guidelines:document", args=[document.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Be yourself" in html and "Unpublished heading" not in html
    assert "Version 1.0" in html
    assert 'class="modality-tag"' not in html
    assert "/edit/" not in html


@pytest.mark.parametrize("name", ["guidelines:document", "guidelines:draft"])
def test_the_reading_pages_answer_404_for_an_unknown_document(client_for, editor, name):
    assert client_for(editor).get(reverse(name, args=["no-such-thing"])).status_code == 404


@pytest.mark.parametrize("name", ["guidelines:document", "guidelines:draft"])
def test_the_reading_pages_reject_post(client_for, editor, document, name):
    assert client_for(editor).post(reverse(name, args=[document.slug])).status_code == 405


def test_the_reading_page_remembers_the_chosen_tone(client_for, editor, document):
    client = client_for(editor)
    url = reverse("guidelines:draft", args=[document.slug])
    client.get(url, {"tone": "policy"})
    assert client.get(url).context["tone"] == "policy"
    editor.profile.refresh_from_db()
    assert editor.profile.preferred_tone == "policy"


def test_the_reading_page_ignores_an_unknown_tone(client_for, editor, document):
    response = client_for(editor).get(
        reverse("guidelines:draft", args=[document.slug]), {"tone": "<script>"}
    )
    assert response.status_code == 200
    assert response.context["tone"] == "guideline"


def test_the_draft_page_takes_the_same_number_of_queries_whatever_its_length(
    client_for, editor, document, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for(editor)
    url = reverse("guidelines:draft", args=[document.slug])
    client.get(url)  # settle the session
    with django_assert_max_num_queries(DRAFT_PAGE_QUERY_CEILING) as two_sections:
        response = client.get(url)
    assert response.content.decode().count('class="doc-section"') == 1  # one is policy-only
    _grow(editor, document, 60)
    with django_assert_num_queries(len(two_sections)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="doc-section"') == 59


# --- settings ------------------------------------------------------------------------------


def _settings_data(document, **changes):
    data = {
        "expected_version": document.version,
        "subject": document.subject,
        "slug": document.slug,
        "title_policy": "",
        "title_guideline": "",
        "summary": document.summary,
        "default_tone": "guideline",
        "required_approvals": "1",
        "edit_summary": "",
    }
    data.update(changes)
    return data


def test_an_editor_changes_the_settings(client_for, editor, document):
    client = client_for(editor)
    url = reverse("guidelines:document_settings", args=[document.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url, _settings_data(document, slug="online", subject="Online", open_for_consultation="on")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("guidelines:draft", args=["online"])
    document.refresh_from_db()
    assert (document.subject, document.open_for_consultation) == ("Online", True)


@pytest.mark.parametrize("who,status", [("reviewer", 403), ("employee", 404)])
def test_only_editors_reach_the_settings(request, client_for, document, who, status):
    client = client_for(request.getfixturevalue(who))
    url = reverse("guidelines:document_settings", args=[document.slug])
    assert client.get(url).status_code == status
    assert client.post(url, _settings_data(document, subject="Hijacked")).status_code == status
    document.refresh_from_db()
    assert document.subject == "Social Computing"


def test_the_settings_answer_404_for_an_unknown_document(client_for, editor):
    url = reverse("guidelines:document_settings", args=["missing"])
    assert client_for(editor).get(url).status_code == 404


def test_the_settings_reject_other_methods(client_for, editor, document):
    url = reverse("guidelines:document_settings", args=[document.slug])
    assert client_for(editor).delete(url).status_code == 405


@pytest.mark.parametrize(
    "changes",
    [
        {"subject": ""},
        {"slug": "Not a slug"},
        {"required_approvals": "0"},
        {"default_tone": "loud"},
        {"expected_version": "1"},
        {"expected_version": "abc"},
    ],
)
def test_the_settings_refuse_bad_or_stale_input_and_save_nothing(
    client_for, editor, document, changes
):
    client = client_for(editor)
    url = reverse("guidelines:document_settings", args=[document.slug])
    data = _settings_data(document, summary="Should not be saved.")
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    document.refresh_from_db()
    assert document.summary == "How we take part online."


def test_the_settings_refuse_a_slug_another_document_uses(client_for, editor, document):
    services.document_create(user=editor, subject="Other")
    response = client_for(editor).post(
        reverse("guidelines:document_settings", args=[document.slug]),
        _settings_data(document, slug="other"),
    )
    assert "slug" in response.context["form"].errors


def test_a_section_that_was_removed_leaves_the_page(client_for, editor, document):
    section = Section.objects.filter(document=document).first()
    services.section_remove(user=editor, section=section)
    html = client_for(editor).get(reverse("guidelines:draft", args=[document.slug])).content
    assert f'id="{section.anchor}"'.encode() not in html


def test_the_index_takes_the_same_number_of_queries_for_one_document_or_many(
    client_for, editor, document, django_assert_num_queries
):
    client = client_for(editor)
    url = reverse("guidelines:index")
    _release(document, editor)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        other = services.document_create(user=editor, subject=f"Topic {n}")
        _release(other, editor)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(response.context["documents"]) == 6
    assert response.content.decode().count("Version 1.0") == 6


def test_the_index_does_not_load_release_snapshots(client_for, editor, document):
    _release(document, editor)
    client = client_for(editor)
    client.get(reverse("guidelines:index"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("guidelines:index"))
    document_query = next(
        q["sql"]
        for q in queries
        if "guidelines_document" in q["sql"] and "guidelines_release" in q["sql"]
    )
    assert "snapshot" not in document_query
