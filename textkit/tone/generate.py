"""Building a phrasing from a reading: a frame for the voice and modality, the rest as written.

House style (PRODUCT.md, "The tone toggle"):

| modality   | policy voice                              | guideline voice                      |
| ---------- | ----------------------------------------- | ------------------------------------ |
| MUST       | "Employees must X." / "X." / "You must X."| "Always X." / "Make sure you X."     |
| MUST NOT   | "Employees must not X." / "Do not X."     | "Never X." / "Don't X."              |
| SHOULD     | "Employees should X." / "You should X."   | "Try to X." / "We encourage you to X"|
| SHOULD NOT | "Employees should not X." / "You should   | "Avoid Xing." / "Try not to X." /    |
|            | not X."                                   | "Think twice before Xing."           |
| MAY        | "Employees may X." / "You may X."         | "Feel free to X." / "You're welcome  |
|            |                                           | to X."                               |

Policy voice keeps a named subject and states imperatives plainly (no "Please", no leading
"Always"); guideline voice speaks to the reader when the subject is the whole audience, and
keeps the subject (or the statement as written) when it is part of it. `as_written_ok` says when
a sentence already reads right; `candidates` yields phrasings best first, and the engine returns
the first that passes the contract.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from textkit.modality import GUIDELINE, POLICY, Modality
from textkit.tone import address, lexicon
from textkit.tone import morphology as morph
from textkit.tone import predicate as vp
from textkit.tone.frames import PASSIVE, READER, SUBJECT, THING, WE, Reading
from textkit.tone.predicate import BASE, FINITE, GERUND, NOUN_PHRASE, PARTICIPLE

M = Modality


@dataclass(frozen=True)
class Template:
    """A frame to put before a predicate.

    head, then a carried aside (", however,"), then rest: "feel free" ", however," "to". form is
    the predicate's verb form after it; negation and positive are what a conjunct's own
    negative or positive marker becomes (None: the frame cannot carry such a conjunct).
    """

    head: str
    rest: str = ""
    form: str = BASE
    negation: str | None = None
    positive: str | None = ""
    clause: str | None = None  # what opens a negative clause after a semicolon

    def words(self, carry: str) -> str | None:
        if not carry:
            return " ".join(part for part in (self.head, self.rest) if part)
        if carry.startswith(","):
            text = self.head + carry
            return text + (" " + self.rest if self.rest else "")
        if carry.lower() == "strongly":
            if self.head.startswith("we ") and "encourage" in self.head:
                return self.head.replace("we ", "we strongly ", 1)
            return " ".join(part for part in (self.head, self.rest) if part)
        if self.negation is not None and self.head in ("never", "don't", "do not", "avoid"):
            return None
        words = [part for part in (self.head, self.rest) if part]
        return " ".join([*words, carry]) if words else carry


_IMPERATIVE = Template("", negation="do not", positive="", clause="do not")
_ALWAYS = Template("always", negation=None)
_MAKE_SURE = Template("make sure you", form=FINITE, negation=None)
_NEVER = Template("never", negation="never", clause="never")
_DONT = Template("don't", negation="don't", clause="don't")
_DO_NOT = Template("do not", negation="do not", clause="do not")
_TRY = Template("try", "to")
_ENCOURAGE = Template("we encourage you to")
_AVOID = Template("avoid", form=GERUND, negation="")
_TRY_NOT = Template("try not to")
_THINK_TWICE = Template("think twice before", form=GERUND, negation="")
_FEEL_FREE = Template("feel free", "to")
_WELCOME = Template("you're welcome to")

# Frames that give a plain instruction: policy voice keeps them as imperatives.
IMPERATIVE_FRAMES = frozenset(
    {
        "imperative",
        "always",
        "make-sure-clause",
        "remember-clause",
        "remember",
        "be-sure",
        "imperative+negverb",
    }
)

# Reader frames already right in a voice, with the modalities they state there.
_POLICY_READER_FRAMES = frozenset(
    {
        "imperative",
        "make-sure-clause",
        "remember-clause",
        "remember",
        "be-sure",
        "do-not",
        "refrain",
        "it",
        "no-circumstances",
        "responsibility",
        "dont-forget",
        "gerund-subject",
        "no-need",
    }
)
_GUIDELINE_READER_FRAMES = frozenset(
    {
        "always",
        "do-not",
        "dont",
        "never",
        "refrain",
        "avoid",
        "imperative+avoid",
        "imperative+negverb",
        "think-twice",
        "try-not",
        "careful-not",
        "try",
        "do-your-best",
        "consider",
        "might-want",
        "we-encourage",
        "we-ask",
        "make-sure",
        "be-sure",
        "remember",
        "remember-clause",
        "make-sure-not",
        "feel-free",
        "dont-hesitate",
        "dont-forget",
        "no-need",
        "it",
    }
)
# Modal and "be" frames after "you" or a subject that policy voice keeps as written.
_POLICY_KEEPS = frozenset(
    {
        "modal:must",
        "modal:must not",
        "modal:must never",
        "modal:mustn't",
        "modal:shall",
        "modal:shall not",
        "modal:shall never",
        "modal:may not",
        "modal:may never",
        "modal:cannot",
        "modal:can not",
        "modal:can't",
        "modal:must always",
        "modal:shall always",
        "modal:will always",
        "modal:should",
        "modal:should always",
        "modal:should not",
        "modal:shouldn't",
        "modal:should never",
        "modal:should+avoid",
        "modal:should+negverb",
        "modal:may",
        "modal:will not",
        "modal:won't",
        "modal:do not",
        "modal:don't",
        "modal:does not",
        "modal:doesn't",
        "modal:need not",
        "modal:should not feel compelled to",
        "modal:need not feel compelled to",
        "modal:do not have to",
        "modal:don't have to",
        "modal:does not have to",
        "modal:doesn't have to",
        "modal:do not need to",
        "modal:don't need to",
        "be:required to",
        "be:obliged to",
        "be:obligated to",
        "be:responsible for",
        "be:accountable for",
        "be:prohibited from",
        "be:strictly prohibited from",
        "be:forbidden to",
        "be:forbidden from",
        "be:not permitted to",
        "be:not allowed to",
        "be:not authorized to",
        "be:not authorised to",
        "be:never permitted to",
        "be:never allowed to",
        "be:barred from",
        "be:banned from",
        "be:permitted to",
        "be:allowed to",
        "be:not required to",
        "be:not expected to",
        "no-circumstances-subject",
    }
)
# Frames whose wording states no modality a new frame could restate ("You do not have to X"
# removes an obligation; saying "You may X" instead would change what it says).
_KEEP_ONLY = frozenset(
    {
        "modal:need not",
        "modal:should not feel compelled to",
        "modal:need not feel compelled to",
        "modal:do not have to",
        "modal:don't have to",
        "modal:does not have to",
        "modal:doesn't have to",
        "modal:do not need to",
        "modal:don't need to",
        "modal:does not need to",
        "modal:doesn't need to",
        "be:not required to",
        "be:not expected to",
        "dont-forget",
        "no-need",
        "thing-be",
    }
)
# Frames whose modality is fixed by their wording: they render only to the modality they state.
_FIXED = _KEEP_ONLY | frozenset({"no-circumstances-subject", "no-circumstances"})


def keeps_only(reading: Reading) -> bool:
    """Whether the reading can only be rendered to the modality its wording states."""
    if reading.frame in _FIXED:
        return True
    first = reading.subject[0]
    return reading.subject != (0, 0) and reading.sentence.tokens[first].low in ("no", "only")


def as_written_ok(reading: Reading, tone: str, modality: Modality) -> bool:
    """Whether the sentence, as written, already states `modality` in `tone`'s manner."""
    if modality not in _stated(reading):
        return False
    frame = reading.frame
    if reading.caps:
        return True  # "DO NOT": capitals no new frame could keep
    if tone == POLICY:
        if reading.please or _reads_as_guideline(reading):
            return False
        if reading.person in (PASSIVE, THING, WE):
            return True
        if frame == "it":
            return modality != M.MAY
        if frame.endswith("+negverb"):
            return _head(reading) == "refrain"
        if frame.endswith("+refrain") and reading.person != READER:
            return True  # "Staff must refrain from posting ..."
        if frame == "remember" and _frame_words(reading) & {"don't", "dont"}:
            return False
        return frame in _POLICY_READER_FRAMES or frame in _POLICY_KEEPS
    if reading.person in (PASSIVE, THING, WE):
        return True
    if reading.person == SUBJECT:
        generic = address.is_audience(reading.sentence, *reading.subject)
        free = frame in (
            "be:welcome to",
            "be:free to",
            "be:responsible for",
            "be:accountable for",
        )
        return free or not generic or frame in _KEEP_ONLY
    if frame in ("be:responsible for", "be:accountable for"):
        return True  # "You are responsible for what you post."
    if frame == "imperative":
        return reading.please or _has_always(reading)
    if frame == "make-sure-clause":
        head = reading.sentence.tokens[reading.predicate.slots[0].index].low
        return head != "ensure"
    if frame == "it":
        return modality != M.MAY
    if frame.endswith("+negverb"):
        return (
            _head(reading) == "refrain"
            or modality == M.SHOULD_NOT
            and frame.startswith("imperative")
        )
    if frame in ("modal:cannot", "modal:can not", "modal:can't", "be:welcome to", "be:free to"):
        return True
    return frame in _GUIDELINE_READER_FRAMES or frame in _KEEP_ONLY


