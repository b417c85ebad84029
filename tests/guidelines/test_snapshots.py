"""Snapshots: the draft as stored, and the document as it stood at any revision."""

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.documents.snapshots import draft_snapshot, revision_snapshot, sections_at
from guidelines.models import RevisionMeta, Section


def _live(document):
    return list(Section.objects.filter(document=document, removed_at__isnull=True))


def _edit(editor, section, **changes):
    section.refresh_from_db()
    rules = [
        RuleInput(id=r.pk, modality=r.modality, statement=r.statement)
        for r in section.rules.filter(removed_at__isnull=True)
    ]
    data = {
        "heading": section.heading,
        "body": section.body,
        "rules": rules,
        "visibility": section.visibility,
    }
    data.update(changes)
    return services.section_save(
        user=editor, section=section, expected_version=section.version, data=SectionInput(**data)
    )


def test_the_draft_snapshot_lists_live_sections_and_rules_in_order(document):
    snapshot = draft_snapshot(document)
    assert snapshot["document"] == {
        "subject": "Social Computing",
        "title_policy": "",
        "title_guideline": "",
        "summary": "How we take part online.",
        "default_tone": "guideline",
    }
    headings = [s["heading"] for s in snapshot["sections"]]
    assert headings == ["Be yourself", "Consequences"]
    first = snapshot["sections"][0]
    assert first["key"] == str(first["id"])
    assert [r["modality"] for r in first["rules"]] == ["must", "must_not"]
    assert "<strong>who you are</strong>" in first["body_html"]
    assert snapshot["sections"][1]["visibility"] == "policy"


def test_the_draft_snapshot_takes_two_queries_whatever_the_size(
    editor, document, django_assert_num_queries
):
    with django_assert_num_queries(2):
        draft_snapshot(document)
    for n in range(5):
        services.section_add(
            user=editor,
            document=document,
            data=SectionInput(
                heading=f"Extra {n}", rules=[RuleInput(id=None, modality="may", statement="Fine.")]
            ),
        )
    with django_assert_num_queries(2):
        assert len(draft_snapshot(document)["sections"]) == 7


def test_the_draft_snapshot_leaves_out_removed_sections_and_rules(editor, document):
    first, second = _live(document)
    _edit(editor, first, rules=[RuleInput(id=None, modality="should", statement="Be kind.")])
    services.section_remove(user=editor, section=second)
    snapshot = draft_snapshot(document)
    assert [s["heading"] for s in snapshot["sections"]] == ["Be yourself"]
    assert [r["statement"] for r in snapshot["sections"][0]["rules"]] == ["Be kind."]


def test_a_revision_snapshot_shows_the_document_as_it_stood_then(editor, document):
    first, _ = _live(document)
    then = document.latest_revision
    expected = draft_snapshot(document)
    _edit(
        editor,
        first,
        heading="Be who you are",
        body="Changed.",
        rules=[RuleInput(id=None, modality="may", statement="New rule.")],
    )
    services.sections_reorder(
        user=editor, document=document, order=[s.pk for s in reversed(_live(document))]
    )
    services.section_add(user=editor, document=document, data=SectionInput(heading="Later"))
    assert revision_snapshot(then) == expected


def test_a_revision_snapshot_of_the_latest_revision_matches_the_draft(editor, document):
    first, second = _live(document)
    _edit(editor, second, body="Breaches are *always* taken seriously.")
    services.sections_reorder(user=editor, document=document, order=[second.pk, first.pk])
    document.refresh_from_db()
    assert revision_snapshot(document.latest_revision) == draft_snapshot(document)


def test_a_revision_snapshot_keeps_its_document_fields(editor, document):
    then = document.latest_revision
    services.document_update(
        user=editor,
        document=document,
        expected_version=document.version,
        subject="Online Conduct",
        slug=document.slug,
        summary="",
        default_tone="policy",
        title_policy="",
        title_guideline="",
        required_approvals=1,
        open_for_consultation=False,
    )
    assert revision_snapshot(then)["document"]["subject"] == "Social Computing"
    document.refresh_from_db()
    assert revision_snapshot(document.latest_revision)["document"]["subject"] == "Online Conduct"


def test_a_revision_snapshot_of_a_removal_no_longer_has_the_section(editor, document):
    first, second = _live(document)
    meta = services.section_remove(user=editor, section=first)
    assert [s["heading"] for s in revision_snapshot(meta)["sections"]] == ["Consequences"]
    earlier = RevisionMeta.objects.get(document=document, number=meta.number - 1)
    assert [s["heading"] for s in revision_snapshot(earlier)["sections"]] == [
        "Be yourself",
        "Consequences",
    ]


def test_sections_at_loads_only_the_named_versions_in_one_query(
    editor, document, django_assert_max_num_queries
):
    first, _ = _live(document)
    old_pair = next(tuple(p) for p in document.latest_revision.manifest if p[0] == first.pk)
    _edit(editor, first, body="Newer body.")
    document.refresh_from_db()
    new_pair = next(tuple(p) for p in document.latest_revision.manifest if p[0] == first.pk)
    with django_assert_max_num_queries(3):  # content types may be cached already
        found = sections_at([old_pair, new_pair])
    assert found[old_pair]["body"].startswith("Say **who you are**")
    assert found[new_pair]["body"] == "Newer body."
    assert sections_at([]) == {}
