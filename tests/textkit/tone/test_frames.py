"""Reading sentences into frames: what the wording states and whom it addresses."""

from __future__ import annotations

import pytest

from textkit.modality import Modality as M
from textkit.tone.frames import PASSIVE, READER, SUBJECT, THING, WE, read_text

FRAMES = [
    # Imperatives and the reader's frames.
    ("Identify yourself.", M.MUST, "imperative", READER),
    ("Always identify yourself.", M.MUST, "always", READER),
    ("Do not post anonymously.", M.MUST_NOT, "do-not", READER),
    ("Don't post anonymously.", M.MUST_NOT, "dont", READER),
    ("Never post anonymously.", M.MUST_NOT, "never", READER),
    ("Avoid posting when angry.", M.SHOULD_NOT, "avoid", READER),
    ("Avoid conflicts of interest.", M.SHOULD_NOT, "imperative+negverb", READER),
    ("Refrain from speculating.", M.MUST_NOT, "refrain", READER),
    ("Think twice before posting when angry.", M.SHOULD_NOT, "think-twice", READER),
    ("Try to reply within a day.", M.SHOULD, "try", READER),
    ("Try not to pick fights.", M.SHOULD_NOT, "try-not", READER),
    ("Do your best to reply.", M.SHOULD, "do-your-best", READER),
    ("Consider adding a disclaimer.", M.SHOULD, "consider", READER),
    ("Make sure you identify yourself.", M.MUST, "make-sure", READER),
    ("Make sure your facts are right.", M.MUST, "make-sure-clause", READER),
    ("Remember to log out.", M.MUST, "remember", READER),
    ("Don't forget to log out.", M.MUST, "remember", READER),
    ("Remember that the internet never forgets.", M.MUST, "remember-clause", READER),
    ("Feel free to share our news.", M.MAY, "feel-free", READER),
    ("We encourage you to share your expertise.", M.SHOULD, "we-encourage", READER),
    ("We recommend having one account.", M.SHOULD, "we-recommend", READER),
    ("We expect you to use good judgment.", M.MUST, "we-expect", READER),
    ("You may want to add a disclaimer.", M.SHOULD, "might-want", READER),
    ("Under no circumstances should you share passwords.", M.MUST_NOT, "no-circumstances", READER),
    ("It is a good idea to check your settings.", M.SHOULD, "it", READER),
    ("It is unacceptable to mock customers.", M.MUST_NOT, "it", READER),
    ("It's best not to reply when upset.", M.SHOULD_NOT, "it", READER),
    ("It is OK to use abbreviations.", M.MAY, "it", READER),
    # Modal frames after "you" or a subject.
    ("You must disclose your role.", M.MUST, "modal:must", READER),
    ("You may not share patient data.", M.MUST_NOT, "modal:may not", READER),
    ("You cannot speak for the company.", M.MUST_NOT, "modal:cannot", READER),
    ("You can use a disclaimer.", M.MAY, "modal:can", READER),
    ("You need to protect your password.", M.MUST, "modal:need to", READER),
    ("Employees must identify themselves.", M.MUST, "modal:must", SUBJECT),
    (
        "Managers and supervisors should not friend their reports.",
        M.SHOULD_NOT,
        "modal:should not",
        SUBJECT,
    ),
    ("Employees who blog about work must identify themselves.", M.MUST, "modal:must", SUBJECT),
    ("Staff shall not use company accounts.", M.MUST_NOT, "modal:shall not", SUBJECT),
    (
        "Employees should avoid posting about competitors.",
        M.SHOULD_NOT,
        "modal:should+avoid",
        SUBJECT,
    ),
    ("Employees should try to reply within a day.", M.SHOULD, "modal:should+try", SUBJECT),
    ("No employee may post for the company.", M.MUST_NOT, "modal:may", SUBJECT),
    ("We should take care.", M.SHOULD, "modal:should", WE),
    ("Comments cannot include personal data.", M.MUST_NOT, "modal:cannot", THING),
    # "be" frames.
    ("Employees are required to complete training.", M.MUST, "be:required to", SUBJECT),
    ("You are responsible for what you post.", M.MUST, "be:responsible for", READER),
    ("You're not allowed to share passwords.", M.MUST_NOT, "be:not allowed to", READER),
    ("Staff are advised to read the code.", M.SHOULD, "be:advised to", SUBJECT),
    ("Employees are prohibited from posting photos.", M.MUST_NOT, "be:prohibited from", SUBJECT),
    ("Employees are not to publish confidential data.", M.MUST_NOT, "be:not to", SUBJECT),
    ("Soldiers are authorized to use social media.", M.MAY, "be:authorized to", SUBJECT),
    ("Staff are welcome to join.", M.MAY, "be:welcome to", SUBJECT),
    # Passives, gerund subjects, things, organisations.
    ("Confidential information must not be disclosed.", M.MUST_NOT, "modal:must not", PASSIVE),
    ("These retweets must be avoided.", M.MUST_NOT, "modal:must", PASSIVE),
    ("Posting photos of patients is strictly prohibited.", M.MUST_NOT, "gerund-subject", READER),
    ("Personal devices are not allowed on the trading floor.", M.MUST_NOT, "thing-be", THING),
    ("We strongly encourage staff to delete old tweets.", M.SHOULD, "org:encourage", SUBJECT),
    (
        "The company prohibits employees from posting customer data.",
        M.MUST_NOT,
        "org:prohibits",
        SUBJECT,
    ),
    (
        "Under no circumstances should employees respond to the media.",
        M.MUST_NOT,
        "no-circumstances-subject",
        SUBJECT,
    ),
]


