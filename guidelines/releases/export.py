"""Exports of a document: a self-contained HTML file, a printable PDF and a comparison report.

This module is pure: it takes the plain "tone view" and "meta" dictionaries that the app builds
from a release or the draft, and returns strings or bytes. Section bodies and rule explanations
arrive already sanitised by the rendering pipeline and are inserted as they are; every other
string is escaped here.

The PDF renderer is WeasyPrint, fenced in two ways:

* its URL fetcher serves only ``data:`` images and files inside the app's own static folder, so
  a document can never make the server read ``/etc/passwd`` or call a remote host;
* the render runs in a worker thread under a time limit. Python cannot kill a thread, so on
  timeout the caller gets :class:`ExportError` at once and the worker is asked to stop by an
  exception raised inside it at its next Python instruction (WeasyPrint's layout is Python, so
  it stops promptly). This works on any thread, unlike ``signal.alarm`` which only the main
  thread may use and which gunicorn's threaded workers never run requests on; a subprocess
  would isolate harder but costs a fork and a copy of the PDF for every export.
"""

from __future__ import annotations

import ctypes
import datetime
import html
import mimetypes
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

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

# Raster and vector image types a document may embed inline; anything else in a data: URL
# (HTML, CSS, fonts) could smuggle further references past the fetcher.
ALLOWED_DATA_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"}
)

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


class ExportError(Exception):
    """The export could not be produced: the renderer failed or ran out of time."""


# --------------------------------------------------------------------------------------------
# Small helpers


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _css_string(value: str) -> str:
    """Quote text for a CSS string literal, so a title cannot close the rule it sits in."""
    out = []
    for char in value:
        if char in {'"', "\\"} or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _format_date(value: datetime.date | None) -> str:
    if value is None:
        return ""
    # Spelled out rather than locale-formatted so the export reads the same on every server.
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@cache
def _stylesheet(name: str) -> str:
    return (TEMPLATES_DIR / name).read_text(encoding="utf-8")


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
    date = _format_date(meta.get("date"))
    if date:
        items.append(("Date", date))
    if meta.get("status"):
        items.append(("Status", str(meta["status"])))
    if view.get("tone"):
        items.append(("Edition", _tone_label(view["tone"])))
    return items


# --------------------------------------------------------------------------------------------
# Fragments shared by the screen and the print HTML


def _rule_html(rule: dict) -> str:
    label = rule.get("modality_label") or (rule.get("modality") or "").upper()
    modality = ""
    if label:
        modality = (
            f'<span class="modality {_modality_class(rule.get("modality", ""))}">'
            f"{_esc(label)}</span>"
        )
    explanation = ""
    if rule.get("explanation_html"):
        explanation = f'<div class="rule-explanation">{rule["explanation_html"]}</div>'
    return (
        f'<li class="rule" id="{_esc(rule.get("anchor", ""))}">'
        f'<p class="rule-text">{modality}{_esc(rule.get("text", ""))}</p>'
        f"{explanation}</li>"
    )


def _section_html(section: dict, number: int, *, anchor_links: bool) -> str:
    anchor = _esc(section.get("anchor", ""))
    permalink = ""
    if anchor_links:
        permalink = (
            f' <a class="anchor-link" href="#{anchor}" aria-label="Link to this section">#</a>'
        )
    rules = section.get("rules") or []
    rules_html = ""
    if rules:
        rules_html = '<ol class="rules">' + "".join(_rule_html(r) for r in rules) + "</ol>"
    body = section.get("body_html") or ""
    return (
        f'<section class="doc-section" aria-labelledby="{anchor}">'
        f'<h1 class="section-heading" id="{anchor}">'
        f'<span class="section-number">{number}</span> '
        f'<span class="section-title">{_esc(section.get("heading", ""))}</span>'
        f"{permalink}</h1>"
        f'<div class="section-body">{body}</div>{rules_html}</section>'
    )


def _toc_html(sections: list[dict]) -> str:
    entries = "".join(
        f'<li><a href="#{_esc(s.get("anchor", ""))}"><span class="toc-number">{n}</span> '
        f'<span class="toc-label">{_esc(s.get("heading", ""))}</span></a></li>'
        for n, s in enumerate(sections, start=1)
    )
    return (
        '<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">Contents</h2>'
        f"<ol>{entries}</ol></nav>"
    )


