"""History reads: revision lists, contributors, past sections, and comparisons presented for pages.

Reads never load every stored version: history lists read RevisionMeta rows only (headings and
word counts are stored on them), and a comparison reads two manifests and then only the section
versions whose (section, revision) pairs differ.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, QuerySet, Sum
from django.urls import reverse
from django.utils.http import urlencode
from reversion.models import Version

from accounts import people, permissions
from guidelines.documents.snapshots import (
    DOCUMENT_FIELDS,
    revision_snapshot,
    rule_data,
    sections_at,
)
from guidelines.models import (
    Document,
    Release,
    RevisionMeta,
    RevisionTouch,
    Rule,
    Section,
)
from guidelines.models.documents import Visibility
from textkit import compare, presentation
from textkit.diff import EQUAL, redline_html, side_by_side_html
from textkit.presentation import TONES, modality_label
from textkit.snapshot import RULE_INPUT_FIELDS, normalised

PER_PAGE = 50


DRAFT = "draft"


def person_name(user) -> str:
    """How a person is named in history lists; a deleted account is still "someone"."""
    return people.person_name(user, missing="A former user")


# --- history lists --------------------------------------------------------------------------


@dataclass
class HistoryPage:
    rows: list
    number: int
    has_next: bool
    total: int | None = None  # known without a COUNT only for an unfiltered document history

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def num_pages(self) -> int | None:
        if self.total is None:
            return None
        return max(1, -(-self.total // PER_PAGE))


def _page(queryset, page: int, *, total: int | None = None) -> HistoryPage:
    """One page by OFFSET/LIMIT, fetching one extra row to know whether another page follows.

    Counting 10,000 rows for a page number is wasted work, so no COUNT is ever issued.
    """
    start = (page - 1) * PER_PAGE
    rows = list(queryset[start : start + PER_PAGE + 1])
    return HistoryPage(rows[:PER_PAGE], page, len(rows) > PER_PAGE, total)


def revisions_for(
    document: Document, *, author: str = "", section_id: int | None = None
) -> QuerySet[RevisionMeta]:
    """A document's revisions, newest first, narrowed by author and by a section touched."""
    revisions = RevisionMeta.objects.filter(document=document)
    if author:
        revisions = revisions.filter(user__username=author)
    if section_id is not None:
        # RevisionTouch is indexed on (section_id_ref, meta), so this stays an index lookup.
        touched = RevisionTouch.objects.filter(section_id_ref=section_id).values("meta_id")
        revisions = revisions.filter(pk__in=touched)
    return revisions.select_related("user__profile", "document").order_by("-number")


def history_page(
    document: Document, *, page: int = 1, author: str = "", section_id: int | None = None
) -> HistoryPage:
    revisions = revisions_for(document, author=author, section_id=section_id)
    # Revision numbers run 1..version, so an unfiltered history knows its length for free.
    total = document.version if not author and section_id is None else None
    return _page(revisions, page, total=total)


def history_filters(document: Document) -> dict:
    """The choices for the author and section filters (two queries, whatever the history)."""
    authors = (
        get_user_model()
        .objects.filter(pk__in=RevisionMeta.objects.filter(document=document).values("user_id"))
        .select_related("profile")
        .order_by("username")
    )
    sections = (
        Section.objects.filter(document=document)
        .only("pk", "heading", "removed_at", "position")
        .order_by("removed_at", "position", "pk")
    )
    return {
        "authors": [(u.username, person_name(u)) for u in authors],
        "sections": [(s.pk, s.heading + (" (removed)" if s.removed_at else "")) for s in sections],
    }


def viewable_documents(user) -> list[int]:
    documents = Document.objects.only("pk", "open_for_consultation", "latest_release_id")
    return [d.pk for d in documents if permissions.can_view_history(user, d)]


def recent_changes(user, *, page: int = 1) -> HistoryPage:
    """Revisions across every document whose history the user may read, newest first."""
    revisions = (
        RevisionMeta.objects.filter(document_id__in=viewable_documents(user))
        .select_related("user__profile", "document")
        .order_by("-created_at", "-pk")
    )
    return _page(revisions, page)


