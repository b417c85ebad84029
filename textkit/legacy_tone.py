"""The rephrasing engine behind the tone toggle.

One rule statement, two renderings: a *policy* states a clear obligation or prohibition ("Do not
post anonymously."), a *guideline* gives the same point as advice ("Avoid posting anonymously.").

How it works: each sentence is matched against the frames people use to state rules (an
imperative, a modal after any subject, a passive, an advisory frame such as "We encourage you
to ..."). A match yields a reading: the modality, who is addressed, and the subject matter after
the frame. Rendering swaps the frame for one in the wanted tone and keeps the subject matter
character for character, except that its verb may change form ("post" -> "posting"). A sentence
that matches no frame comes back unchanged. In guideline tone, prohibitive words left inside the
subject matter are softened by small local substitutions.

Choices worth knowing:
- Policy tone always yields an obligation or prohibition, also for SHOULD rules ("Try to add
  value." -> "You must add value."), because that is what the policy rendering is for; the
  modality itself is recorded on the rule and shown beside it.
- MAY statements keep their permission in both tones ("Employees may blog." stays as it is);
  only "Feel free to X" (guideline) and "You may X" (policy) trade places.
- A statement already in the wanted tone is returned as written ("Staff shall X." stays in policy
  tone, "You should X." stays in guideline tone), so authors' wording survives where it can.
- The modality given by the author matters where the wording cannot tell: a plain imperative
  ("Blog about your work.") with MAY becomes a permission in both tones.

Pure Python over plain `re`; no Django, no network, no model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import islice

from textkit import legacy_morphology as morph
from textkit.modality import GUIDELINE, POLICY, TONES, Modality

_I = re.IGNORECASE

# Curly quotes become straight ones for matching only; both are one character long, so spans
# found in the normalised text slice the original text exactly.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " "})

# ---------------------------------------------------------------------------------------------
# Word lists

# Wording that has no place in a guideline. Longer alternatives come first so that "must not"
# is reported as such rather than as "must".
_FORBIDDEN = re.compile(
    r"\b(?:must\s+not|mustn't|must|shall\s+not|shan't|shall|do\s+not|don't|never|prohibited"
    r"|forbidden|not\s+permitted|not\s+allowed|may\s+not|required|mandatory|obliged"
    r"|obligated)\b",
    _I,
)

# Wording that makes a policy sound optional.
_ADVISORY = re.compile(
    r"\b(?:should\s+not|shouldn't|should|try\s+not\s+to|try\s+to|consider|encourage[sd]?"
    r"|recommend(?:s|ed)?|feel\s+free|think\s+twice|ideally|if\s+possible|where\s+possible"
    r"|a\s+good\s+idea)\b|(?:^|[.!?]\s+)avoid\b",
    _I,
)

_PERSONS = frozenset(
    """
    you we they i he she one everyone everybody anyone anybody someone somebody nobody employee
    employees staff associate associates worker workers user users member members manager
    managers contractor contractors individual individuals people person persons team teams
    colleague colleagues coworker coworkers co-workers personnel intern interns consultant
    consultants vendor vendors partner partners representative representatives spokesperson
    spokespeople leader leaders supervisor supervisors executive executives officer officers
    director directors participant participants author authors blogger bloggers editor editors
    writer writers student students faculty volunteer volunteers moderator moderators
    administrator administrators admin admins all each
    """.split()
)

# Words that cannot start the subject of a rule: they open an introductory phrase instead.
_INTRO_WORDS = frozenset(
    """
    when whenever if unless before after while as because since once until where wherever
    although though in on at for to with without during by under over within outside however
    also additionally finally furthermore moreover therefore thus please remember always never
    avoid do don't dont try consider above again so but and or then even
    """.split()
)

# Words that cannot end the subject of a rule: the modal after them belongs to a clause inside.
_SUBJECT_BAD_ENDS = frozenset(
    "who that which whom whose what if when where how why and or but than to of because as "
    "while unless until since so".split()
)

_AUXILIARIES = frozenset(
    "is are was were will would can could should must may might shall has have had does "
    "did am".split()
)

# Words that open a subordinate clause: an auxiliary after them says nothing about whether the
# sentence starts with a verb ("Consider how your post might look ...").
_SUBORDINATORS = frozenset(
    "how what whether if that when where who which why before after as because while until "
    "since than".split()
)

# Introductory phrases set off by a comma start with one of these (or an -ly/-ing word); a
# comma after anything else more likely separates items of a list.
_INTRO_OPENERS = _INTRO_WORDS | frozenset(
    """
    online generally ideally basically importantly note again here now today otherwise instead
    likewise similarly first second third lastly overall regardless except besides internally
    externally as
    """.split()
)

_PRONOUN_SUBJECTS = frozenset("you we they it he she i who what that which there".split())

_PARTICIPLE = re.compile(
    r"be\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|used|shared|posted|sent|made|taken|given|shown|kept|"
    r"sold|held|put|set|brought|built|bought|left|read|written|said|told|known|seen|done|"
    r"paid|found|spent|run|copied|disclosed|published|displayed|installed|stored)\b",
    _I,
)

_PROPER_NOUNS = frozenset(
    """
    facebook twitter instagram linkedin youtube tiktok google microsoft apple amazon reddit
    wikipedia slack yammer github snapchat pinterest whatsapp x internet
    """.split()
)


# ---------------------------------------------------------------------------------------------
# Readings


@dataclass(frozen=True)
class _Reading:
    """What a sentence says, split into frame and subject matter."""

    modality: Modality
    kind: str  # "reader" (imperative or "you"), "subject", "passive", "plain"
    vp: str  # the subject matter after the frame, as written
    form: str = "base"  # "base" | "gerund" | "np": the grammatical shape of vp
    subject: str = ""  # the subject ("Employees") or, for passives, the noun phrase
    copula: str = "is"
    tail: str = ""  # passives: what follows the keyword
    keep_policy: bool = False  # the wording already reads as policy
    keep_guideline: bool = False  # the wording already reads as guideline
    special: str = ""
    prefix: str = ""  # an introductory phrase kept verbatim ("When in doubt, ")


@dataclass(frozen=True)
class _Text:
    body: str  # as written
    norm: str  # the same with straight apostrophes, for matching

    @classmethod
    def of(cls, body: str) -> _Text:
        return cls(body, body.translate(_APOSTROPHES))

    def after(self, match: re.Match[str]) -> str:
        return self.body[match.end() :]

    def group(self, match: re.Match[str], name: str | int) -> str:
        start, end = match.span(name)
        return self.body[start:end] if start >= 0 else ""

    def sub(self, start: int, end: int | None = None) -> _Text:
        return _Text(self.body[start:end], self.norm[start:end])


def _gerund_or_np(vp: str) -> str:
    return "gerund" if morph.starts_with_gerund(vp) else "np"


_NEGATION_START = re.compile(r"(?:do\s+not|don't|dont|never|not)(?:\s+ever)?\s+(?=\w)", _I)


def _absorb_negation(reading: _Reading, text: _Text, offset: int) -> _Reading:
    """A positive frame followed by a negation ("Make sure you never X") is a negative rule."""
    match = _NEGATION_START.match(text.norm, offset)
    if not match:
        return reading
    flipped = {
        Modality.MUST: Modality.MUST_NOT,
        Modality.SHOULD: Modality.SHOULD_NOT,
        Modality.MAY: Modality.MAY,
    }[reading.modality]
    strong = bool(_FORBIDDEN.match(text.norm, match.start()))
    return replace(
        reading,
        modality=flipped,
        vp=text.after(match),
        keep_guideline=reading.keep_guideline and not strong,
    )


def _reader(
    modality: Modality,
    text: _Text,
    match: re.Match[str],
    *,
    form: str = "base",
    keep_policy: bool = False,
    keep_guideline: bool = False,
    special: str = "",
    absorb: bool = False,
) -> _Reading:
    vp = text.after(match)
    if form == "auto":
        form = _gerund_or_np(vp)
    reading = _Reading(
        modality,
        "reader",
        vp,
        form=form,
        keep_policy=keep_policy,
        keep_guideline=keep_guideline,
        special=special,
    )
    return _absorb_negation(reading, text, match.end()) if absorb else reading


_NOT = r"(?:do\s+not|don't|dont)"
_F_HESITATE = re.compile(_NOT + r"\s+(?:ever\s+)?(?:hesitate|be\s+afraid)\s+to\s+(?=\S)", _I)
_F_FORGET = re.compile(_NOT + r"\s+forget\s+to\s+(?=\S)", _I)
_F_DONT = re.compile(_NOT + r"(?:\s+ever\b)?\s*(?=[,\w])", _I)
_F_NEVER = re.compile(r"never(?:\s*,?\s*ever\b)?\s*(?=[,\w])", _I)
_F_AVOID = re.compile(r"avoid\s+(?=\S)", _I)
_F_REFRAIN = re.compile(r"refrain\s+from\s+(?=\S)", _I)
_F_TWICE = re.compile(
    r"think\s+(?:twice|carefully|hard)\s+(?:before|about)\s+(?P<you>you\s+)?(?=\S)", _I
)
_F_TRY_NOT = re.compile(r"try\s+not\s+to\s+(?=\S)", _I)
_F_TRY = re.compile(r"try\s+(?:to|and)\s+(?=\S)", _I)
_F_CONSIDER = re.compile(r"consider\s+(?=\S)", _I)
_F_ALWAYS = re.compile(r"always\s+(?=\w)", _I)
_F_MAKE_SURE_THING = re.compile(r"(?:make\s+sure|ensure)\s+(?=\w)", _I)
_F_MAKE_SURE = re.compile(r"(?:make\s+sure|be\s+sure|ensure)\s+(?:that\s+)?you\s+(?=\S)", _I)
_F_BE_SURE_NOT = re.compile(r"(?:be\s+sure|make\s+sure|remember)\s+not\s+to\s+(?=\S)", _I)
_F_BE_SURE = re.compile(r"(?:be\s+sure|make\s+sure|remember)\s+to\s+(?=\S)", _I)
_F_FEEL_FREE = re.compile(r"feel\s+free\s+to\s+(?=\S)", _I)
_F_PLEASE = re.compile(r"(?:please|kindly)\s*,?\s+(?=\S)", _I)


def _read_reader_frames(text: _Text) -> _Reading | None:
    """Imperatives addressed to the reader."""
    n = text.norm
    M = Modality
    if m := _F_HESITATE.match(n):
        return _reader(M.MAY, text, m, special="hesitate")
    if m := _F_FORGET.match(n):
        return _reader(M.SHOULD, text, m, special="forget")
    if m := _F_DONT.match(n):
        return _reader(M.MUST_NOT, text, m, keep_policy=True)
    if m := _F_NEVER.match(n):
        return _reader(M.MUST_NOT, text, m, keep_policy=True)
    if m := _F_AVOID.match(n):
        return _reader(M.SHOULD_NOT, text, m, form="auto", keep_guideline=True)
    if m := _F_REFRAIN.match(n):
        return _reader(M.SHOULD_NOT, text, m, form="auto")
    if m := _F_TWICE.match(n):
        form = "base" if m.group("you") else "auto"
        return _reader(M.SHOULD_NOT, text, m, form=form, keep_guideline=True, special="twice")
    if m := _F_TRY_NOT.match(n):
        return _reader(M.SHOULD_NOT, text, m, keep_guideline=True)
    if m := _F_TRY.match(n):
        return _reader(M.SHOULD, text, m, keep_guideline=True, absorb=True)
    if (m := _F_CONSIDER.match(n)) and morph.starts_with_gerund(text.after(m)):
        return _reader(M.SHOULD, text, m, form="gerund", keep_guideline=True)
    if _F_ALWAYS.match(n):
        return _Reading(M.MUST, "plain", text.body, keep_guideline=True)
    if m := _F_MAKE_SURE.match(n):
        return _reader(M.SHOULD, text, m, keep_guideline=True, absorb=True)
    if _F_MAKE_SURE_THING.match(n):
        return _Reading(M.SHOULD, "plain", text.body, keep_guideline=True)
    if m := _F_BE_SURE_NOT.match(n):
        return _reader(M.SHOULD_NOT, text, m, keep_guideline=True)
    if m := _F_BE_SURE.match(n):
        return _reader(M.SHOULD, text, m, keep_guideline=True, absorb=True)
    if m := _F_FEEL_FREE.match(n):
        return _reader(M.MAY, text, m, keep_guideline=True, special="free")
    return None


# "It is X to ...": the adjective decides the modality.
_IT_KEYWORDS: list[tuple[str, Modality]] = [
    (
        r"(?:strictly\s+)?(?:prohibited|forbidden|not\s+permitted|not\s+allowed|not\s+acceptable"
        r"|unacceptable|never\s+(?:acceptable|ok(?:ay)?|appropriate|permitted|allowed)"
        r"|not\s+ok(?:ay)?|not\s+appropriate|inappropriate"
        r"|against\s+(?:the\s+|company\s+|our\s+)?(?:law|policy|the\s+rules))",
        Modality.MUST_NOT,
    ),
    (
        r"(?:never|not)\s+(?:a\s+)?(?:good|wise|smart)\s+(?:idea|practice)|(?:a\s+)?bad\s+idea"
        r"|unwise|not\s+wise|inadvisable|not\s+advisable|risky",
        Modality.SHOULD_NOT,
    ),
    (
        r"(?:absolutely\s+)?(?:required|mandatory|compulsory|essential|critical|vital|imperative)"
        r"|(?:your|everyone's|each\s+employee's)\s+(?:job|duty|responsibility|obligation)",
        Modality.MUST,
    ),
    (
        r"(?:very\s+|especially\s+|always\s+|also\s+|really\s+)?(?:important|best|wise|advisable"
        r"|recommended|helpful|smart|prudent|sensible|better|useful"
        r"|(?:a\s+)?(?:good|great|smart)\s+(?:idea|practice|habit)|helps|pays)",
        Modality.SHOULD,
    ),
    (
        r"(?:perfectly\s+|usually\s+)?(?:ok(?:ay)?|fine|acceptable|permissible|alright"
        r"|all\s+right|allowed|permitted)",
        Modality.MAY,
    ),
]
_F_IT = re.compile(
    r"it(?:'s|\s+is|\s+will\s+be|\s+would\s+be|\s+(?=(?:helps|pays)\b))\s*(?P<kw>"
    + "|".join(f"(?P<k{index}>{pattern})" for index, (pattern, _) in enumerate(_IT_KEYWORDS))
    + r")\s*,?\s+(?P<not>not\s+)?(?:to|that\s+you|for\s+you\s+to)\s+(?=\S)",
    _I,
)


def _read_it_frame(text: _Text) -> _Reading | None:
    m = _F_IT.match(text.norm)
    if not m:
        return None
    index = next(
        (position for position in range(len(_IT_KEYWORDS)) if m.group(f"k{position}")), None
    )
    if index is None:
        return None
    modality = _IT_KEYWORDS[index][1]
    if m.group("not"):
        modality = {
            Modality.MUST: Modality.MUST_NOT,
            Modality.SHOULD: Modality.SHOULD_NOT,
        }.get(modality, modality)
    frame = text.norm[: m.end()]
    return _Reading(
        modality,
        "reader",
        text.after(m),
        # "It is mandatory to X" reads better as "You must X"; "prohibited" already says it.
        keep_policy=bool(re.search(r"prohibited|forbidden|not\s+(?:permitted|allowed)", frame, _I)),
        keep_guideline=not _FORBIDDEN.search(frame) and modality != Modality.MUST_NOT,
    )


_ORG = (
    r"(?P<org>we|(?:the|our)\s+(?:company|organi[sz]ation|firm|employer|business|team|group)"
    r"|(?-i:[A-Z])[\w&.'-]*(?:\s+(?-i:[A-Z])[\w&.'-]*){0,2})"
)
_OBJ = r"(?P<obj>you|(?:all\s+|our\s+|its\s+|their\s+|each\s+|every\s+)?[\w-]+(?:\s+[\w-]+)?)"
_ADV = r"(?:(?:also|strongly|really|therefore|always|highly|actively)\s+)?"
_F_WE_TO = re.compile(
    _ORG
    + r"(?:\s+|(?='d\s))"
    + _ADV
    + r"(?P<verb>encourages?|recommends?|asks?|urges?|expects?|requires?|wants?|invites?"
    r"|trusts?|advises?|would\s+like|'d\s+like|needs?|requests?|prohibits?|forbids?"
    r"|(?:do|does)\s+not\s+(?:allow|permit|want)|(?:don't|doesn't)\s+(?:allow|permit|want))"
    r"\s+" + _OBJ + r"\s+(?P<not>not\s+)?to\s+(?=\S)",
    _I,
)
_F_WE_THAT = re.compile(
    _ORG
    + r"\s+"
    + _ADV
    + r"(?P<verb>asks?|recommends?|requests?|requires?|suggests?|expects?|insists?|prefers?)"
    r"\s+that\s+you\s+(?=\S)",
    _I,
)
_F_WE_THING = re.compile(
    _ORG
    + r"\s+"
    + _ADV
    + r"(?P<verb>recommends?|suggests?|encourages?|discourages?|(?:recommend|advise|caution)s?"
    r"\s+against|prohibits?|forbids?|bans?|(?:do|does)\s+not\s+(?:allow|permit|tolerate|condone)"
    r"|(?:don't|doesn't)\s+(?:allow|permit|tolerate|condone)"
    r"|(?:will\s+not|won't)\s+(?:tolerate|accept|allow|permit))\s+(?=\S)",
    _I,
)
_FROM_GERUND = re.compile(r"(?P<obj>[\w-]+(?:\s+[\w-]+){0,2})\s+from\s+(?=\S)", _I)

_ORG_STOPWORDS = frozenset(
    "anyone someone people customers others nobody they he she it this that these those "
    "employees you what".split()
)


def _org_ok(org: str) -> bool:
    return org.split()[0].lower() not in _ORG_STOPWORDS


def _verb_modality(verb: str, negated: bool) -> Modality:
    verb = verb.lower()
    if re.search(r"not|n't|prohibit|forbid|ban|against", verb):
        if "want" in verb:
            return Modality.SHOULD_NOT
        return Modality.MUST_NOT if "against" not in verb else Modality.SHOULD_NOT
    if verb.startswith("discourage"):
        return Modality.SHOULD_NOT
    if re.match(r"expect|require|need|insist", verb):
        return Modality.MUST_NOT if negated else Modality.MUST
    return Modality.SHOULD_NOT if negated else Modality.SHOULD


def _person_reading(modality: Modality, obj: str, vp: str, form: str, strong: bool) -> _Reading:
    """A rule about someone named in the sentence: "you" reads as the reader."""
    words = obj.split()
    if words and words[0].lower() in ("its", "our", "their"):
        obj = " ".join(words[1:])
    kind = "reader" if obj.lower() == "you" else "subject"
    return _Reading(
        modality,
        kind,
        vp,
        form=form,
        subject="" if kind == "reader" else obj,
        keep_policy=strong,
        keep_guideline=not strong and modality != Modality.MUST,
    )


def _read_we_frames(text: _Text) -> _Reading | None:
    n = text.norm
    if (m := _F_WE_TO.match(n)) and _org_ok(m.group("org")):
        modality = _verb_modality(m.group("verb"), bool(m.group("not")))
        strong = bool(re.match(r"requir|prohibit|forbid|do|don", m.group("verb"), _I))
        reading = _person_reading(modality, text.group(m, "obj"), text.after(m), "base", strong)
        if m.group("verb").lower().startswith("expect"):
            reading = replace(reading, keep_guideline=True)
        return reading
    if (m := _F_WE_THAT.match(n)) and _org_ok(m.group("org")):
        modality = _verb_modality(m.group("verb"), False)
        strong = m.group("verb").lower().startswith("requir")
        reading = _person_reading(modality, "you", text.after(m), "base", strong)
        return _absorb_negation(reading, text, m.end())
    if (m := _F_WE_THING.match(n)) and _org_ok(m.group("org")):
        modality = _verb_modality(m.group("verb"), False)
        strong = modality == Modality.MUST_NOT
        rest = text.sub(m.end())
        person = _FROM_GERUND.match(rest.norm)
        if person and modality.is_negative:
            obj = rest.group(person, "obj")
            if any(word.lower() in _PERSONS for word in obj.split()):
                vp = rest.after(person)
                return _person_reading(modality, obj, vp, _gerund_or_np(vp), strong)
        vp = text.after(m)
        return _Reading(
            modality,
            "reader",
            vp,
            form=_gerund_or_np(vp),
            keep_policy=strong,
            keep_guideline=not strong,
            special="org",
        )
    return None


_F_NO_CIRCUMSTANCES = re.compile(
    r"(?:under\s+no\s+circumstances?|at\s+no\s+time|in\s+no\s+(?:case|event)|on\s+no\s+account)"
    r"\s*,?\s+(?:should|may|must|can|shall|will|are|is|do|does)\s+(?=\S)",
    _I,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _read_no_circumstances(text: _Text) -> _Reading | None:
    m = _F_NO_CIRCUMSTANCES.match(text.norm)
    if not m:
        return None
    rest = text.sub(m.end())
    words = list(islice(_WORD.finditer(rest.norm), 6))
    if not words:
        return None
    if words[0].group().lower() == "you":
        start = words[1].start() if len(words) > 1 else len(rest.body)
        vp = rest.body[start:]
        vp = re.sub(r"^(?:ever\s+|be\s+allowed\s+to\s+)", "", vp, flags=_I)
        return _Reading(Modality.MUST_NOT, "reader", vp, keep_policy=True)
    for position in range(1, min(len(words), 5)):
        word = words[position].group().lower()
        if word == "to" or morph.is_verb(word):
            subject = rest.body[: words[position - 1].end()]
            vp_start = words[position + 1].start() if word == "to" else words[position].start()
            if word == "to" and position + 1 >= len(words):
                return None
            return _Reading(
                Modality.MUST_NOT,
                "subject",
                rest.body[vp_start:],
                subject=subject[:1].upper() + subject[1:],
                keep_policy=True,
            )
    return None


# ---------------------------------------------------------------------------------------------
# Modal sentences with any subject ("Employees must not ...")

_COP = r"(?:is|are|'re)"


@dataclass(frozen=True)
class _ModalSpec:
    pattern: str
    modality: Modality
    keep_policy: bool
    keep_guideline: bool
    form: str = "base"
    special: str = ""


_MODALS: list[_ModalSpec] = [
    _ModalSpec(r"must\s+not(?:\s+ever)?|mustn't|must\s+never", Modality.MUST_NOT, True, False),
    _ModalSpec(r"must", Modality.MUST, True, False),
    _ModalSpec(r"shall\s+not|shan't|shall\s+never", Modality.MUST_NOT, True, False),
    _ModalSpec(r"shall", Modality.MUST, True, False),
    _ModalSpec(
        r"should\s+never|should\s+not\s+ever|shouldn't\s+ever", Modality.SHOULD_NOT, False, False
    ),
    _ModalSpec(r"should\s+not|shouldn't", Modality.SHOULD_NOT, False, True),
    _ModalSpec(r"should", Modality.SHOULD, False, True),
    _ModalSpec(r"ought\s+not\s+to|oughtn't\s+to", Modality.SHOULD_NOT, False, True),
    _ModalSpec(r"ought\s+to", Modality.SHOULD, False, True),
    _ModalSpec(r"may\s+not|may\s+never", Modality.MUST_NOT, True, False, special="may_not"),
    _ModalSpec(
        r"(?:might|may|will|would|'ll)\s+(?:want|wish|like)\s+to", Modality.SHOULD, False, True
    ),
    _ModalSpec(r"may", Modality.MAY, True, True),
    _ModalSpec(
        r"cannot|can\s+not|can't|can\s+never", Modality.MUST_NOT, True, False, special="may_not"
    ),
    _ModalSpec(r"can", Modality.MAY, True, True),
    _ModalSpec(_COP + r"\s+not\s+to|(?:isn't|aren't)\s+to", Modality.MUST_NOT, True, False),
    _ModalSpec(
        _COP + r"\s+(?:strictly\s+|expressly\s+|absolutely\s+)?"
        r"(?:prohibited|forbidden|barred|banned|restricted)\s+from",
        Modality.MUST_NOT,
        True,
        False,
        form="gerund",
    ),
    _ModalSpec(
        _COP + r"\s+(?:strictly\s+)?(?:not\s+(?:permitted|allowed|authori[sz]ed)|forbidden"
        r"|prohibited)\s+to|(?:isn't|aren't)\s+(?:permitted|allowed|authori[sz]ed)\s+to",
        Modality.MUST_NOT,
        True,
        False,
    ),
    _ModalSpec(
        _COP + r"\s+(?:also\s+|strictly\s+)?(?:required|obliged|obligated|mandated|compelled)"
        r"\s+(?:not\s+)?to",
        Modality.MUST,
        True,
        False,
    ),
    _ModalSpec(_COP + r"\s+(?:also\s+)?expected\s+(?:not\s+)?to", Modality.MUST, False, False),
    _ModalSpec(
        _COP + r"\s+(?:also\s+|strongly\s+|highly\s+)?(?:encouraged|advised|urged|asked|invited"
        r"|requested|recommended)\s+(?:not\s+)?to",
        Modality.SHOULD,
        False,
        True,
    ),
    _ModalSpec(
        _COP + r"\s+(?:strongly\s+)?discouraged\s+from",
        Modality.SHOULD_NOT,
        False,
        True,
        form="gerund",
    ),
    _ModalSpec(
        _COP + r"\s+(?:(?:permitted|allowed|authori[sz]ed|welcome|free|entitled)\s+to)",
        Modality.MAY,
        True,
        True,
    ),
    _ModalSpec(
        _COP + r"\s+(?:solely\s+|personally\s+|fully\s+|ultimately\s+)?"
        r"(?:responsible|accountable)\s+for",
        Modality.MUST,
        False,
        True,
        form="auto",
        special="responsible",
    ),
    _ModalSpec(r"(?:has|have)\s+to", Modality.MUST, False, False),
    _ModalSpec(r"needs?\s+to", Modality.MUST, False, True),
    _ModalSpec(
        r"(?:do|does)\s+not\s+(?:need|have)\s+to|(?:don't|doesn't)\s+(?:need|have)\s+to"
        r"|need\s+not",
        Modality.MAY,
        True,
        False,
        special="needless",
    ),
    _ModalSpec(
        r"do\s+not|does\s+not|don't|doesn't|never",
        Modality.MUST_NOT,
        True,
        False,
        special="indicative",
    ),
]
_F_MODAL = re.compile(
    r"(?:(?<=\s)|(?<=\w)(?='(?:re|ll)\b))(?:"
    + "|".join(f"(?P<m{index}>{spec.pattern})" for index, spec in enumerate(_MODALS))
    + r")(?:\s+(?=\S)|(?=,))",
    _I,
)
# How far into a sentence its subject may reach; also bounds the work on very long input.
_SUBJECT_REACH = 160


def _subject_ok(subject: str, allow_comma: bool) -> bool:
    words = subject.split()
    if not 1 <= len(words) <= 12 or not subject[:1].isalpha() and subject[:1] not in "\"'“‘":
        return False
    if any(mark in subject for mark in ";:()?!") or ("," in subject and not allow_comma):
        return False
    first = words[0].lower().strip("\"'“‘")
    last = words[-1].lower().strip(",")
    if first == "be" or (morph.is_verb(first) and not morph.is_noun_like(first)):
        return False  # an imperative ("Be mindful that posts may ..."), not a subject
    return first not in _INTRO_WORDS and last not in _SUBJECT_BAD_ENDS


def _mentions_person(subject: str) -> bool:
    for word in subject.lower().replace("’", "'").split():
        word = word.strip(",.'\"")
        if word in _PERSONS or re.fullmatch(r"[a-z]{3,}(?:ers|ees|ists)", word):
            return True
    return False


_NEGATIVE_SUBJECT = re.compile(r"(?:no\s+one|nobody|no\s+\w+|none\s+of\s+\w+(?:\s+\w+)?)$", _I)
_FLIP = {
    Modality.MUST: Modality.MUST_NOT,
    Modality.SHOULD: Modality.SHOULD_NOT,
    Modality.MAY: Modality.MUST_NOT,
}


def _read_subject_frame(text: _Text, allow_comma: bool) -> _Reading | None:
    for m in _F_MODAL.finditer(text.norm):
        if m.start() > _SUBJECT_REACH:
            return None
        subject = text.body[: m.start()].rstrip()
        vp = text.after(m)
        if not _WORD.match(vp.lstrip(", ")) or re.match(r"(?:not|never)\b", vp, _I):
            continue  # "You must not." has no subject matter to carry over
        if not _subject_ok(subject, allow_comma):
            continue
        index = int(next(name for name, value in m.groupdict().items() if value)[1:])
        spec = _MODALS[index]
        modal_text = m.group(0).lower()
        modality = spec.modality
        if re.search(r"\bnot\s+to\s*$", modal_text) and modality in (
            Modality.MUST,
            Modality.SHOULD,
        ):
            modality = _FLIP[modality]
        if spec.special == "indicative" and not _mentions_person(subject):
            continue
        special = spec.special
        keep_policy, keep_guideline = spec.keep_policy, spec.keep_guideline
        if spec.special == "may_not" and not (_mentions_person(subject) or _PARTICIPLE.match(vp)):
            # "The views expressed may not reflect ..." states a possibility, not a rule.
            modality, special = Modality.MAY, "epistemic"
            keep_policy, keep_guideline = True, False
        form = _gerund_or_np(vp) if spec.form == "auto" else spec.form
        if spec.special == "responsible":
            keep_policy = False
        vp = re.sub(r"^ever\s+", "", vp, flags=_I)
        if _NEGATIVE_SUBJECT.fullmatch(subject.translate(_APOSTROPHES)) and modality in _FLIP:
            modality, special = _FLIP[modality], "neg_subject"
            keep_policy = spec.keep_policy or spec.modality == Modality.MAY
            keep_guideline = spec.keep_guideline and spec.modality != Modality.MAY
        kind = "reader" if subject.lower() == "you" else "subject"
        if kind == "reader" and modality == Modality.MAY and modal_text.startswith("may"):
            keep_guideline = False  # "You may X" reads "Feel free to X" in a guideline
        return _Reading(
            modality,
            kind,
            vp,
            form=form,
            subject=subject,
            keep_policy=keep_policy,
            keep_guideline=keep_guideline,
            special=special,
        )
    return None


# ---------------------------------------------------------------------------------------------
# Passives ("Posting anonymously is prohibited.")

_F_PASSIVE = re.compile(
    r"\s+(?P<cop>is|are|will\s+be|isn't|aren't|won't\s+be|will\s+not\s+be)\s+"
    r"(?:(?:strictly|expressly|absolutely|completely|also|generally|therefore|always|highly"
    r"|strongly|totally)\s+)?(?P<not>not\s+|never\s+)?"
    r"(?P<kw>prohibited|forbidden|banned|disallowed|unacceptable|off[- ]limits|permitted|allowed"
    r"|tolerated|acceptable|authori[sz]ed|required|mandatory|compulsory|obligatory|recommended"
    r"|encouraged|advised|preferred|welcome|appreciated|discouraged)\b(?!\s+(?:to|from)\b)",
    _I,
)


def _passive_modality(keyword: str, negated: bool) -> Modality:
    keyword = keyword.lower()
    if keyword in ("prohibited", "forbidden", "banned", "disallowed", "unacceptable") or (
        keyword.startswith("off")
    ):
        return Modality.MAY if negated else Modality.MUST_NOT
    if keyword in ("required", "mandatory", "compulsory", "obligatory"):
        return Modality.MAY if negated else Modality.MUST
    if keyword == "discouraged":
        return Modality.SHOULD_NOT
    if keyword in ("recommended", "encouraged", "advised", "preferred", "welcome", "appreciated"):
        return Modality.SHOULD_NOT if negated else Modality.SHOULD
    return Modality.MUST_NOT if negated else Modality.MAY


def _read_passive(text: _Text, allow_comma: bool) -> _Reading | None:
    for m in _F_PASSIVE.finditer(text.norm):
        if m.start() > _SUBJECT_REACH:
            return None
        noun_phrase = text.body[: m.start()]
        if not _subject_ok(noun_phrase, allow_comma) or len(noun_phrase.split()) > 15:
            continue
        if noun_phrase.lower() in ("it", "this", "that"):
            continue
        copula = m.group("cop").lower()
        negated = bool(m.group("not")) or "not" in copula or "n't" in copula
        modality = _passive_modality(m.group("kw"), negated)
        base_copula = "are" if copula.startswith("are") else "is"
        if copula.startswith(("will", "won't")):
            base_copula = "will be"
        return _Reading(
            modality,
            "passive",
            noun_phrase,
            form="np",
            subject=noun_phrase,
            copula=base_copula,
            tail=text.after(m),
            keep_policy=modality in (Modality.MUST_NOT, Modality.MUST, Modality.MAY),
            keep_guideline=modality in (Modality.SHOULD, Modality.SHOULD_NOT, Modality.MAY),
        )
    return None


# ---------------------------------------------------------------------------------------------
# Plain imperatives and noun-phrase prohibitions


def _read_plain(text: _Text) -> _Reading | None:
    """A sentence starting with a verb in the base form: "Identify yourself."."""
    words = [w.group() for w in _WORD.finditer(text.norm[:200])][:6]
    if not words:
        return None
    first = words[0].lower()
    if not morph.is_verb(first) or first in ("do", "don't", "can", "may", "need"):
        return None
    if not text.body[:1].isalpha():
        return None
    if first != "be":
        # "Work email is for work": an auxiliary after a noun means the first word was a noun.
        for position in range(1, min(len(words), 5)):
            word = words[position].lower()
            if word in _SUBORDINATORS:
                break
            if word in _AUXILIARIES:
                if words[position - 1].lower() not in _PRONOUN_SUBJECTS:
                    return None
    return _Reading(Modality.SHOULD, "plain", text.body, keep_guideline=True)


_F_NO_NOUN = re.compile(
    r"no\s+(?!one\b|body\b|longer\b|more\b|matter\b|doubt\b|need\b|problem\b|way\b|exceptions?\b)"
    r"(?=\w)",
    _I,
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|has|have|had|be|been|do|does|did|should|must"
    r"|may|might)\b",
    _I,
)


def _read_no_noun(text: _Text) -> _Reading | None:
    """ "No anonymous posting." prohibits what follows "No"."""
    m = _F_NO_NOUN.match(text.norm)
    if not m or _VERBISH.search(text.norm) or len(text.body.split()) > 15:
        return None
    noun_phrase = text.after(m)
    return _Reading(
        Modality.MUST_NOT,
        "passive",
        noun_phrase,
        form="np",
        subject=noun_phrase,
        keep_policy=True,
        special="no_np",
    )


# ---------------------------------------------------------------------------------------------
# Putting the readers together


def _read_core(text: _Text) -> _Reading | None:
    for reader in (_read_reader_frames, _read_it_frame, _read_we_frames, _read_no_circumstances):
        if reading := reader(text):
            return reading
    if reading := _read_subject_frame(text, allow_comma=False):
        return reading
    if reading := _read_passive(text, allow_comma=False):
        return reading
    return _read_plain(text)


_CLAUSE_BREAK = re.compile(r"[,:;—–]\s+|\s+-\s+")


def _introductory(phrase: str) -> bool:
    words = phrase.split()
    if not words:
        return False
    first = words[0].lower()
    # "-ing" words are left out: "Posting screenshots of tools, dashboards ..." is a subject.
    return first in _INTRO_OPENERS or (first.endswith("ly") and not morph.is_verb(first))


def _read(text: _Text) -> _Reading | None:
    if m := _F_PLEASE.match(text.norm):
        inner = _read(text.sub(m.end()))
        if inner is None:
            return None
        return replace(inner, special=inner.special or "please", prefix="")
    if reading := _read_core(text):
        return reading
    if reading := _read_no_noun(text):
        return reading
    # An introductory phrase ("When in doubt, ...") is kept and the rest is read on its own.
    for count, brk in enumerate(_CLAUSE_BREAK.finditer(text.norm, 0, 200)):
        if count >= 3:
            break
        if brk.group().startswith(",") and not _introductory(text.norm[: brk.start()]):
            continue
        rest = text.sub(brk.end())
        if reading := _read_core(rest):
            return replace(reading, prefix=text.body[: brk.end()])
    if reading := _read_subject_frame(text, allow_comma=True):
        return reading
    return _read_passive(text, allow_comma=True)


# ---------------------------------------------------------------------------------------------
# Rendering


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word looks like a name ("LinkedIn")."""
    match = _WORD.search(text)
    if not match or match.start() > 2:
        return text
    word = match.group()
    if word == "I" or word[1:] != word[1:].lower() or word.lower() in _PROPER_NOUNS:
        return text
    rest = text[match.end() :]
    following = _WORD.match(rest.lstrip())
    if following and following.group()[:1].isupper() and following.group() != "I":
        return text  # "Acme Corp", "Social Media Policy"
    start = match.start()
    return text[:start] + word[0].lower() + text[start + 1 :]


