"""Word lists for reading rule statements: closed word classes, frame words, domain overrides.

lemminflect knows the open classes (nouns, verbs, adjectives, adverbs) but not the function
words the frames are made of, and its noun/verb guesses miss the vocabulary of social media
("blog", "friend", "text" as verbs). Everything here is lower case with straight apostrophes.
"""

from __future__ import annotations

from textkit.modality import Modality


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = _words(
    """
    the a an this that these those your their our his her its my any all no some every each
    another other such either neither both several many few more most less much what which
    whatever whichever
    """
)

POSSESSIVES = _words("your their our his her its my")

PERSONAL_PRONOUNS = _words(
    """
    you we they he she it i me us them him her one yourself yourselves themselves ourselves
    himself herself itself myself oneself
    """
)

# Pronouns and words that can be a whole subject on their own.
SUBJECT_PRONOUNS = _words(
    """
    you we they he she it i one everyone everybody anyone anybody someone somebody nobody
    no-one none all each both this that these those something anything nothing everything
    """
)

PREPOSITIONS = _words(
    """
    about above across after against along amid among around as at before behind below beneath
    beside besides between beyond by concerning despite down during except for from in inside
    into like near of off on onto out outside over past per regarding since than through
    throughout to toward towards under underneath unlike until unto up upon versus via with
    within without
    """
)

COORDINATORS = _words("and or nor")

# Words that open a subordinate clause: a verb after them belongs to that clause.
SUBORDINATORS = _words(
    """
    if unless when whenever while whilst where wherever because since although though once
    until till before after as whether so than that which who whom whose what how why
    """
)

RELATIVES = _words("who whom whose which that where when")

# Words that open a leading condition or circumstance ("If you are unsure ask your manager.").
CONDITION_OPENERS = _words(
    """
    if unless when whenever while whilst where wherever because since although though once
    until till before after as
    """
)

MODALS = _words("must shall should may might can could will would ought")

BE_FORMS = _words("be is are am was were been being")
HAVE_FORMS = _words("have has had")
DO_FORMS = _words("do does did")
AUXILIARIES = MODALS | BE_FORMS | HAVE_FORMS | DO_FORMS

# Contractions of auxiliaries with "not" (straight apostrophe), and what they stand for.
NEGATED_CONTRACTIONS: dict[str, str] = {
    "don't": "do",
    "doesn't": "does",
    "didn't": "did",
    "mustn't": "must",
    "shouldn't": "should",
    "shan't": "shall",
    "can't": "can",
    "cannot": "can",
    "won't": "will",
    "wouldn't": "would",
    "couldn't": "could",
    "mightn't": "might",
    "isn't": "is",
    "aren't": "are",
    "wasn't": "was",
    "weren't": "were",
    "haven't": "have",
    "hasn't": "has",
    "dont": "do",
}

NEGATORS = _words("not never")

# Adverbs that sit between a frame and its verb without changing the rule.
FRAME_ADVERBS = _words(
    """
    also always ever just only simply really still please personally publicly directly
    intentionally knowingly deliberately wilfully willfully actively further again clearly
    promptly immediately quickly carefully openly honestly properly responsibly regularly
    consistently thoughtfully respectfully freely strongly first then even
    """
)

# Words that look like adverbs ("-ly") but are not.
NOT_ADVERBS = _words("apply supply reply rely ally fly belly bully family early daily")

# Nouns ending in "-ing" that are things, not actions ("marketing plans", "training").
ING_NOUNS = _words(
    """
    anything something nothing everything thing things during morning evening ceiling king
    ring wing sibling pudding spring string swing sting bring sing cling fling sling wring
    meeting meetings training marketing building buildings advertising funding banking
    engineering accounting clothing housing pricing licensing branding hiring trading wedding
    earnings savings setting settings listing listings postings recordings
    painting paintings drawing drawings finding findings ruling rulings filing filings
    briefing briefings heading headings wording offering offerings opening openings
    rating ratings warning warnings feeling feelings understanding proceedings belongings
    surroundings outing outings timing
    """
)