def contributors(document: Document) -> list[dict]:
    """Who edited the document, how often and how many words, most active first."""
    rows = list(
        RevisionMeta.objects.filter(document=document)
        .values("user_id")
        .annotate(
            edits=Count("pk"),
            added=Sum("words_added"),
            removed=Sum("words_removed"),
            first=Min("created_at"),
            last=Max("created_at"),
        )
        .order_by("-edits", "-added", "user_id")
    )
    people = (
        get_user_model()
        .objects.select_related("profile")
        .in_bulk([row["user_id"] for row in rows if row["user_id"] is not None])
    )
    total_words = sum(row["added"] or 0 for row in rows) or 1
    result = []
    for row in rows:
        person = people.get(row["user_id"])
        result.append(
            {
                "name": person_name(person),
                "username": person.username if person else "",
                "department": getattr(getattr(person, "profile", None), "department", ""),
                "edits": row["edits"],
                "words_added": row["added"] or 0,
                "words_removed": row["removed"] or 0,
                "share": round(100 * (row["added"] or 0) / total_words),
                "first": row["first"],
                "last": row["last"],
            }
        )
    return result


def revision_or_none(document: Document, number: int) -> RevisionMeta | None:
    return (
        RevisionMeta.objects.select_related("user__profile")
        .filter(document=document, number=number)
        .first()
    )


# --- comparison -----------------------------------------------------------------------------


class ComparisonError(ValueError):
    """A comparison was asked for a revision or release that does not exist."""


@dataclass
class Point:
    ref: str
    label: str
    meta: RevisionMeta | None = None
    release: Release | None = None

    def as_dict(self) -> dict:
        meta = self.meta
        return {
            "ref": self.ref,
            "label": self.label,
            "number": meta.number if meta else None,
            "author": person_name(meta.user) if meta else "",
            "created_at": meta.created_at if meta else None,
            "summary": meta.summary if meta else "",
            "is_release": self.release is not None,
        }


def resolve_point(document: Document, ref: str) -> Point:
    """A point in a document's life from its URL form: "12", "draft" or "r:1.0"."""
    ref = (ref or "").strip()
    if ref == DRAFT:
        # Every write records a revision, so the newest one is the draft as it stands.
        meta = (
            RevisionMeta.objects.select_related("user__profile")
            .filter(document=document)
            .order_by("-number")
            .first()
        )
        if meta is None:
            raise ComparisonError("This document has no revisions yet.")
        return Point(DRAFT, "the current draft", meta)
    if ref.startswith("r:"):
        major, _, minor = ref[2:].partition(".")
        if not (major.isdigit() and minor.isdigit()):
            raise ComparisonError(f"“{ref}” is not a release number.")
        release = (
            Release.objects.defer("snapshot", "rendered")
            .select_related("revision__user__profile")
            .filter(document=document, major=int(major), minor=int(minor))
            .first()
        )
        if release is None:
            raise ComparisonError(f"There is no release {major}.{minor}.")
        return Point(ref, f"release {release.version}", release.revision, release)
    if not ref.isdigit():
        raise ComparisonError(f"“{ref}” is not a revision number.")
    return Point(ref, f"revision {int(ref)}", _meta(document, int(ref)))


def _meta(document: Document, number: int) -> RevisionMeta:
    meta = revision_or_none(document, number)
    if meta is None:
        raise ComparisonError(f"There is no revision {number}.")
    return meta


def pairs(meta: RevisionMeta) -> list[tuple[int, int]]:
    return [(int(sid), int(rid)) for sid, rid in meta.manifest]


def document_fields(document: Document, revision_ids: set[int]) -> dict[int, dict]:
    """The document's own fields as recorded in each revision, in one query."""
    versions = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(Document),
        object_id=str(document.pk),
        revision_id__in=revision_ids,
    ).only("revision_id", "serialized_data", "format")
    return {
        v.revision_id: {name: v.field_dict.get(name, "") for name in DOCUMENT_FIELDS}
        for v in versions
    }