def _upper_first(text: str) -> str:
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def _match_case(rendered: str, original: str) -> str:
    for char in original:
        if char.isalpha():
            return _upper_first(rendered) if char.isupper() else _lower_first(rendered)
    return rendered


def _join(frame: str, phrase: str) -> str:
    """Frame and phrase with one space, or none before an aside: "must not, under any ..."."""
    return frame + phrase if phrase.startswith(",") else f"{frame} {phrase}"


def _base(reading: _Reading) -> str | None:
    if reading.form == "base":
        return reading.vp
    if reading.form == "gerund":
        return morph.base_phrase(reading.vp)
    return None


def _gerund(reading: _Reading) -> str | None:
    if reading.form == "base":
        return morph.gerund_phrase(reading.vp)
    return reading.vp


def _to_policy(reading: _Reading, source: str, modality: Modality | None) -> str | None:
    M = Modality
    if reading.kind == "plain" and modality == M.MAY:
        return "You may " + _lower_first(reading.vp)
    if reading.keep_policy:
        return None
    if reading.modality == M.MAY:
        if reading.special in ("free", "hesitate"):
            return "You may " + reading.vp
        return None
    if reading.kind == "plain":
        return "You must " + _lower_first(reading.vp)
    if reading.kind == "passive":
        keyword = "prohibited" if reading.modality.is_negative else "required"
        return f"{reading.subject} {reading.copula} {keyword}{reading.tail}"
    base = _base(reading)
    if reading.special == "responsible" and base is None:
        who = reading.subject or "You"
        return _join(f"{who} must take responsibility for", reading.vp)
    if reading.special == "neg_subject":
        return _join(f"{reading.subject} may", base or reading.vp)
    if reading.kind == "subject":
        if reading.modality.is_negative:
            if base is not None:
                return _join(f"{reading.subject} must not", base)
            return _join(f"{reading.subject} must avoid", reading.vp)
        if base is None:
            return None
        return _join(f"{reading.subject} must", base)
    if reading.special == "org" and base is None:
        # "We discourage anonymous posts." names a thing, not an action of the reader.
        return _join("You must avoid", reading.vp) if reading.modality.is_negative else None
    # Addressed to the reader; "You should not X" keeps its subject.
    if reading.modality.is_negative:
        if base is not None and reading.subject:
            return _join(f"{reading.subject} must not", base)
        if base is not None:
            return _join("Do not", base)
        return "You must " + _lower_first(source)
    if base is None:
        return "You must " + _lower_first(source)
    return _join("You must", base)


