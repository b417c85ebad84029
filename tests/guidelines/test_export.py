"""Exports: the self-contained HTML, the PDF read back, the fenced renderer, the redline."""

from __future__ import annotations

import base64
import datetime
import io
import logging
import multiprocessing
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from guidelines.releases import export, pdf
from textkit.pdf import Allow, Fence, Refuse

RELEASE = {
    "version": "1.2",
    "date": datetime.date(2025, 3, 12),
    "status": "Published",
    "draft": False,
    "organisation": "Northwind Labs",
}
DRAFT = {
    "version": None,
    "date": datetime.date(2025, 4, 2),
    "status": "Draft",
    "draft": True,
    "organisation": "Northwind Labs",
}

HEADINGS = [
    "Be who you are",
    "Speak for yourself",
    "Protect confidential information",
    "Правила для сотрудников",
    "尊重你的读者",
    "Café, naïveté and Ægir",
]

RULES = {
    "policy": [
        ("must", "Required", "Employees must identify themselves when they discuss the company."),
        ("must_not", "Not allowed", "Do not disclose unannounced products or M&A activity."),
        (
            "should",
            "Recommended",
            "Employees should add a disclaimer that the views are their own.",
        ),
    ],
    "guideline": [
        ("must", "Required", "Say who you are when you talk about the company."),
        ("must_not", "Not allowed", "Keep unannounced products and M&A activity to yourself."),
        ("should", "Recommended", "Consider adding a disclaimer that the views are your own."),
    ],
}


def make_view(tone: str = "policy") -> dict:
    sections = []
    for index, heading in enumerate(HEADINGS):
        sections.append(
            {
                "anchor": f"section-{index}",
                "heading": heading,
                "body_html": (
                    "<p>Blogs, wikis and video sites let you speak with our customers. "
                    "Write as yourself, add value, and own your mistakes.</p>"
                    "<p>Сотрудники пишут от своего имени. 员工以自己的名义发言。 Déjà vu.</p>"
                ),
                "rules": [
                    {
                        "anchor": f"rule-{index}-{number}",
                        "modality": modality,
                        "modality_label": label,
                        "text": text,
                        "automatic": True,
                        "explanation_html": "<p>Readers trust people more than logos.</p>",
                    }
                    for number, (modality, label, text) in enumerate(RULES[tone])
                ],
            }
        )
    return {
        "title": "Social Computing Policy" if tone == "policy" else "Social Computing Guidelines",
        "subject": "Social Computing",
        "summary": "How we take part in blogs, social networks, wikis and video sites.",
        "tone": tone,
        "sections": sections,
    }


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Extracted text breaks lines where the layout did; compare with whitespace collapsed."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def policy_pdf() -> bytes:
    return export.build_pdf(make_view("policy"), RELEASE)


@pytest.fixture(scope="module")
def guideline_pdf() -> bytes:
    return export.build_pdf(make_view("guideline"), RELEASE)


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return export.build_pdf(make_view("guideline"), DRAFT)


# ---------------------------------------------------------------------------- the PDF


def test_it_produces_a_pdf_of_more_than_two_pages(policy_pdf: bytes) -> None:
    assert policy_pdf.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(policy_pdf)).pages) > 2


def test_the_cover_shows_organisation_title_version_date_status_and_tone(
    policy_pdf: bytes,
) -> None:
    cover = squash(page_texts(policy_pdf)[0])
    for expected in (
        "NORTHWIND LABS",
        "Social Computing Policy",
        "1.2",
        "12 March 2025",
        "Published",
        "Policy",
    ):
        assert expected in cover
    # The cover is only the cover: the body starts later.
    assert HEADINGS[0] not in cover


@pytest.mark.parametrize("tone", ["policy", "guideline"])
def test_every_heading_and_rule_is_in_the_pdf_in_either_tone(
    tone: str, policy_pdf: bytes, guideline_pdf: bytes
) -> None:
    pdf = policy_pdf if tone == "policy" else guideline_pdf
    body = squash(" ".join(page_texts(pdf)[2:]))
    for heading in HEADINGS:
        assert heading in body
    for _modality, label, text in RULES[tone]:
        assert text in body
        assert label in body
    other = "guideline" if tone == "policy" else "policy"
    assert RULES[other][0][2] not in body


