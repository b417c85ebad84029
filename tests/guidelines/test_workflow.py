"""Every workflow transition, who may make it, and when it is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from guidelines.models import Document, Release, Review, Section, SectionSignoff
from guidelines.review import workflow
from tests.guidelines.workflow_fixtures import edit_first_section, publish, submit_and_approve

Status = Document.Status


def status_of(document):
    document.refresh_from_db()
    return document.status


# --- submit -----------------------------------------------------------------------------------


def test_an_editor_submits_a_draft_for_review(document, editor):
    workflow.document_submit(user=editor, document=document)
    assert status_of(document) == Status.IN_REVIEW
    entry = AuditEntry.objects.get(action="document.submit")
    assert entry.actor == editor and entry.document == document


@pytest.mark.parametrize("persona", ["reviewer", "employee", "outsider"])
def test_only_editors_may_submit(document, persona, request):
    with pytest.raises(PermissionDenied):
        workflow.document_submit(user=request.getfixturevalue(persona), document=document)
    assert status_of(document) == Status.DRAFT
    assert not AuditEntry.objects.exists()


def test_it_refuses_to_submit_what_is_already_in_review(document, editor):
    workflow.document_submit(user=editor, document=document)
    with pytest.raises(ValidationError, match="Only a draft"):
        workflow.document_submit(user=editor, document=document)


def test_it_refuses_to_submit_an_empty_document(editor):
    from guidelines.documents import services

    empty = services.document_create(user=editor, subject="Empty")
    with pytest.raises(ValidationError, match="at least one section"):
        workflow.document_submit(user=editor, document=empty)


def _weakened(document, editor, *, visibility="both"):
    from guidelines.documents import services
    from guidelines.documents.services import RuleInput, SectionInput

    section = services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="Passwords",
            visibility=visibility,
            rules=[
                RuleInput(
                    id=None,
                    modality="must_not",
                    statement="Don't share passwords.",
                    guideline_text="Try to avoid sharing passwords.",
                )
            ],
        ),
    )
    document.refresh_from_db()
    return section.rules.get()


def test_it_refuses_to_submit_a_phrasing_with_the_wrong_strength_and_lists_it(document, editor):
    _weakened(document, editor)
    with pytest.raises(ValidationError) as refused:
        workflow.document_submit(user=editor, document=document)
    assert refused.value.messages == [
        "Submitting for review needs 1 phrasing fixed first: the wording readers would see "
        "states another strength than the rule. Fix it, or dismiss the finding with a reason, "
        "in the voice check.",
        "Rule 1 in “Passwords”: “Try to avoid sharing passwords.” — This guideline phrasing "
        "reads as advice to avoid something but the rule is MUST NOT (Not allowed).",
    ]
    assert status_of(document) == Status.DRAFT
    assert not AuditEntry.objects.filter(action="document.submit").exists()


def test_it_submits_once_the_phrasing_is_fixed(document, editor):
    from guidelines.tone import services as tone_services

    rule = _weakened(document, editor)
    tone_services.rule_adopt_phrasing(user=editor, rule=rule, tone="guideline")
    document.refresh_from_db()
    workflow.document_submit(user=editor, document=document)
    assert status_of(document) == Status.IN_REVIEW


def test_it_submits_once_the_finding_is_dismissed_with_a_reason(document, editor):
    from guidelines.tone import services as tone_services

    rule = _weakened(document, editor)
    tone_services.finding_dismiss(
        user=editor,
        rule=rule,
        tone="guideline",
        code="strength",
        text="Try to avoid sharing passwords.",
        reason="Legal reviewed it: firm enough.",
    )
    document.refresh_from_db()
    workflow.document_submit(user=editor, document=document)
    assert status_of(document) == Status.IN_REVIEW


def test_a_strength_error_in_a_voice_the_rule_is_not_shown_in_does_not_block(document, editor):
    _weakened(document, editor, visibility="policy")
    workflow.document_submit(user=editor, document=document)
    assert status_of(document) == Status.IN_REVIEW


# --- approve ----------------------------------------------------------------------------------


def test_a_reviewer_approves_the_exact_revision(document, editor, reviewer):
    workflow.document_submit(user=editor, document=document)
    review = workflow.review_approve(
        user=reviewer, document=document, seen_revision=document.version
    )
    assert review.revision_id == document.latest_revision_id
    assert status_of(document) == Status.APPROVED
    assert AuditEntry.objects.filter(action="review.approve", actor=reviewer).exists()


@pytest.mark.parametrize("persona", ["editor", "employee", "admin_user"])
def test_only_reviewers_may_approve(document, editor, persona, request):
    workflow.document_submit(user=editor, document=document)
    with pytest.raises(PermissionDenied):
        workflow.review_approve(user=request.getfixturevalue(persona), document=document)
    assert status_of(document) == Status.IN_REVIEW


def test_it_refuses_to_approve_a_draft_that_was_not_submitted(document, reviewer):
    with pytest.raises(ValidationError, match="in review"):
        workflow.review_approve(user=reviewer, document=document)
    assert not Review.objects.exists()


def test_it_refuses_an_approval_of_a_revision_the_reviewer_did_not_see(document, editor, reviewer):
    workflow.document_submit(user=editor, document=document)
    seen = document.version
    Document.objects.filter(pk=document.pk).update(version=seen + 1)
    document.refresh_from_db()
    with pytest.raises(ValidationError, match="changed since you opened it"):
        workflow.review_approve(user=reviewer, document=document, seen_revision=seen)
    assert status_of(document) == Status.IN_REVIEW


def test_it_needs_as_many_approvals_as_the_document_asks(document, editor, reviewer):
    from tests.conftest import make_person

    Document.objects.filter(pk=document.pk).update(required_approvals=2)
    document.refresh_from_db()
    workflow.document_submit(user=editor, document=document)
    workflow.review_approve(user=reviewer, document=document)
    assert status_of(document) == Status.IN_REVIEW
    with pytest.raises(ValidationError, match="already approved"):
        workflow.review_approve(user=reviewer, document=document)
    second = make_person("lee", ["Reviewer"], "Lee Second", "Legal")
    workflow.review_approve(user=second, document=document)
    assert status_of(document) == Status.APPROVED
    assert workflow.current_approvals(document) == 2


def test_an_edit_after_approval_withdraws_it_and_needs_review_again(document, editor, reviewer):
    submit_and_approve(document, editor, reviewer)
    edit_first_section(document, editor)
    assert status_of(document) == Status.IN_REVIEW
    assert workflow.current_approvals(document) == 0
    assert Review.objects.get().withdrawn_at is not None
    with pytest.raises(ValidationError, match="only once the document is approved"):
        workflow.document_publish(user=editor, document=document)


# --- request changes --------------------------------------------------------------------------


def test_requesting_changes_sends_the_document_back_to_draft_with_reasons(
    document, editor, reviewer
):
    workflow.document_submit(user=editor, document=document)
    workflow.review_request_changes(
        user=reviewer, document=document, reasons="Say who to ask for advice."
    )
    assert status_of(document) == Status.DRAFT
    assert workflow.changes_requested(document).reasons == "Say who to ask for advice."
    assert AuditEntry.objects.filter(action="review.request_changes").exists()


def test_requesting_changes_needs_reasons(document, editor, reviewer):
    workflow.document_submit(user=editor, document=document)
    with pytest.raises(ValidationError):
        workflow.review_request_changes(user=reviewer, document=document, reasons="   ")
    assert status_of(document) == Status.IN_REVIEW


def test_requesting_changes_after_approval_withdraws_the_approvals(document, editor, reviewer):
    submit_and_approve(document, editor, reviewer)
    workflow.review_request_changes(user=reviewer, document=document, reasons="Second thoughts")
    assert status_of(document) == Status.DRAFT
    assert workflow.current_approvals(document) == 0


def test_an_editor_may_not_request_changes(document, editor):
    workflow.document_submit(user=editor, document=document)
    with pytest.raises(PermissionDenied):
        workflow.review_request_changes(user=editor, document=document, reasons="x")


def test_it_refuses_to_request_changes_on_a_draft(document, reviewer):
    with pytest.raises(ValidationError, match="in review"):
        workflow.review_request_changes(user=reviewer, document=document, reasons="x")


def test_resubmitting_hides_the_old_request(document, editor, reviewer):
    workflow.document_submit(user=editor, document=document)
    workflow.review_request_changes(user=reviewer, document=document, reasons="Fix it")
    edit_first_section(document, editor)
    assert workflow.changes_requested(document) is not None  # still shown while they work
    workflow.document_submit(user=editor, document=document)
    assert workflow.changes_requested(document) is None


# --- sign-off ---------------------------------------------------------------------------------


def test_a_reviewer_signs_off_a_section_once_per_revision(document, editor, reviewer):
    workflow.document_submit(user=editor, document=document)
    section = Section.objects.filter(document=document).first()
    workflow.section_signoff(user=reviewer, document=document, section=section, comment="Fine")
    workflow.section_signoff(
        user=reviewer, document=document, section=section, comment="Fine, really"
    )
    signoff = SectionSignoff.objects.get()
    assert signoff.comment == "Fine, really"
    assert signoff.revision_id == document.latest_revision_id


def test_it_refuses_a_signoff_on_another_documents_section(document, editor, reviewer):
    from guidelines.documents import services

    other = services.document_create(user=editor, subject="Other")
    foreign = services.section_add(
        user=editor, document=other, data=services.SectionInput(heading="Elsewhere")
    )
    workflow.document_submit(user=editor, document=document)
    with pytest.raises(ValidationError):
        workflow.section_signoff(user=reviewer, document=document, section=foreign)
    with pytest.raises(PermissionDenied):
        workflow.section_signoff(user=editor, document=document, section=foreign)


# --- publish ----------------------------------------------------------------------------------


def test_an_editor_publishes_an_approved_document_as_1_0(document, editor, reviewer):
    release = publish(document, editor, reviewer, notes="First *release*")
    assert release.version == "1.0"
    assert document.status == Status.PUBLISHED
    assert document.latest_release_id == release.pk
    assert release.revision_id == document.latest_revision_id
    assert release.notes_html == "<p>First <em>release</em></p>"
    assert set(release.rendered) == {"policy", "guideline"}
    assert release.rendered["policy"]["title"] == "Social Computing Policy"
    entry = AuditEntry.objects.get(action="document.publish")
    assert entry.details["version"] == "1.0"


def test_the_publisher_chooses_major_or_minor(document, editor, reviewer, admin_user):
    publish(document, editor, reviewer)
    edit_first_section(document, editor)
    minor = workflow.document_publish(user=admin_user, document=document, kind="minor")
    assert minor.version == "1.1"
    edit_first_section(document, editor, modality="must")
    major = workflow.document_publish(user=admin_user, document=document, kind="major")
    assert major.version == "2.0"


def test_an_admin_may_publish_before_approval(document, admin_user):
    release = workflow.document_publish(user=admin_user, document=document)
    assert release.version == "1.0"


@pytest.mark.parametrize("persona", ["reviewer", "employee"])
def test_reviewers_and_employees_may_not_publish(document, editor, reviewer, persona, request):
    submit_and_approve(document, editor, reviewer)
    with pytest.raises(PermissionDenied):
        workflow.document_publish(user=request.getfixturevalue(persona), document=document)
    assert not Release.objects.exists()


def test_an_editor_may_not_publish_a_document_in_review(document, editor):
    workflow.document_submit(user=editor, document=document)
    with pytest.raises(ValidationError):
        workflow.document_publish(user=editor, document=document)


def test_it_refuses_to_publish_nothing_new(document, editor, reviewer, admin_user):
    publish(document, editor, reviewer)
    with pytest.raises(ValidationError, match="Nothing has changed since version 1.0"):
        workflow.document_publish(user=admin_user, document=document)


def test_it_refuses_an_unknown_kind_of_release(document, admin_user):
    with pytest.raises(ValidationError):
        workflow.document_publish(user=admin_user, document=document, kind="patch")
    assert not Release.objects.exists()


def test_an_edit_after_publishing_makes_a_new_draft(document, editor, reviewer):
    release = publish(document, editor, reviewer)
    edit_first_section(document, editor)
    assert status_of(document) == Status.DRAFT
    assert document.latest_release_id == release.pk


# --- immutability -----------------------------------------------------------------------------


def test_a_release_cannot_be_changed_once_published(document, editor, reviewer):
    release = publish(document, editor, reviewer)
    release.notes = "Rewritten history"
    with pytest.raises(ValueError, match="immutable"):
        release.save()
    release.refresh_from_db()
    assert release.notes == ""


def test_a_release_snapshot_does_not_follow_later_edits(document, editor, reviewer):
    release = publish(document, editor, reviewer)
    before = release.snapshot
    rendered = release.rendered
    edit_first_section(document, editor, statement="A brand new statement.")
    release.refresh_from_db()
    assert release.snapshot == before
    assert release.rendered == rendered
    texts = [r["statement"] for s in release.snapshot["sections"] for r in s["rules"]]
    assert "A brand new statement." not in texts