def _stub(section_id: int) -> dict:
    # Stands for a section stored identically on both sides; it compares as unchanged.
    return {
        "key": str(section_id),
        "id": section_id,
        "anchor": "",
        "heading": "",
        "body": "",
        "visibility": "both",
        "rules": [],
    }


def partial_snapshots(
    document: Document, old: RevisionMeta, new: RevisionMeta
) -> tuple[dict, dict]:
    """Two snapshots holding real content only where the two revisions differ.

    A section whose manifest pair is the same on both sides is the same stored version, so it
    is not loaded; only sections added, removed, edited or moved are read from the versions.
    """
    old_pairs, new_pairs = pairs(old), pairs(new)
    old_map, new_map = dict(old_pairs), dict(new_pairs)
    moved = compare.moved_keys([str(s) for s, _ in old_pairs], [str(s) for s, _ in new_pairs])
    wanted = [p for p in old_pairs if new_map.get(p[0]) != p[1] or str(p[0]) in moved]
    wanted += [p for p in new_pairs if old_map.get(p[0]) != p[1] or str(p[0]) in moved]
    found = sections_at(wanted)
    fields = document_fields(document, {old.revision_id, new.revision_id})
    current = {name: getattr(document, name) for name in DOCUMENT_FIELDS}

    def build(meta: RevisionMeta, pairs: list[tuple[int, int]]) -> dict:
        return {
            "document": fields.get(meta.revision_id, current),
            "sections": [found.get(pair) or _stub(pair[0]) for pair in pairs],
        }

    return build(old, old_pairs), build(new, new_pairs)


def comparison_between(
    document: Document,
    from_ref: str,
    to_ref: str,
    *,
    view: str = "inline",
    tone: str = "",
    both_voices: bool = False,
) -> dict:
    """Everything that changed between two points, as plain data for the comparison templates.

    With a `tone`, rules are compared as readers of that voice read them (with `both_voices`,
    as readers of each voice do, side by side); without, as the author wrote them.
    Raises ComparisonError for a point that does not exist.
    """
    old, new = resolve_point(document, from_ref), resolve_point(document, to_ref)
    if old.release and new.release:
        # Releases carry their whole snapshot; nothing needs to come from the versions.
        snapshots = dict(
            Release.objects.filter(pk__in=[old.release.pk, new.release.pk]).values_list(
                "pk", "snapshot"
            )
        )
        old_snapshot, new_snapshot = snapshots[old.release.pk], snapshots[new.release.pk]
    else:
        old_snapshot, new_snapshot = partial_snapshots(document, old.meta, new.meta)
    tones = voices_for(tone, both_voices)
    result = compare.compare_snapshots(old_snapshot, new_snapshot, tones=tones)
    return present_comparison(document, result, old, new, view=view, tones=tones)


def voices_for(tone: str, both_voices: bool = False) -> tuple[str, ...]:
    """The voices a comparison shows: the reader's, both (policy first), or none (as written)."""
    if both_voices:
        return presentation.TONES
    return (tone,) if tone in presentation.TONES else ()


BOTH_VOICES = "both"


def compare_url(
    document: Document,
    from_ref: object,
    to_ref: object,
    view: str = "",
    *,
    tone: str = "",
    voices: str = "",
) -> str:
    """The comparison page between two refs ("r:1.0", "draft", a revision number)."""
    params = {
        "from": from_ref,
        "to": to_ref,
        **({"view": view} if view else {}),
        **({"tone": tone} if tone else {}),
        **({"voices": voices} if voices else {}),
    }
    return reverse("guidelines:compare", args=[document.slug]) + "?" + urlencode(params)


VIEWS = ("inline", "side")


_SECTION_STATUS = {
    compare.ADDED: "Added",
    compare.REMOVED: "Removed",
    compare.CHANGED: "Changed",
    compare.UNCHANGED: "Unchanged",
}


