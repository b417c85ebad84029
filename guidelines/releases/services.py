"""Reads and files around releases: lookups, comparisons in words, exports, acknowledgements.

Releases are immutable (see ``Release.save``), so what is derived from one release (its
exports) is produced once and kept in storage, and what is derived from two (a plain summary of
what changed) is cached without expiry.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts import permissions
from guidelines.documents import selectors
from guidelines.models import Acknowledgement, Document, Release, ReleaseExport
from guidelines.releases import export
from textkit import presentation
from textkit.compare import ADDED, REMOVED, UNCHANGED, compare_snapshots
from textkit.diff import DELETE, EQUAL, INSERT, redline_html, word_diff

FORMATS = ("html", "pdf")
CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
VERSION_RE = re.compile(r"^(\d{1,6})\.(\d{1,6})$")
EMPTY_SNAPSHOT: dict = {"document": {}, "sections": []}
LIST_FIELDS = (
    "id",
    "document_id",
    "major",
    "minor",
    "notes_html",
    "published_at",
    "published_by_id",
    "revision_id",
)


# --- lookups ----------------------------------------------------------------------------------


def parse_version(text: str | None) -> tuple[int, int] | None:
    match = VERSION_RE.match((text or "").strip())
    return (int(match[1]), int(match[2])) if match else None


def release_or_404(document: Document, version: str, *, full: bool = True) -> Release:
    parsed = parse_version(version)
    if parsed is None:
        raise Http404("No such release.")
    if document.latest_release_id and document.latest_release.version == version:
        return document.latest_release
    releases = Release.objects.filter(document=document, major=parsed[0], minor=parsed[1])
    if not full:
        releases = releases.only(*LIST_FIELDS)
    found = releases.first()
    if found is None:
        raise Http404("No such release.")
    return found


def releases_of(document: Document) -> list[Release]:
    """Every release, newest first, without the heavy snapshot columns."""
    return list(
        Release.objects.filter(document=document)
        .only(*LIST_FIELDS)
        .select_related("published_by__profile")
    )


# --- comparisons in words and redlines --------------------------------------------------------


def _rule_text(rule: dict | None, tone: str | None) -> str:
    if not rule:
        return ""
    if tone is None:
        return rule.get("statement", "")
    return presentation.rule_text(rule, tone)[0]


def _redline(old: str, new: str) -> str:
    return redline_html(word_diff(old, new))


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class RuleRow:
    key: str
    status: str
    modality: str
    modality_label: str
    text_html: str
    notes: list[str] = field(default_factory=list)
    old_modality_label: str = ""  # set when the modality changed

    @property
    def modality_html(self) -> str:
        if not self.old_modality_label:
            return html.escape(self.modality_label)
        return redline_html(
            [(DELETE, self.old_modality_label), (EQUAL, " "), (INSERT, self.modality_label)]
        )


@dataclass
class SectionRow:
    key: str
    anchor: str
    status: str
    heading: str
    heading_html: str
    body_changed: bool
    body_redline: str  # of the Markdown source, when it changed
    body_rendered: str  # the body as readers see it (the old one for a removed section)
    rules: list[RuleRow]
    notes: list[str]
    moved: bool

    @property
    def has_changes(self) -> bool:
        return self.status != UNCHANGED or self.moved

    @property
    def redline_html(self) -> str:
        """The changes alone, for the comparison report."""
        parts = []
        if self.heading_html and self.status not in (ADDED, REMOVED):
            parts.append(f'<p class="redline-heading">Heading: {self.heading_html}</p>')
        if self.body_changed:
            parts.append(
                f'<div class="redline-body" style="white-space: pre-wrap">{self.body_redline}</div>'
            )
        rules = [r for r in self.rules if r.status != UNCHANGED]
        if rules:
            items = "".join(
                f"<li><strong>{r.modality_html}</strong> {r.text_html}</li>" for r in rules
            )
            parts.append(f'<ul class="redline-rules">{items}</ul>')
        return "".join(parts)

    def as_report_row(self) -> dict:
        return {
            "status": self.status,
            "heading": self.heading,
            "notes": self.notes,
            "redline_html": self.redline_html,
        }


def comparison_rows(old: dict, new: dict, *, tone: str | None = None) -> list[SectionRow]:
    """Section by section, what changed from ``old`` to ``new`` (snapshots).

    Rule texts are compared in ``tone`` (as readers see them) or, with no tone, as the author
    wrote the statement. Every change of modality gets a note, since it changes what the
    document requires.
    """
    comparison = compare_snapshots(old, new)
    old_sections = {s["key"]: s for s in old.get("sections", [])}
    new_sections = {s["key"]: s for s in new.get("sections", [])}
    old_rules = {r["key"]: r for s in old.get("sections", []) for r in s.get("rules", [])}
    rows = []
    for section in comparison.sections:
        before = old_sections.get(section.key, {})
        after = new_sections.get(section.key, {})
        current = after or before
        after_rules = {r["key"]: r for r in after.get("rules", [])}
        rules, notes = [], []
        for rule in section.rules:
            old_rule = old_rules.get(rule.key)
            new_rule = after_rules.get(rule.key) if rule.status != REMOVED else None
            old_text, new_text = _rule_text(old_rule, tone), _rule_text(new_rule, tone)
            rule_notes = []
            if rule.modality_change:
                change = rule.modality_change
                rule_notes.append(
                    f"“{_short(new_text)}” changed from {presentation.modality_label(change.old)}"
                    f" to {presentation.modality_label(change.new)} ({change.direction}); "
                    "legally significant."
                )
            if rule.moved_from:
                rule_notes.append(f"“{_short(new_text)}” moved here from “{rule.moved_from}”.")
            if rule.moved_to:
                rule_notes.append(f"“{_short(old_text)}” moved to “{rule.moved_to}”.")
            if rule.visibility_change:
                rule_notes.append(
                    f"“{_short(new_text)}” is now shown in "
                    f"{_visibility_words(rule.visibility_change.new)}."
                )
            status = rule.status
            if status == UNCHANGED and old_text != new_text:
                status = "changed"  # an automatic phrasing moved with the engine
            notes.extend(rule_notes)
            rules.append(
                RuleRow(
                    key=rule.key,
                    status=status,
                    modality=rule.modality,
                    modality_label=presentation.modality_label(rule.modality),
                    text_html=(
                        redline_html([(EQUAL, new_text)])
                        if status == UNCHANGED
                        else _redline(old_text, new_text)
                    ),
                    notes=rule_notes,
                    old_modality_label=(
                        presentation.modality_label(rule.modality_change.old)
                        if rule.modality_change
                        else ""
                    ),
                )
            )
        if section.moved:
            notes.insert(0, "This section moved to a new place in the document.")
        if section.visibility_change:
            notes.insert(
                0,
                f"This section is now shown in {_visibility_words(section.visibility_change.new)}.",
            )
        heading = section.new_heading or section.old_heading
        rows.append(
            SectionRow(
                key=section.key,
                anchor=section.anchor,
                status=section.status,
                heading=heading,
                heading_html=(
                    _redline(section.old_heading, section.new_heading)
                    if section.heading.changed
                    else ""
                ),
                body_changed=section.body.changed,
                body_redline=redline_html(section.body.ops) if section.body.changed else "",
                body_rendered=current.get("body_html", ""),
                rules=rules,
                notes=notes,
                moved=section.moved,
            )
        )
    return rows


def _visibility_words(value: str) -> str:
    return {"policy": "the Policy only", "guideline": "the Guideline only"}.get(value, "both tones")


def change_summary(old: dict, new: dict) -> list[str]:
    """What changed between two releases, in a few plain sentences for every employee."""
    comparison = compare_snapshots(old, new)
    added = [s.new_heading for s in comparison.sections if s.status == ADDED]
    removed = [s.old_heading for s in comparison.sections if s.status == REMOVED]
    changed = [s.new_heading for s in comparison.sections if s.status == "changed"]
    lines = []
    if added:
        lines.append("New sections: " + ", ".join(f"“{h}”" for h in added) + ".")
    if removed:
        lines.append("Removed sections: " + ", ".join(f"“{h}”" for h in removed) + ".")
    if changed:
        lines.append("Changed sections: " + ", ".join(f"“{h}”" for h in changed) + ".")
    new_rules = [
        rule.statement.new
        for section in comparison.sections
        for rule in section.rules
        if rule.status == ADDED and not rule.moved_from
    ]
    if new_rules:
        shown = ", ".join(f"“{_short(text, 60)}”" for text in new_rules[:3])
        more = f" and {len(new_rules) - 3} more" if len(new_rules) > 3 else ""
        lines.append(f"New rules: {shown}{more}.")
    for section in comparison.sections:
        for rule in section.rules:
            if rule.modality_change:
                label = presentation.modality_label
                lines.append(
                    f"In “{section.new_heading}”, “{_short(rule.statement.new)}” is now "
                    f"{label(rule.modality_change.new)} (was "
                    f"{label(rule.modality_change.old)})."
                )
    return lines or ["The wording changed, but no section was added, removed or changed."]


def release_change_summary(old: Release, new: Release) -> list[str]:
    # The publication time tells apart releases that reuse an id (a restored database).
    key = f"candor:release-summary:{old.pk}:{new.pk}:{new.published_at.timestamp()}"
    lines = cache.get(key)
    if lines is None:
        old_snapshot = Release.objects.only("snapshot").get(pk=old.pk).snapshot
        lines = change_summary(old_snapshot, new.snapshot)
        cache.set(key, lines, None)  # both releases are immutable
    return lines


# --- exports ----------------------------------------------------------------------------------


def pdf_static_root() -> str:
    """Where the PDF renderer may load the app's own files: collected static, else the source."""
    collected = Path(settings.STATIC_ROOT)
    if collected.is_dir() and any(collected.iterdir()):
        return str(collected)
    return str(Path(settings.BASE_DIR) / "static")