def _to_guideline(reading: _Reading, source: str, modality: Modality | None) -> str | None:
    M = Modality
    if reading.kind == "plain" and modality == M.MAY:
        return "Feel free to " + _lower_first(reading.vp)
    if reading.keep_guideline:
        return None
    if reading.special == "hesitate":
        return "Feel free to " + reading.vp
    if reading.special == "forget":
        return "Remember to " + reading.vp
    if reading.special == "needless":
        return _join(f"{reading.subject} need not", reading.vp)
    if reading.special == "epistemic":
        return None  # the softening pass turns "may not" into "might not"
    if reading.modality == M.MAY:
        if reading.kind == "reader":
            return "Feel free to " + reading.vp
        return None
    if reading.kind == "passive":
        if reading.modality.is_negative:
            tail = reading.tail
            if re.match(r"\s*(?:[;:]|,?\s*(?:and|but|or|so|which)\b)", tail, _I):
                # "X is prohibited and may lead to ..." keeps its second clause.
                copula = "will be" if reading.copula == "will be" else reading.copula
                return f"{reading.subject} {copula} discouraged{tail}"
            return "Avoid " + _lower_first(reading.subject) + tail
        copula = reading.copula if reading.copula != "will be" else "is"
        return f"{reading.subject} {copula} recommended{reading.tail}"
    if reading.special == "neg_subject":
        return _join(f"{reading.subject} should", reading.vp)
    if reading.kind == "subject":
        if reading.modality.is_negative:
            if reading.form == "gerund":
                return _join(f"{reading.subject} should avoid", reading.vp)
            if reading.special == "indicative" and reading.subject.lower() in ("we", "they", "i"):
                phrase = morph.gerund_phrase(reading.vp)
                if phrase is not None:
                    return _join(f"{reading.subject} avoid", phrase)
            base = _base(reading)
            return _join(f"{reading.subject} should not", base or reading.vp)
        base = _base(reading)
        if base is None:
            return None
        return _join(f"{reading.subject} should", base)
    # Addressed to the reader.
    if reading.modality.is_negative:
        phrase = _gerund(reading)
        if phrase is None:
            return None
        return _join("Avoid", phrase)
    base = _base(reading)
    if base is None:
        return None
    return _upper_first(base)


