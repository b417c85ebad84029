"""The verb phrase of a rule: its coordinated verbs, and the same phrase in another verb form.

"do not get overly defensive and do not disengage" has two conjuncts, each with its own
negation; "copy or distribute" has two verbs sharing one object. Reading a predicate finds the
head verb of every conjunct (and each conjunct's own frame words, its *marker*) so that a
rendering can put all of them in the form its frame needs ("Avoid getting overly defensive and
disengaging.") and copy everything else as written.

A predicate is *certain* when no word after the head could be a further coordinated verb that
the reading missed. Renderings that change the verb form need a certain predicate; renderings
that keep it do not (nothing in the phrase changes but the frame words).
"""

from __future__ import annotations

from dataclasses import dataclass

from textkit.modality import Modality
from textkit.tone import lexicon
from textkit.tone import morphology as morph
from textkit.tone.sentences import PUNCT, Sentence, Token

BASE = "base"  # "post anonymously"
GERUND = "gerund"  # "posting anonymously"
PARTICIPLE = "participle"  # "disclosed to anyone"
NOUN_PHRASE = "np"  # "conflicts of interest" (after "avoid")
FINITE = "finite"  # after "Make sure you": the head "be" becomes "are", the rest stays base

M = Modality

# A conjunct's own frame words, and the strength they state. Longer ones first.
_MARKERS: tuple[tuple[tuple[str, ...], Modality], ...] = tuple(
    (tuple(words.split()), modality)
    for words, modality in (
        ("you must not", M.MUST_NOT),
        ("you mustn't", M.MUST_NOT),
        ("you must never", M.MUST_NOT),
        ("you should not", M.SHOULD_NOT),
        ("you shouldn't", M.SHOULD_NOT),
        ("you may not", M.MUST_NOT),
        ("you cannot", M.MUST_NOT),
        ("you must", M.MUST),
        ("you should", M.SHOULD),
        ("must not", M.MUST_NOT),
        ("mustn't", M.MUST_NOT),
        ("must never", M.MUST_NOT),
        ("should not", M.SHOULD_NOT),
        ("shouldn't", M.SHOULD_NOT),
        ("should never", M.SHOULD_NOT),
        ("may not", M.MUST_NOT),
        ("do not ever", M.MUST_NOT),
        ("don't ever", M.MUST_NOT),
        ("never ever", M.MUST_NOT),
        ("do not", M.MUST_NOT),
        ("don't", M.MUST_NOT),
        ("dont", M.MUST_NOT),
        ("never", M.MUST_NOT),
        ("must", M.MUST),
        ("should", M.SHOULD),
    )
)

# Words after which a base-form noun/verb homograph is read as a verb with an object.
_OBJECT_STARTS = (
    lexicon.DETERMINERS
    | lexicon.PERSONAL_PRONOUNS
    | lexicon.PREPOSITIONS
    | frozenset({"up", "out", "back", "off", "down", "others", "anyone", "someone", "anything"})
)

# Words that open another clause: a verb after them belongs to that clause.
_CLAUSE_STOPS = lexicon.SUBORDINATORS | frozenset({"to", "without", "including", "like"})

_NOT_PHRASE_STARTS = lexicon.SUBORDINATORS - {"what", "whatever", "how"}
_OTHER_PRONOUNS = lexicon.PERSONAL_PRONOUNS - {"you"}

# Punctuation after which an independent clause may follow, kept as written.
_HARD_STOPS = frozenset(";:—–")


@dataclass(frozen=True)
class Slot:
    """A verb that takes the form the frame needs: its token and its base form."""

    index: int
    base: str


@dataclass(frozen=True)
class Marker:
    """A conjunct's own frame words ("do not" in "and do not disengage"): tokens start..end."""

    start: int
    end: int
    modality: Modality
    clause: bool = False  # it opens a clause after a semicolon or dash ("; don't troll")


