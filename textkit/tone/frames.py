"""Reading one sentence into frames: lead, subject, modal frame, predicate, tail.

    [lead]              [subject]        [frame]        [predicate]                [final]
    If you are unsure                    try to         ask your manager           .
    When in doubt,                       don't          post                       .
                        Employees        must           identify themselves        .
                        Confidential     must not be    disclosed to anyone        .
                        information

A reading records what the wording states (its modality), who it addresses (the reader, a
named subject, the object of a passive), and where each part sits in the sentence, so that
`generate` can build a phrasing in another voice from the parts: the frame is generated, the
rest is copied as written (verbs change form only when the new frame needs it).

`read` returns None for anything it does not fully understand: a question, a sentence with no
known frame, a frame whose predicate does not start with a verb in the expected form.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from textkit.modality import Modality
from textkit.tone import lexicon
from textkit.tone import morphology as morph
from textkit.tone import predicate as vp
from textkit.tone.predicate import BASE, GERUND, NOUN_PHRASE, PARTICIPLE, Predicate
from textkit.tone.sentences import NUMBER, PUNCT, QUOTE, Sentence, Token, sentence

M = Modality

READER = "reader"  # the reader, addressed directly: an imperative or "you"
SUBJECT = "subject"  # people named as the subject: "Employees", "Managers and supervisors"
PASSIVE = "passive"  # the subject is what the rule is about: "Passwords must be changed"
THING = "thing"  # a rule stated about a thing: "Comments cannot include ..."
WE = "we"  # the writer included: "We should take care ..."

# Frames addressed to the reader at the start of a clause: words, frame name, modality stated,
# the predicate's form after the words. Longer frames come first where they share a start.
_READER_FRAMES: tuple[tuple[str, str, Modality, str], ...] = (
    ("do not ever", "do-not", M.MUST_NOT, BASE),
    ("don't ever", "dont", M.MUST_NOT, BASE),
    ("never ever", "never", M.MUST_NOT, BASE),
    ("never , ever", "never", M.MUST_NOT, BASE),
    ("always , always", "always", M.MUST, BASE),
    ("do not forget to", "remember", M.MUST, BASE),
    ("don't forget to", "remember", M.MUST, BASE),
    ("do not hesitate to", "dont-hesitate", M.MAY, BASE),
    ("don't hesitate to", "dont-hesitate", M.MAY, BASE),
    ("do not be afraid to", "dont-hesitate", M.MAY, BASE),
    ("don't be afraid to", "dont-hesitate", M.MAY, BASE),
    ("there's no need to", "no-need", M.MAY, BASE),
    ("there is no need to", "no-need", M.MAY, BASE),
    ("do not", "do-not", M.MUST_NOT, BASE),
    ("don't", "dont", M.MUST_NOT, BASE),
    ("dont", "dont", M.MUST_NOT, BASE),
    ("never", "never", M.MUST_NOT, BASE),
    ("always", "always", M.MUST, BASE),
    ("avoid", "avoid", M.SHOULD_NOT, GERUND),
    ("refrain from", "refrain", M.MUST_NOT, GERUND),
    ("think twice before you", "think-twice", M.SHOULD_NOT, BASE),
    ("think twice before", "think-twice", M.SHOULD_NOT, GERUND),
    ("try not to", "try-not", M.SHOULD_NOT, BASE),
    ("try to", "try", M.SHOULD, BASE),
    ("try and", "try", M.SHOULD, BASE),
    ("do your best to", "do-your-best", M.SHOULD, BASE),
    ("aim to", "do-your-best", M.SHOULD, BASE),
    ("strive to", "do-your-best", M.SHOULD, BASE),
    ("make sure not to", "make-sure-not", M.MUST_NOT, BASE),
    ("be sure not to", "make-sure-not", M.MUST_NOT, BASE),
    ("be careful not to", "careful-not", M.SHOULD_NOT, BASE),
    ("take care not to", "careful-not", M.SHOULD_NOT, BASE),
    ("remember not to", "make-sure-not", M.MUST_NOT, BASE),
    ("make sure that you", "make-sure", M.MUST, BASE),
    ("make sure you", "make-sure", M.MUST, BASE),
    ("be sure that you", "make-sure", M.MUST, BASE),
    ("be sure to", "be-sure", M.MUST, BASE),
    ("make sure to", "be-sure", M.MUST, BASE),
    ("remember to", "remember", M.MUST, BASE),
    ("feel free to", "feel-free", M.MAY, BASE),
    ("consider", "consider", M.SHOULD, GERUND),
    ("we strongly encourage you to", "we-encourage", M.SHOULD, BASE),
    ("we encourage you to", "we-encourage", M.SHOULD, BASE),
    ("we'd encourage you to", "we-encourage", M.SHOULD, BASE),
    ("we would encourage you to", "we-encourage", M.SHOULD, BASE),
    ("we also encourage you to", "we-encourage", M.SHOULD, BASE),
    ("we recommend that you", "we-recommend", M.SHOULD, BASE),
    ("we'd recommend that you", "we-recommend", M.SHOULD, BASE),
    ("we would recommend that you", "we-recommend", M.SHOULD, BASE),
    ("we'd suggest that you", "we-recommend", M.SHOULD, BASE),
    ("we would suggest that you", "we-recommend", M.SHOULD, BASE),
    ("we strongly recommend that you", "we-recommend", M.SHOULD, BASE),
    ("we recommend you", "we-recommend", M.SHOULD, BASE),
    ("we recommend against", "we-recommend-against", M.SHOULD_NOT, GERUND),
    ("we recommend", "we-recommend", M.SHOULD, GERUND),
    ("we strongly recommend", "we-recommend", M.SHOULD, GERUND),
    ("we suggest that you", "we-recommend", M.SHOULD, BASE),
    ("we suggest you", "we-recommend", M.SHOULD, BASE),
    ("we ask that you", "we-ask", M.SHOULD, BASE),
    ("we ask you to refrain from", "we-ask-refrain", M.MUST_NOT, GERUND),
    ("we ask you not to", "we-ask-not", M.SHOULD_NOT, BASE),
    ("we ask you to", "we-ask", M.SHOULD, BASE),
    ("we'd like you to", "we-ask", M.SHOULD, BASE),
    ("we would like you to", "we-ask", M.SHOULD, BASE),
    ("we want you to", "we-ask", M.SHOULD, BASE),
    ("we expect you to", "we-expect", M.MUST, BASE),
    ("we require you to", "we-require", M.MUST, BASE),
    ("we discourage you from", "we-discourage", M.SHOULD_NOT, GERUND),
    ("under no circumstances should you", "no-circumstances", M.MUST_NOT, BASE),
    ("under no circumstances may you", "no-circumstances", M.MUST_NOT, BASE),
    ("under no circumstances must you", "no-circumstances", M.MUST_NOT, BASE),
    ("under no circumstances can you", "no-circumstances", M.MUST_NOT, BASE),
    ("under no circumstances shall you", "no-circumstances", M.MUST_NOT, BASE),
    ("under no circumstances are you to", "no-circumstances", M.MUST_NOT, BASE),
    ("at no time should you", "no-circumstances", M.MUST_NOT, BASE),
    ("at no time may you", "no-circumstances", M.MUST_NOT, BASE),
    ("in no case should you", "no-circumstances", M.MUST_NOT, BASE),
    ("on no account should you", "no-circumstances", M.MUST_NOT, BASE),
    ("you might want to", "might-want", M.SHOULD, BASE),
    ("you may wish to", "might-want", M.SHOULD, BASE),
    ("you might wish to", "might-want", M.SHOULD, BASE),
    ("you might like to", "might-want", M.SHOULD, BASE),
    ("you may like to", "might-want", M.SHOULD, BASE),
    ("you might consider", "might-want", M.SHOULD, GERUND),
    ("you may consider", "might-want", M.SHOULD, GERUND),
    ("we urge you to", "we-encourage", M.SHOULD, BASE),
    ("we advise you to", "we-encourage", M.SHOULD, BASE),
    ("we invite you to", "we-encourage", M.SHOULD, BASE),
    ("never forget", "dont-forget", M.MUST, NOUN_PHRASE),
    ("you may want to", "might-want", M.SHOULD, BASE),
    ("you'll want to", "might-want", M.SHOULD, BASE),
    ("you have a responsibility to", "responsibility", M.MUST, BASE),
    ("you have the responsibility to", "responsibility", M.MUST, BASE),
    ("it's up to you to", "responsibility", M.MUST, BASE),
    ("it is up to you to", "responsibility", M.MUST, BASE),
    ("it is your responsibility to", "responsibility", M.MUST, BASE),
    ("it's your responsibility to", "responsibility", M.MUST, BASE),
    ("don't forget", "dont-forget", M.MUST, NOUN_PHRASE),
    ("do not forget", "dont-forget", M.MUST, NOUN_PHRASE),
)

_NO_CIRCUMSTANCES = tuple(
    tuple(phrase.split())
    for phrase in (
        "under no circumstances",
        "at no time",
        "in no case",
        "in no event",
        "on no account",
    )
)
_INVERTED_MODALS = frozenset("should may must can shall will".split())

# Organisations that encourage, ask and expect: "We encourage employees to ...".
_ORG_VERBS: dict[str, Modality] = {
    "encourage": M.SHOULD,
    "encourages": M.SHOULD,
    "ask": M.SHOULD,
    "asks": M.SHOULD,
    "urge": M.SHOULD,
    "urges": M.SHOULD,
    "advise": M.SHOULD,
    "advises": M.SHOULD,
    "expect": M.MUST,
    "expects": M.MUST,
    "require": M.MUST,
    "requires": M.MUST,
    "want": M.SHOULD,
    "wants": M.SHOULD,
}
_ORG_FROM_VERBS: dict[str, Modality] = {
    "prohibit": M.MUST_NOT,
    "prohibits": M.MUST_NOT,
    "forbid": M.MUST_NOT,
    "forbids": M.MUST_NOT,
    "bar": M.MUST_NOT,
    "bars": M.MUST_NOT,
    "discourage": M.SHOULD_NOT,
    "discourages": M.SHOULD_NOT,
}

# Leading conjunctions kept before the clause without a comma ("And write in the first
# person.", "So bear that in mind ...").
_LEAD_CONJUNCTIONS = frozenset({"and", "but", "so", "or", "then", "yet", "also"})

# Condition words that open a leading clause ("If you are unsure ask ...").
_VERBLESS_CONDITIONS = frozenset(
    """
    doubt unsure uncertain possible appropriate necessary needed required applicable
    relevant practical feasible available asked unclear
    """.split()
)


@dataclass(frozen=True)
class Reading:
    """One sentence read into frames."""

    sentence: Sentence
    modality: Modality  # what the wording states
    frame: str  # the frame's name ("dont", "avoid", "modal:must", "imperative", ...)
    person: str  # READER, SUBJECT, PASSIVE, THING or WE
    lead: str  # the text before the clause (a condition, "However,", "And"), as written
    start: int  # first token of the clause after the lead
    subject: tuple[int, int]  # token span of the subject; (0, 0) when there is none
    predicate: Predicate
    tail: str = ""  # what follows the frame when the predicate comes first, as written
    plain: bool = False  # a bare imperative
    please: bool = False  # "please" opens the clause
    carry: str = ""  # words of the frame any new frame keeps ("also", ", however,")
    negverb: bool = False  # the predicate's verb itself is negative ("avoid conflicts")
    caps: bool = False  # the frame is written in capitals ("DO NOT")

    @property
    def final(self) -> str:
        return self.sentence.final

    @property
    def subject_text(self) -> str:
        first, last = self.subject
        return self.sentence.span(first, last)

    @property
    def strengths(self) -> frozenset[Modality]:
        """Every strength the sentence states: the frame's, its conjuncts', its clauses'."""
        found = {self.modality}
        for strength in self.predicate.marker_strengths:
            found.add(strength)
        for other in self.predicate.others:
            if other is not None:
                found.add(other)
        return frozenset(found)

    @property
    def mixed(self) -> bool:
        """A conjunct or clause of another strength ("Be honest, and never lie.")."""
        return len(self.strengths) > 1


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.replace(",", " ,").split())