# ---------------------------------------------------------------------------------------------
# Softening what is left inside the subject matter (guideline tone)


def _case_like(replacement: str, original: str) -> str:
    return _upper_first(replacement) if original[:1].isupper() else replacement


_Q = r"['’]"
_S_CONDITIONAL = re.compile(
    rf"\b(?P<c>if|unless)\s+(?P<s>you|we|they|he|she|I|it|employees)\s+"
    rf"(?:do\s+not|don{_Q}t|does\s+not|doesn{_Q}t)\s+(?=\w)",
    _I,
)
_S_EVEN_IF = re.compile(rf"\beven\s+if\s+(?:you|we|they|I)\s+(?:do\s+not|don{_Q}t)\s+(?=\w)", _I)
_S_RELATIVE = re.compile(
    rf"\b(?P<r>who|that|which)\s+(?P<n>do\s+not|don{_Q}t|does\s+not|doesn{_Q}t)\s+(?=\w)", _I
)
_S_CLAUSE_NEG = re.compile(
    rf"(?P<lead>^|[,;:]\s+|[—–]\s*|\s-\s+|\b(?:and|but|or|then|so|just)\s+)(?:please\s+)?"
    rf"(?P<neg>do\s+not|don{_Q}t|never)(?:\s*,?\s*ever\b)?\s+(?=\w)",
    _I,
)
_S_WANT = re.compile(
    rf"\b(?P<s>you|we|they|I)\s+(?:do\s+not|don{_Q}t)\s+(?P<v>want|wish|like|care|mind)\b", _I
)
_S_KNOW = re.compile(rf"\b(?P<s>you|we|they|I)\s+(?:do\s+not|don{_Q}t)\s+(?:know|understand)\b", _I)
_S_NEVER_AUX = re.compile(
    r"\b(?P<a>should|would|could|will|can|might|must|may|shall|is|are|was|were|has|have|had"
    r"|be)\s+never\b",
    _I,
)
_S_NEVER_VERB = re.compile(r"\bnever\s+(?P<v>[a-z]+s)\b", _I)