# Words whose noun/verb reading lemminflect gets wrong for this domain: the word classes they
# can take here. A VERB entry lets the word head a verb phrase and inflect.
OVERRIDES: dict[str, frozenset[str]] = {
    word: frozenset(classes.split("/"))
    for word, classes in (
        ("post", "NOUN/VERB"),
        ("repost", "NOUN/VERB"),
        ("re-post", "NOUN/VERB"),
        ("trust", "NOUN/VERB"),
        ("tag", "NOUN/VERB"),
        ("link", "NOUN/VERB"),
        ("share", "NOUN/VERB"),
        ("reshare", "NOUN/VERB"),
        ("like", "VERB/ADP"),
        ("friend", "NOUN/VERB"),
        ("unfriend", "VERB"),
        ("befriend", "VERB"),
        ("follow", "VERB"),
        ("unfollow", "VERB"),
        ("blog", "NOUN/VERB"),
        ("vlog", "NOUN/VERB"),
        ("microblog", "NOUN/VERB"),
        ("tweet", "NOUN/VERB"),
        ("retweet", "NOUN/VERB"),
        ("comment", "NOUN/VERB"),
        ("message", "NOUN/VERB"),
        ("text", "NOUN/VERB"),
        ("email", "NOUN/VERB"),
        ("e-mail", "NOUN/VERB"),
        ("screenshot", "NOUN/VERB"),
        ("livestream", "NOUN/VERB"),
        ("stream", "NOUN/VERB"),
        ("dox", "VERB"),
        ("doxx", "VERB"),
        ("overshare", "VERB"),
        ("badmouth", "VERB"),
        ("bad-mouth", "VERB"),
        ("google", "VERB"),
        ("troll", "NOUN/VERB"),
        ("spam", "NOUN/VERB"),
        ("phish", "VERB"),
        ("podcast", "NOUN/VERB"),
        ("upload", "NOUN/VERB"),
        ("download", "NOUN/VERB"),
        ("bookmark", "NOUN/VERB"),
        ("hashtag", "NOUN/VERB"),
        ("photoshop", "VERB"),
        ("double-check", "VERB"),
        ("fact-check", "VERB"),
        ("proofread", "VERB"),
        ("anonymize", "VERB"),
        ("anonymise", "VERB"),
        ("plagiarize", "VERB"),
        ("plagiarise", "VERB"),
        ("network", "NOUN/VERB"),
        ("friend-request", "VERB"),
        ("blogs", "NOUN"),
        ("data", "NOUN"),
        ("media", "NOUN"),
        ("staff", "NOUN"),
        ("information", "NOUN"),
        ("content", "NOUN/ADJ"),
        ("confidential", "ADJ"),
        ("proprietary", "ADJ"),
        ("online", "ADJ/ADV"),
        ("offline", "ADJ/ADV"),
    )
}

# Past participles lemminflect does not know, and their verbs.
PARTICIPLE_OVERRIDES: dict[str, str] = {
    "blogged": "blog",
    "tweeted": "tweet",
    "retweeted": "retweet",
    "friended": "friend",
    "unfriended": "unfriend",
    "screenshotted": "screenshot",
    "screenshot": "screenshot",
    "doxxed": "doxx",
    "doxed": "dox",
    "livestreamed": "livestream",
    "reposted": "repost",
    "re-posted": "re-post",
    "reshared": "reshare",
    "texted": "text",
    "emailed": "email",
    "e-mailed": "e-mail",
    "tagged": "tag",
    "overshared": "overshare",
    "badmouthed": "badmouth",
    "googled": "google",
    "podcasted": "podcast",
    "hashtagged": "hashtag",
}