def _by_first_word(
    entries: list[tuple[tuple[str, ...], Modality, str]],
) -> dict[str, tuple[tuple[tuple[str, ...], Modality, str], ...]]:
    """Frame tables indexed by their first word, longest frames first."""
    table: dict[str, list[tuple[tuple[str, ...], Modality, str]]] = {}
    for entry in sorted(entries, key=lambda item: -len(item[0])):
        table.setdefault(entry[0][0], []).append(entry)
        if entry[0][0] == "it's":
            table.setdefault("it", []).append(entry)
    return {word: tuple(found) for word, found in table.items()}


# Reader frames by first word, in table order (the order settles shared starts).
_READER_INDEX: dict[str, tuple[tuple[tuple[str, ...], str, Modality, str], ...]] = {}
for _phrase, _name, _modality, _form in _READER_FRAMES:
    _key = _words(_phrase)
    _READER_INDEX.setdefault(_key[0], ())
    _READER_INDEX[_key[0]] += ((_key, _name, _modality, _form),)
    if _key[0] == "it's":
        _READER_INDEX.setdefault("it", ())
        _READER_INDEX["it"] += ((_key, _name, _modality, _form),)

_ADJECTIVES = _by_first_word(
    [(_words(phrase), modality, "") for phrase, modality in lexicon.IT_ADJECTIVES.items()]
)
_MODALS = _by_first_word(
    [(_words(phrase), modality, phrase) for phrase, modality in lexicon.MODAL_FRAMES]
)
_BE = _by_first_word(
    [
        (adverb + _words(phrase), modality, form + "|" + phrase + "|" + " ".join(adverb))
        for phrase, form, modality in lexicon.BE_FRAMES
        for adverb in ((), ("also",), ("personally",), ("strictly",), ("strongly",))
    ]
)