def _head(title: str, meta: dict, css: str) -> str:
    author = meta.get("organisation") or ""
    author_tag = f'<meta name="author" content="{_esc(author)}">' if author else ""
    date = meta.get("date")
    date_tag = f'<meta name="dcterms.created" content="{date.isoformat()}">' if date else ""
    return (
        '<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="Candor">{author_tag}{date_tag}'
        f"<title>{_esc(title)}</title><style>{css}</style></head>"
    )


# --------------------------------------------------------------------------------------------
# HTML export


def build_html(view: dict, meta: dict) -> str:
    """The document as one self-contained HTML file: styles inline, no scripts, no fetches."""
    title = view.get("title", "")
    sections = view.get("sections") or []
    draft = _is_draft(meta)
    lang = _esc(meta.get("lang") or "en")
    meta_list = "".join(
        f"<div><dt>{_esc(k)}</dt><dd>{_esc(v)}</dd></div>" for k, v in _meta_items(view, meta)
    )
    eyebrow_parts = [p for p in (meta.get("organisation"), view.get("subject")) if p]
    eyebrow = (
        f'<p class="eyebrow">{" · ".join(_esc(p) for p in eyebrow_parts)}</p>'
        if eyebrow_parts
        else ""
    )
    summary = f'<p class="doc-summary">{_esc(view["summary"])}</p>' if view.get("summary") else ""
    banner = ""
    if draft:
        banner = (
            '<p class="draft-banner" role="note"><strong class="draft-stamp">DRAFT</strong> '
            "This is a working draft, not a published release. It may change before it is "
            "published.</p>"
        )
    body_sections = "".join(
        _section_html(s, n, anchor_links=True) for n, s in enumerate(sections, start=1)
    )
    page_title = f"{title} — DRAFT" if draft else f"{title} — {_version_label(meta)}"
    footer = " · ".join(
        _esc(part)
        for part in (
            title,
            _version_label(meta),
            _format_date(meta.get("date")),
            f"{_tone_label(view.get('tone', ''))} edition" if view.get("tone") else "",
        )
        if part
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}">'
        f"{_head(page_title, meta, _stylesheet('base.css') + _stylesheet('screen.css'))}"
        f'<body><div class="page"><header class="doc-header">{eyebrow}'
        f'<h1 class="doc-title">{_esc(title)}</h1>{summary}'
        f'<dl class="doc-meta">{meta_list}</dl></header>{banner}'
        f"{_toc_html(sections)}<main>{body_sections}</main>"
        f'<footer class="doc-footer">{footer}</footer></div></body></html>'
    )


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
    footer = f'{_css_string(footer_label + " · page ")} counter(page) " of " counter(pages)'
    return (
        "@page {"
        f"{stamp}"
        f"@bottom-left {{ content: {_css_string(org)}; }}"
        f"@bottom-right {{ content: {footer}; }}"
        "}"
    )


def _cover_html(view: dict, meta: dict) -> str:
    org = meta.get("organisation") or ""
    # An empty organisation line still holds its space so the title sits at the same height.
    org_html = f'<p class="cover-org sans">{_esc(org) or "&nbsp;"}</p>'
    subject = (
        f'<p class="cover-subject sans">{_esc(view["subject"])}</p>' if view.get("subject") else ""
    )
    summary = f'<p class="cover-summary">{_esc(view["summary"])}</p>' if view.get("summary") else ""
    draft = ""
    if _is_draft(meta):
        draft = (
            '<p class="cover-draft"><span class="draft-stamp">DRAFT</span> '
            '<span class="sans">Not a published release</span></p>'
        )
    meta_list = "".join(
        f"<div><dt>{_esc(k)}</dt><dd>{_esc(v)}</dd></div>" for k, v in _meta_items(view, meta)
    )
    return (
        '<section class="cover"><div class="cover-band"></div>'
        f"{org_html}{subject}"
        f'<h1 class="cover-title">{_esc(view.get("title", ""))}</h1>'
        f'<hr class="cover-rule">{summary}{draft}'
        f'<dl class="cover-meta sans">{meta_list}</dl></section>'
    )