TEXT_LABELS = {
    "subject": "Subject",
    "title_policy": "Policy title",
    "title_guideline": "Guideline title",
    "summary": "Summary",
    "heading": "Heading",
    "body": "Text",
    "statement": "Statement",
    "policy_text": "Policy phrasing",
    "guideline_text": "Guideline phrasing",
    "explanation": "Explanation",
}

# The hand-written phrasing field of each voice: a voice's comparison already shows it.
_PHRASING_FIELD = {presentation.POLICY: "policy_text", presentation.GUIDELINE: "guideline_text"}


_DIRECTION = {
    compare.STRENGTHENED: "made stricter",
    compare.WEAKENED: "made looser",
    compare.REVERSED: "reversed",
}


def _visibility_label(value: str) -> str:
    try:
        return Visibility(value).label
    except ValueError:
        return value


def _text(text: compare.TextComparison, view: str) -> dict:
    result = {
        "name": text.name,
        "label": TEXT_LABELS.get(text.name, text.name),
        "added": text.words_added,
        "removed": text.words_removed,
        "inline": None,
        "left": None,
        "right": None,
    }
    if view == "side":
        result["left"], result["right"] = side_by_side_html(text.ops)
    else:
        result["inline"] = redline_html(text.ops)
    return result


def _value(change: compare.ValueChange | None, label=_visibility_label) -> dict | None:
    if change is None:
        return None
    return {"old": label(change.old), "new": label(change.new)}


def _voice(phrasing: compare.PhrasingComparison, view: str, *, both: bool) -> dict:
    """A rule as readers of one voice read it, for the templates."""
    name = presentation.tone_name(phrasing.tone)
    shown = phrasing.text.old or phrasing.text.new
    if both and phrasing.tone != phrasing.asked:
        # Side by side, the other voice's column shows it already.
        name, shown = presentation.tone_name(phrasing.asked), ""
    if not shown:
        label = f"Not in the {name.lower()} voice"
    elif phrasing.tone != phrasing.asked:
        label = (
            f"{name} voice, as employees read it "
            f"(not in the {presentation.tone_name(phrasing.asked).lower()} voice)"
        )
    else:
        label = f"{name} voice, as employees read it"
    # Side by side, both voices are the two columns: each shows its own changes inline.
    result = _text(phrasing.text, "inline" if both else view)
    result.update(
        label=label,
        tone=phrasing.tone,
        asked=phrasing.asked,
        changed=phrasing.text.changed and bool(shown),
        shown=bool(shown),
        other_voice=phrasing.tone != phrasing.asked,
        source="" if not shown else "automatic" if phrasing.automatic else "written by hand",
        strength_issue=phrasing.strength_issue,
    )
    if both and not phrasing.text.changed and shown:
        result["inline"] = redline_html([(EQUAL, shown)])
    return result


def _rule(rule: compare.RuleComparison, view: str, *, both: bool = False) -> dict:
    texts = [rule.statement, rule.policy_text, rule.guideline_text, rule.explanation]
    if rule.phrasings:
        # The voices shown carry their hand-written phrasings' changes, as readers read them.
        covered = {_PHRASING_FIELD[p.tone] for p in rule.phrasings if p.tone == p.asked}
        texts = [t for t in texts if t.name not in covered]
    voices = [_voice(p, view, both=both) for p in rule.phrasings]
    if not both:
        voices = [v for v in voices if v["changed"]]
    modality = rule.modality_change
    if rule.moved_from:
        status = f"Moved here from “{rule.moved_from}”"
    elif rule.moved_to:
        status = f"Moved to “{rule.moved_to}”"
    elif rule.status == compare.UNCHANGED:
        status = "Moved within the section"
    else:
        status = f"{_SECTION_STATUS[rule.status]} rule"
    return {
        "key": rule.key,
        "status": rule.status,
        "status_label": status,
        "moved": rule.moved,
        "modality_label": modality_label(rule.modality),
        "strength": presentation.strength_words(rule.modality),
        "strength_class": presentation.strength_class(rule.modality),
        "modality_change": {
            "old": modality_label(modality.old),
            "new": modality_label(modality.new),
            "old_strength": presentation.strength_words(modality.old),
            "new_strength": presentation.strength_words(modality.new),
            "direction": _DIRECTION.get(modality.direction, modality.direction),
            "legally_significant": modality.legally_significant,
        }
        if modality
        else None,
        "visibility_change": _value(rule.visibility_change),
        "tone_label": presentation.tone_label(rule.visibility),
        "voices": voices,
        "strength_issues": [
            {"voice": presentation.tone_name(p.tone), "message": p.strength_issue}
            for p in rule.phrasings
            if p.strength_issue and (p.tone == p.asked or not both)
        ],
        "texts": [_text(t, view) for t in texts if t.changed],
        "statement": rule.statement.new or rule.statement.old,
        # What readers of the (first) voice read, else the statement: the rule's context.
        "reads": _reads(rule) or rule.statement.new or rule.statement.old,
    }


