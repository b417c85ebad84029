"""History, compare, revision, restore, removed-sections and presence pages."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from guidelines.documents import services
from guidelines.documents.snapshots import draft_snapshot
from guidelines.history import presence
from guidelines.history import selectors as history
from guidelines.models import Presence, Release, RevisionMeta, Section
from tests.guidelines.history.test_history import edit, first, section_input


def url(name, document, *args):
    return reverse(f"guidelines:{name}", args=[document.slug, *args])


# --- history, section history, contributors, recent changes -----------------------------------


def test_the_history_page_lists_revisions_with_compare_and_restore_links(
    document, editor, client_for
):
    edit(editor, first(document), summary="Tighter intro", body="Say who you are.")
    response = client_for(editor).get(url("history", document))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tighter intro" in text and "Dana Whitfield" in text
    assert 'name="from" value="3"' in text and 'name="to" value="4"' in text
    assert "?from=3&amp;to=4" in text  # compare with previous
    assert url("revision_restore", document, 4) in text
    assert "4 revisions" in text


def test_the_history_page_filters_by_author(document, editor, editor2, client_for):
    edit(editor2, first(document), summary="Sam's edit", body="Changed by Sam.")
    response = client_for(editor).get(url("history", document), {"author": "dana"})
    text = response.content.decode()
    assert "Sam&#x27;s edit" not in text and "Created the document" in text


def test_reviewers_see_history_without_restore_links(document, reviewer, client_for):
    response = client_for(reviewer).get(url("history", document))
    assert response.status_code == 200
    assert url("revision_restore", document, 3) not in response.content.decode()


def test_history_is_hidden_from_employees_and_outsiders(document, employee, outsider, client_for):
    assert client_for(employee).get(url("history", document)).status_code == 404
    assert client_for(outsider).get(url("history", document)).status_code == 404


def test_history_rejects_post(document, editor, client_for):
    assert client_for(editor).post(url("history", document)).status_code == 405


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"page": "0"}, {"page": "9"}, {"section": "x"}]
)
def test_history_answers_404_for_bad_pages_and_filters(document, editor, client_for, params):
    assert client_for(editor).get(url("history", document), params).status_code == 404


def test_a_section_history_lists_only_its_revisions(document, editor, client_for):
    consequences = first(document, "Consequences")
    edit(editor, first(document), summary="Not this one", body="x")
    response = client_for(editor).get(url("section_history", document, consequences.pk))
    text = response.content.decode()
    assert response.status_code == 200
    assert "History of “Consequences”" in text and "Not this one" not in text
    assert client_for(editor).get(url("section_history", document, 99999)).status_code == 404


def test_contributors_show_who_wrote_the_document(document, editor, editor2, client_for):
    edit(editor2, first(document), body="Say who you are when you talk about our products.")
    response = client_for(editor).get(url("contributors", document))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Dana Whitfield" in text and "Sam Okafor" in text and "Human Resources" in text
    assert client_for(editor).post(url("contributors", document)).status_code == 405


def test_recent_changes_span_documents_the_user_can_read(document, editor, employee, client_for):
    response = client_for(editor).get(reverse("guidelines:recent_changes"))
    assert response.status_code == 200
    assert "Social Computing" in response.content.decode()
    quiet = client_for(employee).get(reverse("guidelines:recent_changes"))
    assert "No revisions match." in quiet.content.decode()


# --- a revision and comparisons ---------------------------------------------------------------


def test_a_past_revision_renders_read_only_with_a_banner(document, editor, client_for):
    edit(editor, first(document), body="Brand new words.")
    response = client_for(editor).get(url("revision", document, 3))
    text = response.content.decode()
    assert response.status_code == 200
    assert "You are looking at revision 3" in text
    assert "who you are" in text and "Brand new words." not in text
    assert url("section_edit", document, first(document).pk) not in text
    assert client_for(editor).get(url("revision", document, 42)).status_code == 404


def test_the_compare_page_shows_a_redline_and_switches_layout(document, editor, client_for):
    edit(editor, first(document), body="Say who you are when you write about our work.")
    client = client_for(editor)
    inline = client.get(url("compare", document), {"from": "3", "to": "draft"})
    text = inline.content.decode()
    assert inline.status_code == 200
    assert '<del class="diff-del">' in text and '<ins class="diff-ins">' in text
    assert "1 unchanged section" in text
    assert "Side by side" in text and "view=side" in text
    assert 'data-tone="policy"' in text  # the tone switch stays on the page
    side = client.get(url("compare", document), {"from": "3", "to": "4", "view": "side"})
    assert "Before" in side.content.decode() and "After" in side.content.decode()


def test_compare_defaults_to_the_last_change(document, editor, client_for):
    response = client_for(editor).get(url("compare", document))
    assert response.status_code == 200
    assert "revision 2" in response.content.decode()


@pytest.mark.parametrize("params", [{"from": "77"}, {"from": "r:5.0"}, {"to": "nope"}])
def test_compare_answers_404_for_unknown_points(document, editor, client_for, params):
    assert client_for(editor).get(url("compare", document), params).status_code == 404


def test_compare_is_hidden_from_employees(document, employee, client_for):
    assert client_for(employee).get(url("compare", document)).status_code == 404


# --- restore ----------------------------------------------------------------------------------


def test_the_restore_page_lists_sections_and_rules_to_restore(document, editor, client_for):
    edit(editor, first(document), body="Rewritten.")
    response = client_for(editor).get(url("revision_restore", document, 3))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Changed since" in text and "Sections unchanged since revision 3" in text
    assert url("section_restore", document, first(document).pk) in text
    assert url("document_restore", document) in text


def test_reviewers_cannot_restore(document, reviewer, client_for):
    client = client_for(reviewer)
    assert client.get(url("revision_restore", document, 2)).status_code == 403
    response = client.post(url("document_restore", document), {"revision": "2"})
    assert response.status_code == 403


def test_restoring_a_section_redirects_to_the_draft_with_a_message(document, editor, client_for):
    section = first(document)
    edit(editor, section, body="Rewritten.")
    response = client_for(editor).post(
        url("section_restore", document, section.pk), {"revision": "3"}, follow=True
    )
    assert response.status_code == 200
    assert "Restored from revision 3" in response.content.decode()
    section.refresh_from_db()
    assert section.body.startswith("Say **who you are**")


def test_restoring_needs_an_existing_revision(document, editor, client_for):
    client = client_for(editor)
    section = first(document)
    before = RevisionMeta.objects.count()
    assert (
        client.post(url("section_restore", document, section.pk), {"revision": "x"}).status_code
        == 404
    )
    assert (
        client.post(url("section_restore", document, section.pk), {"revision": "50"}).status_code
        == 404
    )
    assert client.post(url("section_restore", document, 9999), {"revision": "2"}).status_code == 404
    assert RevisionMeta.objects.count() == before


def test_restore_endpoints_reject_get(document, editor, client_for):
    client = client_for(editor)
    section = first(document)
    assert client.get(url("document_restore", document)).status_code == 405
    assert client.get(url("section_restore", document, section.pk)).status_code == 405
    rule = section.rules.first()
    assert client.get(url("rule_restore", document, section.pk, rule.pk)).status_code == 405
    assert client.get(url("section_bring_back", document, section.pk)).status_code == 405


def test_a_refused_restore_explains_itself_and_saves_nothing(document, editor, client_for):
    before = RevisionMeta.objects.count()
    response = client_for(editor).post(
        url("document_restore", document), {"revision": "3"}, follow=True
    )
    assert "already matches revision 3" in response.content.decode()
    assert RevisionMeta.objects.count() == before


def test_restoring_a_rule_through_the_page(document, editor, client_for):
    section = first(document)
    rule = section.rules.order_by("position").first()
    rule_text = rule.statement
    edit(editor, section, rules=section_input(section).rules[1:])
    response = client_for(editor).post(
        url("rule_restore", document, section.pk, rule.pk), {"revision": "3"}
    )
    assert response.status_code == 302
    assert section.rules.filter(removed_at__isnull=True, statement=rule_text).exists()


def test_removed_sections_can_be_brought_back(document, editor, client_for):
    section = first(document)
    services.section_remove(user=editor, section=section)
    client = client_for(editor)
    listing = client.get(url("removed_sections", document))
    assert "Be yourself" in listing.content.decode()
    assert "Bring back" in listing.content.decode()
    response = client.post(url("section_bring_back", document, section.pk))
    assert response.status_code == 302
    assert Section.objects.get(pk=section.pk).removed_at is None
    again = client.post(url("section_bring_back", document, section.pk), follow=True)
    assert "is not removed" in again.content.decode()


def test_the_draft_shows_history_buttons_to_those_who_may_read_it(document, editor, client_for):
    response = client_for(editor).get(document.get_draft_url())
    assert url("history", document) in response.content.decode()
    assert url("contributors", document) in response.content.decode()


# --- presence ---------------------------------------------------------------------------------


def test_a_heartbeat_records_presence_and_names_the_others(document, editor, editor2, client_for):
    section = first(document)
    presence.presence_beat(user=editor2, section=section)
    response = client_for(editor).post(url("presence", document, section.pk))
    assert response.status_code == 200
    assert response.json()["message"] == "Sam Okafor is editing this section."
    assert Presence.objects.filter(user=editor, section=section).exists()
    left = client_for(editor).post(url("presence", document, section.pk), {"leave": "1"})
    assert left.json()["editing"] == ["Sam Okafor"]
    assert not Presence.objects.filter(user=editor).exists()


def test_presence_is_for_editors_only(document, reviewer, editor, client_for):
    section = first(document)
    assert client_for(reviewer).post(url("presence", document, section.pk)).status_code == 403
    assert client_for(editor).delete(url("presence", document, section.pk)).status_code == 405
    assert client_for(editor).get(url("presence", document, 4242)).status_code == 404


def test_the_editor_page_carries_the_presence_notice(document, editor, client_for):
    section = first(document)
    response = client_for(editor).get(url("section_edit", document, section.pk))
    text = response.content.decode()
    assert url("presence", document, section.pk) in text and "js/presence.js" in text


def test_the_compare_page_offers_releases_as_points(document, editor, client_for):
    document.refresh_from_db()
    Release.objects.create(
        document=document,
        major=1,
        minor=0,
        revision=document.latest_revision,
        snapshot=draft_snapshot(document),
        published_at=timezone.now(),
    )
    response = client_for(editor).get(url("compare", document), {"from": "r:1.0"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'value="r:1.0"' in text and "release 1.0" in text


def test_the_comparison_body_renders_on_its_own_for_other_pages(document, editor):
    edit(editor, first(document), body="Something else entirely.")
    comparison = history.comparison_between(document, "3", "draft")
    html = render_to_string("guidelines/history/comparison_body.html", {"comparison": comparison})
    assert "Summary of changes" in html and '<ins class="diff-ins">' in html
    assert "css/history.css" in html


# --- comparing in the words employees read ----------------------------------------------------


def rephrase(user, section, number, **fields):
    """Save the section with one rule's fields changed, as the editor form would."""
    section.refresh_from_db()
    data = section_input(section)
    for name, value in fields.items():
        setattr(data.rules[number], name, value)
    return services.section_save(
        user=user, section=section, expected_version=section.version, data=data
    )


