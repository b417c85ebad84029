"""Word classes and verb forms, from lemminflect with a small domain override list.

Every lookup is cached: lemminflect answers in tens of microseconds, and rule statements use a
small vocabulary over and over. Words are looked up in lower case with straight apostrophes;
callers restore the case of the word they replace (`match_case`).
"""

from __future__ import annotations

from functools import lru_cache

import lemminflect  # type: ignore[import-untyped]  # no stubs; the typed wrappers are below

from textkit.tone import lexicon

_CACHE = 65536

# Auxiliaries that are also full verbs in their base form ("be respectful", "do your part").
_FULL_VERBS = frozenset({"be", "have", "do"})
_AUXILIARIES_ONLY = lexicon.AUXILIARIES - _FULL_VERBS


@lru_cache(maxsize=_CACHE)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = dict(lemminflect.getAllLemmas(word))
    return result


@lru_cache(maxsize=_CACHE)
def _inflection(lemma: str, tag: str) -> str | None:
    forms: tuple[str, ...] = lemminflect.getInflection(lemma, tag=tag)
    return forms[0] if forms else None


def warm() -> None:
    """Load lemminflect's tables now (about a second), not in the middle of the first render."""
    _lemmas("post")
    _inflection("post", "VBG")


def _closed_class(word: str) -> frozenset[str]:
    classes: set[str] = set()
    if word in lexicon.DETERMINERS:
        classes.add("DET")
    if word in lexicon.PERSONAL_PRONOUNS or word in lexicon.SUBJECT_PRONOUNS:
        classes.add("PRON")
    if word in lexicon.PREPOSITIONS:
        classes.add("ADP")
    if word in lexicon.COORDINATORS:
        classes.add("CCONJ")
    if word in lexicon.SUBORDINATORS:
        classes.add("SCONJ")
    if word in lexicon.AUXILIARIES or word in lexicon.NEGATED_CONTRACTIONS:
        classes.add("AUX")
    if word in lexicon.NEGATORS:
        classes.add("PART")
    return frozenset(classes)


@lru_cache(maxsize=_CACHE)
def classes(word: str) -> frozenset[str]:
    """Universal part-of-speech classes the word can take ("NOUN", "VERB", "DET", ...)."""
    word = word.lower().replace("’", "'")
    if word in lexicon.OVERRIDES:
        return lexicon.OVERRIDES[word] | _closed_class(word)
    closed = _closed_class(word)
    if closed:
        # Function words: lemminflect calls "your" and "they" nouns.
        open_classes = {"ADV"} if "ADV" in _lemmas(word) else set()
        if word in _FULL_VERBS:
            open_classes.add("VERB")
        return closed | open_classes
    return frozenset(_lemmas(word))


def is_known(word: str) -> bool:
    """True when the word is in the lexicon at all (any class)."""
    return bool(classes(word))


@lru_cache(maxsize=_CACHE)
def is_base_verb(word: str) -> bool:
    """True for a verb in its base form ("post", "share", "be"), not for "posted" or "posts"."""
    low = word.lower().replace("’", "'")
    if low in _AUXILIARIES_ONLY:
        return False
    word_classes = classes(low)
    if "VERB" not in word_classes:
        return False
    if low in lexicon.OVERRIDES:
        return True
    lemmas = _lemmas(low).get("VERB", ())
    return low in lemmas or low in _FULL_VERBS


def is_noun(word: str) -> bool:
    return "NOUN" in classes(word) or "PROPN" in classes(word)


@lru_cache(maxsize=_CACHE)
def singular(noun: str) -> str:
    """The singular of a plural noun ("midwives" -> "midwife"), or the word itself."""
    low = noun.lower()
    lemmas = _lemmas(low).get("NOUN", ())
    return lemmas[0] if lemmas else low


def is_person(word: str) -> bool:
    """True for nouns that name people ("nurses", "staff", "volunteer")."""
    low = word.lower()
    return low in lexicon.PERSON_NOUNS or singular(low) in lexicon.PERSON_NOUNS


def is_plural_noun(word: str) -> bool:
    low = word.lower()
    if "NOUN" not in classes(low) or low in ("staff", "media", "data", "news", "its"):
        return low in ("media", "data", "people", "others")
    return singular(low) != low


def is_adjective(word: str) -> bool:
    return "ADJ" in classes(word)


def is_adverb(word: str) -> bool:
    low = word.lower()
    if low in lexicon.NOT_ADVERBS:
        return False
    if low in lexicon.FRAME_ADVERBS:
        return True
    word_classes = classes(low)
    return word_classes == frozenset({"ADV"}) or (
        low.endswith("ly") and "ADV" in word_classes and "VERB" not in word_classes
    )


@lru_cache(maxsize=_CACHE)
def gerund(verb: str) -> str | None:
    """The "-ing" form of a base verb ("post" -> "posting"), keeping its case; None if unknown."""
    head, last = _split_compound(verb)
    low = last.lower().replace("’", "'")
    if not low.isalpha() and "-" not in low:
        return None
    form = lexicon.GERUND_OVERRIDES.get(low) or _inflection(low, "VBG")
    if form is None:
        return None
    return head + match_case(last, form)


@lru_cache(maxsize=_CACHE)
def base_of_gerund(word: str) -> str | None:
    """The base verb behind an "-ing" form ("posting" -> "post"); None when it is no gerund."""
    head, last = _split_compound(word)
    low = last.lower()
    if len(low) < 4 or not low.endswith("ing"):
        return None
    for base, form in lexicon.GERUND_OVERRIDES.items():
        if form == low:
            return head + match_case(last, base)
    lemmas = _lemmas(low).get("VERB", ())
    if not lemmas:
        if low[:-3] in lexicon.OVERRIDES or low[:-4] in lexicon.OVERRIDES:
            base = low[:-3] if low[:-3] in lexicon.OVERRIDES else low[:-4]
        elif low[:-3] + "e" in lexicon.OVERRIDES:
            base = low[:-3] + "e"
        else:
            return None
    else:
        base = lemmas[0]
    if base == low or gerund(base) != low:
        return None
    return head + match_case(last, base)


@lru_cache(maxsize=_CACHE)
def base_of_participle(word: str) -> str | None:
    """The base verb behind a past participle ("disclosed" -> "disclose"); None if it is none."""
    head, last = _split_compound(word)
    low = last.lower()
    if low in lexicon.PARTICIPLE_OVERRIDES:
        return head + match_case(last, lexicon.PARTICIPLE_OVERRIDES[low])
    for lemma in _lemmas(low).get("VERB", ()):
        forms: tuple[str, ...] = lemminflect.getInflection(lemma, tag="VBN")
        if low in forms:
            return head + match_case(last, lemma)
    return None


@lru_cache(maxsize=_CACHE)
def participle(verb: str) -> str | None:
    """The past participle of a base verb ("disclose" -> "disclosed")."""
    head, last = _split_compound(verb)
    for form, base in lexicon.PARTICIPLE_OVERRIDES.items():
        if base == last.lower():
            return head + match_case(last, form)
    inflected = _inflection(last.lower(), "VBN")
    return None if inflected is None else head + match_case(last, inflected)


def match_case(model: str, word: str) -> str:
    """`word` with the capitalisation of `model` ("Post", "posting" -> "Posting")."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _split_compound(word: str) -> tuple[str, str]:
    """("double-", "check"): only the last part of a hyphenated verb inflects."""
    if word.lower() in lexicon.OVERRIDES:
        return "", word
    cut = word.rfind("-")
    if 0 < cut < len(word) - 1:
        return word[: cut + 1], word[cut + 1 :]
    return "", word


warm()
