"""Submit, review screen, sign-off, approve, request changes and publish through the views."""

import pytest
from django.urls import reverse

from guidelines.documents import services
from guidelines.models import Document, Release, Review, Section, SectionSignoff
from guidelines.review import workflow
from tests.guidelines.workflow_fixtures import (
    edit_first_section,
    make_released,
    submit_and_approve,
)

Status = Document.Status


def rendered(statement, modality, tone):
    from textkit import tone as engine

    return engine.render(statement, tone, modality).text


@pytest.fixture
def released(document, editor, reviewer):
    return make_released(document, editor, reviewer)


def url(name, document, *args):
    return reverse(f"guidelines:{name}", args=[document.slug, *args])


def status_of(document):
    document.refresh_from_db()
    return document.status


# --- submit -----------------------------------------------------------------------------------


def test_an_editor_submits_from_the_draft_page(client_for, editor, document):
    page = client_for(editor).get(url("draft", document))
    assert url("document_submit", document) in page.content.decode()
    response = client_for(editor).post(url("document_submit", document))
    assert response.status_code == 302
    assert status_of(document) == Status.IN_REVIEW


def test_submit_rejects_get(client_for, editor, document):
    assert client_for(editor).get(url("document_submit", document)).status_code == 405


def test_an_employee_cannot_submit(client_for, employee, document):
    # A draft nobody opened for consultation is invisible to employees.
    assert client_for(employee).post(url("document_submit", document)).status_code == 404
    assert status_of(document) == Status.DRAFT


def test_a_reviewer_cannot_submit(client_for, reviewer, document):
    assert client_for(reviewer).post(url("document_submit", document)).status_code == 403


def test_submitting_twice_shows_an_error_and_changes_nothing(client_for, editor, document):
    client_for(editor).post(url("document_submit", document))
    response = client_for(editor).post(url("document_submit", document), follow=True)
    assert "Only a draft can be submitted" in response.content.decode()
    assert status_of(document) == Status.IN_REVIEW


def test_submit_404s_for_an_unknown_document(client_for, editor):
    response = client_for(editor).post(reverse("guidelines:document_submit", args=["nope"]))
    assert response.status_code == 404


# --- review screen ----------------------------------------------------------------------------