@dataclass(frozen=True)
class Predicate:
    start: int
    end: int
    form: str
    slots: tuple[Slot, ...]
    markers: tuple[Marker, ...]
    certain: bool
    # Strengths stated by the sentence's other parts: conjuncts without a marker of their own
    # next to ones with one, and clauses after a semicolon or a dash.
    others: tuple[Modality | None, ...] = ()

    @property
    def marker_strengths(self) -> frozenset[Modality]:
        return frozenset(marker.modality for marker in self.markers)


def _match(tokens: tuple[Token, ...], index: int, words: tuple[str, ...], end: int) -> int:
    """Index after `words` at `index`, or -1."""
    cursor = index
    for word in words:
        if cursor >= end or not tokens[cursor].is_word or tokens[cursor].low != word:
            return -1
        cursor += 1
    return cursor


_MARKER_INDEX: dict[str, tuple[tuple[tuple[str, ...], Modality], ...]] = {}
for _words, _modality in _MARKERS:
    _MARKER_INDEX[_words[0]] = (*_MARKER_INDEX.get(_words[0], ()), (_words, _modality))


def marker_at(tokens: tuple[Token, ...], index: int, end: int) -> tuple[int, Modality] | None:
    if index >= end:
        return None
    for words, modality in _MARKER_INDEX.get(tokens[index].low, ()):
        after = _match(tokens, index, words, end)
        if after > 0:
            return after, modality
    return None


def base_of(token: Token, form: str) -> str | None:
    """The base form of `token` read as a verb in `form`, or None."""
    if not token.is_word:
        return None
    word = token.text.replace("’", "'")
    low = token.low
    if form == FINITE and low == "are":
        return "be"  # "Make sure you are honest"
    if form in (BASE, FINITE):
        if low in lexicon.AUXILIARIES and low not in ("be", "do", "have"):
            return None
        if low in lexicon.NEGATED_CONTRACTIONS or low in lexicon.NEGATORS:
            return None
        return word if morph.is_base_verb(low) else None
    if form == GERUND:
        if low in lexicon.ING_NOUNS:
            return None
        return morph.base_of_gerund(word)
    if form == PARTICIPLE:
        return morph.base_of_participle(word)
    return None


def skip_adverbs(tokens: tuple[Token, ...], index: int, end: int) -> int:
    while index < end and tokens[index].is_word and morph.is_adverb(tokens[index].low):
        if tokens[index].low in ("not", "never", "please"):
            break
        index += 1
    return index


def skip_aside(tokens: tuple[Token, ...], index: int, end: int) -> int:
    """After ", under any circumstances," or "(where possible)" (an aside), or `index` itself."""
    if index < end and tokens[index].text == "(":
        for cursor in range(index + 1, min(end, index + 9)):
            if tokens[cursor].text == ")":
                return cursor + 1 if cursor > index + 1 else index
            if tokens[cursor].text in "(;":
                return index
        return index
    if index >= end or tokens[index].text != ",":
        return index
    for cursor in range(index + 1, min(end, index + 9)):
        if tokens[cursor].text == ",":
            return cursor + 1 if cursor > index + 1 else index
        if tokens[cursor].kind == PUNCT:
            return index
    return index


def clause_strength(sentence: Sentence, index: int, end: int) -> Modality | None:
    """The strength an independent clause starting at `index` states, if it is a rule."""
    tokens = sentence.tokens
    while index < end and tokens[index].low in ("then", "but", "and", "so", "also"):
        index += 1
    marker = marker_at(tokens, index, end)
    if marker is not None and not tokens[index].low.startswith("you"):
        return marker[1] if marker[1].is_negative else None
    cursor = skip_adverbs(tokens, index, end)
    if cursor < end and tokens[cursor].low == "always":
        return M.MUST
    if cursor < end and base_of(tokens[cursor], BASE) and not morph.is_noun(tokens[cursor].low):
        return M.MUST
    return None