def test_cyrillic_cjk_and_accented_text_comes_back_out_of_the_pdf(policy_pdf: bytes) -> None:
    text = squash(" ".join(page_texts(policy_pdf)))
    assert "Правила для сотрудников" in text
    assert "Сотрудники пишут от своего имени." in text
    assert "尊重你的读者" in text
    assert "员工以自己的名义发言。" in text
    assert "Café, naïveté and Ægir" in text


def test_it_embeds_real_fonts_for_latin_and_cjk(policy_pdf: bytes) -> None:
    fonts: set[str] = set()
    for page in PdfReader(io.BytesIO(policy_pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).replace("-", ""))
    assert any("NotoSerif" in name and "CJK" not in name for name in fonts)
    assert any("CJK" in name for name in fonts)


def test_the_contents_links_lead_to_the_pages_where_sections_start(policy_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(policy_pdf))
    destinations = reader.named_destinations
    toc_page = reader.pages[1]
    targets = {
        str(annot.get_object()["/Dest"])
        for annot in toc_page["/Annots"]
        if annot.get_object()["/Subtype"] == "/Link"
    }
    assert targets == {f"section-{i}" for i in range(len(HEADINGS))}
    for index, heading in enumerate(HEADINGS):
        page_number = reader.get_destination_page_number(destinations[f"section-{index}"])
        assert page_number > 1
        assert heading in squash(reader.pages[page_number].extract_text())


def test_the_contents_print_the_page_number_of_each_section(policy_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(policy_pdf))
    toc = squash(reader.pages[1].extract_text())
    page_number = reader.get_destination_page_number(reader.named_destinations["section-0"])
    assert re.search(rf"{HEADINGS[0]}[ .]+{page_number + 1}\b", toc)


def test_the_outline_has_one_bookmark_per_section(policy_pdf: bytes) -> None:
    outline = PdfReader(io.BytesIO(policy_pdf)).outline
    titles = [entry.title for entry in outline if not isinstance(entry, list)]
    assert len(titles) == len(HEADINGS)
    for title, heading in zip(titles, HEADINGS, strict=True):
        assert title.endswith(heading)


def test_each_page_after_the_cover_has_the_running_header_and_versioned_footer(
    policy_pdf: bytes,
) -> None:
    texts = page_texts(policy_pdf)
    total = len(texts)
    for number, text in enumerate(texts[1:], start=2):
        flat = squash(text)
        assert "Social Computing Policy" in flat
        assert f"Version 1.2 · page {number} of {total}" in flat


def test_a_draft_says_draft_on_every_page_including_the_cover(draft_pdf: bytes) -> None:
    texts = page_texts(draft_pdf)
    assert len(texts) > 2
    for text in texts:
        assert "DRAFT" in text
    assert "DRAFT · page 2 of" in squash(texts[1])
    assert "Version" not in squash(texts[1])


def test_a_published_release_is_not_stamped_draft(policy_pdf: bytes) -> None:
    assert not any("DRAFT" in text for text in page_texts(policy_pdf))


def test_the_pdf_carries_title_and_author_metadata(policy_pdf: bytes) -> None:
    metadata = PdfReader(io.BytesIO(policy_pdf)).metadata
    assert metadata.title == "Social Computing Policy — Version 1.2"
    assert metadata.author == "Northwind Labs"


def test_a_title_cannot_close_the_style_element_of_the_print_html() -> None:
    meta = {**RELEASE, "organisation": "</style><p>INJECTED</p>"}
    page = export.build_print_html(make_view(), meta)
    assert page.count("</style>") == 1
    assert "<p>INJECTED</p>" not in page
    assert export.css_string("</style>") == '"\\3c /style\\3e "'


def test_hostile_text_in_the_running_footer_cannot_break_the_page_style() -> None:
    meta = {**RELEASE, "organisation": 'Evil"; } body { display: none } @page { x: "'}
    texts = page_texts(export.build_pdf(make_view(), meta))
    assert HEADINGS[0] in squash(texts[2])
    assert 'Evil"; } body' in squash(texts[2])


