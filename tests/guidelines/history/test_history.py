"""History selectors, comparison data, restore services and presence."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guidelines.documents import services, snapshots
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.history import presence
from guidelines.history import selectors as history
from guidelines.history import services as restores
from guidelines.models import Presence, Release, RevisionMeta, Rule, Section


def section_input(section: Section, **changes) -> SectionInput:
    """The section as the editor form would submit it, with some fields changed."""
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
    data = SectionInput(
        heading=section.heading,
        body=section.body,
        visibility=section.visibility,
        anchor=section.anchor,
        rules=rules,
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def edit(user, section: Section, summary: str = "", **changes) -> RevisionMeta:
    section.refresh_from_db()
    return services.section_save(
        user=user,
        section=section,
        expected_version=section.version,
        data=section_input(section, **changes),
        summary=summary,
    )


def first(document, heading="Be yourself") -> Section:
    return Section.objects.get(document=document, heading=heading)


def add(user, document, heading, body="Some text.", rules=()) -> Section:
    return services.section_add(
        user=user,
        document=document,
        data=SectionInput(
            heading=heading,
            body=body,
            rules=[RuleInput(id=None, modality=m, statement=s) for m, s in rules],
        ),
    )


# --- history lists ----------------------------------------------------------------------------


def test_it_lists_revisions_newest_first_with_words_and_sections(document, editor):
    edit(editor, first(document), body="Say who you are, always.", summary="Tighter intro")
    document.refresh_from_db()
    page = history.history_page(document)
    numbers = [row.number for row in page.rows]
    assert numbers == sorted(numbers, reverse=True)
    top = page.rows[0]
    assert top.summary == "Tighter intro"
    assert top.section_headings == ["Be yourself"]
    assert top.words_added > 0 and top.words_removed > 0
    assert page.total == document.version == 4
    assert not page.has_next


def test_it_filters_history_by_author_and_by_section(document, editor, editor2):
    edit(editor2, first(document, "Consequences"), body="Breaches matter.")
    edit(editor, first(document), body="Say who you are.")
    document.refresh_from_db()
    by_sam = history.history_page(document, author="sam").rows
    assert [r.user for r in by_sam] == [editor2]
    consequences = first(document, "Consequences")
    touched = history.history_page(document, section_id=consequences.pk).rows
    assert [r.number for r in touched] == [4, 3]  # the edit and the section's creation


def test_it_pages_fifty_at_a_time_without_counting(document, editor):
    section = first(document)
    for n in range(history.PER_PAGE):
        edit(editor, section, body=f"Version {n}.")
    document.refresh_from_db()
    first_page = history.history_page(document)
    assert len(first_page.rows) == history.PER_PAGE and first_page.has_next
    second = history.history_page(document, page=2)
    assert [r.number for r in second.rows] == [3, 2, 1]
    assert not second.has_next and second.num_pages == 2


def test_it_counts_contributors_edits_and_words(document, editor, editor2):
    edit(editor2, first(document), body="Say who you are when you talk about our products.")
    people = {p["username"]: p for p in history.contributors(document)}
    assert people["dana"]["edits"] == 3 and people["sam"]["edits"] == 1
    assert people["sam"]["words_added"] > 0
    assert people["sam"]["name"] == "Sam Okafor"
    assert list(people) == ["dana", "sam"]  # most active first


def test_recent_changes_only_show_documents_whose_draft_the_user_may_read(
    document, editor, employee
):
    assert history.recent_changes(employee).rows == []
    assert history.recent_changes(editor).rows[0].document == document
    document.open_for_consultation = True
    document.save()
    assert len(history.recent_changes(employee).rows) == 3


# --- comparison -------------------------------------------------------------------------------


def test_it_redlines_the_words_that_changed(document, editor):
    edit(editor, first(document), body="Say **who you are** when you write about our work.")
    comparison = history.comparison_between(document, "3", "draft")
    block = next(b for b in comparison["blocks"] if b["kind"] == "section")
    assert block["heading"] == "Be yourself"
    assert '<del class="diff-del">' in block["body"]["inline"]
    assert "talk" in block["body"]["inline"] and "write" in block["body"]["inline"]
    assert "[inserted: " in block["body"]["inline"]  # a text cue, not colour alone


def test_side_by_side_puts_deletions_left_and_insertions_right(document, editor):
    edit(editor, first(document), body="Say who you are when you write about our work.")
    comparison = history.comparison_between(document, "3", "4", view="side")
    body = next(b for b in comparison["blocks"] if b["kind"] == "section")["body"]
    assert body["inline"] is None
    assert "<del" in body["left"] and "<ins" not in body["left"]
    assert "<ins" in body["right"] and "<del" not in body["right"]


def test_it_flags_a_modality_change_as_legally_significant(document, editor):
    section = first(document)
    data = section_input(section)
    data.rules[0].modality = "should"
    services.section_save(user=editor, section=section, expected_version=section.version, data=data)
    comparison = history.comparison_between(document, "4", "3")
    assert len(comparison["legal"]) == 1
    change = comparison["legal"][0]["modality_change"]
    assert (change["old"], change["new"]) == ("SHOULD", "MUST")
    assert change["direction"] == "made stricter"
    assert comparison["summary"]["modality_changes"] == 1


def test_it_collapses_unchanged_sections_and_links_changes(document, editor):
    for n in range(7):
        add(editor, document, f"Topic {n}")
    edit(editor, first(document, "Topic 6"), body="Different text.")
    edit(editor, first(document), body="Also different.")
    document.refresh_from_db()
    comparison = history.comparison_between(document, "10", "draft")
    kinds = [(b["kind"], b.get("count")) for b in comparison["blocks"]]
    assert kinds == [("section", None), ("unchanged", 7), ("section", None)]
    first_block, last_block = comparison["blocks"][0], comparison["blocks"][2]
    assert (
        first_block["next"] == last_block["anchor"]
        and last_block["previous"] == (first_block["anchor"])
    )
    assert comparison["unchanged_sections"] == 7
    assert "from=10&to=draft" in comparison["permalink"]


def test_a_comparison_loads_only_the_sections_that_differ(document, editor, monkeypatch):
    for n in range(5):
        add(editor, document, f"Topic {n}")
    edited = first(document, "Topic 2")
    edit(editor, edited, body="Edited.")
    document.refresh_from_db()
    asked = []
    real = history.sections_at

    def spy(pairs):
        asked.extend(pairs)
        return real(pairs)

    monkeypatch.setattr(history, "sections_at", spy)
    history.comparison_between(document, str(document.version - 1), "draft")
    assert {sid for sid, _ in asked} == {edited.pk}


def test_it_shows_structural_changes(document, editor):
    be = first(document)
    services.section_remove(user=editor, section=first(document, "Consequences"))
    add(editor, document, "Respect")
    edit(editor, be, heading="Be who you are")
    document.refresh_from_db()
    comparison = history.comparison_between(document, "3", "draft")
    summary = comparison["summary"]
    assert (
        summary["sections_added"],
        summary["sections_removed"],
        summary["sections_renamed"],
    ) == (1, 1, 1)
    statuses = {b["heading"]: b["status"] for b in comparison["blocks"]}
    assert statuses == {"Be who you are": "changed", "Consequences": "removed", "Respect": "added"}


def test_it_reports_moves_and_document_fields(document, editor):
    sections = list(Section.objects.filter(document=document).order_by("position"))
    services.sections_reorder(
        user=editor, document=document, order=[s.pk for s in reversed(sections)]
    )
    services.document_update(
        user=editor,
        document=document,
        expected_version=document.version + 1,
        subject="Social Media",
        slug=document.slug,
        summary=document.summary,
        default_tone=document.default_tone,
        title_policy="",
        title_guideline="",
        required_approvals=1,
        open_for_consultation=False,
    )
    comparison = history.comparison_between(document, "3", "draft")
    assert comparison["summary"]["sections_moved"] == 1
    assert [t["label"] for t in comparison["document_changes"]] == ["Subject"]


def test_it_compares_two_releases_from_their_snapshots(document, editor):
    document.refresh_from_db()
    release_one = Release.objects.create(
        document=document,
        major=1,
        minor=0,
        revision=document.latest_revision,
        snapshot=snapshots.draft_snapshot(document),
        published_at=timezone.now(),
    )
    edit(editor, first(document), body="A new body.")
    document.refresh_from_db()
    Release.objects.create(
        document=document,
        major=1,
        minor=1,
        revision=document.latest_revision,
        snapshot=snapshots.draft_snapshot(document),
        published_at=timezone.now(),
    )
    comparison = history.comparison_between(document, "r:1.0", "r:1.1")
    assert comparison["from"]["label"] == "release 1.0" and comparison["from"]["is_release"]
    assert comparison["summary"]["sections_changed"] == 1
    mixed = history.comparison_between(document, "r:1.0", "draft")
    assert mixed["summary"]["sections_changed"] == 1
    assert release_one.revision.number == 3


@pytest.mark.parametrize("ref", ["99", "r:9.9", "r:x", "latest", ""])
def test_it_refuses_points_that_do_not_exist(document, ref):
    with pytest.raises(history.ComparisonError):
        history.comparison_between(document, ref, "draft")


# --- restore ----------------------------------------------------------------------------------


def test_restoring_a_section_is_a_new_revision_that_keeps_everything(document, editor):
    section = first(document)
    edit(editor, section, body="Rewritten.", heading="Identity")
    meta = restores.section_restore(
        user=editor, section=section, meta=RevisionMeta.objects.get(document=document, number=2)
    )
    section.refresh_from_db()
    assert section.body == "Say **who you are** when you talk about our work."
    assert section.heading == "Be yourself"
    assert "<strong>who you are</strong>" in section.body_html
    assert meta.kind == RevisionMeta.Kind.RESTORE and meta.restored_from == 2
    assert meta.summary.startswith("Restored from revision 2")
    assert RevisionMeta.objects.filter(document=document).count() == 5


def test_restoring_an_unchanged_section_is_refused(document, editor):
    with pytest.raises(ValidationError):
        restores.section_restore(
            user=editor,
            section=first(document),
            meta=RevisionMeta.objects.get(document=document, number=3),
        )


def test_restoring_a_section_that_did_not_exist_yet_is_refused(document, editor):
    with pytest.raises(ValidationError):
        restores.section_restore(
            user=editor,
            section=first(document, "Consequences"),
            meta=RevisionMeta.objects.get(document=document, number=2),
        )


def test_restoring_a_rule_brings_it_back_in_its_old_place(document, editor):
    section = first(document)
    removed_rule = section.rules.order_by("position")[0]
    edit(editor, section, rules=section_input(section).rules[1:])
    assert section.rules.filter(removed_at__isnull=True).count() == 1
    restores.rule_restore(
        user=editor,
        section=section,
        rule_id=removed_rule.pk,
        meta=RevisionMeta.objects.get(document=document, number=3),
    )
    live = list(section.rules.filter(removed_at__isnull=True).order_by("position"))
    assert [r.pk for r in live][0] == removed_rule.pk and len(live) == 2


def test_restoring_an_edited_rule_puts_back_its_words(document, editor):
    section = first(document)
    data = section_input(section)
    data.rules[1].statement = "Post anonymously only with approval."
    data.rules[1].modality = "may"
    services.section_save(user=editor, section=section, expected_version=section.version, data=data)
    rule_id = data.rules[1].id
    restores.rule_restore(
        user=editor,
        section=section,
        rule_id=rule_id,
        meta=RevisionMeta.objects.get(document=document, number=3),
    )
    rule = Rule.objects.get(pk=rule_id)
    assert (rule.statement, rule.modality) == ("Don't post anonymously.", "must_not")


def test_restoring_the_document_undoes_additions_removals_and_moves(document, editor):
    be, consequences = first(document), first(document, "Consequences")
    added = add(editor, document, "Respect")
    services.section_remove(user=editor, section=be)
    edit(editor, consequences, body="Changed.")
    meta = restores.document_restore(
        user=editor, document=document, meta=RevisionMeta.objects.get(document=document, number=3)
    )
    live = list(
        Section.objects.filter(document=document, removed_at__isnull=True).order_by("position")
    )
    assert [s.heading for s in live] == ["Be yourself", "Consequences"]
    assert live[1].body == "Breaches are taken seriously."
    added.refresh_from_db()
    assert added.removed_at is not None
    assert meta.summary == "Restored from revision 3"
    document.refresh_from_db()
    assert history.comparison_between(document, "3", "draft")["summary"]["has_changes"] is False


def test_restoring_the_document_to_where_it_is_is_refused(document, editor):
    with pytest.raises(ValidationError):
        restores.document_restore(
            user=editor,
            document=document,
            meta=RevisionMeta.objects.get(document=document, number=3),
        )


def test_a_removed_section_can_be_brought_back_where_it_was(document, editor):
    be = first(document)
    services.section_remove(user=editor, section=be)
    listed = history.removed_sections(document)
    assert [item["section"].pk for item in listed] == [be.pk]
    assert listed[0]["removed_by"] == "Dana Whitfield" and listed[0]["removed_in"] == 4
    meta = restores.section_bring_back(user=editor, section=be)
    be.refresh_from_db()
    assert be.removed_at is None and be.position == 0
    assert meta.restored_from == 3 and "brought back" in meta.summary
    assert history.removed_sections(document) == []
    with pytest.raises(ValidationError):
        restores.section_bring_back(user=editor, section=be)


# --- presence ---------------------------------------------------------------------------------


def test_presence_names_others_and_expires(document, editor, editor2, settings):
    section = first(document)
    presence.presence_beat(user=editor, section=section)
    presence.presence_beat(user=editor2, section=section)
    assert presence.editing_now(section, exclude=editor) == ["Sam Okafor"]
    assert presence.presence_sentence(["Sam Okafor"]) == "Sam Okafor is editing this section."
    Presence.objects.filter(user=editor2).update(
        last_seen=timezone.now() - timedelta(seconds=settings.CANDOR_PRESENCE_TTL + 1)
    )
    assert presence.editing_now(section, exclude=editor) == []
    presence.presence_leave(user=editor, section=section)
    assert presence.editing_now(section) == []