def _singular_base(verb: str) -> str | None:
    """The base form behind a third person singular ("forgets" -> "forget")."""
    low = verb.lower()
    for base in (low[:-1], low[:-2], low[:-3] + "y"):
        if morph.is_verb(base):
            return base
    return None


def _never_with_verb(m: re.Match[str]) -> str:
    base = _singular_base(m.group("v"))
    if base is None:
        return m.group()
    return _case_like("does not ", m.group()) + base


_S_SIMPLE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\bmust\s+not\b|\bmustn{_Q}t\b", _I), "should not"),
    (re.compile(rf"\bshall\s+not\b|\bshan{_Q}t\b", _I), "should not"),
    (re.compile(r"\bmust\b|\bshall\b", _I), "should"),
    (re.compile(r"\bmay\s+not\b", _I), "might not"),
    (re.compile(r"\bmandatory\b", _I), "expected"),
    (re.compile(r"\b(?:obliged|obligated)\b", _I), "expected"),
    (re.compile(r"\bnot\s+(?:permitted|allowed)\b", _I), "not appropriate"),
    (re.compile(r"\b(?:prohibited|forbidden)\b", _I), "restricted"),
    (re.compile(r"\brequired\b", _I), "needed"),
]
_S_MANDATORY_BEFORE_NOUN = re.compile(r"\bmandatory\s+(?P<n>[^\W\d_])", _I)
_S_PASSIVE = re.compile(
    r"\b(?P<c>is|are|be|was|were|been)\s+(?:strictly\s+|expressly\s+|absolutely\s+)?"
    r"(?:prohibited|forbidden|not\s+permitted|not\s+allowed)\b",
    _I,
)
_S_REQUIRED = re.compile(r"\b(?P<c>is|are|be|was|were|been)\s+(?:also\s+)?required\b", _I)