def _longest(
    table: dict[str, tuple[tuple[tuple[str, ...], Modality, str], ...]],
    tokens: tuple[Token, ...],
    index: int,
    end: int,
) -> tuple[int, Modality, str] | None:
    """The longest entry of `table` at `index`: the index after it, its modality and tag."""
    if index >= end:
        return None
    for words, modality, tag in table.get(tokens[index].low, ()):
        after = _match(tokens, index, words, end)
        if after > 0:
            return after, modality, tag
    return None


def _match(tokens: tuple[Token, ...], index: int, words: tuple[str, ...], end: int) -> int:
    cursor = index
    for word in words:
        if cursor >= end:
            return -1
        token = tokens[cursor]
        if token.low == word and (token.is_word or token.text == ","):
            cursor += 1
            continue
        if word == "it's" and _match(tokens, cursor, ("it", "is"), end) > 0:
            cursor += 2
            continue
        if word == "you're" and _match(tokens, cursor, ("you", "are"), end) > 0:
            cursor += 2
            continue
        return -1
    return cursor


@lru_cache(maxsize=4096)
def read_text(text: str) -> Reading | None:
    """Read one sentence (as written) into frames, or None."""
    return read(sentence(text))


def read(sent: Sentence) -> Reading | None:
    if sent.is_question or not sent.body:
        return None
    return _read_from(sent, 0, sent.body_end, 0)


# ---------------------------------------------------------------------------------------------
# Leading phrases


def _read_from(sent: Sentence, start: int, end: int, depth: int) -> Reading | None:
    """The clause starting at `start`, or after a lead that starts there."""
    tokens = sent.tokens
    if start >= end:
        return None
    first = tokens[start]
    if first.low not in lexicon.CONDITION_OPENERS or depth > 0 and first.low == "then":
        reading = _read_clause(sent, start, end)
        if reading is not None:
            return reading
    if depth > 2:
        return None
    for split in _lead_splits(sent, start, end):
        reading = _read_from(sent, split, end, depth + 1)
        if reading is not None:
            lead = sent.text[first.start : tokens[split].start]
            return replace(reading, lead=lead + reading.lead)
    return None


def _lead_splits(sent: Sentence, start: int, end: int) -> list[int]:
    """Token indices where the clause after a lead starting at `start` may begin."""
    tokens = sent.tokens
    splits: list[int] = []
    first = tokens[start]
    if first.is_word and first.low in _LEAD_CONJUNCTIONS and start + 1 < end:
        splits.append(start + 1)
    marker = _list_marker(tokens, start, end)
    if start < marker < end:
        splits.append(marker)  # "1. Be honest.", "• Be honest."
    depth = 0
    for index in range(start + 1, end - 1):
        token = tokens[index]
        if token.text in "([":
            depth += 1
        elif token.text in ")]":
            depth -= 1
        elif depth == 0 and token.kind == PUNCT and token.text in ",:—–-;":
            after = index + 1
            if token.text == "," and _inside_list(tokens, index, end):
                continue
            if token.text == "," and index == start + 1 and first.low in _FRAME_WORDS:
                continue  # "Always, always think ...": a frame word, not a lead
            if token.text == "," and tokens[after].low == "then" and after + 1 < end:
                after += 1
            splits.append(after)
    if first.low in lexicon.CONDITION_OPENERS:
        listing = True  # after a comma, the condition goes on only as a list ("A, B or C")
        for index in range(start + 2, end):
            token = tokens[index]
            if token.kind == PUNCT and token.text not in ",'’":
                break
            if token.text == ",":
                listing = False
            elif token.low in lexicon.COORDINATORS:
                listing = True
            elif token.is_word and listing and _condition_can_end(sent, start, index):
                splits.append(index)
    return splits


