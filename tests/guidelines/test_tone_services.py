"""The tone linter's reads and its one-click fixes."""

import pytest
from django.core.exceptions import ValidationError

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import RevisionMeta, Rule, Section
from guidelines.tone import services as tone_services
from guidelines.tone.services import AUTOMATIC, REPHRASED, Fix
from textkit.presentation import build_view

FIGHTING_GUIDELINE = "You must never post anonymously."
NO_FIX_POLICY = "You must be clear when you recommend something."
STUBBORN = "Shall not be used for personal gain, never."


def _rule(**fields) -> dict:
    rule = {
        "key": "1",
        "modality": "must_not",
        "statement": "Don't post anonymously.",
        "policy_text": "",
        "guideline_text": "",
        "auto_policy": "",
        "auto_guideline": "",
        "visibility": "both",
    }
    rule.update(fields)
    return rule


def _section(document, editor, heading, rules, visibility="both"):
    return services.section_add(
        user=editor,
        document=document,
        data=SectionInput(heading=heading, visibility=visibility, rules=rules),
    )


@pytest.fixture
def linty(document, editor):
    """The shared draft plus a section whose rules fight the tones in every way there is."""
    section = _section(
        document,
        editor,
        "Anonymity",
        [
            RuleInput(
                id=None,
                modality="must_not",
                statement="Don't post anonymously.",
                guideline_text=FIGHTING_GUIDELINE,
            ),
            RuleInput(id=None, modality="must", statement=NO_FIX_POLICY),
            RuleInput(
                id=None, modality="must_not", statement=STUBBORN, guideline_text=FIGHTING_GUIDELINE
            ),
            RuleInput(
                id=None,
                modality="should",
                statement="Add value.",
                policy_text="Try to add value.",
                visibility="guideline",
            ),
        ],
    )
    document.refresh_from_db()
    return section


def _rules(section):
    return list(Rule.objects.filter(section=section).order_by("position"))


# --- suggestions (plain data) -----------------------------------------------------------------


def test_it_suggests_the_automatic_phrasing_when_a_hand_written_one_fights_the_tone():
    rule = _rule(guideline_text=FIGHTING_GUIDELINE)
    assert tone_services.suggest_fix(rule, "guideline") == Fix(
        AUTOMATIC, "Avoid posting anonymously."
    )


def test_it_suggests_nothing_for_a_rule_that_reads_right():
    assert tone_services.suggest_fix(_rule(), "guideline") is None
    assert tone_services.suggest_fix(_rule(), "policy") is None


def test_it_rephrases_the_hand_written_text_when_the_automatic_one_fights_too():
    rule = _rule(statement=STUBBORN, guideline_text=FIGHTING_GUIDELINE)
    assert tone_services.suggest_fix(rule, "guideline") == Fix(
        REPHRASED, "Avoid posting anonymously."
    )


def test_it_offers_no_fix_when_the_engine_has_nothing_better():
    rule = _rule(modality="must", statement=NO_FIX_POLICY)
    assert tone_services.suggest_fix(rule, "policy") is None


def test_it_lists_issues_in_document_order_with_their_wording_and_fix(linty):
    issues = tone_services.tone_issues(draft_snapshot(linty.document), "guideline")
    assert [(i.section_heading, i.rule_number, i.words, i.automatic) for i in issues] == [
        ("Anonymity", 1, ["must", "never"], False),
        ("Anonymity", 3, ["must", "never"], False),
    ]
    assert [i.fix.kind for i in issues] == [AUTOMATIC, REPHRASED]
    assert issues[0].modality_label == "MUST NOT"


def test_it_leaves_out_rules_and_sections_not_shown_in_the_tone(linty, editor):
    _section(
        linty.document,
        editor,
        "Guideline only",
        [
            RuleInput(
                id=None, modality="should", statement="Add value.", policy_text="Try to add value."
            )
        ],
        visibility="guideline",
    )
    issues = tone_services.tone_issues(draft_snapshot(linty.document), "policy")
    # "Try to add value." fights the policy twice over, but only where the policy never shows it.
    assert [(i.section_heading, i.text) for i in issues] == [
        ("Anonymity", "You must be clear when you recommend something.")
    ]
    assert issues[0].fix is None