def _reads(rule: compare.RuleComparison) -> str:
    for phrasing in rule.phrasings:
        if phrasing.text.new or phrasing.text.old:
            return phrasing.text.new or phrasing.text.old
    return ""


def _section(section: compare.SectionComparison, view: str, *, both: bool = False) -> dict:
    rules = [r for r in section.rules if r.status != compare.UNCHANGED or r.moved]
    status = _SECTION_STATUS[section.status]
    if section.status == compare.UNCHANGED and section.moved:
        status = "Moved"
    flags = [
        label
        for label, on in (("moved", section.moved), ("renamed", section.renamed))
        if on and section.status == compare.CHANGED
    ]
    return {
        "kind": "section",
        "key": section.key,
        "status": section.status,
        "status_label": status + (f" ({', '.join(flags)})" if flags else ""),
        "heading": section.new_heading or section.old_heading,
        "old_heading": section.old_heading,
        "renamed": section.renamed,
        "moved": section.moved,
        "section_anchor": section.anchor,
        "heading_diff": _text(section.heading, view) if section.renamed else None,
        "body": _text(section.body, view) if section.body.changed else None,
        "visibility_change": _value(section.visibility_change),
        "anchor_change": _value(section.anchor_change, str),
        "tone_label": presentation.tone_label(section.visibility),
        "visibility": section.visibility,
        "rules": [_rule(r, view, both=both) for r in rules],
        "unchanged_rules": len(section.rules) - len(rules),
    }


def present_comparison(
    document: Document,
    result: compare.Comparison,
    old: Point,
    new: Point,
    *,
    view: str = "inline",
    tones: tuple[str, ...] = (),
) -> dict:
    """A compare.Comparison as the plain dict comparison_body.html renders.

    `tones` are the voices the comparison was made in (see `comparison_between`).
    """
    view = view if view in VIEWS else "inline"
    both = len(tones) > 1
    blocks: list[dict] = []
    legal: list[dict] = []
    unchanged_total = 0
    for section in result.sections:
        if section.status == compare.UNCHANGED and not section.moved:
            unchanged_total += 1
            if blocks and blocks[-1]["kind"] == "unchanged":
                blocks[-1]["count"] += 1
            else:
                blocks.append({"kind": "unchanged", "count": 1})
            continue
        block = _section(section, view, both=both)
        block["anchor"] = f"change-{sum(b['kind'] == 'section' for b in blocks) + 1}"
        blocks.append(block)
        legal += [
            {"anchor": block["anchor"], "heading": block["heading"], **rule}
            for rule in block["rules"]
            if rule["modality_change"]
        ]
    changed = [b for b in blocks if b["kind"] == "section"]
    for index, block in enumerate(changed):
        block["number"] = index + 1
        block["previous"] = changed[index - 1]["anchor"] if index else None
        block["next"] = changed[index + 1]["anchor"] if index + 1 < len(changed) else None
    summary = asdict(result.summary)
    summary["has_changes"] = result.summary.has_changes or bool(
        summary["rules_added"]
        or summary["rules_removed"]
        or summary["rules_changed"]
        or summary["modality_changes"]
    )
    summary["visibility_changes"] = sum(
        bool(b["visibility_change"]) + sum(bool(r["visibility_change"]) for r in b["rules"])
        for b in changed
    )
    tone = tones[0] if len(tones) == 1 else ""
    voices = BOTH_VOICES if both else ""
    for block in changed:
        # A section readers of the chosen voice do not see: its rules read in the other one.
        block["other_voice"] = bool(tone) and not presentation.visible_in(block["visibility"], tone)

    def link(view_: str, **params: str) -> str:
        return compare_url(document, old.ref, new.ref, view_, **{"tone": tone, **params})

    return {
        "document_slug": document.slug,
        "from": old.as_dict(),
        "to": new.as_dict(),
        "view": view,
        "tone": tone,
        "tone_name": presentation.tone_name(tone) if tone else "",
        "both_voices": both,
        "in_voices": bool(tones),
        "one_voice_url": link(view, voices=""),
        "both_voices_url": link(view, voices=BOTH_VOICES),
        "summary": summary,
        "document_changes": [_text(t, view) for t in result.document if t.changed],
        "blocks": blocks,
        "changed_sections": len(changed),
        "unchanged_sections": unchanged_total,
        "legal": legal,
        "first_change": changed[0]["anchor"] if changed else None,
        "permalink": link(view, voices=voices),
        "other_view_url": link("side" if view == "inline" else "inline", voices=voices),
    }


