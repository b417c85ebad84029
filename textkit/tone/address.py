"""Who a rule speaks to: turning "Employees must identify themselves" into "you".

Guideline voice speaks to the reader. A rule about the document's whole audience ("Employees",
"All staff", "Faculty and staff", "Dell employees and other company representatives") can be
said to the reader directly; its pronouns follow ("themselves" -> "yourself", "their" ->
"your", "they" -> "you"). A rule about part of the audience ("Hourly employees", "Managers",
"Employees who serve as administrators") keeps its subject: saying it to everyone would widen
its scope.

Every function returns None when it is not sure, and the caller then keeps the subject.
"""

from __future__ import annotations

from textkit.tone import lexicon
from textkit.tone import morphology as morph
from textkit.tone.sentences import Sentence, Token

_QUALIFIERS = frozenset("all our the every each any an a other".split())

# Pronouns for the subject, and what they become for "you".
_PRONOUNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("himself", "or", "herself"), "yourself"),
    (("herself", "or", "himself"), "yourself"),
    (("his", "or", "her"), "your"),
    (("her", "or", "his"), "your"),
    (("themselves",), "yourself"),
    (("themself",), "yourself"),
    (("their",), "your"),
    (("theirs",), "yours"),
    (("they're",), "you're"),
    (("they've",), "you've"),
    (("they'd",), "you'd"),
    (("they'll",), "you'll"),
    (("they",), "you"),
)
# Words after "they" that show a person doing something ("as they would", "they are using").
_PERSON_AUXILIARIES = frozenset(
    "would could should will can may might must do did are were have had".split()
)


_MEMBERS_OF_STAFF = ("members", "of", "staff")


def is_audience(sent: Sentence, first: int, last: int) -> bool:
    """Whether tokens first..last name the whole audience ("Employees", "All staff")."""
    tokens = [token for token in sent.tokens[first:last]]
    words = tuple(token.low for token in tokens)
    if words[-3:] in (_MEMBERS_OF_STAFF, ("member", "of", "staff")) and len(words) <= 4:
        return len(words) == 3 or words[0] in _QUALIFIERS
    if not tokens or not all(token.is_word or token.text == "," for token in tokens):
        return False
    groups: list[list[Token]] = [[]]
    for token in tokens:
        if token.text == "," or token.low in lexicon.COORDINATORS:
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(token)
    return all(group and _is_audience_group(group) for group in groups)


# Modifiers that keep a group the whole audience ("public servants", "nursing associates").
_WHOLE_AUDIENCE_MODIFIERS = frozenset(
    "public civil nursing company university staff team other fellow".split()
)


# Two-word names of the whole audience whose head alone names a role.
_AUDIENCE_COMPOUNDS = frozenset(
    {
        "company representatives",
        "staff members",
        "team members",
        "public servants",
        "civil servants",
        "nursing associates",
    }
)


def _is_audience_group(group: list[Token]) -> bool:
    words = list(group)
    while words and words[0].low in _QUALIFIERS:
        words = words[1:]
    if not words:
        return False
    head = words[-1].low
    compound = len(words) > 1 and f"{words[-2].low} {head}" in _AUDIENCE_COMPOUNDS
    if compound:
        words = words[:-1]
    elif head not in lexicon.AUDIENCE_NOUNS and morph.singular(head) not in lexicon.AUDIENCE_NOUNS:
        return False
    for modifier in words[:-1]:
        low = modifier.low
        if low in _WHOLE_AUDIENCE_MODIFIERS or low in lexicon.AUDIENCE_NOUNS:
            continue
        classes = morph.classes(low)
        if not classes or (modifier.text[:1].isupper() and modifier.start > 0):
            continue  # an organisation's name: "Dell employees", "BBC staff"
        if classes & {"NOUN", "PROPN"} and "ADJ" not in classes:
            continue  # a noun modifier: "university employees", "Post journalists"
        return False  # "Hourly employees", "New staff": part of the audience only
    return True


def pronoun_edits(
    sent: Sentence, start: int, end: int, singular: bool
) -> dict[tuple[int, int], str] | None:
    """Edits that make the subject's pronouns in tokens start..end refer to "you".

    Pronouns after another person is named refer to that person and stay as written; a
    pronoun that may point either way makes the whole edit unsure (None).
    """
    tokens = sent.tokens
    edits: dict[tuple[int, int], str] = {}
    other_person = False
    plural_before = False
    index = start
    while index < end:
        token = tokens[index]
        if not token.is_word:
            index += 1
            continue
        low = token.low
        matched = False
        for words, replacement in _PRONOUNS:
            if words[0] != low:
                continue
            stop = index + len(words)
            if stop > end or tuple(t.low for t in tokens[index:stop]) != words:
                continue
            matched = True
            if other_person:
                if words[0].startswith("they") or (singular and words[0] in ("his", "her")):
                    return None  # "they" after "customers": whose?
                index = stop
                break
            if words[0] in ("his", "her", "himself", "herself") and not singular:
                index = stop
                break
            if (
                words[0].startswith("they")
                and plural_before
                and not _they_is_subject(tokens, index, end)
            ):
                return None
            edits[(index, stop)] = _styled(token.text, replacement)
            index = stop
            break
        if matched:
            continue
        if low in ("them", "themself") and not other_person:
            return None  # "the devices given to them": the subject itself, or the devices?
        if low in ("he", "she", "him", "his", "her") and singular and not other_person:
            return None
        if morph.is_person(low) and low not in ("one",):
            other_person = True
        elif morph.is_plural_noun(low):
            plural_before = True
        index += 1
    return edits


def _they_is_subject(tokens: tuple[Token, ...], index: int, end: int) -> bool:
    """ "the things they say", "as they would", "they are representing": people doing it."""
    before = tokens[index - 1] if index > 0 else None
    if before is not None and before.is_word and morph.is_plural_noun(before.low):
        return True  # a relative clause without "that": "the things they say"
    following = tokens[index + 1] if index + 1 < end else None
    if following is None or following.low not in _PERSON_AUXILIARIES:
        return False
    after = tokens[index + 2] if index + 2 < end else None
    return after is None or morph.base_of_participle(after.low) is None or after.low in ("been",)


def _styled(model: str, replacement: str) -> str:
    """The replacement with the model's apostrophe and capitals."""
    if "’" in model:
        replacement = replacement.replace("'", "’")
    return morph.match_case(model, replacement)