# Gerunds lemminflect spells wrongly.
GERUND_OVERRIDES: dict[str, str] = {
    "program": "programming",
    "blog": "blogging",
    "vlog": "vlogging",
    "microblog": "microblogging",
    "screenshot": "screenshotting",
    "dox": "doxxing",
    "doxx": "doxxing",
    "cc": "cc'ing",
    "bcc": "bcc'ing",
    "panic": "panicking",
    "mimic": "mimicking",
    "traffic": "trafficking",
    "picnic": "picnicking",
}

# Proper nouns that may open a sentence and must keep their capital when they move inside one.
PROPER_NOUNS = _words(
    """
    facebook twitter instagram linkedin youtube tiktok google microsoft apple amazon reddit
    wikipedia slack yammer github snapchat pinterest whatsapp x internet ibm intel dell
    """
)

# People a rule can be about (heads of a subject noun phrase), singular and plural.
PERSON_NOUNS = _words(
    """
    employee employees staff staffer staffers associate associates worker workers user users
    member members manager managers contractor contractors individual individuals people person
    persons colleague colleagues coworker coworkers co-worker co-workers personnel intern
    interns consultant consultants vendor vendors partner partners representative
    representatives spokesperson spokespeople spokespersons leader leaders supervisor
    supervisors executive executives officer officers director directors participant
    participants author authors blogger bloggers editor editors writer writers student students
    faculty volunteer volunteers moderator moderators administrator administrators admins team
    teams everyone everybody anyone anybody someone somebody nobody journalist journalists
    reporter reporters nurse nurses midwife midwives soldier soldiers servant servants trustee
    trustees clinician clinicians physician physicians doctor doctors customer customers client
    clients patient patients others friends friend followers follower readers reader fans
    competitors journalists children family parents peers contacts critics candidates
    politicians researchers scientists teachers lecturers academics residents ibmers owner
    owners holders holder organiser organisers organizer organizers creator creators pupil
    pupils child children parent guardian guardians alumni fellow fellows
    """
)

# Nouns that name a document's whole audience: a rule for them is a rule for the reader, so
# guideline voice can say it to "you" ("Employees must identify themselves" -> "Make sure you
# identify yourself"). Roles (managers, reporters, administrators) are a part of the audience
# only and keep their subject.
AUDIENCE_NOUNS = _words(
    """
    employee employees staff staffer staffers associate associates worker workers personnel
    colleague colleagues member members participant participants people person everyone
    everybody anyone anybody individual individuals faculty volunteer volunteers trustee
    trustees student students soldier soldiers nurse nurses midwife midwives journalist
    journalists servant servants user users team-members
    """
)

# ---------------------------------------------------------------------------------------------
# Frame vocabulary

