"""A small English morphology helper for the tone engine.

The engine only ever needs a handful of verb forms: the gerund ("post" -> "posting"), its
reverse ("posting" -> "post") and the third person ("avoid" -> "avoids"). Spelling rules cover
most verbs; a word list of verbs common in workplace policies settles the ambiguous ones (is
"using" from "us" or "use"?). No network, no model, no state: plain functions over strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

# Verbs that statements about conduct at work and online tend to use. The list is what lets
# base_from_gerund restore a silent "e" ("sharing" -> "share") or undo a doubled consonant
# ("spamming" -> "spam") with confidence; words outside it fall back to spelling heuristics.
VERBS: frozenset[str] = frozenset(
    """
    abide abuse accept access accommodate accompany accuse achieve acknowledge acquire act adapt
    add address adhere adjust admire admit adopt advertise advise advocate affect affirm agree aim
    alert allege allow alter amend amplify analyse analyze announce annoy anonymize answer
    anticipate apologise apologize appear apply appreciate approach approve archive argue arrange
    ask assess assign assist assume assure attach attack attempt attend attribute authenticate
    authorise authorize avoid back backup badmouth ban base be bear become begin behave believe
    belittle belong benefit berate bet bias blame blog block boast bookmark borrow bother brag
    break breathe bribe bring broadcast browse build bully buy call cancel capture care carry cause
    celebrate censor challenge change charge chat check choose circulate circumvent cite claim
    clarify clean clear click clone close coach collaborate collect combine come comment commit
    communicate compare compete compile complain complete comply compose compromise compute conceal
    concern conclude condone conduct confide confine confirm confront confuse connect consent
    consider consult consume contact contain continue contribute control convey convince cooperate
    copy correct cost counsel create credit criticise criticize cross curate curse cut damage deal
    debate deceive decide declare decline decrypt defame defend defer define delay delegate delete
    deliver demand demean demonstrate deny depict deploy describe deserve design destroy detect
    determine develop devote dictate differ direct disable disagree disappear disclose disconnect
    discourage discover discredit discriminate discuss disengage disguise dislike dismiss disparage
    display dispose disrespect disrupt disseminate distinguish distort distribute disturb divide
    divulge do document donate double download dox draft draw drink drive drop earn edit educate
    elaborate eliminate email embarrass embed embrace emphasise emphasize employ enable encourage
    encrypt end endanger endorse enforce engage enhance enjoy ensure enter entertain escalate
    establish evaluate evade exaggerate examine exceed exchange excite exclude excuse execute
    exercise exhibit exit expand expect experience explain exploit explore expose express extend
    fabricate face facilitate fail fake falsify favor favour fear feature feed feel fight file fill
    filter find finish fix flag flame flatter focus follow force forget forgive format forward
    foster free friend gain gamble gather generate get give go google gossip grant greet guarantee
    guard guess guide handle happen harass harm hate have head hear help hesitate hide highlight
    hire hold honor honour hope host humiliate hurt identify ignore illustrate impersonate
    implement imply impose improve include incorporate increase incur indicate influence inform
    infringe initiate inquire insist inspire install insult integrate intend interact interfere
    interpret interrupt intimidate introduce invade invent investigate invite invoke involve issue
    join joke judge justify keep kill know label launch lead leak learn leave lend let license lie
    like limit link listen live livestream load lobby locate lock log look lose love maintain make
    manage manipulate mark market match mean measure meet mention message mind minimize minimise
    mislead misrepresent miss misuse mock moderate modify monitor motivate move mute name
    navigate need negotiate network note notice notify obey object obscure observe obtain occur
    offend offer omit open operate opt order organise organize outline overshare overstate own
    paraphrase participate pass paste patch pay perform permit persuade phish phone photograph pick
    pin pitch place plagiarize plagiarise plan play pledge plug point portray position post
    postpone practice practise praise predict prefer prepare present preserve press pretend prevent
    print prioritize prioritise probe proceed process procure produce profit program promise
    promote proofread propose protect prove provide provoke publicise publicize publish pull
    purchase pursue push put qualify question quote raise rant rate reach react read realise
    realize reassure rebut recall receive recognise recognize recommend record recruit redact
    redistribute reduce refer reference reflect refrain refuse register regret regulate
    reinforce reject
    relate release rely remain remember remind remove rename repair repeat rephrase replace reply
    report repost represent reproduce request require resell reserve reshare resolve respect
    respond rest restore restrict retain retaliate retire retrieve retweet return reuse reveal
    review revise reward ridicule ruin rule run sanitize save say scan schedule score screenshot
    search secure see seek select sell send separate serve set settle shape share shop shout show
    sign single slander smear snoop solicit solve speak speculate spend spread stalk stand start
    state stay steal stick stop store stream strive study submit subscribe succeed suggest
    summarise summarize supervise support suppose surf survey suspect swear tackle tag take talk
    target teach tell test text thank think threaten tolerate track trade train transfer translate
    transmit travel treat troll trust try tweet type undermine understand unfollow unfriend
    unplug update upgrade upload upset urge use validate value verify video view violate visit
    vote wait walk want warn waste watch wear weigh welcome withdraw withhold work worry write
    film hand hang laugh pause relax sit sleep smile step switch turn uninstall vlog
    """.split()
)

# Verbs of several syllables whose final consonant doubles before "-ing" (stress on the last
# syllable); polysyllables are otherwise left alone ("visit" -> "visiting").
_DOUBLING = frozenset(
    """
    abet acquit admit begin commit compel concur confer control defer deter dispel embed emit
    equip expel forbid forget format incur infer kidnap occur omit outwit patrol permit prefer
    program propel rebut recur refer regret remit repel screenshot submit transfer transmit unplug
    upset
    """.split()
)

_IRREGULAR_GERUND = {
    "be": "being",
    "die": "dying",
    "lie": "lying",
    "tie": "tying",
    "vie": "vying",
    "singe": "singeing",
    "dye": "dyeing",
}
_IRREGULAR_BASE = {g: b for b, g in _IRREGULAR_GERUND.items()}

_VOWELS = "aeiou"

_ING_WORDS = frozenset(
    """
    anything something nothing everything thing things during morning evening ceiling king ring
    wing sibling pudding spring string swing sting bring sing cling fling sling wring awning
    """.split()
)


def _vowel_groups(word: str) -> int:
    groups = 0
    previous_vowel = False
    for index, char in enumerate(word):
        vowel = char in _VOWELS or (char == "y" and index > 0)
        if char == "u" and index > 0 and word[index - 1] == "q":
            vowel = False
        if vowel and not previous_vowel:
            groups += 1
        previous_vowel = vowel
    return groups


def _ends_cvc(word: str) -> bool:
    """True for a final consonant-vowel-consonant, as in "plan" or "quit" (not "plain")."""
    if len(word) < 2:
        return False
    last, vowel = word[-1], word[-2]
    if last in _VOWELS or last in "wxy" or vowel not in _VOWELS:
        return False
    if len(word) == 2:
        return True
    before = word[-3]
    return before not in _VOWELS or (before == "u" and len(word) > 3 and word[-4] == "q")


def _should_double(word: str) -> bool:
    if not _ends_cvc(word):
        return False
    return _vowel_groups(word) == 1 or word in _DOUBLING


def _match_case(model: str, word: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _split_hyphen(word: str) -> tuple[str, str]:
    """("double-", "check") for "double-check": only the last part of a compound inflects."""
    cut = word.rfind("-")
    if 0 < cut < len(word) - 1:
        return word[: cut + 1], word[cut + 1 :]
    return "", word


def gerund(verb: str) -> str:
    """The "-ing" form of a verb in its base form: post -> posting, make -> making."""
    if not verb:
        return verb
    head, last = _split_hyphen(verb)
    word = last.lower()
    if not word.isalpha():
        return verb + "ing"
    if word in _IRREGULAR_GERUND:
        result = _IRREGULAR_GERUND[word]
    elif word.endswith("ie"):
        result = word[:-2] + "ying"
    elif word.endswith(("ee", "ye", "oe")) or word == "be":
        result = word + "ing"
    elif word.endswith("e") and len(word) > 2:
        result = word[:-1] + "ing"
    elif word.endswith("c") and _vowel_groups(word) > 1:
        result = word + "king"
    elif _should_double(word):
        result = word + word[-1] + "ing"
    else:
        result = word + "ing"
    return head + _match_case(last, result)


def third_person(verb: str) -> str:
    """The present third person singular: avoid -> avoids, try -> tries, push -> pushes."""
    head, last = _split_hyphen(verb)
    word = last.lower()
    if word == "be":
        result = "is"
    elif word == "have":
        result = "has"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        result = word[:-1] + "ies"
    elif word.endswith(("s", "x", "z", "ch", "sh", "o")):
        result = word + "es"
    else:
        result = word + "s"
    return head + _match_case(last, result)


# Endings after which a gerund's stem most likely lost a silent "e" ("ensur-ing" -> "ensure").
_SILENT_E = re.compile(
    r"(?:[^aeiou](?:at|ut|ot|ir|ur|ar|id|ud|od|ad|il|ul|in|am|im|um|om|ib|ob|ub|ok|ik|ap|yp)"
    r"|[iu]at|uir|uid|uad|(?:l|mp)et|[aeiouy]s|ws|[aeiou]g|[^z]z|v|c|u|dg|rg|lg|[rpnl]s"
    r"|[bcdfgkptz]l)$"
)
_SILENT_E_AFTER_NG = re.compile(r"[^aeiou][aei]ng$")


def _needs_silent_e(stem: str) -> bool:
    if _vowel_groups(stem) == 1 and _ends_cvc(stem):
        # A one-syllable stem ending consonant-vowel-consonant would have doubled its last
        # letter had the verb ended there ("plan" -> "planning"), so "hoping" came from "hope".
        return True
    if _vowel_groups(stem) > 1 and _SILENT_E_AFTER_NG.search(stem):
        # "arrang-ing", "infring-ing"; one-syllable "hang" and "sing" keep their bare form.
        return True
    return bool(_SILENT_E.search(stem))


def base_from_gerund(word: str) -> str | None:
    """The base form behind an "-ing" word, or None when the word is not a gerund."""
    head, last = _split_hyphen(word)
    low = last.lower()
    if len(low) < 4 or not low.endswith("ing") or not low.isalpha():
        return None
    if low in _IRREGULAR_BASE:
        return head + _match_case(last, _IRREGULAR_BASE[low])
    if low in VERBS or low in _ING_WORDS:
        # "bring", "sing": already a base form; "anything", "during": not verbs at all.
        return None
    stem = low[:-3]
    if _vowel_groups(stem) == 0:
        return None
    doubled = len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS
    result: str | None = None
    if doubled and stem[:-1] in VERBS:
        result = stem[:-1]
    elif stem.endswith("ck") and stem[:-1] in VERBS:
        result = stem[:-1]
    elif stem in VERBS and stem + "e" in VERBS:
        result = stem + "e" if _vowel_groups(stem) == 1 and _ends_cvc(stem) else stem
    elif stem in VERBS:
        result = stem
    elif stem + "e" in VERBS:
        result = stem + "e"
    elif doubled:
        result = stem if stem[-1] in "lsfz" else stem[:-1]
    elif stem.endswith("ick") and _vowel_groups(stem) > 1:
        result = stem[:-1]  # "panicking": the k only kept the c hard
    elif stem.endswith("ck"):
        result = stem
    elif _needs_silent_e(stem):
        result = stem + "e"
    else:
        result = stem
    return head + _match_case(last, result)


def is_noun_like(word: str) -> bool:
    """True for verbs that as often name a thing ("post", "work", "use")."""
    return word.lower() in _NOUN_LIKE


def is_verb(word: str) -> bool:
    """True when the word is a known verb in its base form."""
    return word.lower().replace("’", "'") in VERBS


# ---------------------------------------------------------------------------------------------
# Verb phrases: the head verb changes form, and so do verbs coordinated with it ("copy or
# distribute" -> "copying or distributing"); everything else is kept character for character.

_WORD = re.compile(r"[^\W\d_][\w'’-]*")

_ADVERBS = frozenset(
    """
    ever also just even simply really still otherwise personally publicly directly ever
    intentionally knowingly deliberately wilfully willfully always only further again actively
    """.split()
)

# Words that end the head verb's own clause: after them a verb belongs to another clause
# ("... things that harm or embarrass people" must not turn "embarrass" into a gerund).
_CLAUSE_STOPS = frozenset(
    """
    that which who whom whose when where whenever wherever if unless because since while until
    before after as so than what how why you we they i he she it to but without
    """.split()
)

_COORDINATORS = frozenset({"and", "or", "nor"})

# Verbs that as often name a thing ("work files", "email and phone"); coordinated with the head
# they change form only when an object visibly follows ("or comment on ...").
_NOUN_LIKE = frozenset(
    """
    access act answer back blog call change chat check click comment contact control copy cost
    credit cut deal design display document download drink drive drop email end exercise face
    feature file fill filter flag focus gamble guide harm head help hold host issue joke judge
    label launch lead leak license lie like limit link load lock log look love mark market match
    measure meet message mind name need network note notice object offer order outline patch pay
    phone photograph pin pitch place plan play plug point position post practice praise present
    press print process program promise question quote rant rate record release reply report
    request rest return review rule run scan schedule score screenshot search shop show sign
    smear stand start state stay store stream study support survey talk target test text trade
    train transfer travel trust tweet type update upload use value video view vote wait walk
    want watch work worry
    """.split()
)

_OBJECT_STARTS = frozenset(
    """
    the a an your their our his her its my any anything something someone anyone everyone this
    that these those it them him us me other others people on about with in at up out down off
    into over against colleagues coworkers co-workers customers clients partners competitors
    yourself themselves
    """.split()
)

_LEADING_ASIDE = re.compile(r"\s*,[^,]{1,80},\s*")


def _is_adverb(word: str) -> bool:
    low = word.lower()
    return low in _ADVERBS or (low.endswith("ly") and len(low) > 4 and low not in VERBS)


def _transform_phrase(
    vp: str,
    head_form: Callable[[str, str], str | None],
    coordinated_form: Callable[[str, str, bool], str | None],
) -> str | None:
    """Apply head_form to the head verb and coordinated_form to verbs coordinated with it.

    Both take the word and the word after it (coordinated_form also whether the verb right
    before the coordinator changed form) and return the new word or None; None for the head
    means the phrase is not understood.
    """
    offset = 0
    aside = _LEADING_ASIDE.match(vp)
    if aside:
        offset = aside.end()
    # A verb and the verbs coordinated with it sit within a few dozen words; looking no
    # further keeps the cost per phrase constant however long the sentence.
    tokens = list(islice(_WORD.finditer(vp, offset), 60))
    if not tokens or vp[offset : tokens[0].start()].strip():
        return None
    index = 0
    while index < len(tokens) - 1 and _is_adverb(tokens[index].group()):
        index += 1
    head = tokens[index]
    following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
    new_head = head_form(head.group(), following)
    if new_head is None:
        return None
    edits: list[tuple[int, int, str]] = [(head.start(), head.end(), new_head)]
    last_changed = index  # position of the last verb that changed form
    expecting = False
    direct = False  # the verb before the coordinator changed too: "copy or distribute"
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        gap = vp[tokens[position - 1].end() : token.start()]
        if any(mark in gap for mark in ';:()[]"“”—–.!?'):
            break
        low = token.group().lower().replace("’", "'")
        if low in _CLAUSE_STOPS:
            break
        if "," in gap:
            expecting = True
            direct = last_changed == position - 1
        if low in _COORDINATORS:
            if "," in gap and low == "and" and last_changed != position - 1:
                break  # "Don't pick fights, and be ...": a new instruction starts here
            direct = direct or last_changed == position - 1
            expecting = True
            continue
        if _is_adverb(low):
            continue
        if expecting:
            after = tokens[position + 1].group() if position + 1 < len(tokens) else ""
            replacement = coordinated_form(token.group(), after, direct)
            if replacement is not None:
                edits.append((token.start(), token.end(), replacement))
                last_changed = position
        expecting = False
        direct = False
    pieces = []
    cursor = 0
    for start, end, text in edits:
        pieces.append(vp[cursor:start])
        pieces.append(text)
        cursor = end
    pieces.append(vp[cursor:])
    return "".join(pieces)


def _object_follows(next_word: str) -> bool:
    return next_word.lower().replace("’", "'") in _OBJECT_STARTS or not next_word


def _coordinated_verb(word: str, next_word: str, direct: bool) -> bool:
    low = word.lower()
    if low in _CLAUSE_STOPS or low in _NOT_HEADS:
        return False
    if direct and low.isalpha() and not low.endswith(("ing", "ly")) and low not in _NOUN_ONLY:
        # "cite or reference ...": a word coordinated straight after a verb is a verb too.
        return True
    if low not in VERBS:
        return False
    return low not in _NOUN_LIKE or (bool(next_word) and _object_follows(next_word))


# Words that follow "or"/"and" right after a verb yet are never verbs themselves.
_NOUN_ONLY = frozenset("otherwise else more less anything something nothing everything".split())


_NOT_HEADS = frozenset(
    """
    the a an your their our his her its my any all no not this that these those some every each
    to of in on at for with by from and or but if when
    """.split()
)


def gerund_phrase(vp: str) -> str | None:
    """Turn a verb phrase in the base form into its gerund: "post or share X" -> "posting or
    sharing X". None when the phrase does not start with a verb."""

    def head(word: str, _next: str) -> str | None:
        low = word.lower()
        if low in _NOT_HEADS or low.endswith("ing") and low not in VERBS:
            return None
        return gerund(word)

    def coordinated(word: str, next_word: str, direct: bool) -> str | None:
        return gerund(word) if _coordinated_verb(word, next_word, direct) else None

    return _transform_phrase(vp, head, coordinated)


def base_phrase(vp: str) -> str | None:
    """Turn a gerund phrase back into the base form: "posting or sharing X" -> "post or share
    X". None when the phrase does not start with a gerund."""

    def head(word: str, _next: str) -> str | None:
        return base_from_gerund(word)

    def coordinated(word: str, next_word: str, direct: bool) -> str | None:
        base = base_from_gerund(word)
        if base is None or not _coordinated_verb(base, next_word, direct):
            return None
        return base

    return _transform_phrase(vp, head, coordinated)


def starts_with_gerund(vp: str) -> bool:
    """True when the phrase's first word (after adverbs) is an "-ing" verb form."""
    return base_phrase(vp) is not None