def read(sentence: Sentence, start: int, end: int, form: str) -> Predicate | None:
    """Read tokens start..end as a verb phrase whose head is in `form`; None if it is not one.

    For NOUN_PHRASE the phrase is kept whole (no verbs to change).
    """
    tokens = sentence.tokens
    if start >= end:
        return None
    if form == NOUN_PHRASE:
        first = tokens[start]
        if not (first.is_word or first.protected):
            return None
        if first.is_word and (first.low in _NOT_PHRASE_STARTS or first.low == "to"):
            return None
        return Predicate(start, end, form, (), (), True)
    head = skip_adverbs(tokens, skip_aside(tokens, start, end), end)
    if head >= end:
        return None
    base = base_of(tokens[head], form)
    if base is None:
        return None
    if form == GERUND and head + 1 < end and tokens[head + 1].low == "of":
        return None  # "posting of information": a noun, not a verb
    slots = [Slot(head, base)]
    markers: list[Marker] = []
    unmarked: list[int] = []
    others: list[Modality | None] = []
    certain = True
    adjectives = False  # inside a list of adjectives
    main = True  # still in the predicate's own clause
    last_slot = head
    index = head + 1
    while index < end:
        token = tokens[index]
        if token.kind == PUNCT and (token.text in _HARD_STOPS or token.text == "-"):
            marker = marker_at(tokens, index + 1, end)
            if marker is not None and not tokens[index + 1].low.startswith("you"):
                # "Don't spam; don't troll.": the clause's frame follows the sentence's.
                markers.append(Marker(index + 1, marker[0], marker[1], clause=True))
            else:
                others.append(clause_strength(sentence, index + 1, end))
            break
        if token.kind == PUNCT and token.text in "()[]":
            main = False
            index += 1
            continue
        comma = token.kind == PUNCT and token.text == ","
        coordinator = token.is_word and token.low in lexicon.COORDINATORS
        if not (comma or coordinator):
            if token.is_word and token.low in _CLAUSE_STOPS:
                # "to" opens a clause only as an infinitive ("to connect", not "link to").
                if token.low != "to" or (
                    index + 1 < end and base_of(tokens[index + 1], BASE) is not None
                ):
                    main = False
            index += 1
            continue
        cursor = index + 1
        if comma and cursor < end and tokens[cursor].low in lexicon.COORDINATORS:
            cursor += 1
        while cursor < end and tokens[cursor].low in ("then", "also"):
            cursor += 1
        marker = marker_at(tokens, cursor, end)
        after_marker = marker[0] if marker else cursor
        word_index = skip_adverbs(tokens, after_marker, end)
        if word_index >= end:
            break
        word = tokens[word_index]
        candidate = base_of(word, form) if form != PARTICIPLE or marker is None else None
        if marker is not None and form in (BASE, FINITE):
            candidate = base_of(word, BASE)
        if marker is not None and candidate is not None:
            previous = tokens[cursor - 1]
            if previous.low in _OTHER_PRONOUNS or (
                not (comma or coordinator) and previous.low not in lexicon.COORDINATORS
            ):
                index = word_index
                continue
            markers.append(Marker(cursor, marker[0], marker[1]))
            slots.append(Slot(word_index, candidate))
            last_slot = word_index
            main = True
            index = word_index + 1
            continue
        if marker is not None:
            certain = False
            index = word_index
            continue
        if candidate is None:
            if main and form != BASE and base_of(word, BASE) and not morph.is_noun(word.low):
                # "Avoid posting when angry, and wait a day": an instruction of its own.
                others.append(M.MUST)
            index = word_index
            continue
        if _adjective_item(tokens, index, word_index, end, adjectives):
            # "offensive, demeaning, or abusive": a list of adjectives, not of verbs.
            adjectives = True
            index = word_index + 1
            continue
        if not main:
            certain = False
            index = word_index
            continue
        direct = last_slot == index - 1
        verdict = _is_coordinated_verb(word, tokens, word_index, end, form, direct)
        if verdict is None:
            certain = False
        elif verdict:
            slots.append(Slot(word_index, candidate))
            if not direct:
                unmarked.append(word_index)
            last_slot = word_index
        index = word_index + 1 if verdict else word_index
    if markers and unmarked:
        # "Don't pick fights, be the first to ..., and don't alter ...": a conjunct without
        # its own marker between marked ones is an instruction of its own.
        others.extend(M.MUST for _slot in unmarked)
    return Predicate(start, end, form, tuple(slots), tuple(markers), certain, tuple(others))