def _rewrite_with_gerund(
    text: str, pattern: re.Pattern[str], lead: Callable[[re.Match[str]], str]
) -> str:
    """Replace each match with lead(match) and turn the verb phrase after it into a gerund."""
    position = 0
    # A bound on the rewrites keeps the cost linear in pathological input.
    for _ in range(50):
        m = pattern.search(text, position)
        if not m:
            break
        # The head verb and its coordinated verbs lie well within this window.
        window = text[m.end() : m.end() + 400]
        phrase = morph.gerund_phrase(window)
        if phrase is None:
            position = m.end()
            continue
        head = lead(m)
        text = text[: m.start()] + head + phrase + text[m.end() + len(window) :]
        position = m.start() + len(head)
    return text


def _soften_clause_negations(text: str) -> str:
    return _rewrite_with_gerund(
        text,
        _S_CLAUSE_NEG,
        lambda m: m.group("lead") + _case_like("avoid ", m.group("neg")),
    )


def _soften(text: str) -> str:
    """Replace prohibitive words left in a guideline sentence with advisory ones."""
    if not _FORBIDDEN.search(text.translate(_APOSTROPHES)):
        return text

    def conditional(m: re.Match[str]) -> str:
        flipped = "unless" if m.group("c").lower() == "if" else "if"
        return f"{_case_like(flipped, m.group('c'))} {m.group('s')} "

    def relative(m: re.Match[str]) -> str:
        verb = "fails to" if m.group("n").lower().startswith("does") else "fail to"
        return f"{m.group('r')} {verb} "

    text = _rewrite_with_gerund(text, _S_EVEN_IF, lambda m: "even without ")
    text = _S_CONDITIONAL.sub(conditional, text)
    text = _S_RELATIVE.sub(relative, text)
    text = _soften_clause_negations(text)
    text = _S_WANT.sub(lambda m: f"{m.group('s')} would not {m.group('v')}", text)
    text = _S_KNOW.sub(
        lambda m: f"{m.group('s')} {'am' if m.group('s') == 'I' else 'are'} unfamiliar with", text
    )
    text = _S_NEVER_AUX.sub(lambda m: f"{m.group('a')} not", text)
    text = _S_NEVER_VERB.sub(_never_with_verb, text)
    text = _S_PASSIVE.sub(lambda m: f"{m.group('c')} discouraged", text)
    text = _S_REQUIRED.sub(lambda m: f"{m.group('c')} expected", text)
    # "Mandatory training" is simply "training" in a guideline.
    text = _S_MANDATORY_BEFORE_NOUN.sub(lambda m: _case_like(m.group("n"), m.group()), text)
    for pattern, replacement in _S_SIMPLE:
        text = pattern.sub(lambda m, r=replacement: _case_like(r, m.group()), text)
    return text


