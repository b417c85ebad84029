"""The voice check: findings stored at save time, one-click fixes that keep the modality, and
reasoned dismissals, all through the write core."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import PhrasingDismissal, RevisionMeta, Rule, Section
from guidelines.tone import selectors as voice
from guidelines.tone import services as tone_services
from textkit import tone as tone_engine

WEAKENED = "Try to avoid sharing passwords."  # a MUST NOT read as advice: a strength error
LEGAL = "You must never post anonymously."  # the right strength in legal words
OFF_SITE = "Keep confidential information off public sites."  # says MUST; the rule is MUST NOT
PUSHED = "Always reply within a day."  # a SHOULD read as a requirement


def _section(document, editor, heading, rules, visibility="both"):
    return services.section_add(
        user=editor,
        document=document,
        data=SectionInput(heading=heading, visibility=visibility, rules=rules),
    )


@pytest.fixture
def linty(document, editor):
    """The shared draft plus a section whose phrasings break the contract in every way."""
    section = _section(
        document,
        editor,
        "Passwords",
        [
            RuleInput(
                id=None,
                modality="must_not",
                statement="Don't share passwords.",
                guideline_text=WEAKENED,
            ),
            RuleInput(id=None, modality="must_not", statement=OFF_SITE),
            RuleInput(
                id=None,
                modality="must_not",
                statement="Don't post anonymously.",
                guideline_text=LEGAL,
            ),
            RuleInput(
                id=None, modality="should", statement="Reply within a day.", guideline_text=PUSHED
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


def _codes(document, tone):
    return [(f.rule_number, f.code) for f in voice.voice_findings(document, tone=tone)]


# --- findings, stored at save time --------------------------------------------------------------


def test_saving_stores_the_contracts_findings_on_each_rule(linty):
    weakened, off_site, legal, pushed, _ = _rules(linty)
    assert weakened.findings == [
        {
            "tone": "guideline",
            "code": "strength",
            "message": "This guideline phrasing reads as advice to avoid something but the rule "
            "is MUST NOT (Not allowed).",
            "fix": "Don't share passwords.",
        }
    ]
    assert weakened.auto_guideline == "Don't share passwords."
    assert [(f["tone"], f["code"], f["fix"]) for f in off_site.findings] == [
        ("policy", "strength", None),
        ("policy", "unrendered", None),
        ("guideline", "strength", None),
        ("guideline", "unrendered", None),
    ]
    assert off_site.auto_policy == off_site.auto_guideline == OFF_SITE  # left as written
    assert [(f["code"], f["fix"]) for f in legal.findings] == [
        ("legal-vocabulary", "Don't post anonymously.")
    ]
    assert [(f["code"], f["fix"]) for f in pushed.findings] == [
        ("strength", "Try to reply within a day.")
    ]


def test_every_fix_keeps_the_rules_modality(linty):
    for rule in _rules(linty):
        for finding in rule.findings:
            if finding["fix"]:
                fix = finding["fix"]
                assert tone_engine.check(fix, finding["tone"], rule.modality) == [], fix
                assert tone_engine.strength_of(fix) in (rule.modality, None), fix


def test_a_rule_that_keeps_the_contract_has_no_findings(document):
    rules = Rule.objects.filter(section__document=document, section__visibility="both")
    assert [r.findings for r in rules] == [[], []]


def test_writing_a_phrasing_answers_needs_your_phrasing(linty, editor):
    linty.refresh_from_db()
    rules = [
        RuleInput(
            id=r.pk,
            modality=r.modality,
            statement=r.statement,
            policy_text=r.policy_text,
            guideline_text=r.guideline_text,
            visibility=r.visibility,
        )
        for r in _rules(linty)
    ]
    rules[1].policy_text = "Do not put confidential information on public sites."
    services.section_save(
        user=editor,
        section=linty,
        expected_version=linty.version,
        data=SectionInput(heading=linty.heading, rules=rules),
    )
    off_site = _rules(linty)[1]
    assert [(f["tone"], f["code"]) for f in off_site.findings] == [
        ("guideline", "strength"),
        ("guideline", "unrendered"),
    ]


def test_findings_are_listed_only_in_the_voices_a_rule_is_shown_in(linty):
    assert _codes(linty.document, "policy") == [(2, "strength"), (2, "unrendered")]
    assert _codes(linty.document, "guideline") == [
        (1, "strength"),
        (2, "strength"),
        (2, "unrendered"),
        (3, "legal-vocabulary"),
        (4, "strength"),
    ]


def test_strength_errors_are_what_blocks_review(linty):
    errors = voice.strength_errors(linty.document)
    assert [(f.rule_number, f.tone, f.text) for f in errors] == [
        (1, "guideline", WEAKENED),
        (2, "policy", OFF_SITE),
        (2, "guideline", OFF_SITE),
        (4, "guideline", PUSHED),
    ]
    assert errors[0].strength == "Not allowed"
    assert not errors[0].automatic and errors[1].automatic


# --- one fix ----------------------------------------------------------------------------------


def test_a_fix_clears_the_hand_written_phrasing_in_one_revision(linty, editor):
    rule = _rules(linty)[0]
    before = linty.document.version
    meta = tone_services.rule_adopt_phrasing(
        user=editor, rule=rule, tone="guideline", expected_version=linty.version
    )
    rule.refresh_from_db()
    linty.refresh_from_db()
    assert (rule.guideline_text, rule.text_for("guideline")) == ("", "Don't share passwords.")
    assert rule.findings == []
    assert meta.number == before + 1
    assert meta.kind == RevisionMeta.Kind.LINT_FIX
    assert meta.summary == "Used the automatic guideline phrasing for “Don't share passwords.”"
    assert linty.version == 2
    assert RevisionMeta.objects.filter(document=linty.document).count() == before + 1


def test_a_fix_keeps_a_should_a_recommendation(linty, editor):
    rule = _rules(linty)[3]
    tone_services.rule_adopt_phrasing(user=editor, rule=rule, tone="guideline")
    rule.refresh_from_db()
    assert rule.text_for("guideline") == "Try to reply within a day."
    assert tone_engine.strength_of(rule.text_for("guideline")) == "should"


def test_a_fix_refuses_a_stale_section_version_and_writes_nothing(linty, editor):
    rule = _rules(linty)[0]
    with pytest.raises(services.EditConflict):
        tone_services.rule_adopt_phrasing(
            user=editor, rule=rule, tone="guideline", expected_version=linty.version - 1
        )
    rule.refresh_from_db()
    assert rule.guideline_text == WEAKENED
    assert Section.objects.get(pk=linty.pk).version == linty.version


@pytest.mark.parametrize("index, tone", [(1, "guideline"), (1, "policy"), (0, "policy")])
def test_a_fix_refuses_a_phrasing_without_one(linty, editor, index, tone):
    version = linty.document.version
    with pytest.raises(ValidationError):
        tone_services.rule_adopt_phrasing(user=editor, rule=_rules(linty)[index], tone=tone)
    linty.document.refresh_from_db()
    assert linty.document.version == version


def test_a_fix_refuses_a_voice_the_rule_is_not_shown_in(linty, editor):
    with pytest.raises(ValidationError, match="not shown in the policy"):
        tone_services.rule_adopt_phrasing(user=editor, rule=_rules(linty)[4], tone="policy")
    assert _rules(linty)[4].policy_text == "Try to add value."


def test_a_fix_refuses_an_unknown_tone(linty, editor):
    with pytest.raises(ValidationError):
        tone_services.rule_adopt_phrasing(user=editor, rule=_rules(linty)[0], tone="friendly")


def test_a_fix_refuses_a_removed_rule(linty, editor):
    rule = _rules(linty)[0]
    services.section_remove(user=editor, section=linty)
    with pytest.raises(ValidationError):
        tone_services.rule_adopt_phrasing(user=editor, rule=rule, tone="guideline")


def test_a_fix_checks_its_own_permission(linty, reviewer):
    with pytest.raises(PermissionDenied):
        tone_services.rule_adopt_phrasing(user=reviewer, rule=_rules(linty)[0], tone="guideline")
    assert _rules(linty)[0].guideline_text == WEAKENED


# --- all fixes --------------------------------------------------------------------------------


def test_fixing_all_fixes_every_section_in_one_revision(linty, editor):
    other = _section(
        linty.document,
        editor,
        "Anonymity",
        [
            RuleInput(
                id=None,
                modality="must_not",
                statement="Don't post under a false name.",
                guideline_text="Try not to post under a false name.",
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
    assert meta.summary == "Used the automatic guideline phrasing for 4 rules"
    assert sorted(meta.touches.values_list("section_id_ref", flat=True)) == sorted(
        [linty.pk, other.pk]
    )
    document.refresh_from_db()
    # Only the rule the engine cannot phrase is left: it needs its author.
    assert _codes(document, "guideline") == [(2, "strength"), (2, "unrendered")]
    assert (
        tone_services.phrasings_adopt_all(user=editor, document=document, tone="guideline") is None
    )


def test_fixing_all_refuses_a_document_that_moved_on(linty, editor):
    document = linty.document
    with pytest.raises(ValidationError):
        tone_services.phrasings_adopt_all(
            user=editor, document=document, tone="guideline", expected_version=document.version - 1
        )
    assert len(voice.strength_errors(document)) == 4


def test_fixing_all_leaves_dismissed_findings_alone(linty, editor):
    rule = _rules(linty)[3]
    tone_services.finding_dismiss(
        user=editor,
        rule=rule,
        tone="guideline",
        code="strength",
        text=PUSHED,
        reason="Replying within a day is how we work.",
    )
    tone_services.phrasings_adopt_all(user=editor, document=linty.document, tone="guideline")
    rule.refresh_from_db()
    assert rule.guideline_text == PUSHED
    assert _rules(linty)[0].guideline_text == ""


# --- dismissals -------------------------------------------------------------------------------


def test_a_dismissal_covers_the_exact_phrasing_with_a_revision_and_an_audit_entry(linty, editor):
    rule = _rules(linty)[0]
    before = linty.document.version
    dismissal = tone_services.finding_dismiss(
        user=editor,
        rule=rule,
        tone="guideline",
        code="strength",
        text=WEAKENED,
        reason="  Legal agreed this   reads as firmly as we need. ",
        expected_version=linty.version,
    )
    assert (dismissal.reason, dismissal.dismissed_by) == (
        "Legal agreed this reads as firmly as we need.",
        editor,
    )
    meta = RevisionMeta.objects.get(document=linty.document, number=before + 1)
    assert meta.kind == RevisionMeta.Kind.DISMISSAL
    assert meta.summary == (
        "Dismissed “strength” on the guideline phrasing of “Don't share passwords.”: "
        "Legal agreed this reads as firmly as we need."
    )
    entry = AuditEntry.objects.get(action="phrasing.dismiss")
    assert (entry.actor, entry.target_id, entry.document_id) == (
        editor,
        str(rule.pk),
        linty.document_id,
    )
    assert entry.details["text"] == WEAKENED and entry.details["code"] == "strength"
    linty.document.refresh_from_db()
    found = [f for f in voice.voice_findings(linty.document) if f.rule_id == rule.pk]
    assert [(f.code, f.is_open, f.dismissed_by) for f in found] == [
        ("strength", False, "Dana Whitfield")
    ]
    assert [f.rule_number for f in voice.strength_errors(linty.document)] == [2, 2, 4]


def test_a_changed_phrasing_shows_the_dismissed_finding_again(linty, editor):
    rule = _rules(linty)[0]
    tone_services.finding_dismiss(
        user=editor, rule=rule, tone="guideline", code="strength", text=WEAKENED, reason="Fine."
    )
    linty.refresh_from_db()
    rules = [
        RuleInput(
            id=r.pk,
            modality=r.modality,
            statement=r.statement,
            policy_text=r.policy_text,
            guideline_text=r.guideline_text,
            visibility=r.visibility,
        )
        for r in _rules(linty)
    ]
    rules[0].guideline_text = "Try not to share passwords."
    services.section_save(
        user=editor,
        section=linty,
        expected_version=linty.version,
        data=SectionInput(heading=linty.heading, rules=rules),
    )
    linty.document.refresh_from_db()
    assert [f.rule_number for f in voice.strength_errors(linty.document)][:2] == [1, 2]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"reason": "   "}, "Say why"),
        ({"reason": "x" * 501}, "under 500"),
        ({"code": "tone"}, "no such kind"),
        ({"code": "encouragement"}, "no longer has that finding"),
        ({"text": "Don't share passwords."}, "changed since you loaded"),
        ({"tone": "friendly"}, "Choose Policy or Guideline"),
    ],
)
def test_a_dismissal_refuses_bad_input_and_writes_nothing(linty, editor, changes, message):
    data = {
        "rule": _rules(linty)[0],
        "tone": "guideline",
        "code": "strength",
        "text": WEAKENED,
        "reason": "Fine.",
    }
    data.update(changes)
    version = linty.document.version
    with pytest.raises(ValidationError, match=message):
        tone_services.finding_dismiss(user=editor, **data)
    linty.document.refresh_from_db()
    assert linty.document.version == version
    assert not PhrasingDismissal.objects.exists()
    assert not AuditEntry.objects.filter(action="phrasing.dismiss").exists()


def test_a_dismissal_refuses_a_second_one_and_a_stale_section(linty, editor):
    rule = _rules(linty)[0]
    data = {"rule": rule, "tone": "guideline", "code": "strength", "text": WEAKENED}
    with pytest.raises(services.EditConflict):
        tone_services.finding_dismiss(
            user=editor, reason="Fine.", expected_version=linty.version - 1, **data
        )
    tone_services.finding_dismiss(user=editor, reason="Fine.", **data)
    with pytest.raises(ValidationError, match="dismissed already"):
        tone_services.finding_dismiss(user=editor, reason="Again.", **data)
    assert PhrasingDismissal.objects.count() == 1


def test_a_dismissal_checks_its_own_permission(linty, reviewer, employee):
    for user in (reviewer, employee, None):
        with pytest.raises(PermissionDenied):
            tone_services.finding_dismiss(
                user=user,
                rule=_rules(linty)[0],
                tone="guideline",
                code="strength",
                text=WEAKENED,
                reason="Fine.",
            )
    assert not PhrasingDismissal.objects.exists()