def _frame_words(reading: Reading) -> set[str]:
    tokens = reading.sentence.tokens
    return {token.low for token in tokens[reading.start : reading.predicate.start]}


def _head(reading: Reading) -> str:
    slots = reading.predicate.slots
    return reading.sentence.tokens[slots[0].index].low if slots else ""


def _stated(reading: Reading) -> frozenset[Modality]:
    if reading.frame in ("refrain", "imperative+refrain", "we-ask-refrain") or (
        reading.frame.endswith("+negverb") and _head(reading) == "refrain"
    ):
        return frozenset({M.MUST_NOT, M.SHOULD_NOT})
    return frozenset({reading.modality})


def _reads_as_guideline(reading: Reading) -> bool:
    """ "Don't", "Never", a leading "Always": frame words policy voice states otherwise."""
    if reading.frame in ("dont", "never", "always"):
        return True
    tokens = reading.sentence.tokens
    return any(
        tokens[marker.start].low in ("don't", "dont", "never")
        for marker in reading.predicate.markers
    )


def _has_phrase(reading: Reading, words: tuple[str, ...]) -> bool:
    lows = [token.low for token in reading.sentence.tokens[reading.predicate.start :]]
    return any(tuple(lows[index : index + len(words)]) == words for index in range(len(lows)))