# ---------------------------------------------------------------------------------------------
# Sentences

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?P<space>\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "e.g i.e etc mr mrs ms dr inc ltd co corp vs no st u.s u.k approx dept jr sr".split()
)
_TRAILER = re.compile(r"[\s.!?…]*[\"'”’)\]]*[\s.!?…]*$")


def _sentences(text: str) -> list[str]:
    """Split into sentences, each keeping the whitespace that follows it."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start : m.start()].rsplit(None, 1)
        last_word = before[-1].lower().rstrip(".") if before else ""
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        pieces.append(text[start : m.end()])
        start = m.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece]


# Space, a list marker and opening quotes before a sentence stay where they are.
_LEADER = re.compile(r"\s*(?:[-*•–]\s+|\d{1,3}[.)]\s+)?[\"'“‘(\[]*")


def _split_sentence(sentence: str) -> tuple[str, str, str]:
    """(leader, body, trailer): the trailer keeps final punctuation, quotes and space."""
    leader = _LEADER.match(sentence)
    lead = leader.group() if leader else ""
    stripped = sentence[len(lead) :]
    trailer = _TRAILER.search(stripped)
    cut = trailer.start() if trailer else len(stripped)
    return lead, stripped[:cut], stripped[cut:]


def _rephrase_sentence(sentence: str, tone: str, modality: Modality | None) -> str:
    lead, body, trailer = _split_sentence(sentence)
    if not body or "?" in trailer:
        return sentence
    reading = _read(_Text.of(body))
    rendered = body
    if reading is not None:
        source = body[len(reading.prefix) :]
        if reading.special == "please":
            source = _F_PLEASE.sub("", source, count=1)
        render = _to_policy if tone == POLICY else _to_guideline
        result = render(reading, source, modality)
        if result is not None:
            if reading.special == "please" and tone == GUIDELINE and reading.kind != "subject":
                result = "Please " + _lower_first(result)
            rendered = reading.prefix + _match_case(result, body[len(reading.prefix) :])
            if body.isupper():
                rendered = rendered.upper()  # "DO NOT POST." stays in capitals
    if tone == GUIDELINE:
        rendered = _soften(rendered)
    return lead + rendered + trailer


def _check_tone(tone: str) -> None:
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}; expected one of {TONES}")


# ---------------------------------------------------------------------------------------------
# Public API


def classify(text: str) -> Modality:
    """The modality a statement's wording expresses; SHOULD when the wording does not say."""
    for sentence in _sentences(text):
        _, body, trailer = _split_sentence(sentence)
        if body and "?" not in trailer and (reading := _read(_Text.of(body))):
            return reading.modality
    return Modality.SHOULD