def test_a_hand_written_phrasing_change_shows_in_the_guideline_voice(document, editor, client_for):
    section = first(document)
    before = rephrase(editor, section, 0, guideline_text="Say who you are when you post.")
    after = rephrase(editor, section, 0, guideline_text="Always say who you are when you post.")
    response = client_for(editor).get(
        url("compare", document), {"from": before.number, "to": after.number, "tone": "guideline"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "as employees read them in the <strong>guideline</strong> voice" in html
    assert "Guideline voice, as employees read it" in html and "written by hand" in html
    assert '<span class="sr-only">[inserted: </span>Always say<span class="sr-only">]' in html
    assert "Rules whose wording employees read changed: 1" in html
    assert '<span class="sr-only">Strength: </span>Required</span>' in html
    # Policy readers read the same words: in the policy voice nothing of theirs changed.
    policy = client_for(editor).get(
        url("compare", document), {"from": before.number, "to": after.number, "tone": "policy"}
    )
    assert "Policy voice, as employees read it" not in policy.content.decode()
    assert "Guideline phrasing" in policy.content.decode()  # the field, as written


def test_both_voices_show_side_by_side_on_request(document, editor, client_for):
    before = rephrase(editor, first(document), 1, statement="Never post anonymously.")
    response = client_for(editor).get(
        url("compare", document),
        {"from": before.number - 1, "to": "draft", "tone": "policy", "voices": "both"},
    )
    html = response.content.decode()
    assert html.count('class="voice-pair"') == 1
    assert "Policy voice, as employees read it" in html
    assert "Guideline voice, as employees read it" in html
    assert 'aria-current="true">Both voices</a>' in html
    assert "voices=both" in html.split('class="permalink"')[1].split(">")[0]
    assert '<input type="hidden" name="voices" value="both">' in html


def test_a_tone_only_section_is_labelled_and_read_in_its_own_voice(document, editor, client_for):
    consequences = first(document, "Consequences")
    before = rephrase(editor, consequences, 0, statement="Breaches may lead to a warning.")
    html = (
        client_for(editor)
        .get(
            url("compare", document),
            {"from": before.number - 1, "to": "draft", "tone": "guideline"},
        )
        .content.decode()
    )
    assert '<span class="badge badge-tone">Policy only</span>' in html
    assert "Not in the guideline voice" in html
    assert "Policy voice, as employees read it (not in the guideline voice)" in html
    assert '<span class="sr-only">Strength: </span>Allowed</span>' in html


def test_a_modality_change_names_both_strengths(document, editor, client_for):
    before = rephrase(editor, first(document), 0, modality="should")
    html = (
        client_for(editor)
        .get(url("compare", document), {"from": before.number - 1, "to": "draft"})
        .content.decode()
    )
    assert "<del>MUST (Required)</del> → <ins>SHOULD (Recommended)</ins>" in html
    assert "Required (MUST)</del> → <ins>Recommended (SHOULD)</ins>" in html  # the legal list
