"""Sentences and tokens, with quotations, links, addresses and numbers kept whole.

A statement is split into sentences and each sentence into tokens that know their place in the
text, so that everything the engine does not change is copied from the statement character for
character. A quotation ("Opinions are my own."), a link, an e-mail address, a handle or a number
is one *protected* token: nothing inside it is ever read as a frame or inflected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

WORD = "word"
PUNCT = "punct"
QUOTE = "quote"
LINK = "link"
NUMBER = "number"

PROTECTED_KINDS = frozenset({QUOTE, LINK, NUMBER})

_TLDS = r"(?:com|org|net|edu|gov|io|co|uk|us|ca|de|fr|info|biz|ly|me|tv|int)"
_QUOTE = r"""(?P<quote>“[^“”]*”|"[^"]*"|‘[^‘’]*’(?![\w])|(?<![\w])'[^'\n]+'(?![\w]))"""
_LINK = (
    r"""|(?P<link>(?:https?://|www\.)[^\s"“”<>]+?(?=[.,;:!?)\]]*(?:\s|$))"""
    r"""|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"""
    r"""|(?<![\w@.])[\w-]+(?:\.[\w-]+)*\."""
    + _TLDS
    + r"""\b(?:/[^\s"“”<>]*?)?(?=[.,;:!?)\]]*(?:\s|$))"""
    r"""|[@#][\w-]+)"""
)
_REST = r"""
    |(?P<abbr>\b(?:[A-Za-z]\.){2,})
    |(?P<number>[$£€]?\d(?:[\d,.:/-]*\d)?(?:%|st|nd|rd|th|s)?\b)
    |(?P<word>\w+(?:['’&-]\w+)*)
    |(?P<punct>\S)
    """
_TOKEN = re.compile(_QUOTE + _LINK + _REST, re.VERBOSE)
# Most sentences hold no link: a pattern without the link alternatives reads them faster.
_TOKEN_NO_LINK = re.compile(_QUOTE + _REST, re.VERBOSE)
_MAY_LINK = re.compile(r"[@#]|://|www\.|\w\." + _TLDS + r"\b")

# Words after whose full stop a sentence does not end.
_NO_BREAK = frozenset(
    "mr mrs ms dr st prof inc ltd co corp no nos vs approx dept jr sr fig ref ca cf".split()
)

_FINAL = frozenset(".!?…")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    kind: str
    low: str  # lower case with straight apostrophes, for matching
    is_word: bool

    @property
    def protected(self) -> bool:
        return self.kind in PROTECTED_KINDS


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    pattern = _TOKEN if _MAY_LINK.search(text) else _TOKEN_NO_LINK
    lowered = text.lower().replace("’", "'")
    if len(lowered) != len(text):
        # A character whose lower case is longer ("İ"): lower-case token by token instead.
        lowered = "".join(char.lower()[:1] for char in text).replace("’", "'")
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # skips NamedTuple's keyword handling: tokenizing is on the hot path
    for match in pattern.finditer(text):
        first, last = match.span()
        kind = match.lastgroup or PUNCT
        if kind == "abbr":
            kind = WORD
        append(new(Token, (text[first:last], first, last, kind, lowered[first:last], kind == WORD)))
    return tuple(tokens)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text (no surrounding space), tokens and final punctuation."""

    text: str
    tokens: tuple[Token, ...]

    @cached_property
    def body_end(self) -> int:
        """Index of the first token of the final punctuation (len(tokens) when there is none)."""
        index = len(self.tokens)
        while index > 0 and self.tokens[index - 1].kind == PUNCT:
            if self.tokens[index - 1].text not in _FINAL:
                break
            index -= 1
        return index

    @property
    def final(self) -> str:
        """The final punctuation as written ("." or "!" or ""), kept by every rendering."""
        if self.body_end == len(self.tokens):
            return ""
        return self.text[self.tokens[self.body_end].start :]

    @property
    def body(self) -> tuple[Token, ...]:
        return self.tokens[: self.body_end]

    @property
    def is_question(self) -> bool:
        return "?" in self.final or self.text.rstrip().endswith("?")

    def span(self, first: int, last: int) -> str:
        """Text from token `first` up to (not including) token `last`, as written."""
        if first >= last:
            return ""
        return self.text[self.tokens[first].start : self.tokens[last - 1].end]

    def rest(self, first: int) -> str:
        """Text from token `first` to the end of the body, as written."""
        return self.span(first, self.body_end)


def sentence(text: str) -> Sentence:
    return Sentence(text, tokenize(text))


@lru_cache(maxsize=4096)
def split(statement: str) -> tuple[tuple[str, str], ...]:
    """Sentences of a statement, each with the space that follows it.

    Joining every sentence and its space gives the statement back exactly.
    """
    tokens = tokenize(statement)
    pieces: list[tuple[str, str]] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.kind != PUNCT or token.text not in _FINAL:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is None:
            break
        if following.kind == PUNCT and following.text in _FINAL:
            continue  # "?!" or "...": the sentence ends after the last mark
        gap = statement[token.end : following.start]
        if not gap.strip() == "" or not gap:
            continue
        if not (following.text[:1].isupper() or following.kind in (QUOTE, NUMBER)):
            continue
        before = tokens[index - 1] if index > 0 else None
        if token.text == "." and before is not None and before.low in _NO_BREAK:
            continue
        if token.text == "." and before is not None and len(before.text) == 1:
            continue  # an initial: "J. Smith"
        pieces.append((statement[start : token.end], gap))
        start = following.start
    tail = statement[start:]
    stripped = tail.rstrip()
    pieces.append((stripped, tail[len(stripped) :]))
    if not pieces[0][0] and len(pieces) > 1:
        return tuple(pieces[1:])
    return tuple(pieces)