_FRAME_WORDS = frozenset({"always", "never", "please", "kindly"})
_LIST_MARKS = frozenset("-•*–—·▪")


def _list_marker(tokens: tuple[Token, ...], start: int, end: int) -> int:
    """The index after a list marker opening the sentence ("1.", "a)", "•"), or `start`."""
    first = tokens[start]
    if first.kind == PUNCT and first.text in _LIST_MARKS:
        return start + 1
    if start + 2 < end and tokens[start + 1].text in (".", ")"):
        if first.kind == NUMBER or (first.is_word and len(first.text) == 1):
            return start + 2
    return start


def _inside_list(tokens: tuple[Token, ...], comma: int, end: int) -> bool:
    """ "When you comment, post or respond ...": this comma separates verbs of one list."""
    before, after = tokens[comma - 1], tokens[comma + 1]
    if not (morph.is_base_verb(before.low) and morph.is_base_verb(after.low)):
        return False
    following = tokens[comma + 2] if comma + 2 < end else None
    return following is not None and (
        following.low in lexicon.COORDINATORS or following.text == ","
    )


def _condition_can_end(sent: Sentence, start: int, index: int) -> bool:
    """Whether a leading condition without a comma can end before token `index`.

    "If you are unsure ask your manager.": the condition has a verb of its own (or is one of
    the verbless kind, "If in doubt"), the word before the split can end a clause, and the
    word at it can start one.
    """
    tokens = sent.tokens
    before = tokens[index - 1]
    if not before.is_word and not before.protected:
        return False
    if before.is_word and (
        before.low in lexicon.DETERMINERS
        or before.low in lexicon.PREPOSITIONS
        or before.low in lexicon.COORDINATORS
        or before.low in lexicon.AUXILIARIES
        or before.low in lexicon.SUBORDINATORS
        or before.low in lexicon.NEGATED_CONTRACTIONS
        or before.low in ("not", "to", "you", "we", "they", "i", "please")
    ):
        return False
    if before.is_word and "VERB" in morph.classes(before.low) and index - 2 > start:
        if tokens[index - 2].low in lexicon.SUBJECT_PRONOUNS:
            return False  # "If you feel | free to ...": the verb wants what follows
    condition = tokens[start + 1 : index]
    has_verb = any(
        token.is_word
        and (
            token.low in lexicon.AUXILIARIES
            or token.low in lexicon.NEGATED_CONTRACTIONS
            or token.low in ("you're", "it's", "they're", "we're")
            or (
                "VERB" in morph.classes(token.low)
                and position > 0
                and condition[position - 1].low in lexicon.SUBJECT_PRONOUNS
            )
        )
        for position, token in enumerate(condition)
    )
    verbless = any(token.low in _VERBLESS_CONDITIONS for token in condition) or (
        bool(condition) and _is_participle(condition[0])
    )
    return has_verb or verbless


def _is_participle(token: Token) -> bool:
    return (
        token.is_word and token.low.endswith("ing") and morph.base_of_gerund(token.low) is not None
    )


# ---------------------------------------------------------------------------------------------
# The main clause


def _read_clause(sent: Sentence, start: int, end: int) -> Reading | None:
    tokens = sent.tokens
    if tokens[start].low in ("please", "kindly"):
        after = start + 1
        if after < end and tokens[after].text == ",":
            after += 1
        if after >= end:
            return None
        reading = _read_core(sent, after, end)
        if reading is None or reading.person != READER:
            return None
        return replace(reading, please=True, start=start)
    return _read_core(sent, start, end)


def _read_core(sent: Sentence, start: int, end: int) -> Reading | None:
    for reader in (_read_reader_frame, _read_it_frame, _read_org_frame, _read_inverted):
        reading = reader(sent, start, end)
        if reading is not None:
            return _unwrap_avoid(reading)
    reading = (
        _read_subject_frame(sent, start, end)
        or _read_gerund_subject(sent, start, end)
        or _read_thing_frame(sent, start, end)
    )
    if reading is not None:
        return _unwrap_avoid(reading)
    reading = _read_imperative(sent, start, end)
    return None if reading is None else _unwrap_avoid(reading)


def _caps(sent: Sentence, first: int, last: int) -> bool:
    words = [token.text for token in sent.tokens[first:last] if token.is_word]
    return any(len(word) > 1 and word.isupper() for word in words)


def _read_reader_frame(sent: Sentence, start: int, end: int) -> Reading | None:
    tokens = sent.tokens
    cursor = start
    while cursor < end and tokens[cursor].low in ("just", "simply", "also", "again"):
        cursor += 1
    if cursor >= end:
        return None
    for words, name, modality, form in _READER_INDEX.get(tokens[cursor].low, ()):
        after, carry = _match_with_aside(sent, cursor, words, end)
        if after < 0:
            continue
        if name in ("do-not", "dont") and _match(tokens, after, ("have", "to"), end) > 0:
            return None  # "You do not have to": a removed obligation, read elsewhere
        if name == "dont-forget":
            if after >= end:
                return None
            phrase = vp.Predicate(after, end, NOUN_PHRASE, (), (), True)
            return Reading(sent, modality, name, READER, "", start, (0, 0), phrase)
        found = vp.read(sent, after, end, form)
        if found is None and name == "make-sure":
            found = vp.read(sent, after, end, vp.FINITE)
        if found is None:
            return None  # "Avoid conflicts": an imperative of "avoid", read below
        predicate = found
        if name in ("do-not", "dont", "never") and predicate.slots:
            head = tokens[predicate.slots[0].index].low
            if head in ("hesitate", "forget"):
                continue
        return Reading(
            sent,
            modality,
            name,
            READER,
            "",
            start,
            (0, 0),
            predicate,
            caps=_caps(sent, cursor, after),
            carry=carry,
        )
    return None