def build_print_html(view: dict, meta: dict) -> str:
    """HTML laid out for WeasyPrint: cover, contents with page numbers, running header/footer."""
    title = view.get("title", "")
    sections = view.get("sections") or []
    lang = _esc(meta.get("lang") or "en")
    css = (
        _stylesheet("base.css")
        + _stylesheet("print.css")
        + _page_css(meta, footer_label=_version_label(meta))
    )
    watermark = '<div class="watermark" aria-hidden="true">DRAFT</div>' if _is_draft(meta) else ""
    body_sections = "".join(
        _section_html(s, n, anchor_links=False) for n, s in enumerate(sections, start=1)
    )
    page_title = f"{title} — DRAFT" if _is_draft(meta) else f"{title} — {_version_label(meta)}"
    return (
        f'<!DOCTYPE html><html lang="{lang}">{_head(page_title, meta, css)}'
        f"<body>{watermark}{_cover_html(view, meta)}{_toc_html(sections)}"
        f"<main>{body_sections}</main></body></html>"
    )


# --------------------------------------------------------------------------------------------
# The fenced renderer


def _weasyprint() -> Any:
    # Imported late: WeasyPrint loads Pango and fontconfig, which the HTML exports never need.
    import weasyprint

    return weasyprint


def _make_fetcher(static_root: str | None) -> Any:
    weasyprint = _weasyprint()
    root = Path(os.path.realpath(static_root)) if static_root else None

    class StaticOnlyFetcher(weasyprint.urls.URLFetcher):
        """Serves data: images and files inside ``static_root``; refuses everything else.

        Every refusal raises, which WeasyPrint turns into a logged warning and a missing
        resource: the document still renders.
        """

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                media_type = url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower()
                if media_type in ALLOWED_DATA_TYPES:
                    return super().fetch(url, headers)
                return self._refuse(url, "only image data URLs are allowed")
            if scheme == "file" and root is not None:
                path = self._static_path(url)
                if path is not None:
                    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return weasyprint.urls.URLFetcherResponse(
                        path.as_uri(), path.read_bytes(), {"Content-Type": media_type}
                    )
            return self._refuse(url, "only the application's static files may be loaded")

        def _static_path(self, url: str) -> Path | None:
            if root is None:
                return None
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                return None
            raw = unquote(parts.path)
            candidates = [raw]
            # Templates may write the app's URL form, /static/...: map it onto the root.
            if raw.startswith("/static/"):
                candidates.append(str(root / raw[len("/static/") :]))
            for candidate in candidates:
                if "\x00" in candidate:
                    continue
                # realpath resolves ".." and symlinks, so a link pointing out of the root
                # is judged by where it really leads.
                real = Path(os.path.realpath(candidate))
                if real.is_relative_to(root) and real.is_file():
                    return real
            return None

        def _refuse(self, url: str, reason: str) -> Any:
            self.refused.append(url)
            raise PermissionError(f"Refused to load {url[:200]!r}: {reason}.")

    return StaticOnlyFetcher()


class _RenderCancelled(BaseException):
    """Raised inside an abandoned render thread; BaseException so no ``except Exception``
    in the renderer swallows it."""


def _cancel_thread(thread: threading.Thread) -> None:
    if thread.ident is None or not thread.is_alive():
        return
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread.ident), ctypes.py_object(_RenderCancelled)
    )


def _run_with_timeout(work: Any, timeout: float, what: str) -> Any:
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except _RenderCancelled:
            outcome["cancelled"] = True
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="candor-pdf-render", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        _cancel_thread(thread)
        thread.join(1.0)
        raise ExportError(f"{what} took longer than {timeout:g} seconds and was stopped.")
    if "error" in outcome:
        raise ExportError(f"{what} failed: {outcome['error']}") from outcome["error"]
    if "value" not in outcome:
        raise ExportError(f"{what} was stopped before it finished.")
    return outcome["value"]


def html_to_pdf(
    html: str,
    *,
    static_root: str | None = None,
    timeout: float = 60.0,
) -> bytes:
    """Render HTML to PDF bytes with the fenced fetcher and a time limit.

    Relative URLs resolve against ``static_root`` (when given) and may load files inside it,
    as may absolute ``/static/...`` paths. Nothing else outside the document is read.
    """
    weasyprint = _weasyprint()
    fetcher = _make_fetcher(static_root)
    base_url = Path(os.path.realpath(static_root)).as_uri() + "/" if static_root else None

    def render() -> bytes:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        return document.write_pdf()

    return _run_with_timeout(render, timeout, "The PDF export")