# ---------------------------------------------------------------------------- the HTML


def test_the_html_export_is_self_contained() -> None:
    page = export.build_html(make_view(), RELEASE)
    assert "<script" not in page.lower()
    assert "<link" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|file:|//)""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:|file:|//)", page, re.I)
    assert "@import" not in page
    assert "<style>" in page


def test_the_html_export_has_title_version_date_tone_and_contents_with_anchors() -> None:
    page = export.build_html(make_view("guideline"), RELEASE)
    assert "<title>Social Computing Guidelines — Version 1.2</title>" in page
    assert "12 March 2025" in page
    assert "<dd>Guideline</dd>" in page
    for index in range(len(HEADINGS)):
        assert f'href="#section-{index}"' in page
        assert f'id="section-{index}"' in page
    assert 'id="rule-0-1"' in page
    assert "DRAFT" not in page


def test_the_html_export_of_a_draft_says_so() -> None:
    page = export.build_html(make_view(), DRAFT)
    assert "<title>Social Computing Policy — DRAFT</title>" in page
    assert 'class="draft-banner"' in page


def test_the_html_export_escapes_plain_fields_but_keeps_sanitised_bodies() -> None:
    view = make_view()
    view["sections"][0]["heading"] = "<script>alert(1)</script> & more"
    view["sections"][0]["rules"][0]["text"] = "Use <b>judgment</b>"
    page = export.build_html(view, RELEASE)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "Use &lt;b&gt;judgment&lt;/b&gt;" in page
    assert "<p>Readers trust people more than logos.</p>" in page


def test_the_print_html_uses_page_counters_for_the_contents() -> None:
    page = export.build_print_html(make_view(), RELEASE)
    assert "target-counter(attr(href), page)" in page
    assert "counter(pages)" in page
    assert 'class="cover"' in page


# ---------------------------------------------------------------------------- the URL fence (pure)


@pytest.fixture
def static_tree(tmp_path: Path) -> Path:
    """A static root with a stylesheet, a folder, a link inside and a link that leads out."""
    root = tmp_path / "static"
    (root / "css").mkdir(parents=True)
    (root / "css" / "extra.css").write_text("p { color: black; }")
    (root / "css" / "same.css").symlink_to(root / "css" / "extra.css")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "escape.css").symlink_to(tmp_path / "secret.txt")
    return root


PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
    "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.mark.parametrize(
    "url,media_type",
    [
        (PIXEL, "image/png"),
        ("DATA:IMAGE/SVG+XML;charset=utf-8,<svg/>", "image/svg+xml"),
        ("data:image/jpeg;base64,AAAA", "image/jpeg"),
    ],
)
def test_the_fence_lets_image_data_urls_through(url: str, media_type: str) -> None:
    assert Fence.around(None).decide(url) == Allow(media_type)


@pytest.mark.parametrize(
    "url",
    [
        "data:text/html;base64,PHA+aGk8L3A+",
        "data:text/css,body{}",
        "data:font/woff2;base64,AAAA",
        "data:,plain text",
        "data:image/png-but-not;base64,AAAA",
    ],
)
def test_the_fence_refuses_data_urls_that_are_not_images(url: str) -> None:
    decision = Fence.around(None).decide(url)
    assert decision == Refuse("only image data URLs are allowed")


def test_the_fence_serves_files_inside_the_static_root_by_real_path(static_tree: Path) -> None:
    fence = Fence.around(static_tree)
    extra = static_tree / "css" / "extra.css"
    for url in (
        extra.as_uri(),
        f"file://localhost{extra}",
        "file:///static/css/extra.css",  # the app's URL form, mapped onto the root
        (static_tree / "css" / "same.css").as_uri(),  # a link that stays inside
        (static_tree / "css" / "%65xtra.css").as_uri().replace("%2565", "%65"),
    ):
        assert fence.decide(url) == Allow("text/css", extra), url


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///static/../../../../etc/passwd",
        "file:///static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://attacker.invalid/x.css",
        "https://127.0.0.1/x.css",
        "ftp://attacker.invalid/x.png",
        "gopher://attacker.invalid/",
        "javascript:alert(1)",
        "no-scheme-at-all",
    ],
)
def test_the_fence_refuses_other_files_and_every_other_scheme(url: str, static_tree: Path) -> None:
    decision = Fence.around(static_tree).decide(url)
    assert decision == Refuse("only the application's static files may be loaded")


