"""render: one statement, two voices, the same obligation (PRODUCT.md, "The tone toggle")."""

from __future__ import annotations

import pytest

from textkit.modality import GUIDELINE, POLICY
from textkit.modality import Modality as M
from textkit.tone import Phrasing, check, render

P, G = POLICY, GUIDELINE

# (statement, modality, policy voice, guideline voice); None: left as written.
CASES = [
    # The contract's own table.
    (
        "Employees must identify themselves.",
        M.MUST,
        "Employees must identify themselves.",
        "Make sure you identify yourself.",
    ),
    ("Identify yourself.", M.MUST, "Identify yourself.", "Always identify yourself."),
    (
        "Employees must not post anonymously.",
        M.MUST_NOT,
        "Employees must not post anonymously.",
        "Never post anonymously.",
    ),
    ("Don't post anonymously.", M.MUST_NOT, "Do not post anonymously.", "Don't post anonymously."),
    (
        "Employees should reply within a day.",
        M.SHOULD,
        "Employees should reply within a day.",
        "Try to reply within a day.",
    ),
    (
        "Employees should not post when angry.",
        M.SHOULD_NOT,
        "Employees should not post when angry.",
        "Avoid posting when angry.",
    ),
    (
        "Employees may use their own devices.",
        M.MAY,
        "Employees may use their own devices.",
        "Feel free to use your own devices.",
    ),
    # Imperatives and their frames.
    (
        "Always treat others with respect.",
        M.MUST,
        "Treat others with respect.",
        "Always treat others with respect.",
    ),
    (
        "Be honest and accurate.",
        M.MUST,
        "Be honest and accurate.",
        "Always be honest and accurate.",
    ),
    (
        "You must be honest about your role.",
        M.MUST,
        "You must be honest about your role.",
        "Make sure you are honest about your role.",
    ),
    (
        "Never share your password.",
        M.MUST_NOT,
        "Do not share your password.",
        "Never share your password.",
    ),
    (
        "Do not disclose or discuss confidential information.",
        M.MUST_NOT,
        "Do not disclose or discuss confidential information.",
        "Do not disclose or discuss confidential information.",
    ),
    (
        "You must not disclose financial results.",
        M.MUST_NOT,
        "You must not disclose financial results.",
        "Never disclose financial results.",
    ),
    ("Try to add value.", M.SHOULD, "You should add value.", "Try to add value."),
    (
        "We encourage you to write in the first person.",
        M.SHOULD,
        "You should write in the first person.",
        "We encourage you to write in the first person.",
    ),
    (
        "You should use a disclaimer.",
        M.SHOULD,
        "You should use a disclaimer.",
        "Try to use a disclaimer.",
    ),
    (
        "Consider adding a disclaimer.",
        M.SHOULD,
        "You should add a disclaimer.",
        "Consider adding a disclaimer.",
    ),
    (
        "We recommend having one account per network.",
        M.SHOULD,
        "You should have one account per network.",
        "Try to have one account per network.",
    ),
    (
        "Avoid posting when angry.",
        M.SHOULD_NOT,
        "You should not post when angry.",
        "Avoid posting when angry.",
    ),
    (
        "Avoid conflicts of interest.",
        M.SHOULD_NOT,
        "You should avoid conflicts of interest.",
        "Avoid conflicts of interest.",
    ),
    (
        "You should avoid tagging colleagues.",
        M.SHOULD_NOT,
        "You should avoid tagging colleagues.",
        "Avoid tagging colleagues.",
    ),
    (
        "Think twice before posting photos.",
        M.SHOULD_NOT,
        "You should not post photos.",
        "Think twice before posting photos.",
    ),
    (
        "Refrain from speculating about results.",
        M.MUST_NOT,
        "Refrain from speculating about results.",
        "Refrain from speculating about results.",
    ),
    (
        "Feel free to share our posts.",
        M.MAY,
        "You may share our posts.",
        "Feel free to share our posts.",
    ),
    (
        "You can use a disclaimer.",
        M.MAY,
        "You may use a disclaimer.",
        "Feel free to use a disclaimer.",
    ),
    (
        "It is OK, however, to use abbreviations.",
        M.MAY,
        "You may, however, use abbreviations.",
        "Feel free, however, to use abbreviations.",
    ),
    (
        "Make sure you have permission.",
        M.MUST,
        "You must have permission.",
        "Make sure you have permission.",
    ),
    (
        "Make sure your connection is secure.",
        M.MUST,
        "Make sure your connection is secure.",
        "Make sure your connection is secure.",
    ),
    (
        "You must ensure that your posts are accurate.",
        M.MUST,
        "You must ensure that your posts are accurate.",
        "Always ensure that your posts are accurate.",
    ),
    (
        "Remember that anything you post can be found.",
        M.MUST,
        "Remember that anything you post can be found.",
        "Remember that anything you post can be found.",
    ),
    (
        "We expect you to use good judgment.",
        M.MUST,
        "You must use good judgment.",
        "Make sure you use good judgment.",
    ),
    (
        "You need to protect your password.",
        M.MUST,
        "You must protect your password.",
        "Make sure you protect your password.",
    ),
    # Subjects: the whole audience becomes "you"; part of it keeps its subject.
    (
        "All staff are expected to use good judgment.",
        M.MUST,
        "All staff must use good judgment.",
        "Make sure you use good judgment.",
    ),
    (
        "Employees are not to publish confidential data.",
        M.MUST_NOT,
        "Employees must not publish confidential data.",
        "Never publish confidential data.",
    ),
    (
        "Staff are advised to read the code.",
        M.SHOULD,
        "Staff should read the code.",
        "Try to read the code.",
    ),
    (
        "Soldiers are authorized to use social media.",
        M.MAY,
        "Soldiers may use social media.",
        "Feel free to use social media.",
    ),
    (
        "Faculty and staff should keep accounts separate.",
        M.SHOULD,
        "Faculty and staff should keep accounts separate.",
        "Try to keep accounts separate.",
    ),
    (
        "Employees should check with their supervisor.",
        M.SHOULD,
        "Employees should check with their supervisor.",
        "Try to check with your supervisor.",
    ),
    (
        "Employees must say so if they are using their accounts for work.",
        M.MUST,
        "Employees must say so if they are using their accounts for work.",
        "Make sure you say so if you are using your accounts for work.",
    ),
    (
        "Hourly employees should not speak for the company.",
        M.SHOULD_NOT,
        "Hourly employees should not speak for the company.",
        "Hourly employees should not speak for the company.",
    ),
    (
        "Managers must not pressure staff to endorse products.",
        M.MUST_NOT,
        "Managers must not pressure staff to endorse products.",
        None,
    ),
    (
        "We strongly encourage staff to delete old tweets.",
        M.SHOULD,
        "Staff should delete old tweets.",
        "Try to delete old tweets.",
    ),
    (
        "Staff are welcome to join the programme.",
        M.MAY,
        "Staff may join the programme.",
        "Staff are welcome to join the programme.",
    ),
    # Passives and gerund subjects.
    (
        "Confidential information must not be disclosed.",
        M.MUST_NOT,
        "Confidential information must not be disclosed.",
        None,
    ),
    (
        "Passwords should be changed every 90 days.",
        M.MUST,
        "Passwords must be changed every 90 days.",
        None,
    ),
    (
        "Posting photos of patients is prohibited.",
        M.MUST_NOT,
        "Posting photos of patients is prohibited.",
        "Never post photos of patients.",
    ),
    (
        "Commenting, posting or linking to such material is prohibited.",
        M.MUST_NOT,
        "Commenting, posting or linking to such material is prohibited.",
        "Never comment, post or link to such material.",
    ),
]