# "It is X to ...", "X is X": adjectives and what they say.
IT_ADJECTIVES: dict[str, Modality] = {
    "prohibited": Modality.MUST_NOT,
    "forbidden": Modality.MUST_NOT,
    "unacceptable": Modality.MUST_NOT,
    "not acceptable": Modality.MUST_NOT,
    "not permitted": Modality.MUST_NOT,
    "not allowed": Modality.MUST_NOT,
    "never acceptable": Modality.MUST_NOT,
    "never allowed": Modality.MUST_NOT,
    "never permitted": Modality.MUST_NOT,
    "never ok": Modality.MUST_NOT,
    "never okay": Modality.MUST_NOT,
    "never appropriate": Modality.MUST_NOT,
    "not ok": Modality.MUST_NOT,
    "not okay": Modality.MUST_NOT,
    "inappropriate": Modality.SHOULD_NOT,
    "not appropriate": Modality.SHOULD_NOT,
    "against policy": Modality.MUST_NOT,
    "against the law": Modality.MUST_NOT,
    "illegal": Modality.MUST_NOT,
    "banned": Modality.MUST_NOT,
    "not a good idea": Modality.SHOULD_NOT,
    "never a good idea": Modality.SHOULD_NOT,
    "a bad idea": Modality.SHOULD_NOT,
    "never a bad idea": Modality.SHOULD,
    "not a bad idea": Modality.SHOULD,
    "wrong": Modality.MUST_NOT,
    "unwise": Modality.SHOULD_NOT,
    "not wise": Modality.SHOULD_NOT,
    "inadvisable": Modality.SHOULD_NOT,
    "not advisable": Modality.SHOULD_NOT,
    "not recommended": Modality.SHOULD_NOT,
    "discouraged": Modality.SHOULD_NOT,
    "required": Modality.MUST,
    "mandatory": Modality.MUST,
    "compulsory": Modality.MUST,
    "essential": Modality.MUST,
    "imperative": Modality.MUST,
    "critical": Modality.MUST,
    "vital": Modality.MUST,
    "your responsibility": Modality.MUST,
    "your duty": Modality.MUST,
    "your job": Modality.MUST,
    "important": Modality.SHOULD,
    "very important": Modality.SHOULD,
    "best": Modality.SHOULD,
    "wise": Modality.SHOULD,
    "advisable": Modality.SHOULD,
    "recommended": Modality.SHOULD,
    "helpful": Modality.SHOULD,
    "a good idea": Modality.SHOULD,
    "a great idea": Modality.SHOULD,
    "good practice": Modality.SHOULD,
    "a good practice": Modality.SHOULD,
    "best practice": Modality.SHOULD,
    "encouraged": Modality.SHOULD,
    "ok": Modality.MAY,
    "okay": Modality.MAY,
    "fine": Modality.MAY,
    "acceptable": Modality.MAY,
    "permissible": Modality.MAY,
    "all right": Modality.MAY,
    "alright": Modality.MAY,
    "allowed": Modality.MAY,
    "permitted": Modality.MAY,
}

# Passive and adjective frames after a subject: "Employees are required to X".
# Each: words after the form of "be", the preposition or "to" that follows, the modality, and
# the grammatical form the verb phrase takes ("base" after "to", "gerund" after a preposition).
BE_FRAMES: tuple[tuple[str, str, Modality], ...] = (
    ("required to", "base", Modality.MUST),
    ("obliged to", "base", Modality.MUST),
    ("obligated to", "base", Modality.MUST),
    ("expected to", "base", Modality.MUST),
    ("responsible for", "gerund", Modality.MUST),
    ("accountable for", "gerund", Modality.MUST),
    ("to", "base", Modality.MUST),
    ("not to", "base", Modality.MUST_NOT),
    ("never to", "base", Modality.MUST_NOT),
    ("prohibited from", "gerund", Modality.MUST_NOT),
    ("strictly prohibited from", "gerund", Modality.MUST_NOT),
    ("forbidden to", "base", Modality.MUST_NOT),
    ("forbidden from", "gerund", Modality.MUST_NOT),
    ("not permitted to", "base", Modality.MUST_NOT),
    ("not allowed to", "base", Modality.MUST_NOT),
    ("never permitted to", "base", Modality.MUST_NOT),
    ("never allowed to", "base", Modality.MUST_NOT),
    ("barred from", "gerund", Modality.MUST_NOT),
    ("banned from", "gerund", Modality.MUST_NOT),
    ("authorized to", "base", Modality.MAY),
    ("authorised to", "base", Modality.MAY),
    ("not authorized to", "base", Modality.MUST_NOT),
    ("not authorised to", "base", Modality.MUST_NOT),
    ("not expected to", "base", Modality.MAY),
    ("not required to", "base", Modality.MAY),
    ("encouraged to", "base", Modality.SHOULD),
    ("strongly encouraged to", "base", Modality.SHOULD),
    ("advised to", "base", Modality.SHOULD),
    ("strongly advised to", "base", Modality.SHOULD),
    ("asked to", "base", Modality.SHOULD),
    ("urged to", "base", Modality.SHOULD),
    ("recommended to", "base", Modality.SHOULD),
    ("advised not to", "base", Modality.SHOULD_NOT),
    ("asked not to", "base", Modality.SHOULD_NOT),
    ("encouraged not to", "base", Modality.SHOULD_NOT),
    ("urged not to", "base", Modality.SHOULD_NOT),
    ("discouraged from", "gerund", Modality.SHOULD_NOT),
    ("strongly discouraged from", "gerund", Modality.SHOULD_NOT),
    ("permitted to", "base", Modality.MAY),
    ("allowed to", "base", Modality.MAY),
    ("welcome to", "base", Modality.MAY),
    ("free to", "base", Modality.MAY),
    ("entitled to", "base", Modality.MAY),
)