@pytest.mark.parametrize(("text", "modality", "frame", "person"), FRAMES)
def test_each_frame_is_read(text: str, modality: M, frame: str, person: str) -> None:
    reading = read_text(text)
    assert reading is not None
    assert (reading.modality, reading.frame, reading.person) == (modality, frame, person)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("If you are unsure, ask your manager.", "If you are unsure, "),
        ("If you are unsure ask your manager.", "If you are unsure "),
        ("If in doubt ask your manager.", "If in doubt "),
        ("When in doubt, don't post.", "When in doubt, "),
        ("If you do not have a handle, then use #IAMINTEL.", "If you do not have a handle, then "),
        ("And write in the first person.", "And "),
        ("Note: Please talk to your manager.", "Note: "),
        (
            "When you comment, post or respond, write in first person.",
            "When you comment, post or respond, ",
        ),
        (
            "Even though you are approved, unless you are authorized, you should state your views.",
            "Even though you are approved, unless you are authorized, ",
        ),
    ],
)
def test_leads_with_and_without_a_comma(text: str, lead: str) -> None:
    reading = read_text(text)
    assert reading is not None
    assert reading.lead == lead


def test_the_subject_is_any_span_before_the_frame() -> None:
    reading = read_text("Employees who blog about work must identify themselves.")
    assert reading is not None
    assert reading.subject_text == "Employees who blog about work"


def test_coordinated_verbs_are_all_found() -> None:
    reading = read_text("Do not get overly defensive and do not disengage.")
    assert reading is not None
    words = [reading.sentence.tokens[slot.index].text for slot in reading.predicate.slots]
    assert words == ["get", "disengage"]
    assert len(reading.predicate.markers) == 1


def test_nouns_after_a_verb_are_not_coordinated_verbs() -> None:
    reading = read_text("Do not post photos, videos or recordings of patients.")
    assert reading is not None
    assert [reading.sentence.tokens[s.index].text for s in reading.predicate.slots] == ["post"]


def test_a_doubtful_coordination_is_marked_uncertain() -> None:
    reading = read_text("Avoid posting photos and recording videos at work.")
    assert reading is not None
    assert not reading.predicate.certain


def test_a_rule_and_its_opposite_in_one_sentence_is_mixed() -> None:
    reading = read_text("Be honest, and never exaggerate.")
    assert reading is not None and reading.mixed


@pytest.mark.parametrize(
    "text",
    [
        "Should you post anonymously?",
        "The Trust Principles apply to all employees.",
        "Social media changes quickly.",
        "No political endorsements",
        "Let's stay focused.",
        "Think twice!",
        "“Treat people with kindness.” (The Code, paragraph 1.1)",
        "Use of company logos is prohibited without approval.",
        "",
    ],
)
def test_sentences_without_a_readable_rule(text: str) -> None:
    reading = read_text(text)
    assert reading is None or reading.frame == "thing-be"


def test_may_inside_a_reason_is_not_a_permission() -> None:
    reading = read_text("Be aware that your comments may be seen by clients.")
    assert reading is not None
    assert reading.modality == M.MUST