def _match_with_aside(
    sent: Sentence, index: int, words: tuple[str, ...], end: int
) -> tuple[int, str]:
    """Like _match, also across an aside inside the frame ("Feel free, however, to X")."""
    tokens = sent.tokens
    after = _match(tokens, index, words, end)
    if after > 0 or len(words) < 2:
        return after, ""
    for cut in range(1, len(words)):
        middle = _match(tokens, index, words[:cut], end)
        if middle < 0:
            return -1, ""
        resume = vp.skip_aside(tokens, middle, end)
        if resume == middle:
            continue
        after = _match(tokens, resume, words[cut:], end)
        if after > 0:
            return after, sent.text[tokens[middle].start : tokens[resume - 1].end]
    return -1, ""


def _read_it_frame(sent: Sentence, start: int, end: int) -> Reading | None:
    """ "It is important to X", "It's never OK to X", "It is OK, however, to X"."""
    tokens = sent.tokens
    cursor = _match(tokens, start, ("it's",), end)
    if cursor < 0:
        cursor = _match(tokens, start, ("it", "is"), end)
    if cursor < 0:
        return None
    for adverb in ("always", "also", "very", "especially", "really", "generally", "strictly"):
        after = _match(tokens, cursor, (adverb,), end)
        if after > 0:
            cursor = after
            break
    found = _longest(_ADJECTIVES, tokens, cursor, end)
    if found is None:
        return None
    cursor, modality, _tag = found
    carry = ""
    aside = vp.skip_aside(tokens, cursor, end)
    if aside > cursor:
        carry = sent.text[tokens[cursor].start : tokens[aside - 1].end]
        cursor = aside
    for connector in (("for", "you", "to"), ("that", "you"), ("not", "to"), ("to",)):
        after = _match(tokens, cursor, connector, end)
        if after < 0:
            continue
        if connector == ("not", "to"):
            modality = {M.SHOULD: M.SHOULD_NOT, M.MUST: M.MUST_NOT}.get(modality, modality)
            if modality == M.MAY:
                return None
        predicate = vp.read(sent, after, end, BASE)
        if predicate is None:
            return None
        return Reading(sent, modality, "it", READER, "", start, (0, 0), predicate, carry=carry)
    return None


def _read_org_frame(sent: Sentence, start: int, end: int) -> Reading | None:
    """ "We encourage employees to X", "The company prohibits employees from posting X"."""
    tokens = sent.tokens
    for index in range(start + 1, min(end, start + 5)):
        token = tokens[index]
        low = token.low
        if low not in _ORG_VERBS and low not in _ORG_FROM_VERBS:
            continue
        org_end = index
        carry = ""
        if tokens[index - 1].low in ("strongly", "also"):
            org_end = index - 1
            carry = tokens[index - 1].text
        if not _is_organisation(tokens[start:org_end]):
            return None
        for person_end in range(index + 2, min(end, index + 8)):
            if low in _ORG_FROM_VERBS:
                after = _match(tokens, person_end, ("from",), end)
                modality = _ORG_FROM_VERBS[low]
                form = GERUND
            else:
                to = _match(tokens, person_end, ("to",), end)
                negated = _match(tokens, person_end, ("not", "to"), end)
                after = negated if negated > 0 else to
                modality = _ORG_VERBS[low]
                if negated > 0:
                    modality = M.MUST_NOT if modality == M.MUST else M.SHOULD_NOT
                form = BASE
            if after < 0:
                continue
            if not _is_person_phrase(tokens[index + 1 : person_end]):
                return None
            predicate = vp.read(sent, after, end, form)
            if predicate is None:
                return None
            return Reading(
                sent,
                modality,
                "org:" + low,
                SUBJECT,
                "",
                start,
                (index + 1, person_end),
                predicate,
                carry=carry,
            )
        return None
    return None


def _is_organisation(tokens: tuple[Token, ...]) -> bool:
    if not tokens:
        return False
    if len(tokens) == 1 and tokens[0].low == "we":
        return True
    if tokens[0].low in ("the", "our") and len(tokens) == 2:
        return tokens[1].low in ("company", "organization", "organisation", "firm", "business")
    return len(tokens) <= 3 and all(token.is_word and token.text[:1].isupper() for token in tokens)


def _is_person_phrase(tokens: tuple[Token, ...]) -> bool:
    if not tokens or not all(token.is_word or token.text == "," for token in tokens):
        return False
    words = [token for token in tokens if token.is_word]
    return words[-1].low in lexicon.PERSON_NOUNS and all(
        token.low in lexicon.PERSON_NOUNS
        or token.low in lexicon.COORDINATORS
        or token.low in ("all", "our", "its", "their", "every", "each", "the", "other")
        or token.text[:1].isupper()
        for token in words
    )