def test_the_first_review_shows_the_whole_text(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    page = client_for(reviewer).get(url("review", document))
    html = page.content.decode()
    assert page.status_code == 200
    assert "First review" in html
    # In the words employees read: the document's default voice (guideline) unless asked.
    assert rendered("Identify yourself when you post.", "must", "guideline") in html
    assert "Consequences" in html
    assert html.count('Sign off<span class="sr-only">') == 2


def test_a_later_review_shows_the_changes_since_the_release_with_modality_flagged(
    client_for, editor, reviewer, released
):
    document, _ = released
    edit_first_section(document, editor, modality="should")
    workflow.document_submit(user=editor, document=document)
    html = client_for(reviewer).get(url("review", document)).content.decode()
    assert "since the published version <strong>1.0</strong>" in html
    assert "Modality change:" in html
    assert "from MUST to SHOULD (weakened)" in html
    assert '<ins class="diff-ins">' in html
    assert "Unchanged" in html  # the untouched section is folded away


def test_the_review_screen_is_for_reviewers_only(client_for, editor, document):
    workflow.document_submit(user=editor, document=document)
    assert client_for(editor).get(url("review", document)).status_code == 403


def test_the_review_screen_sends_back_when_nothing_is_in_review(client_for, reviewer, document):
    response = client_for(reviewer).get(url("review", document))
    assert response.status_code == 302
    assert response["Location"] == document.get_draft_url()


def test_the_review_screen_rejects_post(client_for, reviewer, editor, document):
    workflow.document_submit(user=editor, document=document)
    assert client_for(reviewer).post(url("review", document)).status_code == 405


def test_the_review_screen_pins_its_queries(
    client_for, editor, reviewer, document, django_assert_max_num_queries
):
    workflow.document_submit(user=editor, document=document)
    client = client_for(reviewer)
    client.get(url("review", document))
    with django_assert_max_num_queries(16):
        assert client.get(url("review", document)).status_code == 200


def _rephrase_first_rule(document, editor, **fields):
    section = Section.objects.get(document=document, heading="Be yourself")
    rules = list(section.rules.filter(removed_at__isnull=True))
    data = services.SectionInput(
        heading=section.heading,
        body=section.body,
        visibility=section.visibility,
        anchor=section.anchor,
        rules=[
            services.RuleInput(
                id=r.pk,
                modality=r.modality,
                statement=r.statement,
                policy_text=r.policy_text,
                guideline_text=r.guideline_text,
                visibility=r.visibility,
            )
            for r in rules
        ],
    )
    for name, value in fields.items():
        setattr(data.rules[0], name, value)
    services.section_save(user=editor, section=section, expected_version=section.version, data=data)


@pytest.mark.parametrize("tone", ["policy", "guideline"])
def test_the_review_screen_shows_the_words_of_the_chosen_voice_and_every_strength(
    client_for, editor, reviewer, document, tone
):
    workflow.document_submit(user=editor, document=document)
    html = client_for(reviewer).get(url("review", document), {"tone": tone}).content.decode()
    assert f"as employees read them in the <strong>{tone}</strong> voice" in html
    assert rendered("Identify yourself when you post.", "must", tone) in html
    for words in ("Required", "Not allowed", "Allowed"):
        assert f'<span class="sr-only">Strength: </span>{words}</span>' in html
    other = "guideline" if tone == "policy" else "policy"
    assert f'data-tone="{other}"' in html  # the tone switch
    assert f'class="tone-option is-active" aria-current="true" data-tone="{tone}"' in html


def test_the_review_screen_labels_a_tone_only_section_and_reads_it_in_its_voice(
    client_for, editor, reviewer, document
):
    workflow.document_submit(user=editor, document=document)
    html = client_for(reviewer).get(url("review", document), {"tone": "guideline"}).content.decode()
    assert '<span class="badge badge-tone">Policy only</span>' in html
    assert "Not in the guideline voice: only readers of the policy voice see this section" in html
    assert "Violations may result in disciplinary action." in html


def test_the_review_screen_shows_both_voices_side_by_side_on_request(
    client_for, editor, reviewer, document
):
    workflow.document_submit(user=editor, document=document)
    html = (
        client_for(reviewer)
        .get(url("review", document), {"tone": "guideline", "voices": "both"})
        .content.decode()
    )
    assert html.count('<div class="review-voices">') == 3  # every rule
    for tone in ("policy", "guideline"):
        assert rendered("Identify yourself when you post.", "must", tone) in html
    assert "Not in the guideline voice." in html  # the policy-only rule's other column
    assert 'aria-current="true">Both voices</a>' in html
    assert "voices=both" in html.split("Open the full comparison")[0].rsplit("href=", 1)[1]


def test_a_hand_written_phrasing_change_is_a_change_on_the_review_screen(
    client_for, editor, reviewer, released
):
    document, _ = released
    _rephrase_first_rule(document, editor, guideline_text="Always say who you are.")
    workflow.document_submit(user=editor, document=document)
    client = client_for(reviewer)
    guideline = client.get(url("review", document), {"tone": "guideline"}).content.decode()
    assert '<span class="wf-tag wf-tag-changed">Changed</span>' in guideline
    assert '<span class="sr-only">[inserted: </span>say who<span class="sr-only">]' in guideline
    policy = client.get(url("review", document), {"tone": "policy"}).content.decode()
    assert "say who" not in policy  # policy readers read what they read before


def test_the_review_screen_reports_wording_that_states_another_strength(
    client_for, editor, reviewer, document
):
    _rephrase_first_rule(document, editor, guideline_text="Feel free to say who you are.")
    # Submitting refuses such wording unless the finding was dismissed; put it in review as is.
    Document.objects.filter(pk=document.pk).update(status=Status.IN_REVIEW)
    html = client_for(reviewer).get(url("review", document), {"tone": "guideline"}).content.decode()
    assert "Wording and strength disagree (guideline voice):" in html
    assert "(Required)" in html.split("Wording and strength disagree")[1]


def test_a_modality_change_shows_both_strengths_on_the_review_screen(
    client_for, editor, reviewer, released
):
    document, _ = released
    edit_first_section(document, editor, modality="should")
    workflow.document_submit(user=editor, document=document)
    html = client_for(reviewer).get(url("review", document)).content.decode()
    assert (
        '<del class="strength strength-required">Required</del> <span aria-hidden="true">→</span>'
        '<span class="sr-only"> to </span><ins class="strength strength-recommended">Recommended'
        "</ins>"
    ) in html


# --- sign-off ---------------------------------------------------------------------------------


def test_a_reviewer_signs_off_a_section_with_a_comment(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    section = Section.objects.filter(document=document).first()
    response = client_for(reviewer).post(
        url("section_signoff", document, section.pk), {"comment": "Reads well."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/review/#section-{section.pk}")
    assert SectionSignoff.objects.get().comment == "Reads well."
    page = client_for(reviewer).get(url("review", document)).content.decode()
    assert "You signed off this section" in page


def test_signoff_404s_for_a_section_of_another_document(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    response = client_for(reviewer).post(url("section_signoff", document, 999999))
    assert response.status_code == 404


def test_signoff_rejects_a_comment_that_is_too_long(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    section = Section.objects.filter(document=document).first()
    client_for(reviewer).post(url("section_signoff", document, section.pk), {"comment": "x" * 5001})
    assert not SectionSignoff.objects.exists()


def test_signoff_is_for_reviewers_and_posts_only(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    section = Section.objects.filter(document=document).first()
    assert client_for(editor).post(url("section_signoff", document, section.pk)).status_code == 403
    assert client_for(reviewer).get(url("section_signoff", document, section.pk)).status_code == 405


# --- approve and request changes --------------------------------------------------------------


def test_a_reviewer_approves_from_the_review_screen(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    response = client_for(reviewer).post(
        url("review_approve", document), {"seen_revision": document.version}
    )
    assert response.status_code == 302
    assert status_of(document) == Status.APPROVED
    page = client_for(editor).get(url("draft", document)).content.decode()
    assert "has the approvals it needs" in page
    assert url("publish", document) in page


def test_a_stale_approval_is_refused_with_a_message(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    response = client_for(reviewer).post(
        url("review_approve", document), {"seen_revision": document.version - 1}
    )
    assert response.status_code == 400
    assert "The draft has changed since you opened it" in response.content.decode()
    assert not Review.objects.exists()


def test_approve_rejects_get_and_wrong_roles(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    assert client_for(reviewer).get(url("review_approve", document)).status_code == 405
    response = client_for(editor).post(
        url("review_approve", document), {"seen_revision": document.version}
    )
    assert response.status_code == 403
    assert status_of(document) == Status.IN_REVIEW


def test_approving_a_draft_that_is_not_in_review_redirects_with_an_error(
    client_for, reviewer, document
):
    response = client_for(reviewer).post(
        url("review_approve", document), {"seen_revision": document.version}, follow=True
    )
    assert "Only a document in review can be approved" in response.content.decode()
    assert not Review.objects.exists()


def test_requesting_changes_shows_the_reasons_to_editors(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    response = client_for(reviewer).post(
        url("review_request_changes", document),
        {"seen_revision": document.version, "reasons": "Name the team to ask for advice."},
    )
    assert response.status_code == 302
    assert status_of(document) == Status.DRAFT
    page = client_for(editor).get(url("draft", document)).content.decode()
    assert "Changes requested by Priya Natarajan" in page
    assert "Name the team to ask for advice." in page


def test_requesting_changes_without_reasons_is_a_form_error(client_for, editor, reviewer, document):
    workflow.document_submit(user=editor, document=document)
    response = client_for(reviewer).post(
        url("review_request_changes", document), {"seen_revision": document.version, "reasons": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert status_of(document) == Status.IN_REVIEW


def test_request_changes_rejects_get_and_employees(
    client_for, editor, reviewer, employee, released
):
    document, _ = released
    assert client_for(reviewer).get(url("review_request_changes", document)).status_code == 405
    response = client_for(employee).post(
        url("review_request_changes", document), {"seen_revision": 1, "reasons": "x"}
    )
    assert response.status_code == 403


# --- publish ----------------------------------------------------------------------------------


def test_an_editor_publishes_an_approved_document(client_for, editor, reviewer, document):
    submit_and_approve(document, editor, reviewer)
    form = client_for(editor).get(url("publish", document))
    assert "version 1.0" in form.content.decode()
    response = client_for(editor).post(
        url("publish", document), {"kind": "major", "notes": "Our first release."}
    )
    release = Release.objects.get()
    assert response.status_code == 302
    assert response["Location"] == release.get_absolute_url()
    assert status_of(document) == Status.PUBLISHED


def test_the_publish_form_offers_the_next_numbers(
    client_for, admin_user, editor, reviewer, released
):
    document, _ = released
    edit_first_section(document, editor)
    html = client_for(admin_user).get(url("publish", document)).content.decode()
    assert "1.1" in html and "2.0" in html


def test_an_editor_cannot_open_publish_before_approval(client_for, editor, document):
    assert client_for(editor).get(url("publish", document)).status_code == 403
    assert client_for(editor).post(url("publish", document), {"kind": "minor"}).status_code == 403
    assert not Release.objects.exists()


def test_publish_rejects_a_bad_kind_and_saves_nothing(client_for, admin_user, document):
    response = client_for(admin_user).post(url("publish", document), {"kind": "patch"})
    assert response.status_code == 400
    assert not Release.objects.exists()


def test_publish_rejects_put(client_for, admin_user, document):
    assert client_for(admin_user).put(url("publish", document)).status_code == 405


def test_publishing_nothing_new_is_a_form_error(client_for, admin_user, released):
    document, _ = released
    response = client_for(admin_user).post(url("publish", document), {"kind": "minor"})
    assert response.status_code == 400
    assert "Nothing has changed since version 1.0" in response.content.decode()
    assert Release.objects.count() == 1


@pytest.mark.parametrize("name", ["review", "publish"])
def test_workflow_pages_404_for_an_unknown_document(client_for, admin_user, name):
    response = client_for(admin_user).get(reverse(f"guidelines:{name}", args=["missing"]))
    assert response.status_code == 404
