"""Concurrent edits of one section: merged when they do not overlap, shown when they do."""

import pytest
from django.urls import reverse

from guidelines.documents import services
from guidelines.documents.services import RuleInput
from guidelines.history import conflicts
from guidelines.models import RevisionMeta, Section
from tests.guidelines.history.test_history import edit, first, section_input

BODY = "Say who you are.\n\nKeep it civil.\n\nAsk before you post."


@pytest.fixture
def section(document, editor):
    section = first(document)
    edit(editor, section, body=BODY)
    section.refresh_from_db()
    return section


def stale_save(user, section, version, **changes):
    """A save from a form that was loaded at `version`, after others saved."""
    section.refresh_from_db()
    data = section_input(section, **changes)
    return conflicts.section_save_merging(
        user=user, section=section, expected_version=version, data=data
    )


# --- the merge, through the service -----------------------------------------------------------


def test_it_keeps_both_edits_when_they_do_not_overlap(section, editor, editor2):
    version = section.version
    edit(editor2, section, body=BODY.replace("civil", "kind"))
    result = conflicts.section_save_merging(
        user=editor,
        section=section,
        expected_version=version,
        data=section_input(section, body=BODY.replace("Ask before", "Think before")),
    )
    assert result.saved and result.merge.clean
    section.refresh_from_db()
    assert "Keep it kind." in section.body and "Think before you post." in section.body
    assert result.merge.authors == ["Sam Okafor"]
    edits = RevisionMeta.objects.filter(document=section.document, kind="edit")
    assert [m.user for m in edits[:2]] == [editor, editor2]  # both saves are in the history


def test_it_reports_overlapping_edits_and_saves_nothing(section, editor, editor2):
    version = section.version
    edit(editor2, section, body=BODY.replace("Keep it civil.", "Stay calm."))
    before = RevisionMeta.objects.count()
    result = conflicts.section_save_merging(
        user=editor,
        section=section,
        expected_version=version,
        data=section_input(section, body=BODY.replace("Keep it civil.", "Be polite.")),
    )
    assert not result.saved
    assert [(p.theirs.strip(), p.ours.strip()) for p in result.merge.conflicts] == [
        ("Stay calm.", "Be polite.")
    ]
    assert "Be polite." in result.merge.data.body  # the editor keeps their own words
    assert result.merge.current_version == version + 1
    assert RevisionMeta.objects.count() == before
    section.refresh_from_db()
    assert "Stay calm." in section.body


def test_it_merges_rules_edited_concurrently_one_by_one(section, editor, editor2):
    version = section.version
    theirs = section_input(section)
    theirs.rules[0].statement = "Always identify yourself when you post."
    theirs.rules.append(RuleInput(id=None, modality="should", statement="Add a disclaimer."))
    services.section_save(user=editor2, section=section, expected_version=version, data=theirs)
    ours = section_input(Section.objects.get(pk=section.pk))
    ours.rules = [r for r in ours.rules if r.statement != "Add a disclaimer."]
    ours.rules[0].statement = "Identify yourself when you post."  # their change not seen
    ours.rules[1].modality = "should_not"
    ours.rules.insert(0, RuleInput(id=None, modality="may", statement="Share our news."))
    result = conflicts.section_save_merging(
        user=editor, section=section, expected_version=version, data=ours
    )
    assert result.saved, [p.label for p in result.merge.conflicts]
    live = list(section.rules.filter(removed_at__isnull=True).order_by("position"))
    assert [(r.modality, r.statement) for r in live] == [
        ("may", "Share our news."),
        ("must", "Always identify yourself when you post."),
        ("should_not", "Don't post anonymously."),
        ("should", "Add a disclaimer."),
    ]


def test_a_rule_deleted_by_one_and_edited_by_the_other_is_a_conflict(section, editor, editor2):
    version = section.version
    theirs = section_input(section)
    theirs.rules[1].statement = "Never post anonymously."
    services.section_save(user=editor2, section=section, expected_version=version, data=theirs)
    ours = section_input(section)
    ours.rules = ours.rules[:1]
    section.refresh_from_db()
    result = conflicts.section_save_merging(
        user=editor, section=section, expected_version=version, data=ours
    )
    assert not result.saved
    assert "you removed it" in result.merge.conflicts[0].label
    # Nothing is lost: their edited rule is back in the editor's form.
    assert [r.statement for r in result.merge.data.rules][-1] == "Never post anonymously."


def test_a_rule_they_deleted_and_we_left_alone_stays_deleted(section, editor, editor2):
    version = section.version
    theirs = section_input(section)
    theirs.rules = theirs.rules[:1]
    services.section_save(user=editor2, section=section, expected_version=version, data=theirs)
    result = stale_save(editor, section, version, body=BODY + "\n\nMore.")
    assert result.saved
    assert section.rules.filter(removed_at__isnull=True).count() == 1