def _adjective_item(
    tokens: tuple[Token, ...], separator: int, index: int, end: int, in_list: bool
) -> bool:
    """Whether the word at `index` is an item of a list of adjectives ("rude, demeaning or")."""
    following = tokens[index + 1] if index + 1 < end else None
    bare = following is None or (following.kind == PUNCT or following.low in lexicon.COORDINATORS)
    if not bare:
        return False
    previous = tokens[separator - 1]
    return in_list or (previous.is_word and morph.is_adjective(previous.low))


def _is_coordinated_verb(
    word: Token, tokens: tuple[Token, ...], index: int, end: int, form: str, direct: bool
) -> bool | None:
    """Whether a verb-form word after a coordinator is a further verb (None: cannot tell)."""
    classes = morph.classes(word.low)
    nominal = bool(classes & {"NOUN", "ADJ", "PROPN", "ADP"})
    if form == GERUND:
        nominal = nominal or word.low in lexicon.ING_NOUNS
    if direct:
        # "post or share ...": straight after a verb, a verb form is a verb.
        return True
    if not nominal:
        return True
    following = tokens[index + 1] if index + 1 < end else None
    if following is None:
        return None
    if following.protected or (following.is_word and following.low in _OBJECT_STARTS):
        return True
    return None


def render(
    sentence: Sentence,
    predicate: Predicate,
    form: str,
    marker_words: dict[Modality, str],
    replacements: dict[tuple[int, int], str] | None = None,
    clause_words: dict[Modality, str] | None = None,
) -> str | None:
    """The predicate with every verb in `form` and every conjunct marker replaced.

    `marker_words` maps a marker's strength to the words that stand for it in the new frame
    ("" drops the marker), `clause_words` the same for a clause of its own after a semicolon;
    `replacements` maps token spans to new text (pronouns for a new subject). None when the
    predicate cannot be put in that form without doubt.
    """
    clause_words = clause_words or {}
    target = BASE if form == FINITE else form
    same_form = target == predicate.form
    if not same_form and (not predicate.certain or NOUN_PHRASE in (target, predicate.form)):
        return None
    edits: list[tuple[int, int, str]] = []
    for marker in predicate.markers:
        words = clause_words if marker.clause else marker_words
        if marker.modality not in words:
            return None
        replacement = words[marker.modality]
        if marker.clause:
            replacement = morph.match_case(sentence.tokens[marker.start].text, replacement)
        edits.append((marker.start, marker.end, replacement))
    for position, slot in enumerate(predicate.slots):
        new = "are" if form == FINITE and position == 0 and slot.base.lower() == "be" else None
        if new is None and not same_form:
            new = _inflect(slot.base, target)
            if new is None:
                return None
        if new is not None:
            written = sentence.tokens[slot.index].text
            edits.append((slot.index, slot.index + 1, morph.match_case(written, new)))
    for (first, last), text in (replacements or {}).items():
        edits.append((first, last, text))
    return apply(sentence, predicate.start, predicate.end, sorted(edits))


def _inflect(base: str, form: str) -> str | None:
    if form == BASE:
        return base
    if form == GERUND:
        return morph.gerund(base)
    if form == PARTICIPLE:
        return morph.participle(base)
    return None


def apply(sentence: Sentence, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    """Text of tokens start..end with (first, last, replacement) token edits applied."""
    tokens = sentence.tokens
    text = sentence.text
    pieces: list[str] = []
    cursor = tokens[start].start
    stop = tokens[end - 1].end
    for first, last, replacement in edits:
        begin = tokens[first].start
        finish = tokens[last - 1].end
        pieces.append(text[cursor:begin])
        if replacement:
            pieces.append(replacement)
            cursor = finish
        else:
            # Drop the words and the space after them.
            cursor = tokens[last].start if last < len(tokens) else finish
    pieces.append(text[cursor:stop])
    return "".join(pieces)