def _read_inverted(sent: Sentence, start: int, end: int) -> Reading | None:
    """ "Under no circumstances should employees X"."""
    tokens = sent.tokens
    if tokens[start].low not in ("under", "at", "in", "on"):
        return None
    for phrase in _NO_CIRCUMSTANCES:
        cursor = _match(tokens, start, phrase, end)
        if cursor < 0:
            continue
        if cursor < end and tokens[cursor].text == ",":
            cursor += 1
        if cursor >= end or tokens[cursor].low not in _INVERTED_MODALS:
            return None
        for subject_end in range(cursor + 2, min(end, cursor + 6)):
            predicate = vp.read(sent, subject_end, end, BASE)
            if predicate is None:
                continue
            if not _is_person_phrase(tokens[cursor + 1 : subject_end]):
                return None
            return Reading(
                sent,
                M.MUST_NOT,
                "no-circumstances-subject",
                SUBJECT,
                "",
                start,
                (cursor + 1, subject_end),
                predicate,
            )
        return None
    return None


_NOT_SUBJECT_HEADS = (
    (lexicon.SUBORDINATORS - {"that", "which", "what"})
    | lexicon.PREPOSITIONS
    | lexicon.AUXILIARIES
    | frozenset(lexicon.NEGATED_CONTRACTIONS)
    | lexicon.NEGATORS
    | lexicon.COORDINATORS
    | frozenset({"please", "always", "also", "there", "here", "but", "so", "then", "yet"})
)
_VERB_OBJECT_STARTS = (
    (lexicon.DETERMINERS - {"that", "this"})
    | lexicon.PERSONAL_PRONOUNS
    | frozenset({"in", "on", "up", "out", "sure", "away", "back"})
)
_NOT_SUBJECT_ENDS = (
    (lexicon.DETERMINERS - {"all", "both", "each", "that", "this"})
    | lexicon.PREPOSITIONS
    | lexicon.COORDINATORS
    | (lexicon.SUBORDINATORS - {"that", "this"})
)


# Words that open an adverbial clause: a subject never holds one.
_CLAUSE_OPENERS = frozenset(
    "so because if unless although though while whilst since until as before after once "
    "whether than".split()
)


@lru_cache(maxsize=8192)
def _word_can_start_subject(low: str) -> bool:
    if low in _NOT_SUBJECT_HEADS:
        return False
    # A verb that is nothing else ("Identify yourself") opens an imperative.
    return not (morph.is_base_verb(low) and not morph.classes(low) & {"NOUN", "PRON", "ADJ"})


def _subject_can_start(token: Token) -> bool:
    if not token.is_word:
        return token.kind == QUOTE
    if token.low == "it":
        return token.text == "IT"  # "It is ...": no subject ("IT staff" is one)
    return _word_can_start_subject(token.low)


def _subject_ok(sent: Sentence, first: int, last: int) -> bool:
    """Whether tokens first..last can be the subject of a rule."""
    tokens = sent.tokens
    if last <= first or last - first > 16:
        return False
    head = tokens[first]
    if not _subject_can_start(head):
        return False
    low = head.low
    if first + 1 < last and tokens[first + 1].text == "," and not morph.is_noun(low):
        return False  # "Therefore, staff ...": a lead, not a subject
    if morph.is_base_verb(low) and first + 1 < last:
        following = tokens[first + 1]
        if following.is_word and (
            following.low in _VERB_OBJECT_STARTS
            or not (following.low == "of" or morph.is_noun(following.low))
        ):
            return False  # "Keep in mind that ...", "Share the news": an imperative
    if morph.is_base_verb(low) and not morph.is_noun(low) and low not in lexicon.SUBJECT_PRONOUNS:
        return False
    end_word = tokens[last - 1]
    if end_word.is_word and end_word.low in _NOT_SUBJECT_ENDS:
        return False
    if end_word.kind == PUNCT and end_word.text not in ")’'\"”":
        return False
    span = tokens[first:last]
    relative = False
    for position, token in enumerate(span):
        if token.kind == PUNCT and token.text in ";:!?—–":
            return False
        if token.is_word and token.low in _CLAUSE_OPENERS and position > 0:
            return False  # "Use alt text so that everyone can ...": a clause, not a subject
        if token.is_word and token.low in lexicon.RELATIVES and position > 0:
            relative = True
        if token.is_word and not relative and position > 0:
            word = token.low
            if word in lexicon.MODALS or word in lexicon.NEGATED_CONTRACTIONS:
                return False
            if word in ("is", "are", "was", "were", "do", "does"):
                return False
        if token.text == "," and not relative:
            rest = span[position + 1 :]
            if not any(word.low in lexicon.COORDINATORS for word in rest):
                return False
    return True


def _person_of(sent: Sentence, first: int, last: int) -> str:
    tokens = sent.tokens[first:last]
    words = [token.low for token in tokens]
    if words == ["you"]:
        return READER
    if words == ["we"]:
        return WE
    if any(token.low in lexicon.PERSON_NOUNS or morph.is_person(token.low) for token in tokens):
        return SUBJECT
    return THING


_CONTRACTED_SUBJECTS = {"you're": "you", "we're": "we", "they're": "they"}


def _read_subject_frame(sent: Sentence, start: int, end: int) -> Reading | None:
    """ "Employees must X", "Passwords must be changed", "Staff are required to X"."""
    tokens = sent.tokens
    if tokens[start].low in _CONTRACTED_SUBJECTS:
        person = READER if tokens[start].low == "you're" else WE
        return _read_be_frame(sent, start, start + 1, end, False, person, (start, start + 1))
    if not _subject_can_start(tokens[start]):
        return None
    for index in range(start + 1, min(end, start + 17)):
        token = tokens[index]
        if not token.is_word:
            continue
        low = token.low
        if not (
            low in lexicon.MODALS
            or low in lexicon.NEGATED_CONTRACTIONS
            or low in ("need", "needs", "have", "has", "is", "are", "do", "does", "never")
        ):
            continue
        if not _subject_ok(sent, start, index):
            continue
        reading = _read_after_subject(sent, start, index, end)
        if reading is not None:
            return reading
        if low in lexicon.MODALS or low in lexicon.NEGATED_CONTRACTIONS or low in ("is", "are"):
            return None
    return None