def test_line_endings_from_a_browser_do_not_make_every_line_a_conflict(section, editor, editor2):
    version = section.version
    edit(editor2, section, body=BODY.replace("civil", "kind"))
    ours = BODY.replace("Ask before", "Think before").replace("\n", "\r\n")
    result = conflicts.section_save_merging(
        user=editor,
        section=section,
        expected_version=version,
        data=section_input(section, body=ours),
    )
    assert result.saved, [p.label for p in result.merge.conflicts]
    section.refresh_from_db()
    assert "Keep it kind." in section.body and "Think before" in section.body


def test_a_partly_overlapping_body_brings_in_their_other_changes(section, editor, editor2):
    version = section.version
    edit(
        editor2,
        section,
        body=BODY.replace("Keep it civil.", "Stay calm.").replace("Say who", "Always say who"),
    )
    result = stale_save(editor, section, version, body=BODY.replace("Keep it civil.", "Be polite."))
    assert not result.saved
    assert result.merge.data.body.startswith("Always say who you are.")
    assert "Be polite." in result.merge.data.body
    assert result.merge.merged_in == ["Text, where it did not overlap with yours"]


# --- the flow through the editor --------------------------------------------------------------


def post_data(section, version, body, summary="My edit"):
    rules = list(section.rules.filter(removed_at__isnull=True).order_by("position"))
    data = {
        "expected_version": version,
        "heading": section.heading,
        "anchor": section.anchor,
        "body": body,
        "visibility": section.visibility,
        "summary": summary,
        "rules-TOTAL_FORMS": len(rules),
        "rules-INITIAL_FORMS": len(rules),
        "rules-MIN_NUM_FORMS": 0,
        "rules-MAX_NUM_FORMS": 1000,
    }
    for i, rule in enumerate(rules):
        data.update(
            {
                f"rules-{i}-id": rule.pk,
                f"rules-{i}-modality": rule.modality,
                f"rules-{i}-statement": rule.statement,
                f"rules-{i}-visibility": "both",
                f"rules-{i}-ORDER": i + 1,
            }
        )
    return data


def edit_url(section):
    return reverse("guidelines:section_edit", args=[section.document.slug, section.pk])


def test_the_editor_is_told_when_their_changes_were_merged(section, editor, editor2, client_for):
    version = section.version
    edit(editor2, section, body=BODY.replace("civil", "kind"))
    client = client_for(editor)
    response = client.post(
        edit_url(section),
        post_data(section, version, BODY.replace("Ask before", "Think before")),
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Your changes were merged with Sam Okafor&#x27;s" in text or (
        "Your changes were merged with Sam Okafor's" in text
    )
    assert "See both edits compared</a>" in text  # a real link, not escaped markup
    section.refresh_from_db()
    assert "kind" in section.body and "Think before" in section.body


def test_overlapping_edits_show_the_conflict_screen_with_the_editors_text(
    section, editor, editor2, client_for
):
    version = section.version
    edit(editor2, section, body=BODY.replace("Keep it civil.", "Stay calm."))
    client = client_for(editor)
    response = client.post(
        edit_url(section), post_data(section, version, BODY.replace("Keep it civil.", "Be polite."))
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "Sam Okafor saved this section while you were editing" in text
    assert "Be polite." in text and "Stay calm." in text
    assert '<del class="diff-del">' in text and '<ins class="diff-ins">' in text
    assert f'name="expected_version" value="{version + 1}"' in text
    assert ">My edit<" in text or 'value="My edit"' in text
    # Resolving and saving again succeeds with the version the conflict screen carried.
    resolved = client.post(
        edit_url(section),
        post_data(section, version + 1, BODY.replace("Keep it civil.", "Be polite and stay calm.")),
    )
    assert resolved.status_code == 302
    section.refresh_from_db()
    assert "Be polite and stay calm." in section.body


def test_a_third_save_during_the_conflict_is_caught_again(section, editor, editor2, client_for):
    version = section.version
    edit(editor2, section, body=BODY.replace("Keep it civil.", "Stay calm."))
    client = client_for(editor)
    client.post(
        edit_url(section), post_data(section, version, BODY.replace("Keep it civil.", "Be polite."))
    )
    edit(editor2, section, body=BODY.replace("Keep it civil.", "Stay very calm."))
    again = client.post(
        edit_url(section),
        post_data(section, version + 1, BODY.replace("Keep it civil.", "Be polite.")),
    )
    assert again.status_code == 409
    section.refresh_from_db()
    assert "Stay very calm." in section.body