# --- the review page ------------------------------------------------------------------------


def review_rows(old: dict, new: dict, *, tone: str, both_voices: bool = False) -> list:
    """The review page's sections (releases.comparison_rows), as employees read each rule.

    Every rule reads as readers of `tone` read it; a section or rule shown in the other voice
    only reads as its readers read it, and is labelled so. Each rule carries its strength in
    plain words (before and after, when its modality changed) and the contract's finding when
    its wording states another strength. With `both_voices`, each rule also carries its words
    in both voices, for side-by-side reading.
    """
    from guidelines.releases import services as releases

    by_tone = {voice: releases.comparison_rows(old, new, tone=voice) for voice in TONES}
    homes = {s["key"]: s for s in old.get("sections", [])}
    homes.update({s["key"]: s for s in new.get("sections", [])})
    old_rules = {r["key"]: r for s in old.get("sections", []) for r in s.get("rules", [])}
    new_rules = {r["key"]: (r, s) for s in new.get("sections", []) for r in s.get("rules", [])}
    rows = []
    for index, chosen in enumerate(by_tone[tone]):
        visibility = homes.get(chosen.key, {}).get("visibility") or "both"
        voice = tone if presentation.visible_in(visibility, tone) else visibility
        row = by_tone[voice][index]
        row.tone_label = presentation.tone_label(visibility)
        row.voice = voice
        row.other_voice = voice != tone
        for number, rule in enumerate(row.rules):
            row.rules[number] = _review_rule(
                rule,
                [by_tone[t][index].rules[number] for t in TONES],
                voice,
                old_rules.get(rule.key),
                None if rule.status == compare.REMOVED else new_rules.get(rule.key),
                both_voices=both_voices,
            )
        if row.status == compare.UNCHANGED and any(
            r.status != compare.UNCHANGED for r in row.rules
        ):
            row.status = compare.CHANGED  # what employees read changed (the engine's words)
        rows.append(row)
    return rows