def test_it_counts_issues_from_a_tone_view(linty):
    snapshot = draft_snapshot(linty.document)
    assert tone_services.issue_count(build_view(snapshot, "guideline")) == 2
    assert tone_services.issue_count(build_view(snapshot, "policy")) == 1


# --- one fix ----------------------------------------------------------------------------------


def test_adopting_clears_the_hand_written_phrasing_in_one_revision(linty, editor):
    rule = _rules(linty)[0]
    before = linty.document.version
    meta = tone_services.rule_adopt_phrasing(
        user=editor, rule=rule, tone="guideline", expected_version=linty.version
    )
    rule.refresh_from_db()
    linty.refresh_from_db()
    assert (rule.guideline_text, rule.text_for("guideline")) == ("", "Avoid posting anonymously.")
    assert meta.number == before + 1
    assert meta.kind == RevisionMeta.Kind.LINT_FIX
    assert meta.summary == (
        "Adopted the automatic guideline phrasing for “Don't post anonymously.”"
    )
    assert linty.version == 2
    assert RevisionMeta.objects.filter(document=linty.document).count() == before + 1


def test_adopting_a_rephrasing_stores_it_as_the_hand_written_phrasing(linty, editor):
    rule = _rules(linty)[2]
    meta = tone_services.rule_adopt_phrasing(user=editor, rule=rule, tone="guideline")
    rule.refresh_from_db()
    assert rule.guideline_text == "Avoid posting anonymously."
    assert meta.summary.startswith("Adopted the suggested guideline phrasing for")


def test_adopting_refuses_a_stale_section_version_and_writes_nothing(linty, editor):
    rule = _rules(linty)[0]
    with pytest.raises(services.EditConflict):
        tone_services.rule_adopt_phrasing(
            user=editor, rule=rule, tone="guideline", expected_version=linty.version - 1
        )
    rule.refresh_from_db()
    assert rule.guideline_text == FIGHTING_GUIDELINE
    assert Section.objects.get(pk=linty.pk).version == linty.version


@pytest.mark.parametrize("index, tone", [(1, "guideline"), (1, "policy"), (3, "policy")])
def test_adopting_refuses_a_rule_without_a_fix(linty, editor, index, tone):
    version = linty.document.version
    with pytest.raises(ValidationError):
        tone_services.rule_adopt_phrasing(user=editor, rule=_rules(linty)[index], tone=tone)
    linty.document.refresh_from_db()
    assert linty.document.version == version


def test_adopting_refuses_an_unknown_tone(linty, editor):
    with pytest.raises(ValidationError):
        tone_services.rule_adopt_phrasing(user=editor, rule=_rules(linty)[0], tone="friendly")


def test_adopting_refuses_a_removed_rule(linty, editor):
    rule = _rules(linty)[0]
    services.section_remove(user=editor, section=linty)
    with pytest.raises(ValidationError):
        tone_services.rule_adopt_phrasing(user=editor, rule=rule, tone="guideline")


# --- all fixes --------------------------------------------------------------------------------


def test_adopting_all_fixes_every_section_in_one_revision(linty, editor):
    other = _section(
        linty.document,
        editor,
        "Passwords",
        [
            RuleInput(
                id=None,
                modality="must_not",
                statement="Don't share passwords.",
                guideline_text="Never share passwords.",
            )
        ],
    )
    document = linty.document
    document.refresh_from_db()
    before = document.version
    meta = tone_services.phrasings_adopt_all(
        user=editor, document=document, tone="guideline", expected_version=before
    )
    assert meta.number == before + 1
    assert meta.summary == "Adopted the suggested guideline phrasing for 3 rules"
    assert sorted(meta.touches.values_list("section_id_ref", flat=True)) == sorted(
        [linty.pk, other.pk]
    )
    assert tone_services.tone_issues(draft_snapshot(document), "guideline") == []
    assert (
        tone_services.phrasings_adopt_all(user=editor, document=document, tone="guideline") is None
    )


def test_adopting_all_refuses_a_document_that_moved_on(linty, editor):
    document = linty.document
    with pytest.raises(ValidationError):
        tone_services.phrasings_adopt_all(
            user=editor, document=document, tone="guideline", expected_version=document.version - 1
        )
    assert len(tone_services.tone_issues(draft_snapshot(document), "guideline")) == 2