@pytest.mark.parametrize(("statement", "modality", "policy", "guideline"), CASES)
def test_both_voices(
    statement: str, modality: M, policy: str | None, guideline: str | None
) -> None:
    for tone, expected in ((P, policy), (G, guideline)):
        phrasing = render(statement, tone, modality)
        if expected is None:
            assert phrasing == Phrasing(statement, False, phrasing.reason)
        else:
            assert phrasing.text == expected
            assert phrasing.automatic
            assert check(phrasing.text, tone, modality) == []


def test_coordinated_negations_are_all_rendered() -> None:
    statement = "Do not get overly defensive and do not disengage."
    assert render(statement, G, M.SHOULD_NOT).text == (
        "Avoid getting overly defensive and disengaging."
    )
    assert render(statement, G, M.MUST_NOT).text == (
        "Do not get overly defensive and do not disengage."
    )
    assert render("Don't get defensive and don't disengage.", P, M.MUST_NOT).text == (
        "Do not get defensive and do not disengage."
    )
    assert render("Don’t provide secrets and never discuss results.", P, M.MUST_NOT).text == (
        "Do not provide secrets and do not discuss results."
    )


def test_coordinated_verbs_all_change_form() -> None:
    assert render("Avoid copying or distributing material.", P, M.SHOULD_NOT).text == (
        "You should not copy or distribute material."
    )
    assert render("Post journalists should not accept or place badges.", G, M.SHOULD_NOT).text == (
        "Avoid accepting or placing badges."
    )