def _review_rule(rule, in_voices: list, voice: str, old, current, *, both_voices: bool):
    """One review rule row, read in `voice` (or in the one voice it is shown in)."""
    data, home = current if current else (old or {}, {})
    visibility = data.get("visibility") or "both"

    def shown_in(tone: str) -> bool:
        return presentation.visible_in(
            home.get("visibility") or "both", tone
        ) and presentation.visible_in(visibility, tone)

    rule_voice = voice if shown_in(voice) or not current else visibility
    rule = in_voices[TONES.index(rule_voice)] if rule_voice in TONES else rule
    rule.tone_label = presentation.tone_label(visibility)
    rule.voice = rule_voice
    rule.strength = presentation.strength_words(rule.modality)
    rule.strength_class = presentation.strength_class(rule.modality)
    old_modality = old.get("modality") if old and rule.old_modality_label else None
    rule.old_strength = presentation.strength_words(old_modality)
    rule.old_strength_class = presentation.strength_class(old_modality)
    voices = TONES if both_voices else (rule_voice,)
    rule.strength_issues = [
        {"voice": presentation.tone_name(t), "message": issue}
        for t in voices
        if current and shown_in(t) and (issue := presentation.phrase(data, t).strength_issue)
    ]
    rule.voices = [
        {
            "tone": t,
            "name": presentation.tone_name(t),
            "text_html": in_voices[TONES.index(t)].text_html,
            "shown": shown_in(t) if current else True,
        }
        for t in voices
    ]
    return rule


# --- restore --------------------------------------------------------------------------------


def restore_choices(document: Document, meta: RevisionMeta) -> list[dict]:
    """The sections and rules of a revision, each marked against the draft as it is now."""
    current = dict(pairs(document.latest_revision)) if document.latest_revision else {}
    snapshot = revision_snapshot(meta)
    ids = [s["id"] for s in snapshot["sections"]]
    live_rules: dict[int, dict] = {}
    for rule in Rule.objects.filter(section_id__in=ids, removed_at__isnull=True):
        live_rules[rule.pk] = normalised(rule_data(rule), RULE_INPUT_FIELDS)
    choices = []
    for section, (sid, rid) in zip(snapshot["sections"], pairs(meta), strict=False):
        if sid not in current:
            state = "removed since"
        elif current[sid] == rid:
            state = "unchanged since"
        else:
            state = "changed since"
        rules = []
        for rule in section["rules"]:
            now = live_rules.get(rule["id"])
            rules.append(
                {
                    "id": rule["id"],
                    "modality_label": modality_label(rule["modality"]),
                    "statement": rule["statement"],
                    "state": (
                        "removed since"
                        if now is None
                        else "unchanged since"
                        if now == normalised(rule, RULE_INPUT_FIELDS)
                        else "changed since"
                    ),
                }
            )
        choices.append(
            {
                "id": sid,
                "heading": section["heading"],
                "state": state,
                "rules": [r for r in rules if r["state"] != "unchanged since"],
                "unchanged_rules": sum(r["state"] == "unchanged since" for r in rules),
                "restorable": state != "unchanged since",
            }
        )
    return choices


def removed_sections(document: Document) -> list[dict]:
    """Removed sections, latest first, with who removed them and when."""
    sections = list(
        Section.objects.filter(document=document, removed_at__isnull=False).order_by("-removed_at")
    )
    touches = RevisionTouch.objects.filter(
        section_id_ref__in=[s.pk for s in sections]
    ).select_related("meta__user__profile")
    by_version = {(t.section_id_ref, t.section_version): t.meta for t in touches}
    result = []
    for section in sections:
        removal = by_version.get((section.pk, section.version))
        result.append(
            {
                "section": section,
                "removed_by": person_name(removal.user) if removal else "",
                "removed_in": removal.number if removal else None,
                "last_live": removal.number - 1 if removal and removal.number > 1 else None,
            }
        )
    return result


def section_at_version(section_id: int, version: int) -> dict | None:
    """A section as stored when its version counter had the given value."""
    touch = (
        RevisionTouch.objects.filter(section_id_ref=section_id, section_version=version)
        .select_related("meta")
        .order_by("-meta_id")
        .first()
    )
    if touch is None:
        return None
    pair = (section_id, touch.meta.revision_id)
    return sections_at([pair]).get(pair)


def revision_number_at(section_id: int, version: int) -> int | None:
    """The revision after which the section had the given version counter."""
    touch = (
        RevisionTouch.objects.filter(section_id_ref=section_id, section_version=version)
        .select_related("meta")
        .order_by("-meta_id")
        .first()
    )
    return touch.meta.number if touch else None