def _has_always(reading: Reading) -> bool:
    return any(token.low == "always" for token in reading.sentence.body)


# ---------------------------------------------------------------------------------------------
# Candidates


def candidates(reading: Reading, tone: str, modality: Modality) -> Iterator[str]:
    """Phrasings of one sentence in `tone` stating `modality`, best first."""
    if reading.mixed or reading.frame in _KEEP_ONLY or reading.caps:
        return
    if reading.please and tone == POLICY:
        plain = replace(reading, please=False)
        if as_written_ok(plain, tone, modality):
            yield _without_please(reading)
    if reading.frame == "we-ask-refrain":
        yield from _refrain(reading)
    if reading.person == READER:
        yield from _reader(reading, tone, modality, {})
    elif reading.person == SUBJECT:
        yield from _subject(reading, tone, modality)
    elif reading.person == PASSIVE and tone == POLICY:
        yield from _passive(reading, modality)
    elif reading.person in (THING, WE) and tone == POLICY and reading.frame.startswith("modal:"):
        yield from _subject(reading, tone, modality)


def _without_please(reading: Reading) -> str:
    """The sentence as written without its "please" ("Please remember to X" -> "Remember to X")."""
    sent = reading.sentence
    tokens = sent.tokens
    after = reading.start + 1
    if tokens[after].text == ",":
        after += 1
    rest = sent.text[tokens[after].start :]
    if tokens[reading.start].text[:1].isupper():
        rest = rest[:1].upper() + rest[1:]
    return reading.lead + rest


def _refrain(reading: Reading) -> Iterator[str]:
    """ "We ask you to refrain from X" -> "Refrain from X"."""
    sent = reading.sentence
    tokens = sent.tokens
    refrain = next(
        (i for i in range(reading.start, reading.predicate.start) if tokens[i].low == "refrain"),
        None,
    )
    if refrain is None:
        return
    rest = sent.text[tokens[refrain].start :]
    if sent.text[tokens[reading.start].start :][:1].isupper():
        rest = rest[:1].upper() + rest[1:]
    yield reading.lead + rest