def test_a_clause_after_a_semicolon_follows_the_frame() -> None:
    assert render("Don't spam; don't troll.", P, M.MUST_NOT).text == "Do not spam; do not troll."


def test_a_doubtful_verb_list_is_left_rather_than_garbled() -> None:
    statement = "Avoid posting photos and recording videos at work."
    phrasing = render(statement, P, M.SHOULD_NOT)
    assert not phrasing.automatic and phrasing.text == statement


def test_quoted_text_stays_word_for_word() -> None:
    statement = 'Do not "like" posts, and use the disclaimer "I don\'t speak for the company."'
    for tone in (P, G):
        assert '"I don\'t speak for the company."' in render(statement, tone, M.MUST_NOT).text
    disclaimer = (
        "Use a disclaimer such as “The views expressed are my own and don’t represent IBM.”"
    )
    assert render(disclaimer, G, M.MUST).text == (
        "Always use a disclaimer such as “The views expressed are my own and don’t represent IBM.”"
    )


def test_names_numbers_and_links_stay() -> None:
    assert render("Contact press@example.com within 24 hours.", G, M.MUST).text == (
        "Always contact press@example.com within 24 hours."
    )
    assert render("The Trust Principles must guide you.", G, M.MUST).automatic is False


@pytest.mark.parametrize(
    ("statement", "tone", "modality", "expected"),
    [
        (
            "If you are unsure ask your manager.",
            G,
            M.SHOULD,
            "If you are unsure try to ask your manager.",
        ),
        ("If in doubt ask your manager.", G, M.MUST, "If in doubt always ask your manager."),
        (
            "If you are unsure, you should ask your manager.",
            G,
            M.SHOULD,
            "If you are unsure, try to ask your manager.",
        ),
        ("When in doubt, don't post.", P, M.MUST_NOT, "When in doubt, do not post."),
        (
            "If you do not have a handle, then use #IAMINTEL.",
            G,
            M.MUST,
            "If you do not have a handle, then always use #IAMINTEL.",
        ),
        (
            "When you comment, post or respond, write in first person.",
            G,
            M.MUST,
            "When you comment, post or respond, always write in first person.",
        ),
        ("If you're not sure, ask.", G, M.MUST, "If you're not sure, always ask."),
    ],
)
def test_conditions_with_and_without_a_comma(
    statement: str, tone: str, modality: M, expected: str
) -> None:
    assert render(statement, tone, modality).text == expected


@pytest.mark.parametrize(
    ("statement", "tone", "modality", "expected"),
    [
        ("Please identify yourself.", P, M.MUST, "Identify yourself."),
        ("Please identify yourself.", G, M.MUST, "Please identify yourself."),
        (
            "However, please be clear about your role.",
            P,
            M.MUST,
            "However, be clear about your role.",
        ),
        (
            "Note: Please talk to your manager first.",
            P,
            M.MUST,
            "Note: Talk to your manager first.",
        ),
        ("Please remember to follow the guide.", P, M.MUST, "Remember to follow the guide."),
        ("And write in the first person.", G, M.MUST, "And always write in the first person."),
    ],
)
def test_please_and_other_leads(statement: str, tone: str, modality: M, expected: str) -> None:
    assert render(statement, tone, modality).text == expected


@pytest.mark.parametrize(
    ("statement", "tone", "modality", "expected"),
    [
        ("be honest", G, M.MUST, "always be honest"),
        (
            "always follow our Fundamental Principles",
            P,
            M.MUST,
            "follow our Fundamental Principles",
        ),
        ("Be honest!", G, M.MUST, "Always be honest!"),
        ("Respect your audience!", P, M.MUST, "Respect your audience!"),
        (
            "Don't bring the BBC into disrepute",
            P,
            M.MUST_NOT,
            "Do not bring the BBC into disrepute",
        ),
        (
            "Type messages consistent with Army Values (Honor, Respect.)",
            G,
            M.MUST,
            "Always type messages consistent with Army Values (Honor, Respect.)",
        ),
        ("IT staff must log out.", P, M.SHOULD, "IT staff should log out."),
    ],
)
def test_capitals_and_final_punctuation_are_kept(
    statement: str, tone: str, modality: M, expected: str
) -> None:
    assert render(statement, tone, modality).text == expected


