"""Exports of a document: a self-contained HTML file, a printable PDF and a comparison report.

The functions here take the plain "tone view" and "meta" dictionaries that the app builds from a
release or the draft, turn them into the context of a template under ``templates/exports/``, and
return strings or bytes. Templates autoescape every plain field; section bodies and rule
explanations arrive already sanitised by the rendering pipeline (``textkit.rendering``) and are
inserted as they are. The one thing not escaped by a template is the page CSS, whose few variable
parts (organisation, title, version) are quoted as CSS strings by :func:`css_string`.

PDFs are rendered by WeasyPrint in a child process under a time limit and behind a URL fence;
see :mod:`guidelines.releases.pdf`.
"""

from __future__ import annotations

import datetime
import logging
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from guidelines.releases import pdf
from textkit.modality import Modality

__all__ = [
    "ExportError",
    "build_comparison_html",
    "build_comparison_pdf",
    "build_html",
    "build_pdf",
    "build_print_html",
    "html_to_pdf",
]

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates" / "exports"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

TONE_LABELS = {"policy": "Policy", "guideline": "Guideline"}

STATUS_LABELS = {"added": "Added", "removed": "Removed", "changed": "Changed"}

logger = logging.getLogger(__name__)


class ExportError(Exception):
    """The export could not be produced: the renderer failed or ran out of time."""


# --------------------------------------------------------------------------------------------
# Small helpers


def css_string(value: str) -> str:
    """Quote text for a CSS string literal, so a title can neither close the rule it sits in
    nor (with ``</style>``) the style element."""
    out = []
    for char in value:
        if char in {'"', "\\", "<", ">", "&"} or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def format_date(value: datetime.date | None) -> str:
    if value is None:
        return ""
    # Spelled out rather than locale-formatted so the export reads the same on every server.
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@cache
def _stylesheet(name: str) -> str:
    return (TEMPLATES_DIR / name).read_text(encoding="utf-8")


def _css(*sheets: str, page: str = "") -> SafeString:
    # Our own stylesheets, and page CSS whose variable parts went through css_string, which
    # escapes "<": nothing here can end the <style> element early.
    return mark_safe("".join(_stylesheet(name) for name in sheets) + page)  # noqa: S308


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _tone_label(tone: str) -> str:
    return TONE_LABELS.get(tone, tone.capitalize() if tone else "")


def _is_draft(meta: dict) -> bool:
    return bool(meta.get("draft")) or not meta.get("version")


def _version_label(meta: dict) -> str:
    return "DRAFT" if _is_draft(meta) else f"Version {meta['version']}"


def _modality_class(modality: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in (modality or "").lower()).strip("-")
    return f"modality-{slug}" if slug else "modality-none"


def _meta_items(view: dict, meta: dict) -> list[tuple[str, str]]:
    items = [("Version", "Draft" if _is_draft(meta) else str(meta["version"]))]
    date = format_date(meta.get("date"))
    if date:
        items.append(("Date", date))
    if meta.get("status"):
        items.append(("Status", str(meta["status"])))
    if view.get("tone"):
        items.append(("Edition", _tone_label(view["tone"])))
    return items


def _head(title: str, meta: dict, css: SafeString) -> dict[str, Any]:
    """The context of ``exports/includes/head.html``."""
    date = meta.get("date")
    return {
        "page_title": title,
        "author": meta.get("organisation") or "",
        "created": date.isoformat() if date else "",
        "css": css,
        "lang": meta.get("lang") or "en",
    }


def _page_title(title: str, meta: dict) -> str:
    return f"{title} — DRAFT" if _is_draft(meta) else f"{title} — {_version_label(meta)}"


def _strength(rule: dict) -> str:
    """The rule's strength in plain words, as readers see it on the page, in either voice."""
    if rule.get("strength"):
        return str(rule["strength"])
    try:
        return Modality(rule.get("modality") or "").strength
    except ValueError:
        return (rule.get("modality") or "").upper()


def _rule(rule: dict) -> dict[str, str]:
    return {
        "anchor": _text(rule.get("anchor")),
        "label": _strength(rule),
        "modality_class": _modality_class(rule.get("modality", "")),
        "text": _text(rule.get("text")),
        "explanation_html": rule.get("explanation_html") or "",
    }


def _sections(view: dict) -> list[dict[str, Any]]:
    """The sections as ``exports/includes/section.html`` and ``toc.html`` read them."""
    return [
        {
            "number": number,
            "anchor": _text(section.get("anchor")),
            "heading": _text(section.get("heading")),
            "body_html": section.get("body_html") or "",
            "rules": [_rule(rule) for rule in section.get("rules") or []],
        }
        for number, section in enumerate(view.get("sections") or [], start=1)
    ]


# --------------------------------------------------------------------------------------------
# HTML export


def build_html(view: dict, meta: dict) -> str:
    """The document as one self-contained HTML file: styles inline, no scripts, no fetches."""
    title = _text(view.get("title"))
    tone = view.get("tone") or ""
    footer = (
        title,
        _version_label(meta),
        format_date(meta.get("date")),
        f"{_tone_label(tone)} edition" if tone else "",
    )
    context = {
        **_head(_page_title(title, meta), meta, _css("base.css", "screen.css")),
        "title": title,
        "eyebrow": [p for p in (meta.get("organisation"), view.get("subject")) if p],
        "summary": view.get("summary") or "",
        "meta_items": _meta_items(view, meta),
        "draft": _is_draft(meta),
        "sections": _sections(view),
        "footer": [part for part in footer if part],
    }
    return render_to_string("exports/document.html", context)