def reader_templates(reading: Reading, tone: str, modality: Modality) -> tuple[Template, ...]:
    """The reader frames for `tone` and `modality`, best first for this reading."""
    predicate = reading.predicate
    head = reading.sentence.tokens[predicate.slots[0].index].low if predicate.slots else ""
    if reading.negverb:
        # "Avoid conflicts of interest": the predicate says the negative itself.
        positive = {M.MUST_NOT: M.MUST, M.SHOULD_NOT: M.SHOULD}.get(modality)
        if positive is None:
            return ()
        if tone == GUIDELINE and positive == M.SHOULD:
            return (_IMPERATIVE, _TRY)
        return reader_templates_for(reading, tone, positive, head)
    return reader_templates_for(reading, tone, modality, head)


def reader_templates_for(
    reading: Reading, tone: str, modality: Modality, head: str
) -> tuple[Template, ...]:
    words = {token.low for token in reading.sentence.tokens[reading.predicate.start :]}
    if tone == POLICY:
        if modality == M.MUST:
            if reading.frame == "remember":
                return (Template("remember to"), _IMPERATIVE)
            if reading.frame in IMPERATIVE_FRAMES or reading.person != READER:
                return (_IMPERATIVE, Template("you must"))
            return (Template("you must"), _IMPERATIVE)
        if modality == M.MUST_NOT:
            return (_DO_NOT, Template("you must not", negation="must not"))
        if modality == M.SHOULD:
            return (Template("you should"),)
        if modality == M.SHOULD_NOT:
            if reading.predicate.form == NOUN_PHRASE:
                return (Template("you should avoid", form=NOUN_PHRASE),)
            return (Template("you should not", negation="should not"),)
        return (Template("you may"),)
    if modality == M.MUST:
        if head in ("ensure",) or {"sure", "certain"} & words and head in ("make", "be"):
            return (_ALWAYS,)
        if "always" in words:
            return (_MAKE_SURE,)
        if _has_phrase(reading, ("at", "all", "times")):
            return (_MAKE_SURE, _ALWAYS)  # not "Always ... at all times"
        first = reading.sentence.tokens[reading.predicate.start].low
        if first in ("only", "just", "simply", "also"):
            return (_MAKE_SURE, _ALWAYS)  # "Make sure you only post ...", not "Always only"
        if reading.frame in IMPERATIVE_FRAMES:
            return (_ALWAYS, _MAKE_SURE)
        return (_MAKE_SURE, _ALWAYS)
    if modality == M.MUST_NOT:
        return (_NEVER, _DONT)
    if modality == M.SHOULD:
        return (_ENCOURAGE, _TRY) if "try" in words else (_TRY, _ENCOURAGE)
    if modality == M.SHOULD_NOT:
        if reading.predicate.form == NOUN_PHRASE:
            return (Template("avoid", form=NOUN_PHRASE),)
        return (_AVOID, _TRY_NOT, _THINK_TWICE)
    return (_FEEL_FREE, _WELCOME)


def _reader(
    reading: Reading,
    tone: str,
    modality: Modality,
    edits: dict[tuple[int, int], str],
    lead: str | None = None,
) -> Iterator[str]:
    for template in reader_templates(reading, tone, modality):
        words = template.words(reading.carry)
        if words is None:
            continue
        body = _predicate_text(reading, template, edits)
        if body is None:
            continue
        yield _assemble(reading, _styled(reading, words), body, lead=lead)


def _subject(reading: Reading, tone: str, modality: Modality) -> Iterator[str]:
    sent = reading.sentence
    first, last = reading.subject
    if sent.tokens[first].low in ("no", "nobody", "none", "no-one", "only"):
        return
    subject = reading.subject_text
    if reading.frame.startswith("org:") and sent.tokens[first].low == "the":
        subject = sent.span(first + 1, last)
    if tone == GUIDELINE:
        if not address.is_audience(sent, first, last):
            return
        singular = not morph.is_plural_noun(sent.tokens[last - 1].low)
        predicate = reading.predicate
        edits = address.pronoun_edits(sent, predicate.start, predicate.end, singular)
        if edits is None:
            return
        yield from _reader(reading, tone, modality, edits)
        return
    words = {
        M.MUST: "must",
        M.MUST_NOT: "must not",
        M.SHOULD: "should",
        M.SHOULD_NOT: "should not",
        M.MAY: "may",
    }[modality]
    templates = [Template(words, negation=_negation(modality), positive=_positive(modality))]
    if modality == M.SHOULD_NOT:
        templates.append(Template("should avoid", form=GERUND, negation=""))
    if reading.predicate.form == NOUN_PHRASE or reading.negverb:
        return
    for template in templates:
        frame_words = template.words(reading.carry)
        body = _predicate_text(reading, template, {})
        if body is None or frame_words is None:
            continue
        yield _assemble(reading, frame_words, body, subject=subject)