# Modal words after a subject and what they state. "may not" and "cannot" are prohibitions in
# rule statements; "can" is a permission.
MODAL_FRAMES: tuple[tuple[str, Modality], ...] = (
    ("must not", Modality.MUST_NOT),
    ("must never", Modality.MUST_NOT),
    ("mustn't", Modality.MUST_NOT),
    ("shall not", Modality.MUST_NOT),
    ("shall never", Modality.MUST_NOT),
    ("shan't", Modality.MUST_NOT),
    ("may not", Modality.MUST_NOT),
    ("may never", Modality.MUST_NOT),
    ("cannot", Modality.MUST_NOT),
    ("can not", Modality.MUST_NOT),
    ("can't", Modality.MUST_NOT),
    ("can never", Modality.MUST_NOT),
    ("will not", Modality.MUST_NOT),
    ("won't", Modality.MUST_NOT),
    ("will never", Modality.MUST_NOT),
    ("should not", Modality.SHOULD_NOT),
    ("shouldn't", Modality.SHOULD_NOT),
    ("should never", Modality.SHOULD_NOT),
    ("ought not to", Modality.SHOULD_NOT),
    ("need not", Modality.MAY),
    ("should not feel compelled to", Modality.MAY),
    ("need not feel compelled to", Modality.MAY),
    ("do not need to", Modality.MAY),
    ("don't need to", Modality.MAY),
    ("does not need to", Modality.MAY),
    ("doesn't need to", Modality.MAY),
    ("do not have to", Modality.MAY),
    ("don't have to", Modality.MAY),
    ("does not have to", Modality.MAY),
    ("doesn't have to", Modality.MAY),
    ("do not", Modality.MUST_NOT),
    ("don't", Modality.MUST_NOT),
    ("does not", Modality.MUST_NOT),
    ("doesn't", Modality.MUST_NOT),
    ("must always", Modality.MUST),
    ("must", Modality.MUST),
    ("shall always", Modality.MUST),
    ("shall", Modality.MUST),
    ("will always", Modality.MUST),
    ("will", Modality.MUST),
    ("need to", Modality.MUST),
    ("needs to", Modality.MUST),
    ("have to", Modality.MUST),
    ("has to", Modality.MUST),
    ("should always", Modality.SHOULD),
    ("should", Modality.SHOULD),
    ("ought to", Modality.SHOULD),
    ("may always", Modality.MAY),
    ("may", Modality.MAY),
    ("can always", Modality.MAY),
    ("can", Modality.MAY),
    ("are welcome to", Modality.MAY),
)

# ---------------------------------------------------------------------------------------------
# Contract vocabulary

# No place in guideline voice (PRODUCT.md: legal vocabulary and threats).
LEGAL_TERMS: tuple[str, ...] = (
    "shall",
    "shall not",
    "shan't",
    "must",
    "must not",
    "mustn't",
    "prohibited",
    "prohibit",
    "prohibits",
    "prohibition",
    "forbidden",
    "forbid",
    "forbids",
    "not permitted",
    "not allowed",
    "required",
    "violation",
    "violations",
    "disciplinary",
)

# No place in policy voice (PRODUCT.md: encouragement frames).
ENCOURAGEMENT_TERMS: tuple[str, ...] = (
    "we encourage",
    "we strongly encourage",
    "we'd encourage",
    "try to",
    "try not to",
    "it's a good idea",
    "it is a good idea",
    "feel free",
    "consider",
)
