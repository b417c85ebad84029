"""guidelines.documents.services: every write, one revision per user action, nothing half-saved."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from reversion.models import Revision, Version

from guidelines.documents import services
from guidelines.documents.services import EditConflict, RuleInput, SectionInput
from guidelines.models import Document, Review, RevisionMeta, RevisionTouch, Rule, Section
from guidelines.models.documents import MAX_TEXT


def _sections(document):
    return list(Section.objects.filter(document=document, removed_at__isnull=True))


def _input(section, **changes) -> SectionInput:
    rules = [
        RuleInput(
            id=r.pk,
            modality=r.modality,
            statement=r.statement,
            policy_text=r.policy_text,
            guideline_text=r.guideline_text,
            explanation=r.explanation,
            visibility=r.visibility,
        )
        for r in section.rules.filter(removed_at__isnull=True)
    ]
    data = {
        "heading": section.heading,
        "body": section.body,
        "visibility": section.visibility,
        "anchor": section.anchor,
        "rules": rules,
    }
    data.update(changes)
    return SectionInput(**data)


def _state(document):
    """Everything a failed write must leave alone."""
    document.refresh_from_db()
    return (
        document.version,
        document.status,
        Revision.objects.count(),
        list(
            Section.objects.filter(document=document).values_list(
                "pk", "heading", "body", "position", "version", "removed_at"
            )
        ),
        list(
            Rule.objects.filter(section__document=document).values_list(
                "pk", "modality", "statement", "position", "removed_at"
            )
        ),
    )


@pytest.fixture
def first(document):
    return _sections(document)[0]


# --- one revision per action -------------------------------------------------------------------


def test_it_records_one_revision_per_action_with_user_and_summary(editor, document, first):
    before = Revision.objects.count()
    meta = services.section_save(
        user=editor,
        section=first,
        expected_version=first.version,
        data=_input(first, body="New body."),
        summary="Tightened it",
    )
    assert Revision.objects.count() == before + 1
    revision = meta.revision
    assert revision.user == editor
    assert revision.comment == "Tightened it"
    assert (meta.user, meta.summary, meta.kind) == (editor, "Tightened it", "edit")
    document.refresh_from_db()
    assert document.version == meta.number == 4
    assert document.latest_revision == meta


def test_it_numbers_a_documents_revisions_from_one(editor, document):
    numbers = list(
        RevisionMeta.objects.filter(document=document)
        .order_by("number")
        .values_list("number", "kind")
    )
    assert numbers == [(1, "create"), (2, "add"), (3, "add")]


def test_a_revision_stores_the_document_and_the_touched_section_with_its_rules(
    editor, document, first
):
    meta = services.section_save(
        user=editor,
        section=first,
        expected_version=first.version,
        data=_input(first, heading="Be who you are"),
    )
    stored = {
        (v.content_type.model, v.object_id) for v in Version.objects.filter(revision=meta.revision)
    }
    rule_ids = {str(pk) for pk in first.rules.values_list("pk", flat=True)}
    assert ("document", str(document.pk)) in stored
    assert ("section", str(first.pk)) in stored
    assert {oid for model, oid in stored if model == "rule"} == rule_ids
    second = _sections(document)[1]
    assert ("section", str(second.pk)) not in stored
    assert RevisionTouch.objects.get(meta=meta).section_id_ref == first.pk


def test_its_manifest_points_each_live_section_at_the_revision_holding_it(editor, document, first):
    second = _sections(document)[1]
    added_second = RevisionMeta.objects.get(document=document, number=3)
    meta = services.section_save(
        user=editor,
        section=first,
        expected_version=first.version,
        data=_input(first, body="Changed."),
    )
    assert meta.manifest == [[first.pk, meta.revision_id], [second.pk, added_second.revision_id]]


def test_it_counts_the_words_an_edit_adds_and_removes(editor, document, first):
    meta = services.section_save(
        user=editor,
        section=first,
        expected_version=first.version,
        data=_input(first, body=first.body + "\n\nThree more words."),
    )
    assert (meta.words_added, meta.words_removed) == (3, 0)
    again = services.section_save(
        user=editor, section=first, expected_version=first.version + 1, data=_input(first, body="")
    )
    assert again.words_removed >= 3
    assert again.words_added == 0


# --- saving sections ---------------------------------------------------------------------------


def test_it_saves_a_section_with_rules_added_removed_and_reordered(editor, document, first):
    identify, anonymous = first.rules.order_by("position")
    data = _input(
        first,
        rules=[
            RuleInput(id=anonymous.pk, modality="should_not", statement="Avoid anonymity."),
            RuleInput(id=None, modality="should", statement="Add value."),
        ],
    )
    services.section_save(user=editor, section=first, expected_version=first.version, data=data)
    live = list(first.rules.filter(removed_at__isnull=True).order_by("position"))
    assert [(r.pk == anonymous.pk, r.modality, r.statement) for r in live] == [
        (True, "should_not", "Avoid anonymity."),
        (False, "should", "Add value."),
    ]
    identify.refresh_from_db()
    assert identify.removed_at is not None
    assert live[1].auto_policy and live[1].auto_guideline


def test_it_renders_the_body_and_explanations_when_saving(editor, document, first):
    data = _input(first, body="A *careful* word.")
    data.rules[0].explanation = "Because **trust**."
    services.section_save(user=editor, section=first, expected_version=first.version, data=data)
    first.refresh_from_db()
    assert "<em>careful</em>" in first.body_html
    assert "<strong>trust</strong>" in first.rules.order_by("position")[0].explanation_html


def test_it_refuses_a_save_made_from_a_stale_version(editor, editor2, document, first):
    loaded = first.version
    services.section_save(
        user=editor2,
        section=first,
        expected_version=loaded,
        data=_input(first, body="Sam's words."),
    )
    before = _state(document)
    with pytest.raises(EditConflict):
        services.section_save(
            user=editor,
            section=first,
            expected_version=loaded,
            data=_input(first, body="Dana's words."),
        )
    assert _state(document) == before
    first.refresh_from_db()
    assert first.body == "Sam's words."


@pytest.mark.parametrize(
    "change,field",
    [
        ({"heading": "   "}, "heading"),
        ({"heading": "h" * 201}, "heading"),
        ({"body": "x" * (MAX_TEXT + 1)}, "body"),
        ({"visibility": "secret"}, "visibility"),
        ({"anchor": "Not A Slug"}, "anchor"),
        ({"body": "nul \x00 byte"}, "body"),
        ({"heading": "nul \x00"}, "heading"),
    ],
)
def test_it_refuses_bad_section_input_and_changes_nothing(editor, document, first, change, field):
    before = _state(document)
    with pytest.raises(ValidationError) as caught:
        services.section_save(
            user=editor, section=first, expected_version=first.version, data=_input(first, **change)
        )
    assert field in caught.value.message_dict
    assert _state(document) == before


@pytest.mark.parametrize(
    "rule",
    [
        RuleInput(id=None, modality="shall", statement="Be nice."),
        RuleInput(id=None, modality="must", statement="   "),
        RuleInput(id=None, modality="must", statement="x" * (MAX_TEXT + 1)),
        RuleInput(id=None, modality="must", statement="Ok.", explanation="y" * (MAX_TEXT + 1)),
        RuleInput(id=None, modality="must", statement="Ok.", visibility="nobody"),
        RuleInput(id=None, modality="must", statement="Ok.", guideline_text="nul \x00"),
    ],
)
def test_it_refuses_a_bad_rule_and_changes_nothing(editor, document, first, rule):
    before = _state(document)
    with pytest.raises(ValidationError) as caught:
        services.section_save(
            user=editor,
            section=first,
            expected_version=first.version,
            data=_input(first, rules=[rule]),
        )
    assert "rule 1" in caught.value.message_dict
    assert _state(document) == before


def test_it_refuses_a_rule_from_another_section_and_rolls_back(editor, document, first):
    other_rule = _sections(document)[1].rules.get()
    data = _input(first, heading="Renamed")
    data.rules.append(RuleInput(id=other_rule.pk, modality="must", statement="Stolen."))
    before = _state(document)
    with pytest.raises(ValidationError):
        services.section_save(user=editor, section=first, expected_version=first.version, data=data)
    assert _state(document) == before


def test_it_refuses_to_save_a_removed_section(editor, document, first):
    services.section_remove(user=editor, section=first)
    first.refresh_from_db()
    with pytest.raises(ValidationError):
        services.section_save(
            user=editor,
            section=first,
            expected_version=first.version,
            data=_input(first, body="Zombie."),
        )


def test_it_refuses_an_anchor_another_section_uses(editor, document, first):
    second = _sections(document)[1]
    before = _state(document)
    with pytest.raises(ValidationError) as caught:
        services.section_save(
            user=editor,
            section=first,
            expected_version=first.version,
            data=_input(first, anchor=second.anchor),
        )
    assert "anchor" in caught.value.message_dict
    assert _state(document) == before


# --- adding, removing, reordering ----------------------------------------------------------------


def test_it_adds_a_section_after_another_with_a_unique_anchor(editor, document, first):
    added = services.section_add(
        user=editor,
        document=document,
        after=first,
        data=SectionInput(heading="Be yourself"),
        summary="Another",
    )
    headings = [s.heading for s in _sections(document)]
    assert headings == ["Be yourself", "Be yourself", "Consequences"]
    assert added.anchor == "be-yourself-2"
    meta = RevisionMeta.objects.get(document=document, number=4)
    assert (meta.kind, meta.summary, meta.user) == ("add", "Another", editor)
    assert [pk for pk, _ in meta.manifest] == [s.pk for s in _sections(document)]


def test_it_refuses_to_add_a_section_without_a_heading(editor, document):
    before = _state(document)
    with pytest.raises(ValidationError):
        services.section_add(user=editor, document=document, data=SectionInput(heading=""))
    assert _state(document) == before


def test_it_removes_a_section_softly_and_closes_the_gap(editor, document, first):
    meta = services.section_remove(user=editor, section=first, summary="Not needed")
    first.refresh_from_db()
    assert first.removed_at is not None
    remaining = _sections(document)
    assert [(s.heading, s.position) for s in remaining] == [("Consequences", 0)]
    assert (meta.kind, meta.summary) == ("remove", "Not needed")
    assert [pk for pk, _ in meta.manifest] == [remaining[0].pk]
    with pytest.raises(ValidationError):
        services.section_remove(user=editor, section=first)


def test_it_reorders_sections_as_one_revision(editor, document):
    a, b = _sections(document)
    revisions = Revision.objects.count()
    meta = services.sections_reorder(user=editor, document=document, order=[b.pk, a.pk])
    assert [s.pk for s in _sections(document)] == [b.pk, a.pk]
    assert Revision.objects.count() == revisions + 1
    assert meta.kind == "reorder"
    assert [pk for pk, _ in meta.manifest] == [b.pk, a.pk]


@pytest.mark.parametrize("order", [[], "missing", "duplicate", "foreign"])
def test_it_refuses_an_order_that_does_not_match_the_sections(editor, document, order):
    a, b = _sections(document)
    orders = {"missing": [a.pk], "duplicate": [a.pk, a.pk, b.pk], "foreign": [a.pk, b.pk + 99]}
    before = _state(document)
    with pytest.raises(ValidationError):
        services.sections_reorder(
            user=editor, document=document, order=orders.get(order, order) if order else []
        )
    assert _state(document) == before


def test_it_moves_a_section_down_and_keeps_the_first_in_place_when_moved_up(
    editor, document, first
):
    services.section_move(user=editor, section=first, offset=1)
    assert _sections(document)[1] == first
    services.section_move(user=editor, section=_sections(document)[0], offset=-1)
    assert _sections(document)[1] == first
    assert RevisionMeta.objects.filter(document=document, kind="reorder").count() == 2


# --- review state follows edits ------------------------------------------------------------------


def test_an_edit_withdraws_approvals_and_sends_an_approved_draft_back_to_review(
    editor, reviewer, document, first
):
    review = Review.objects.create(
        document=document, reviewer=reviewer, decision="approve", revision=document.latest_revision
    )
    Document.objects.filter(pk=document.pk).update(status=Document.Status.APPROVED)
    document.refresh_from_db()
    services.section_save(
        user=editor,
        section=first,
        expected_version=first.version,
        data=_input(first, body="Changed after approval."),
    )
    review.refresh_from_db()
    document.refresh_from_db()
    assert review.withdrawn_at is not None
    assert document.status == Document.Status.IN_REVIEW


def test_an_edit_after_publishing_makes_the_document_a_draft_again(editor, document, first):
    Document.objects.filter(pk=document.pk).update(status=Document.Status.PUBLISHED)
    services.section_save(
        user=editor,
        section=first,
        expected_version=first.version,
        data=_input(first, body="Changed after publishing."),
    )
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT


# --- documents ---------------------------------------------------------------------------------


def test_a_new_document_starts_blank_with_one_revision(editor):
    doc = services.document_create(user=editor, subject="Video Sites", default_tone="policy")
    assert doc.slug == "video-sites"
    assert not doc.sections.exists()
    meta = doc.latest_revision
    assert (meta.number, meta.kind, meta.user, meta.manifest) == (1, "create", editor, [])
    assert Revision.objects.get(meta=meta).user == editor


def test_a_new_document_can_start_as_a_copy_of_another(editor, document):
    copy = services.document_create(user=editor, subject="Wiki Etiquette", copy_from=document)
    source = _sections(document)
    copied = _sections(copy)
    assert [s.heading for s in copied] == [s.heading for s in source]
    assert not {s.pk for s in copied} & {s.pk for s in source}
    assert [(r.modality, r.statement, r.auto_policy) for r in copied[0].rules.all()] == [
        (r.modality, r.statement, r.auto_policy) for r in source[0].rules.all()
    ]
    meta = copy.latest_revision
    assert meta.summary == "Created as a copy of “Social Computing”"
    assert [pk for pk, _ in meta.manifest] == [s.pk for s in copied]
    assert Version.objects.filter(revision=meta.revision, content_type__model="rule").count() == 3
    assert document.sections.filter(removed_at__isnull=True).count() == 2


def test_a_copy_leaves_out_removed_sections_and_rules(editor, document, first):
    services.section_save(
        user=editor,
        section=first,
        expected_version=first.version,
        data=_input(first, rules=_input(first).rules[:1]),
    )
    services.section_remove(user=editor, section=_sections(document)[1])
    copy = services.document_create(user=editor, subject="Copy", copy_from=document)
    assert [s.heading for s in _sections(copy)] == ["Be yourself"]
    assert _sections(copy)[0].rules.count() == 1


@pytest.mark.parametrize(
    "fields,error",
    [
        ({"subject": "  "}, "subject"),
        ({"subject": "Ok", "slug": "Bad Slug"}, "slug"),
        ({"subject": "Ok", "slug": "social-computing"}, "slug"),
        ({"subject": "Ok", "default_tone": "shouty"}, "default_tone"),
    ],
)
def test_it_refuses_a_bad_new_document(editor, document, fields, error):
    count = Document.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.document_create(user=editor, **fields)
    assert error in caught.value.message_dict
    assert Document.objects.count() == count


def _settings(document, **changes):
    data = {
        "subject": document.subject,
        "slug": document.slug,
        "summary": document.summary,
        "default_tone": document.default_tone,
        "title_policy": "",
        "title_guideline": "",
        "required_approvals": 1,
        "open_for_consultation": False,
    }
    data.update(changes)
    return data


def test_it_updates_settings_as_a_revision(editor, document):
    meta = services.document_update(
        user=editor,
        document=document,
        expected_version=document.version,
        edit_summary="Rename",
        **_settings(document, subject="Online Conduct", required_approvals=2),
    )
    document.refresh_from_db()
    assert (document.subject, document.required_approvals) == ("Online Conduct", 2)
    assert (meta.kind, meta.summary) == ("settings", "Rename")


def test_it_refuses_settings_made_from_a_stale_version(editor, document):
    before = _state(document)
    with pytest.raises(ValidationError):
        services.document_update(
            user=editor,
            document=document,
            expected_version=document.version - 1,
            **_settings(document, subject="Lost update"),
        )
    assert _state(document) == before
    assert Document.objects.get(pk=document.pk).subject == "Social Computing"


def test_it_refuses_an_impossible_number_of_approvals(editor, document):
    with pytest.raises(ValidationError):
        services.document_update(
            user=editor,
            document=document,
            expected_version=document.version,
            **_settings(document, required_approvals=0),
        )


def test_rerendering_refreshes_every_cached_rendering(editor, document, first):
    fresh = {r.pk: (r.auto_policy, r.auto_guideline, r.findings) for r in Rule.objects.all()}
    Section.objects.filter(pk=first.pk).update(body_html="stale")
    stale = [{"tone": "policy", "code": "strength", "message": "old engine", "fix": None}]
    Rule.objects.filter(section=first).update(
        auto_policy="stale", auto_guideline="stale", findings=stale
    )
    revisions_before = RevisionMeta.objects.count()
    assert services.rerender_all(batch_size=2) == 2
    first.refresh_from_db()
    assert "<strong>who you are</strong>" in first.body_html
    assert {
        r.pk: (r.auto_policy, r.auto_guideline, r.findings) for r in Rule.objects.all()
    } == fresh
    assert fresh[first.rules.first().pk][:2] == (
        "Identify yourself when you post.",
        "Always identify yourself when you post.",
    )
    assert RevisionMeta.objects.count() == revisions_before  # derived fields: no revision


def test_rerendering_writes_in_bulk(editor, document, django_assert_max_num_queries):
    from django.core.management import call_command

    services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="Many",
            rules=[
                RuleInput(id=None, modality="should", statement=f"Reply within {n} days.")
                for n in range(30)
            ],
        ),
    )
    Rule.objects.update(auto_policy="stale")
    out = StringIO()
    # Per batch of 500: one read and one bulk write, for sections and for rules.
    with django_assert_max_num_queries(12):
        call_command("rerender", stdout=out)
    assert "Re-rendered 3 sections" in out.getvalue()
    assert not Rule.objects.filter(auto_policy="stale").exists()