def test_the_fence_refuses_climbs_links_out_hosts_folders_and_nul_bytes(static_tree: Path) -> None:
    fence = Fence.around(static_tree)
    for url in (
        (static_tree / "css" / ".." / ".." / "secret.txt").as_uri(),
        (static_tree / "escape.css").as_uri(),  # a symlink that leads out of the root
        f"file://fileserver{static_tree}/css/extra.css",  # a host: a network share
        (static_tree / "css").as_uri(),  # a folder, not a file
        (static_tree / "css" / "extra.css").as_uri() + "%00.png",
        (static_tree / "missing.css").as_uri(),
    ):
        assert isinstance(fence.decide(url), Refuse), url


def test_a_fence_without_a_static_root_serves_no_file(static_tree: Path) -> None:
    fence = Fence.around(None)
    assert fence.base_url is None
    assert isinstance(fence.decide((static_tree / "css" / "extra.css").as_uri()), Refuse)
    assert isinstance(fence.decide("file:///static/css/extra.css"), Refuse)


def test_the_base_url_is_the_real_static_root_as_a_folder(static_tree: Path) -> None:
    (static_tree.parent / "alias").symlink_to(static_tree)
    assert Fence.around(static_tree.parent / "alias").base_url == static_tree.as_uri() + "/"


@pytest.fixture(scope="module")
def fence_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fence")
    root = base / "static"
    (root / "css").mkdir(parents=True)
    (root / "css" / "extra.css").write_text("p {}")
    (base / "extra.css").write_text("outside")
    (root / "escape.css").symlink_to(base / "extra.css")
    return root


@settings(max_examples=300)
@given(
    parts=st.lists(
        st.sampled_from(["..", ".", "css", "extra.css", "escape.css", "%2e%2e", "%2F", "", "x"]),
        max_size=8,
    )
)
def test_whatever_the_path_the_fence_only_serves_real_files_inside_the_root(
    fence_tree: Path, parts: list[str]
) -> None:
    fence = Fence.around(fence_tree)
    decision = fence.decide(fence_tree.as_uri() + "/" + "/".join(parts))
    if isinstance(decision, Allow):
        assert decision.path is not None and fence.root is not None
        assert decision.path.is_file()
        assert decision.path.is_relative_to(fence.root)
        assert not decision.path.is_symlink()


# ---------------------------------------------------------------------------- the fenced renderer


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on loopback that records every request it gets: a URL the renderer
    let through would show up here, whatever HTTP client it went through."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            requests.append(self.path)
            body = b"p::after { content: ' REMOTE-LOADED'; }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


def render(html: str, static_root: Path | None = None) -> pdf.Rendered:
    return pdf.render(html, static_root=str(static_root) if static_root else None, timeout=120)


HOSTILE_HTML = """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="http://attacker.invalid/style.css">
<link rel="stylesheet" href="{local}/local.css">
<style>
@import url("https://attacker.invalid/import.css");
@import url("{local}/import.css");
body {{ background: url(http://attacker.invalid/bg.png); }}
</style></head><body>
<p>The document itself</p>
<img src="file:///etc/passwd" alt="">
<img src="../../../../../../etc/passwd" alt="">
<img src="ftp://attacker.invalid/x.png" alt="">
<img src="data:text/html;base64,PHA+aGk8L3A+" alt="">
<img src="{local}/pixel.png" alt="">
</body></html>"""

BLOCKED = [
    "http://attacker.invalid/style.css",
    "https://attacker.invalid/import.css",
    "http://attacker.invalid/bg.png",
    "file:///etc/passwd",
    "ftp://attacker.invalid/x.png",
    "data:text/html;base64,PHA+aGk8L3A+",
]