def _negation(modality: Modality) -> str | None:
    return {M.MUST_NOT: "must not", M.SHOULD_NOT: "should not"}.get(modality)


def _positive(modality: Modality) -> str | None:
    return {M.MUST: "must", M.SHOULD: "should", M.MAY: "may"}.get(modality)


def _passive(reading: Reading, modality: Modality) -> Iterator[str]:
    sent = reading.sentence
    if sent.tokens[reading.subject[0]].low in ("no", "nobody", "none", "only"):
        return
    words = {
        M.MUST: "must be",
        M.MUST_NOT: "must not be",
        M.SHOULD: "should be",
        M.SHOULD_NOT: "should not be",
        M.MAY: "may be",
    }[modality]
    template = Template(words, form=PARTICIPLE, negation=_negation(modality))
    body = _predicate_text(reading, template, {})
    if body is not None:
        yield _assemble(reading, words, body, subject=reading.subject_text)


def _predicate_text(
    reading: Reading, template: Template, edits: dict[tuple[int, int], str]
) -> str | None:
    markers: dict[Modality, str] = {}
    if template.negation is not None:
        markers[M.MUST_NOT] = template.negation
        markers[M.SHOULD_NOT] = template.negation
    if template.positive is not None:
        markers[M.MUST] = template.positive
        markers[M.SHOULD] = template.positive
    markers = {strength: _styled(reading, words) for strength, words in markers.items()}
    clause: dict[Modality, str] = {}
    if template.clause is not None:
        clause = {strength: _styled(reading, template.clause) for strength in Modality}
    text = vp.render(reading.sentence, reading.predicate, template.form, markers, edits, clause)
    if text is None:
        return None
    return _lowercase_moved(reading, text)


def _lowercase_moved(reading: Reading, text: str) -> str:
    """The predicate's first word, which a frame may now precede, in lower case (unless it is a
    name); `_assemble` gives the sentence back its first capital."""
    first = text.split(" ", 1)[0]
    return decapitalise(first) + text[len(first) :]


def _styled(reading: Reading, words: str) -> str:
    """Frame words with the sentence's apostrophe (’ or ')."""
    if "’" in reading.sentence.text:
        return words.replace("'", "’")
    return words


def _assemble(
    reading: Reading, frame: str, body: str, subject: str = "", lead: str | None = None
) -> str:
    """lead + subject + frame + predicate + tail + final, with the sentence's capitals."""
    parts = [part for part in (subject, frame, body) if part]
    clause = " ".join(parts).replace(" ,", ",") + reading.tail
    lead = reading.lead if lead is None else lead
    original = reading.sentence.text[reading.sentence.tokens[reading.start].start :]
    kept = bool(subject) and original.startswith(subject)
    last = lead.rstrip()[-1:]
    if lead and (last.isalnum() or last == ","):
        if not kept:
            # Inside a sentence, after "If in doubt," or "And": the new frame starts lower-case.
            first = clause.split(" ", 1)[0]
            clause = decapitalise(first) + clause[len(first) :]
    elif original[:1].isupper():
        clause = clause[:1].upper() + clause[1:]
    elif original[:1].islower():
        clause = clause[:1].lower() + clause[1:]
    return lead + clause + reading.final


def decapitalise(word: str) -> str:
    """Lower-case a word moved from the start of a sentence, unless it is a name."""
    if not word[:1].isupper():
        return word
    bare = word.rstrip(",;:")
    if len(bare) > 1 and (bare.isupper() or any(char.isupper() for char in bare[1:])):
        return word  # "IT", "LinkedIn"
    low = bare.lower().replace("’", "'")
    if low in lexicon.PROPER_NOUNS or low == "i" or low.startswith("i'"):
        return word
    if not morph.is_known(low):
        return word
    if morph.classes(low) == frozenset({"PROPN"}):
        return word
    return word[:1].lower() + word[1:]