def _meta(*, version: str = "", date: datetime.date, status: str, draft: bool) -> dict:
    return {
        "version": version,
        "date": date,
        "status": status,
        "draft": draft,
        "organisation": settings.CANDOR_ORGANISATION,
        "lang": "en",
    }


def release_meta(release: Release) -> dict:
    return _meta(
        version=release.version,
        date=timezone.localdate(release.published_at),
        status="Published",
        draft=False,
    )


def draft_meta(document: Document) -> dict:
    return _meta(
        date=timezone.localdate(), status=f"Draft ({document.get_status_display()})", draft=True
    )


def render_export(view: dict, meta: dict, fmt: str) -> bytes:
    """One export file; raises export.ExportError when the renderer fails or times out."""
    if fmt == "html":
        return export.build_html(view, meta).encode("utf-8")
    if fmt == "pdf":
        return export.build_pdf(
            view, meta, static_root=pdf_static_root(), timeout=settings.CANDOR_PDF_TIMEOUT
        )
    raise ValueError(f"Unknown export format {fmt!r}")


def export_filename(document: Document, label: str, tone: str, fmt: str) -> str:
    return f"{document.slug}-{label}-{tone}.{fmt}"


def release_export(release: Release, fmt: str, tone: str) -> ReleaseExport:
    """The stored export of a release, produced on first request and served from storage after."""
    existing = ReleaseExport.objects.filter(release=release, format=fmt, tone=tone).first()
    if existing is not None and existing.file and existing.file.storage.exists(existing.file.name):
        return existing
    content = render_export(release.rendered[tone], release_meta(release), fmt)
    name = export_filename(release.document, release.version, tone, fmt)
    if existing is not None:
        # The row outlived its file (storage wiped): produce the file again.
        existing.file.save(name, ContentFile(content), save=True)
        return existing
    stored = ReleaseExport(release=release, format=fmt, tone=tone)
    stored.file.save(name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:
        # Another request produced it at the same moment; keep theirs.
        stored.file.delete(save=False)
        return ReleaseExport.objects.get(release=release, format=fmt, tone=tone)
    return stored


def draft_export(document: Document, fmt: str, tone: str) -> bytes:
    return render_export(selectors.draft_view(document, tone), draft_meta(document), fmt)


def comparison_report(old: Release, new: Release, tone: str) -> bytes:
    """The redline between two releases as a PDF for legal's files."""
    rows = [
        r.as_report_row()
        for r in comparison_rows(old.snapshot, new.snapshot, tone=tone)
        if r.has_changes
    ]
    meta = {
        "title": new.rendered.get(tone, {}).get("title", str(new.document)),
        "from_version": old.version,
        "to_version": new.version,
        "date": timezone.localdate(),
        "tone": tone,
        "organisation": settings.CANDOR_ORGANISATION,
        "lang": "en",
    }
    return export.build_comparison_pdf(rows, meta, timeout=settings.CANDOR_PDF_TIMEOUT)


# --- acknowledgements -------------------------------------------------------------------------


@dataclass
class AcknowledgementPrompt:
    release: Release
    again: bool  # they acknowledged an earlier major release
    last_version: str
    summary: list[str]


def acknowledgement_prompt(user, document: Document) -> AcknowledgementPrompt | None:
    """What a reader still has to acknowledge, if anything.

    A minor release does not ask again: a reader who acknowledged any release with the latest
    release's major number is done. A major release asks everyone again, with a summary of what
    changed since the release they last acknowledged.
    """
    latest = document.latest_release
    if latest is None or not permissions.is_member(user):
        return None
    acknowledged = list(
        Acknowledgement.objects.filter(user=user, release__document=document).values_list(
            "release_id", "release__major", "release__minor"
        )
    )
    if any(major == latest.major for _, major, _ in acknowledged):
        return None
    if not acknowledged:
        return AcknowledgementPrompt(latest, again=False, last_version="", summary=[])
    last_id, major, minor = max(acknowledged, key=lambda row: (row[1], row[2]))
    last = Release(pk=last_id, document=document, major=major, minor=minor)
    return AcknowledgementPrompt(
        latest, again=True, last_version=last.version, summary=release_change_summary(last, latest)
    )


@dataclass
class PersonRow:
    name: str
    username: str
    email: str
    department: str
    acknowledged_at: datetime.datetime | None
    version: str
    tone: str = ""  # the voice they read when they acknowledged; "" if not recorded

    @property
    def voice(self) -> str:
        """The voice read, as people name it ("Policy"); "" when not recorded."""
        return presentation.tone_name(self.tone) if self.tone in presentation.TONES else ""


@dataclass
class DepartmentRow:
    name: str
    people: list[PersonRow]

    @property
    def total(self) -> int:
        return len(self.people)

    @property
    def acknowledged(self) -> int:
        return sum(1 for p in self.people if p.acknowledged_at)

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.total) if self.total else 0