@pytest.mark.parametrize(
    ("statement", "tone", "modality", "expected"),
    [
        ("1. Be honest.", G, M.MUST, "1. Always be honest."),
        ("• Don't post anonymously.", P, M.MUST_NOT, "• Do not post anonymously."),
        (
            "Employees must (where possible) use their own devices.",
            G,
            M.MUST,
            "Make sure you (where possible) use your own devices.",
        ),
        (
            "Employees must not, under any circumstances, share passwords.",
            G,
            M.MUST_NOT,
            "Never, under any circumstances, share passwords.",
        ),
        ("Always, always think before you post.", P, M.MUST, "Think before you post."),
        (
            "There's no need to reply to every comment.",
            G,
            M.MAY,
            "There's no need to reply to every comment.",
        ),
    ],
)
def test_list_markers_and_asides_are_kept(
    statement: str, tone: str, modality: M, expected: str
) -> None:
    assert render(statement, tone, modality).text == expected


def test_curly_apostrophes_follow_the_statement() -> None:
    assert render("Never reveal what you’ve heard.", G, M.MUST_NOT).text == (
        "Never reveal what you’ve heard."
    )
    assert render("You must not reveal what you’ve heard.", G, M.MUST_NOT).text == (
        "Never reveal what you’ve heard."
    )


@pytest.mark.parametrize(
    ("statement", "tone", "modality"),
    [
        ("Should you post anonymously?", P, M.SHOULD),
        ("Is your content appropriate?", G, M.SHOULD),
        ("Be honest, and never exaggerate.", P, M.MUST),
        ("Respect customers and do not share their data.", G, M.MUST),
        ("Never post anonymously.", P, M.SHOULD),
        ("Share photographs without consent.", G, M.MUST_NOT),
        ("You do not have to disclose your employer.", P, M.MUST),
        ("Don't forget your day job.", P, M.MUST_NOT),
        ("Let's stay focused on service.", G, M.MUST),
        ("No political endorsements", P, M.MUST_NOT),
        ("Think twice!", G, M.SHOULD_NOT),
        ("A disclaimer is required on every blog.", G, M.MUST),
        ("Violations will be noted on performance reviews.", G, M.MUST_NOT),
        ("Be honest. Never lie.", G, M.MUST),
        (
            "Avoid posting anonymously. Your name builds trust. Never share passwords.",
            P,
            M.SHOULD_NOT,
        ),
        ("Consider the company's reputation.", P, M.SHOULD),
        ("", P, M.MUST),
        ("   ", G, M.MAY),
    ],
)
def test_what_the_engine_cannot_fully_read_is_left_as_written(
    statement: str, tone: str, modality: M
) -> None:
    phrasing = render(statement, tone, modality)
    assert phrasing.automatic is False
    assert phrasing.text == statement
    assert phrasing.reason.startswith("needs your phrasing: ")


def test_a_sentence_without_a_rule_is_kept_next_to_one_that_has_it() -> None:
    assert render("Don't post anonymously. Your name builds trust.", P, M.MUST_NOT).text == (
        "Do not post anonymously. Your name builds trust."
    )
    assert render("Be honest. Be respectful.", G, M.MUST).text == (
        "Always be honest. Always be respectful."
    )


def test_a_statement_already_in_the_voice_comes_back_as_written() -> None:
    for statement, tone, modality in [
        ("Employees must not post anonymously.", P, M.MUST_NOT),
        ("Avoid posting when angry.", G, M.SHOULD_NOT),
        ("Feel free to share our posts.", G, M.MAY),
        ("Do not post anonymously.", P, M.MUST_NOT),
    ]:
        phrasing = render(statement, tone, modality)
        assert phrasing == Phrasing(statement, True)


def test_the_given_modality_wins_over_the_wording_where_the_frames_allow() -> None:
    assert render("Employees must reply within a day.", P, M.SHOULD).text == (
        "Employees should reply within a day."
    )
    assert render("Never post anonymously.", P, M.SHOULD_NOT).text == (
        "You should not post anonymously."
    )
    assert render("Avoid posting anonymously.", G, M.MUST_NOT).text == "Never post anonymously."


def test_the_modality_may_be_given_by_value() -> None:
    assert render("Try to add value.", P, "should") == render("Try to add value.", P, M.SHOULD)


def test_an_unknown_tone_is_an_error() -> None:
    with pytest.raises(ValueError, match="tone"):
        render("Be honest.", "formal", M.MUST)


def test_a_long_paragraph_is_rendered_sentence_by_sentence() -> None:
    paragraph = "Don't post anonymously, and never share passwords with anyone. " * 50
    rendered = render(paragraph, P, M.MUST_NOT).text
    assert rendered.count("Do not post anonymously, and do not share passwords with anyone.") == 50