def rephrase(text: str, tone: str, modality: Modality | None = None) -> str:
    """The statement in the given tone ("policy" or "guideline").

    Never raises for any text; a sentence the engine does not understand comes back unchanged
    (in guideline tone, prohibitive words in it are still softened). `modality`, when given,
    guides sentences whose wording leaves it open. Raises ValueError for an unknown tone.
    """
    _check_tone(tone)
    if not isinstance(text, str) or not text.strip():
        return text
    sentences = _sentences(text)
    out = []
    for index, sentence in enumerate(sentences):
        out.append(_rephrase_sentence(sentence, tone, modality if index == 0 else None))
    return "".join(out)


def lint(text: str, tone: str) -> list[str]:
    """Wording that fights the tone: prohibitive words in a guideline, advisory words in a
    policy. Each phrase once, lower-case, in order of appearance."""
    _check_tone(tone)
    pattern = _FORBIDDEN if tone == GUIDELINE else _ADVISORY
    found: list[str] = []
    for match in pattern.finditer(text.translate(_APOSTROPHES)):
        phrase = " ".join(match.group().lower().split()).lstrip(".!? ")
        if phrase not in found:
            found.append(phrase)
    return found


def stance(text: str) -> str:
    """How a statement reads: "prohibitive", "advisory" or "neutral"."""
    if lint(text, GUIDELINE):
        return "prohibitive"
    readings = []
    for sentence in _sentences(text):
        _, body, trailer = _split_sentence(sentence)
        if body and "?" not in trailer and (reading := _read(_Text.of(body))):
            readings.append(reading)
    if any(
        r.modality in (Modality.MUST, Modality.MUST_NOT) and not r.keep_guideline for r in readings
    ):
        return "prohibitive"
    if lint(text, POLICY):
        return "advisory"
    if any(r.kind != "plain" and r.modality != Modality.MUST for r in readings):
        return "advisory"
    return "neutral"


def tone_meter(texts: list[str]) -> dict:
    """Counts of prohibitive, advisory and neutral statements, with percentages."""
    counts = {"prohibitive": 0, "advisory": 0, "neutral": 0}
    for text in texts:
        counts[stance(text)] += 1
    total = len(texts)

    def percent(count: int) -> int:
        return round(100 * count / total) if total else 0

    return {
        **counts,
        "total": total,
        "prohibitive_pct": percent(counts["prohibitive"]),
        "advisory_pct": percent(counts["advisory"]),
    }