@dataclass
class AcknowledgementReport:
    release: Release
    departments: list[DepartmentRow]

    @property
    def total(self) -> int:
        return sum(d.total for d in self.departments)

    @property
    def acknowledged(self) -> int:
        return sum(d.acknowledged for d in self.departments)

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.total) if self.total else 0


def acknowledgement_report(release: Release) -> AcknowledgementReport:
    """Who has and has not acknowledged a release, by department.

    Everyone with a role is expected to. An acknowledgement of any release with the same major
    number counts, since minor releases do not ask again.
    """
    User = get_user_model()
    people = (
        User.objects.filter(is_active=True)
        .filter(Q(groups__isnull=False) | Q(is_superuser=True))
        .distinct()
        .select_related("profile")
        .order_by("username")
    )
    acks: dict[int, tuple[datetime.datetime | None, str, str]] = {}
    for user_id, created_at, major, minor, tone in (
        Acknowledgement.objects.filter(
            release__document_id=release.document_id, release__major=release.major
        )
        .order_by("created_at")
        .values_list("user_id", "created_at", "release__major", "release__minor", "tone")
    ):
        acks.setdefault(user_id, (created_at, f"{major}.{minor}", tone))
    departments: dict[str, list[PersonRow]] = {}
    for person in people:
        profile = getattr(person, "profile", None)
        department = (profile.department if profile else "") or "No department"
        when, version, tone = acks.get(person.pk, (None, "", ""))
        departments.setdefault(department, []).append(
            PersonRow(
                name=profile.name if profile else person.get_username(),
                username=person.get_username(),
                email=person.email,
                department=department,
                acknowledged_at=when,
                version=version,
                tone=tone,
            )
        )
    rows = [DepartmentRow(name, rows) for name, rows in sorted(departments.items())]
    return AcknowledgementReport(release, rows)


def _cell(value: str) -> str:
    # A spreadsheet would run a cell starting with these as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def acknowledgement_csv(report: AcknowledgementReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "department",
            "name",
            "username",
            "email",
            "acknowledged",
            "acknowledged_version",
            "acknowledged_at",
            "acknowledged_tone",
        ]
    )
    for department in report.departments:
        for person in department.people:
            writer.writerow(
                [
                    _cell(department.name),
                    _cell(person.name),
                    _cell(person.username),
                    _cell(person.email),
                    "yes" if person.acknowledged_at else "no",
                    person.version,
                    person.acknowledged_at.isoformat() if person.acknowledged_at else "",
                    person.tone if person.acknowledged_at else "",
                ]
            )
    return out.getvalue()