# --------------------------------------------------------------------------------------------
# Print HTML (WeasyPrint)


def _page_css(meta: dict, *, footer_label: str) -> str:
    """Margin boxes whose text depends on the release; drafts say so on every page."""
    org = meta.get("organisation") or ""
    stamp = ""
    if _is_draft(meta):
        stamp = (
            '@top-center { content: "DRAFT"; color: #8a1c1c; font-weight: 700;'
            " letter-spacing: 0.14em; }"
        )
    footer = f'{css_string(footer_label + " · page ")} counter(page) " of " counter(pages)'
    return (
        "@page {"
        f"{stamp}"
        f"@bottom-left {{ content: {css_string(org)}; }}"
        f"@bottom-right {{ content: {footer}; }}"
        "}"
    )


def build_print_html(view: dict, meta: dict) -> str:
    """HTML laid out for WeasyPrint: cover, contents with page numbers, running header/footer."""
    title = _text(view.get("title"))
    css = _css("base.css", "print.css", page=_page_css(meta, footer_label=_version_label(meta)))
    context = {
        **_head(_page_title(title, meta), meta, css),
        "title": title,
        "organisation": meta.get("organisation") or "",
        "subject": view.get("subject") or "",
        "summary": view.get("summary") or "",
        "meta_items": _meta_items(view, meta),
        "draft": _is_draft(meta),
        "sections": _sections(view),
    }
    return render_to_string("exports/document_print.html", context)


# --------------------------------------------------------------------------------------------
# PDF


def html_to_pdf(
    html: str,
    *,
    static_root: str | None = None,
    timeout: float = 60.0,
) -> bytes:
    """Render HTML to PDF bytes behind the URL fence, in a child process under a time limit.

    Relative URLs resolve against ``static_root`` (when given) and may load files inside it,
    as may absolute ``/static/...`` paths. Nothing else outside the document is read.
    """
    try:
        return pdf.render(html, static_root=static_root, timeout=timeout).pdf
    except pdf.RenderTimeout as error:
        raise ExportError(f"The PDF export {error} and was stopped.") from error
    except pdf.RenderError as error:
        logger.warning("PDF export failed: %s", error)
        raise ExportError(f"The PDF export failed: {error}") from error


def build_pdf(
    view: dict, meta: dict, *, static_root: str | None = None, timeout: float = 60.0
) -> bytes:
    """The document as a PDF: cover, contents, bookmarks, running header and footer."""
    return html_to_pdf(build_print_html(view, meta), static_root=static_root, timeout=timeout)


# --------------------------------------------------------------------------------------------
# Comparison report


def _is_legal(note: str) -> bool:
    return "legally significant" in note.lower()


def _change(row: dict, number: int) -> dict[str, Any]:
    status = row.get("status", "changed")
    return {
        "number": number,
        "status": _text(status),
        "label": STATUS_LABELS.get(status, str(status).capitalize()),
        "heading": _text(row.get("heading")),
        "notes": [{"text": note, "legal": _is_legal(note)} for note in row.get("notes") or []],
        "redline_html": row.get("redline_html") or "",
    }


def build_comparison_html(comparison_rows: list[dict], meta: dict) -> str:
    """A redline report between two releases, readable on screen and printable by WeasyPrint."""
    title = _text(meta.get("title"))
    from_v, to_v = meta.get("from_version") or "draft", meta.get("to_version") or "draft"
    heading = f"Changes from version {from_v} to version {to_v}"
    date = format_date(meta.get("date"))
    tone = _tone_label(meta.get("tone", ""))
    counts = {"added": 0, "removed": 0, "changed": 0}
    for row in comparison_rows:
        if row.get("status") in counts:
            counts[row["status"]] += 1
    legal = sum(1 for row in comparison_rows for note in row.get("notes") or [] if _is_legal(note))
    page_css = (
        "@page {"
        f"@top-left {{ content: {css_string(f'{title} — comparison {from_v} → {to_v}')}; }}"
        '@bottom-right { content: "Page " counter(page) " of " counter(pages); }'
        "}"
    )
    details = (title, f"{tone} edition" if tone else "", f"Prepared {date}" if date else "")
    context = {
        **_head(f"{title} — {heading}", meta, _css("base.css", "comparison.css", page=page_css)),
        "heading": heading,
        "details": [part for part in details if part],
        "meta_items": [
            ("Sections changed", counts["changed"]),
            ("Sections added", counts["added"]),
            ("Sections removed", counts["removed"]),
            ("Legally significant notes", legal),
        ],
        "changes": [_change(row, n) for n, row in enumerate(comparison_rows, start=1)],
    }
    return render_to_string("exports/comparison.html", context)


def build_comparison_pdf(
    comparison_rows: list[dict], meta: dict, *, timeout: float = 60.0
) -> bytes:
    """The comparison report as a PDF for legal's files."""
    return html_to_pdf(build_comparison_html(comparison_rows, meta), timeout=timeout)