def test_the_renderer_refuses_files_remote_urls_and_non_image_data(
    web_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    local, requests = web_server
    static_root = tmp_path / "static" / "deep" / "er"
    static_root.mkdir(parents=True)
    rendered = render(HOSTILE_HTML.format(local=local), static_root)

    text = squash(page_texts(rendered.pdf)[0])
    assert "The document itself" in text
    refused = set(rendered.refused)
    for url in [*BLOCKED, f"{local}/local.css", f"{local}/import.css", f"{local}/pixel.png"]:
        assert url in refused
    # The relative path climbs out of the static folder and is refused as the file it names.
    assert "file:///etc/passwd" in refused
    # Nothing reached the network: the server a let-through URL would hit saw no request.
    assert requests == []
    assert "REMOTE-LOADED" not in text


def test_the_renderer_without_a_static_root_reads_no_file_at_all(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("body::before { content: 'LEAKED'; }")
    html = f'<link rel="stylesheet" href="{secret.as_uri()}"><p>Body text</p>'
    with caplog.at_level(logging.WARNING, logger="guidelines.releases.pdf"):
        text = squash(page_texts(export.html_to_pdf(html))[0])
    assert "Body text" in text
    assert "LEAKED" not in text
    # The refusal happened in the child and is logged by the web process.
    assert any(
        r.name == "guidelines.releases.pdf" and secret.as_uri() in r.getMessage()
        for r in caplog.records
    )


def test_the_renderer_serves_the_apps_static_files_and_image_data(tmp_path: Path) -> None:
    static_root = tmp_path / "static"
    (static_root / "export").mkdir(parents=True)
    (static_root / "export" / "extra.css").write_text(
        "p.marker::after { content: ' STATIC-SHEET-LOADED'; }"
    )
    html = (
        '<link rel="stylesheet" href="export/extra.css">'
        '<link rel="stylesheet" href="/static/export/extra.css">'
        f'<p class="marker">Marker</p><img src="{PIXEL}" alt="">'
    )
    rendered = render(html, static_root)
    assert squash(page_texts(rendered.pdf)[0]).count("STATIC-SHEET-LOADED") == 1
    assert rendered.refused == ()
    assert PdfReader(io.BytesIO(rendered.pdf)).pages[0]["/Resources"].get("/XObject")


def test_a_symlink_that_escapes_the_static_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.css"
    outside.write_text("p::after { content: ' ESCAPED'; }")
    static_root = tmp_path / "static"
    static_root.mkdir()
    (static_root / "innocent.css").symlink_to(outside)
    rendered = render('<link rel="stylesheet" href="innocent.css"><p>Text</p>', static_root)
    assert "ESCAPED" not in squash(page_texts(rendered.pdf)[0])
    assert len(rendered.refused) == 1


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the render processes started during the test."""
    pids: list[int] = []
    real_start = BaseProcess.start

    def recording_start(self: BaseProcess) -> None:
        real_start(self)
        if self.name == pdf.CHILD_NAME and self.pid is not None:
            pids.append(self.pid)

    monkeypatch.setattr(BaseProcess, "start", recording_start)
    return pids


def assert_gone(pid: int) -> None:
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_render_that_overruns_its_time_limit_is_stopped(children: list[int]) -> None:
    html = export.build_print_html(
        {**make_view(), "sections": make_view()["sections"] * 30}, RELEASE
    )
    started = time.monotonic()
    with pytest.raises(export.ExportError, match="longer than 0.2 seconds"):
        export.html_to_pdf(html, timeout=0.2)
    assert time.monotonic() - started < 30  # returns at once; generous when busy
    # The render is killed, not left burning a core.
    (pid,) = children
    assert_gone(pid)
    assert not [p for p in multiprocessing.active_children() if p.name == pdf.CHILD_NAME]


def test_a_hostile_draft_stops_at_the_time_limit_and_the_web_process_carries_on(
    children: list[int],
) -> None:
    view = make_view()
    rows = "".join(
        f"<tr><td>Row {n}</td><td>Employees must identify themselves.</td></tr>"
        for n in range(10_000)
    )
    view["sections"][0]["body_html"] = f"<table><tbody>{rows}</tbody></table>"
    threads = threading.active_count()
    started = time.monotonic()
    with pytest.raises(export.ExportError, match=r"took longer than 2 seconds and was stopped"):
        export.build_pdf(view, DRAFT, timeout=2)
    elapsed = time.monotonic() - started
    assert 2 <= elapsed < 30  # the limit, plus a kill; generous when the machine is busy
    (pid,) = children
    assert_gone(pid)
    # The web process is untouched: no thread left behind, WeasyPrint never imported here,
    # and the next export works.
    assert threading.active_count() == threads
    assert "weasyprint" not in sys.modules
    assert export.build_pdf(make_view(), DRAFT, timeout=120).startswith(b"%PDF-")


def test_an_image_too_large_to_decode_is_left_out_and_the_reason_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (7000, 7000)).save(buffer, format="PNG")  # 49 million pixels, a few KB
    bomb = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        rendered = render(f'<p>Around the image</p><img src="{bomb}" alt="">')
    assert "Around the image" in squash(page_texts(rendered.pdf)[0])
    assert not PdfReader(io.BytesIO(rendered.pdf)).pages[0]["/Resources"].get("/XObject")
    # WeasyPrint's complaint, logged in the child, reaches this process's log.
    assert any(
        r.name == "weasyprint" and r.getMessage().startswith("Failed to load image at 'data:")
        for r in caplog.records
    )


def test_a_renderer_failure_becomes_an_export_error() -> None:
    # A lone surrogate cannot be encoded for Pango: WeasyPrint itself raises in the child.
    with pytest.raises(export.ExportError, match="The PDF export failed: .*surrogates"):
        export.html_to_pdf("<p>broken \ud800 text</p>")


# ---------------------------------------------------------------------------- comparison report

ROWS = [
    {
        "heading": "Speak for yourself",
        "status": "changed",
        "notes": ["Modality changed: SHOULD → MUST (legally significant)"],
        "redline_html": "<p>You <del>should</del> <ins>must</ins> add a disclaimer.</p>",
    },
    {
        "heading": "Security",
        "status": "added",
        "notes": [],
        "redline_html": "<p><ins>Report phishing to the security team.</ins></p>",
    },
    {
        "heading": "Old habits",
        "status": "removed",
        "notes": [],
        "redline_html": "<p><del>Post anonymously if you must.</del></p>",
    },
]
COMPARISON_META = {
    "title": "Social Computing Policy",
    "from_version": "1.1",
    "to_version": "1.2",
    "date": datetime.date(2025, 3, 12),
    "tone": "policy",
}


def test_the_comparison_report_marks_changes_with_text_not_colour_alone() -> None:
    text = squash(" ".join(page_texts(export.build_comparison_pdf(ROWS, COMPARISON_META))))
    assert "Changes from version 1.1 to version 1.2" in text
    assert "[−should]" in text
    assert "[+must]" in text
    assert "Modality changed: SHOULD → MUST (legally significant)" in text
    for label, heading in (("Changed", "Speak for"), ("Added", "Security"), ("Removed", "Old")):
        assert re.search(rf"{label}\s+{heading}", text, re.I)


def test_the_comparison_report_has_a_bookmark_per_change_and_a_summary() -> None:
    pdf = export.build_comparison_pdf(ROWS, COMPARISON_META)
    titles = [e.title for e in PdfReader(io.BytesIO(pdf)).outline if not isinstance(e, list)]
    assert len(titles) == len(ROWS)
    assert titles[1].endswith("Security")
    page = export.build_comparison_html(ROWS, COMPARISON_META)
    assert "<dt>Legally significant notes</dt><dd>1</dd>" in page
    assert "<dt>Sections added</dt><dd>1</dd>" in page
    assert "<del>should</del> <ins>must</ins>" in page
    assert "<script" not in page and "<link" not in page


def test_a_comparison_without_changes_says_the_texts_match() -> None:
    page = export.build_comparison_html([], COMPARISON_META)
    assert "The two versions have the same text." in page