def build_pdf(
    view: dict, meta: dict, *, static_root: str | None = None, timeout: float = 60.0
) -> bytes:
    """The document as a PDF: cover, contents, bookmarks, running header and footer."""
    return html_to_pdf(build_print_html(view, meta), static_root=static_root, timeout=timeout)


# --------------------------------------------------------------------------------------------
# Comparison report


def _comparison_counts(rows: list[dict]) -> dict[str, int]:
    counts = {"added": 0, "removed": 0, "changed": 0}
    for row in rows:
        if row.get("status") in counts:
            counts[row["status"]] += 1
    return counts


def _comparison_row_html(row: dict, index: int) -> str:
    status = row.get("status", "changed")
    label = STATUS_LABELS.get(status, str(status).capitalize())
    notes = row.get("notes") or []
    notes_html = ""
    if notes:
        items = "".join(
            f'<li class="{"note-legal" if "legally significant" in n.lower() else ""}">'
            f"{_esc(n)}</li>"
            for n in notes
        )
        notes_html = f'<ul class="notes">{items}</ul>'
    return (
        f'<section class="change change-{_esc(status)}" id="change-{index}">'
        f'<h2 class="change-heading"><span class="status-label status-{_esc(status)}">'
        f"{_esc(label)}</span> {_esc(row.get('heading', ''))}</h2>"
        f'{notes_html}<div class="redline">{row.get("redline_html") or ""}</div></section>'
    )


def build_comparison_html(comparison_rows: list[dict], meta: dict) -> str:
    """A redline report between two releases, readable on screen and printable by WeasyPrint."""
    title = meta.get("title", "")
    from_v, to_v = meta.get("from_version") or "draft", meta.get("to_version") or "draft"
    heading = f"Changes from version {from_v} to version {to_v}"
    date = _format_date(meta.get("date"))
    tone = _tone_label(meta.get("tone", ""))
    counts = _comparison_counts(comparison_rows)
    legal = sum(
        1
        for row in comparison_rows
        for note in row.get("notes") or []
        if "legally significant" in note.lower()
    )
    summary = "".join(
        f"<div><dt>{_esc(k)}</dt><dd>{v}</dd></div>"
        for k, v in (
            ("Sections changed", counts["changed"]),
            ("Sections added", counts["added"]),
            ("Sections removed", counts["removed"]),
            ("Legally significant notes", legal),
        )
    )
    details = " · ".join(
        _esc(p)
        for p in (title, f"{tone} edition" if tone else "", f"Prepared {date}" if date else "")
        if p
    )
    rows = "".join(_comparison_row_html(r, i) for i, r in enumerate(comparison_rows, start=1))
    if not rows:
        rows = '<p class="no-changes">The two versions have the same text.</p>'
    page_css = (
        "@page {"
        f"@top-left {{ content: {_css_string(f'{title} — comparison {from_v} → {to_v}')}; }}"
        '@bottom-right { content: "Page " counter(page) " of " counter(pages); }'
        "}"
    )
    css = _stylesheet("base.css") + _stylesheet("comparison.css") + page_css
    legend = (
        '<p class="legend"><strong>How to read this report.</strong> '
        "Deleted words are struck through and bracketed with a minus sign, as in "
        "<del>old wording</del>; inserted words are underlined and bracketed with a plus "
        "sign, as in <ins>new wording</ins>. Notes flag changes of modality, which alter "
        "what the document requires.</p>"
    )
    return (
        f'<!DOCTYPE html><html lang="{_esc(meta.get("lang") or "en")}">'
        f"{_head(f'{title} — {heading}', meta, css)}"
        f'<body><div class="page"><header class="report-header">'
        f'<p class="eyebrow">Comparison report</p><h1 class="report-title">{_esc(heading)}</h1>'
        f'<p class="report-details">{details}</p>'
        f'<dl class="report-summary">{summary}</dl>{legend}</header>'
        f"<main>{rows}</main></div></body></html>"
    )


def build_comparison_pdf(
    comparison_rows: list[dict], meta: dict, *, timeout: float = 60.0
) -> bytes:
    """The comparison report as a PDF for legal's files."""
    return html_to_pdf(build_comparison_html(comparison_rows, meta), timeout=timeout)
