"""The tone toggle across the app: reading pages in either tone, the editor, meters, the demo."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import Document, Release, Section
from tests.guidelines.workflow_fixtures import publish
from textkit.presentation import build_view


def _texts(response) -> list[str]:
    """Rule texts as the page shows them."""
    import html
    import re

    page = response.content.decode()
    return [
        html.unescape(re.sub(r"<[^>]+>", "", t).replace(" auto", "")).strip()
        for t in re.findall(r'<p class="rule-text">(.*?)</p>', page, flags=re.S)
    ]


def _plain(html: str) -> str:
    """Page text without tags, with runs of white space as one space."""
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _headings(response) -> list[str]:
    """Section headings as the page shows them (release bodies are spliced in pre-rendered)."""
    import re

    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>|§", "", h).strip()
        for h in re.findall(r'<h2 id="h-[^"]*">(.*?)</h2>', html, flags=re.S)
    ]


def _publish(document, editor) -> Release:
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


@pytest.fixture
def written(document, editor):
    """The shared draft with one rule whose guideline phrasing the author wrote."""
    services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="We trust you",
            visibility="guideline",
            rules=[
                RuleInput(
                    id=None,
                    modality="should",
                    statement="Use your best judgment.",
                    guideline_text="We trust your judgment: use it.",
                )
            ],
        ),
    )
    document.refresh_from_db()
    return document


# --- flipping the tone ------------------------------------------------------------------------


def _assert_flip(client, url):
    policy = client.get(url + "?tone=policy")
    guideline = client.get(url + "?tone=guideline")
    assert (policy.status_code, guideline.status_code) == (200, 200)
    assert policy.context["view"]["title"] == "Social Computing Policy"
    assert guideline.context["view"]["title"] == "Social Computing Guidelines"
    assert '<h1 id="doc-title">Social Computing Policy</h1>' in policy.content.decode()
    assert _headings(policy) == ["Be yourself", "Consequences"]
    assert _headings(guideline) == ["Be yourself", "We trust you"]
    # A MUST NOT is a firm limit in both voices: the wording changes, the strength never does.
    assert "Do not post anonymously." in _texts(policy)
    assert "Don't post anonymously." in _texts(guideline)
    assert "Avoid posting anonymously." not in guideline.content.decode()
    assert "We trust your judgment: use it." in _texts(guideline)
    assert "Violations may result in disciplinary action." not in guideline.content.decode()


def test_flipping_the_tone_changes_title_rules_and_tone_only_sections_of_a_draft(
    client_for, editor, written
):
    _assert_flip(client_for(editor), written.get_draft_url())


def test_flipping_the_tone_changes_title_rules_and_tone_only_sections_of_a_release(
    client_for, editor, reviewer, employee, written
):
    release = publish(written, editor, reviewer)
    client = client_for(employee)
    _assert_flip(client, written.get_absolute_url())
    _assert_flip(client, reverse("guidelines:release", args=[written.slug, release.version]))


def test_the_tone_is_remembered_and_the_switch_keeps_other_parameters(client_for, editor, written):
    client = client_for(editor)
    client.get(written.get_draft_url() + "?tone=policy")
    response = client.get(written.get_draft_url() + "?q=x")
    assert response.context["tone"] == "policy"
    html = response.content.decode()
    assert 'href="?q=x&amp;tone=guideline"' in html
    assert 'class="tone-option is-active" aria-current="true" data-tone="policy"' in html
    editor.profile.refresh_from_db()
    assert editor.profile.preferred_tone == "policy"


def test_a_new_reader_gets_the_documents_default_tone(client_for, employee, editor, written):
    Document.objects.filter(pk=written.pk).update(default_tone="policy")
    written.refresh_from_db()
    _publish(written, editor)
    response = client_for(employee).get(written.get_absolute_url())
    assert response.context["tone"] == "policy"


def test_an_overridden_title_follows_the_tone(client_for, editor, written):
    services.document_update(
        user=editor,
        document=written,
        expected_version=written.version,
        subject=written.subject,
        slug=written.slug,
        summary=written.summary,
        default_tone="guideline",
        title_policy="Rules for Posting",
        title_guideline="",
        required_approvals=1,
        open_for_consultation=False,
    )
    client = client_for(editor)
    assert (
        client.get(written.get_draft_url() + "?tone=policy").context["view"]["title"]
        == "Rules for Posting"
    )
    assert (
        client.get(written.get_draft_url() + "?tone=guideline").context["view"]["title"]
        == "Social Computing Guidelines"
    )


def test_the_print_stylesheet_names_the_edition_of_the_tone_shown(client_for, editor, written):
    response = client_for(editor).get(written.get_draft_url() + "?tone=policy")
    assert re.search(r'<body class="[^"]*\btone-policy\b', response.content.decode())
    css = (settings.BASE_DIR / "static" / "css" / "candor.css").read_text()
    print_rules = css[css.rindex("@media print") :]
    assert 'content: "Policy edition"' in print_rules
    assert 'content: "Guideline edition"' in print_rules


# --- the stance meter and the voice check link on the draft page --------------------------------


def test_editors_see_the_stance_meter_and_the_voice_check_count(client_for, editor, written):
    services.section_add(
        user=editor,
        document=written,
        data=SectionInput(
            heading="Anonymity",
            rules=[
                RuleInput(
                    id=None,
                    modality="must_not",
                    statement="Don't post anonymously.",
                    guideline_text="You must never post.",
                ),
                RuleInput(id=None, modality="may", statement="You may use a nickname at home."),
            ],
        ),
    )
    response = client_for(editor).get(written.get_draft_url() + "?tone=guideline")
    html = response.content.decode()
    check = reverse("guidelines:tone_check", args=[written.slug]) + "?tone=guideline"
    assert f'href="{check}"' in html
    assert 'Voice check <span class="count-badge">1</span>' in html
    assert html.count('class="section-meter"') == 3
    assert "1 Required · 1 Not allowed" in _plain(html)  # "Be yourself", from its modalities
    assert "1 Not allowed · 1 Allowed" in _plain(html)  # "Anonymity"
    assert "1 phrasing to look at in the guideline voice" in html
    meter = response.context["meter"]
    assert (meter["total"], meter["binding"], meter["binding_pct"]) == (5, 3, 60)
    assert [(r["strength"], r["count"], r["pct"]) for r in meter["rows"]] == [
        ("Required", 1, 20),
        ("Not allowed", 2, 40),
        ("Recommended", 1, 20),
        ("Best avoided", 0, 0),
        ("Allowed", 1, 20),
    ]
    assert "60% binding" in html and "Stance" in html
    assert "release" not in meter  # nothing published yet to compare with


def test_the_stance_meter_says_how_the_stance_moved_since_the_last_release(
    client_for, editor, reviewer, written
):
    publish(written, editor, reviewer)
    services.section_add(
        user=editor,
        document=written,
        data=SectionInput(
            heading="Passwords",
            rules=[RuleInput(id=None, modality="must_not", statement="Don't share passwords.")],
        ),
    )
    response = client_for(editor).get(written.get_draft_url() + "?tone=policy")
    meter = response.context["meter"]
    assert meter["release"] == "1.0"
    assert [(r["strength"], r["change"]) for r in meter["rows"]] == [
        ("Required", 0),
        ("Not allowed", 1),
        ("Recommended", 0),
        ("Best avoided", 0),
        ("Allowed", 0),
    ]
    # Policy voice: 2 of 3 rules were binding at 1.0 (67%), 3 of 4 now (75%).
    assert (meter["previous_binding_pct"], meter["binding_pct"], meter["changed"]) == (67, 75, True)
    html = _plain(response.content.decode())
    assert "Since release 1.0: binding 67% → 75% (+8 points)." in html
    assert "Not allowed 50% (2) +1 since release 1.0" in html


def test_the_stance_meter_reads_stored_modalities_not_the_engine(
    client_for, editor, written, monkeypatch
):
    from textkit import tone as tone_engine

    client = client_for(editor)
    client.get(written.get_draft_url())

    def refuse(*args, **kwargs):
        raise AssertionError("a page view called the tone engine")

    for name in ("render", "check", "classify", "strength_of"):
        monkeypatch.setattr(tone_engine, name, refuse)
    response = client.get(written.get_draft_url() + "?tone=guideline")
    assert response.status_code == 200
    assert response.context["meter"]["total"] == 3


def test_readers_see_neither_meters_nor_the_voice_check(client_for, employee, editor, written):
    _publish(written, editor)
    html = client_for(employee).get(written.get_absolute_url()).content.decode()
    assert "section-meter" not in html
    assert "Voice check" not in html
    assert "stance-meter" not in html


def test_meters_and_counts_add_no_query_per_section(client_for, editor, written):
    def add_topic(n):
        services.section_add(
            user=editor,
            document=written,
            data=SectionInput(
                heading=f"Topic {n}",
                rules=[
                    RuleInput(
                        id=None,
                        modality="should",
                        statement="Try to add value.",
                        policy_text="Consider adding value.",
                    )
                ],
            ),
        )

    client = client_for(editor)
    url = written.get_draft_url() + "?tone=policy"
    add_topic(0)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(1, 10):
        add_topic(n)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert 'Voice check <span class="count-badge">10</span>' in response.content.decode()
    assert len(large) == len(small)


def test_a_draft_with_a_strength_error_offers_submission_and_says_why_it_waits(
    client_for, editor, written
):
    services.section_add(
        user=editor,
        document=written,
        data=SectionInput(
            heading="Passwords",
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
    client = client_for(editor)
    response = client.get(written.get_draft_url() + "?tone=policy")
    html = response.content.decode()
    assert response.context["wf"]["can_submit"] is False
    assert response.context["submit_refusal"][1] == (
        "Rule 1 in “Passwords”: “Try to avoid sharing passwords.” — This guideline phrasing "
        "reads as advice to avoid something but the rule is MUST NOT (Not allowed)."
    )
    assert "Not ready for review:" in html
    assert reverse("guidelines:document_submit", args=[written.slug]) in html
    refused = client.post(
        reverse("guidelines:document_submit", args=[written.slug]), follow=True
    ).content.decode()
    assert "Submitting for review needs 1 phrasing fixed first" in refused
    assert "“Try to avoid sharing passwords.” — This guideline phrasing reads as advice" in refused
    written.refresh_from_db()
    assert written.status == "draft"


# --- the editor -------------------------------------------------------------------------------


def test_the_editor_shows_both_phrasings_and_marks_the_automatic_ones(client_for, editor, written):
    section = Section.objects.get(document=written, heading="We trust you")
    html = (
        client_for(editor)
        .get(reverse("guidelines:section_edit", args=[written.slug, section.pk]))
        .content.decode()
    )
    policy = html[html.index('data-phrasing="policy"') : html.index('data-phrasing="guideline"')]
    guideline = html[html.index('data-phrasing="guideline"') :]
    assert ">Automatic</span>" in policy
    assert "You should use your best judgment." in policy  # the stored phrasing, painted first
    assert ">Your own</span>" in guideline
    assert "We trust your judgment: use it.</textarea>" in guideline
    # The rule's strength in plain words, on each phrasing.
    assert policy.count("<span data-strength-words>Recommended</span>") == 1
    assert "<span data-strength-words>Recommended</span>" in guideline
    assert html.count("data-write-own=") == 4  # two in the rule, two in the new-rule template
    assert "data-modality-hint" in html
    assert reverse("guidelines:tone_lint", args=[written.slug]) in html
    assert '"must_not": "Not allowed"' in html  # the strengths the script shows on a change


def _editor_html(client, document, section) -> str:
    return client.get(
        reverse("guidelines:section_edit", args=[document.slug, section.pk])
    ).content.decode()


def _phrasing(html: str, index: int, tone: str) -> str:
    start = html.index(f'for="id_rules-{index}-{tone}_text"')
    start = html.rindex('<div class="field phrasing', 0, start)
    return html[start : html.index('<div class="phrasing-tools">', start)]


def test_the_editor_marks_a_phrasing_that_breaks_the_contract(client_for, editor, written):
    section = services.section_add(
        user=editor,
        document=written,
        data=SectionInput(
            heading="Passwords",
            rules=[
                RuleInput(
                    id=None,
                    modality="must_not",
                    statement="Don't share passwords.",
                    guideline_text="Try to avoid sharing passwords.",
                ),
                RuleInput(
                    id=None,
                    modality="must",
                    statement="Details of an incident stay internal until security publishes them.",
                ),
            ],
        ),
    )
    html = _editor_html(client_for(editor), written, section)
    flagged = _phrasing(html, 0, "guideline")
    assert "phrasing-guideline is-own has-break" in flagged
    assert "<span data-strength-words>Not allowed</span>" in flagged
    assert (
        '<li class="break-strength">This guideline phrasing reads as advice to avoid something '
        "but the rule is MUST NOT (Not allowed).</li>" in flagged
    )
    assert "<q data-fix-text>Don&#x27;t share passwords.</q>" in flagged
    assert "has-break" not in _phrasing(html, 0, "policy")
    for tone in ("policy", "guideline"):
        needing = _phrasing(html, 1, tone)
        assert "<strong>Needs your phrasing.</strong>" in needing
        assert '<p class="phrasing-needs" data-needs hidden>' not in needing
        assert "<span data-strength-words>Required</span>" in needing
    assert '<p class="phrasing-needs" data-needs hidden>' in _phrasing(html, 0, "guideline")


def test_the_editor_checks_unsaved_words_when_a_form_comes_back(client_for, editor, written):
    section = Section.objects.get(document=written, heading="Be yourself")
    rules = list(section.rules.order_by("position"))
    data = {
        "expected_version": section.version,
        "heading": "",  # refused: the form comes back with the author's words
        "anchor": section.anchor,
        "body": section.body,
        "visibility": "both",
        "summary": "",
        "rules-TOTAL_FORMS": 2,
        "rules-INITIAL_FORMS": 2,
        "rules-MIN_NUM_FORMS": 0,
        "rules-MAX_NUM_FORMS": 1000,
    }
    for i, rule in enumerate(rules):
        data.update(
            {
                f"rules-{i}-id": rule.pk,
                f"rules-{i}-ORDER": i + 1,
                f"rules-{i}-modality": rule.modality,
                f"rules-{i}-statement": rule.statement,
                f"rules-{i}-visibility": "both",
            }
        )
    data["rules-1-guideline_text"] = "Think twice before posting anonymously."
    response = client_for(editor).post(
        reverse("guidelines:section_edit", args=[written.slug, section.pk]), data
    )
    assert response.status_code == 400
    flagged = _phrasing(response.content.decode(), 1, "guideline")
    assert "reads as advice to avoid something but the rule is MUST NOT (Not allowed)." in flagged
    assert "<q data-fix-text>Don&#x27;t post anonymously.</q>" in flagged


def test_an_author_overrides_a_phrasing_and_readers_see_it(client_for, editor, written):
    section = Section.objects.get(document=written, heading="Be yourself")
    rules = list(section.rules.order_by("position"))
    data = {
        "expected_version": section.version,
        "heading": section.heading,
        "anchor": section.anchor,
        "body": section.body,
        "visibility": "both",
        "summary": "Own policy phrasing",
        "rules-TOTAL_FORMS": 2,
        "rules-INITIAL_FORMS": 2,
        "rules-MIN_NUM_FORMS": 0,
        "rules-MAX_NUM_FORMS": 1000,
    }
    for i, rule in enumerate(rules):
        data.update(
            {
                f"rules-{i}-id": rule.pk,
                f"rules-{i}-ORDER": i + 1,
                f"rules-{i}-modality": rule.modality,
                f"rules-{i}-statement": rule.statement,
                f"rules-{i}-visibility": "both",
            }
        )
    data["rules-0-policy_text"] = "Staff must always say who they are."
    client = client_for(editor)
    response = client.post(
        reverse("guidelines:section_edit", args=[written.slug, section.pk]), data
    )
    assert response.status_code == 302
    page = client.get(written.get_draft_url() + "?tone=policy")
    assert "Staff must always say who they are." in _texts(page)
    assert "Always identify yourself when you post." in [
        r["text"]
        for r in client.get(written.get_draft_url() + "?tone=guideline").context["view"][
            "sections"
        ][0]["rules"]
    ]


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_shows_off_the_tone_toggle(db):
    from guidelines.demo import loader as demo

    demo.ensure_users()
    document = demo.load_document()
    snapshot = draft_snapshot(document)
    rules = [r for s in snapshot["sections"] for r in s["rules"]]
    both_written = [r for r in rules if r["policy_text"] and r["guideline_text"]]
    automatic = [r for r in rules if not r["policy_text"] and not r["guideline_text"]]
    assert len(both_written) >= 3
    assert len(automatic) > len(rules) / 2
    policy = [s["heading"] for s in build_view(snapshot, "policy")["sections"]]
    guideline = [s["heading"] for s in build_view(snapshot, "guideline")["sections"]]
    assert "Consequences" in policy and "Consequences" not in guideline
    assert "We trust you" in guideline and "We trust you" not in policy
    assert build_view(snapshot, "policy")["title"] != build_view(snapshot, "guideline")["title"]