def _read_after_subject(sent: Sentence, start: int, index: int, end: int) -> Reading | None:
    tokens = sent.tokens
    subject = (start, index)
    first = tokens[start].low
    negative_subject = first in ("no", "nobody", "none", "no-one") or (
        _match(tokens, start, ("no", "one"), end) > 0
    )
    person = _person_of(sent, start, index)
    if tokens[index].low in ("is", "are"):
        return _read_be_frame(sent, start, index, end, negative_subject, person, subject)
    found = _longest(_MODALS, tokens, index, end)
    if found is None:
        return None
    after, modality, phrase = found
    if negative_subject:
        if modality.is_negative:
            return None
        modality = {M.MUST: M.MUST_NOT, M.MAY: M.MUST_NOT, M.SHOULD: M.SHOULD_NOT}[modality]
    frame = "modal:" + phrase
    carry = ""
    if after < end and tokens[after].low in ("also", "still"):
        carry = tokens[after].text
        after += 1
    # A passive: "must not be disclosed".
    be = _match(tokens, after, ("be",), end)
    if be > 0:
        participle_at = vp.skip_adverbs(tokens, be, end)
        predicate = vp.read(sent, participle_at, end, PARTICIPLE)
        if predicate is not None:
            if tokens[predicate.slots[0].index].low == "avoided" and not modality.is_negative:
                modality = M.MUST_NOT if modality == M.MUST else M.SHOULD_NOT
            return Reading(
                sent,
                modality,
                frame,
                PASSIVE,
                "",
                start,
                subject,
                predicate,
                carry=carry,
            )
    predicate = vp.read(sent, after, end, BASE)
    if predicate is None or _wish(sent, predicate, end):
        return None
    reading = Reading(sent, modality, frame, person, "", start, subject, predicate, carry=carry)
    return _unwrap_try(reading)


def _wish(sent: Sentence, predicate: Predicate, end: int) -> bool:
    """ "may wish to", "should want to": a frame the tables do not know, not a predicate."""
    head = predicate.slots[0].index
    return sent.tokens[head].low in ("wish", "want", "like", "feel") and (
        _match(sent.tokens, head + 1, ("to",), end) > 0
        or _match(sent.tokens, head + 1, ("free",), end) > 0
    )


def _unwrap_try(reading: Reading) -> Reading:
    """ "should try to reply" states SHOULD with "reply" as the predicate."""
    if reading.modality != M.SHOULD or reading.predicate.markers:
        return reading
    sent = reading.sentence
    predicate = reading.predicate
    head = predicate.slots[0].index
    if sent.tokens[head].low != "try" or len(predicate.slots) != 1:
        return reading
    for words, modality in ((("to",), M.SHOULD), (("not", "to"), M.SHOULD_NOT)):
        after = _match(sent.tokens, head + 1, words, predicate.end)
        if after > 0:
            inner = vp.read(sent, after, predicate.end, BASE)
            if inner is not None:
                return replace(
                    reading, modality=modality, predicate=inner, frame=reading.frame + "+try"
                )
    return reading


def _read_be_frame(
    sent: Sentence,
    start: int,
    index: int,
    end: int,
    negative_subject: bool,
    person: str,
    subject: tuple[int, int],
) -> Reading | None:
    """ "Employees are required to X", "You are responsible for X", "Data is not to be shared"."""
    tokens = sent.tokens
    cursor = index + 1 if index < end and tokens[index].low in ("is", "are") else index
    found = _longest(_BE, tokens, cursor, end)
    if found is None or negative_subject:
        return None
    after, modality, tag = found
    form, phrase, carry = tag.split("|")
    frame = "be:" + phrase
    be = _match(tokens, after, ("be",), end)
    passive = vp.read(sent, be, end, PARTICIPLE) if be > 0 else None
    if phrase in ("to", "not to", "never to") and passive is not None:
        return Reading(sent, modality, frame, PASSIVE, "", start, subject, passive)
    if phrase in ("to", "not to", "never to") and person != SUBJECT:
        return None  # "The goal is to X" is no rule
    predicate = vp.read(sent, after, end, form)
    if predicate is None and phrase in ("responsible for", "accountable for"):
        predicate = vp.read(sent, after, end, NOUN_PHRASE)
    if predicate is None or person == THING:
        return None
    return Reading(sent, modality, frame, person, "", start, subject, predicate, carry=carry)


def _adjective_frame(sent: Sentence, index: int, end: int) -> tuple[int, Modality] | None:
    """After "is"/"are": an adjective frame ("strictly prohibited", "not permitted")."""
    tokens = sent.tokens
    cursor = index
    for adverb in ("strictly", "absolutely", "generally", "also", "always"):
        after = _match(tokens, cursor, (adverb,), end)
        if after > 0:
            cursor = after
            break
    found = _longest(_ADJECTIVES, tokens, cursor, end)
    return None if found is None else (found[0], found[1])


def _read_gerund_subject(sent: Sentence, start: int, end: int) -> Reading | None:
    """ "Posting photographs of customers without consent is strictly prohibited."."""
    tokens = sent.tokens
    if vp.base_of(tokens[start], GERUND) is None:
        return None
    for index in range(start + 1, end):
        if tokens[index].low not in ("is", "are"):
            continue
        found = _adjective_frame(sent, index + 1, end)
        if found is None:
            return None
        after, modality = found
        predicate = vp.read(sent, start, index, GERUND)
        if predicate is None:
            return None
        tail = sent.text[tokens[after - 1].end : tokens[end - 1].end] if after < end else ""
        if not _tail_ok(sent, after, end):
            return None
        return Reading(
            sent, modality, "gerund-subject", READER, "", start, (0, 0), predicate, tail=tail
        )
    return None


def _tail_ok(sent: Sentence, start: int, end: int) -> bool:
    """A tail kept after a moved frame must not be a clause of its own ("and may result")."""
    for token in sent.tokens[start:end]:
        if token.is_word and (
            token.low in lexicon.AUXILIARIES or token.low in lexicon.NEGATED_CONTRACTIONS
        ):
            return False
    return True


def _read_thing_frame(sent: Sentence, start: int, end: int) -> Reading | None:
    """ "Personal devices are not allowed on the trading floor."."""
    tokens = sent.tokens
    if not _subject_can_start(tokens[start]):
        return None
    for index in range(start + 1, min(end, start + 16)):
        if tokens[index].low not in ("is", "are"):
            continue
        if not _subject_ok(sent, start, index) or _person_of(sent, start, index) != THING:
            return None
        found = _adjective_frame(sent, index + 1, end)
        if found is None:
            return None
        after, modality = found
        predicate = vp.Predicate(start, index, NOUN_PHRASE, (), (), True)
        tail = sent.text[tokens[after - 1].end : tokens[end - 1].end] if after < end else ""
        return Reading(
            sent, modality, "thing-be", THING, "", start, (start, index), predicate, tail=tail
        )
    return None


def _read_imperative(sent: Sentence, start: int, end: int) -> Reading | None:
    tokens = sent.tokens
    predicate = vp.read(sent, start, end, BASE)
    if predicate is None:
        return None
    head_index = predicate.slots[0].index
    head = tokens[head_index]
    if head.low in ("let's", "lets", "let"):
        return None
    following = tokens[head_index + 1] if head_index + 1 < end else None
    if head.low == "do" and following is not None and following.low in ("not", "never"):
        return None  # "Do not" with a predicate the frame could not read
    if following is not None and following.text == ":":
        return None  # "Note: ...": a label
    if _match(tokens, head_index, ("think", "twice"), end) == end:
        return None  # "Think twice!" alone: the advice frame with nothing to advise against
    if _noun_start(sent, head_index, end):
        return None
    if head.low == "consider" and len(predicate.slots) == 1 and head_index == start:
        # "Consider whether your post could embarrass the company.": advice.
        return Reading(sent, M.SHOULD, "consider", READER, "", start, (0, 0), predicate)
    if (head.low == "remember" and _match(tokens, head_index + 1, ("to",), end) < 0) or (
        head.low == "note" and _match(tokens, head_index + 1, ("that",), end) > 0
    ):
        return Reading(sent, M.MUST, "remember-clause", READER, "", start, (0, 0), predicate)
    if head.low in ("ensure",) or (
        head.low in ("make", "be")
        and (
            _match(tokens, head_index + 1, ("sure",), end) > 0
            or _match(tokens, head_index + 1, ("certain",), end) > 0
        )
    ):
        return Reading(sent, M.MUST, "make-sure-clause", READER, "", start, (0, 0), predicate)
    return Reading(sent, M.MUST, "imperative", READER, "", start, (0, 0), predicate, plain=True)


def _noun_start(sent: Sentence, head_index: int, end: int) -> bool:
    """ "Use of company logos is prohibited": the first word is a noun, the verb comes later."""
    tokens = sent.tokens
    head = tokens[head_index]
    if not morph.is_noun(head.low):
        return False
    following = tokens[head_index + 1] if head_index + 1 < end else None
    if following is not None and following.low == "of":
        return True
    if (
        following is None
        or not following.is_word
        or (
            following.low in lexicon.DETERMINERS
            or following.low in lexicon.PERSONAL_PRONOUNS
            or following.low in lexicon.PREPOSITIONS
            or following.low in ("sure", "certain", "clear")
            or morph.is_adverb(following.low)
        )
    ):
        return False
    for token in tokens[head_index + 1 : end]:
        if not token.is_word:
            if token.kind == PUNCT and token.text in ",;:—–(":
                return False
            continue
        low = token.low
        if low in lexicon.SUBORDINATORS or low == "to":
            return False
        if low in lexicon.MODALS or low in ("is", "are", "was", "were"):
            return True
    return False


def _unwrap_avoid(reading: Reading) -> Reading:
    """ "should avoid posting X" states SHOULD NOT with "posting X" as the predicate; "Avoid
    conflicts of interest" keeps its verb and states a negative rule."""
    predicate = reading.predicate
    if predicate.form != BASE or not predicate.slots or predicate.markers:
        return reading
    sent = reading.sentence
    tokens = sent.tokens
    head = predicate.slots[0].index
    if head != vp.skip_adverbs(tokens, predicate.start, predicate.end):
        return reading
    low = tokens[head].low
    after = -1
    if low == "avoid":
        after = head + 1
    elif low == "refrain" and _match(tokens, head + 1, ("from",), predicate.end) > 0:
        after = head + 2
    elif _match(tokens, head, ("stay", "away", "from"), predicate.end) > 0:
        after = head + 3
    elif _match(tokens, head, ("steer", "clear", "of"), predicate.end) > 0:
        after = head + 3
    if after < 0 or reading.modality.is_negative or reading.modality == M.MAY:
        return reading
    if reading.plain and low == "refrain":
        modality = M.MUST_NOT
    elif reading.plain:
        modality = M.SHOULD_NOT
    else:
        modality = M.MUST_NOT if reading.modality == M.MUST else M.SHOULD_NOT
    inner = vp.read(sent, after, predicate.end, GERUND) if low in ("avoid", "refrain") else None
    if inner is not None and head == predicate.start and len(predicate.slots) == 1:
        frame = reading.frame + "+" + low
        return replace(reading, modality=modality, frame=frame, predicate=inner, plain=False)
    return replace(
        reading, modality=modality, frame=reading.frame + "+negverb", plain=False, negverb=True
    )
