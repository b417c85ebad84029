import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.guidelines.xss_payloads import XSS_PAYLOADS, executable_markup_problems, html5lib
from textkit.rendering import (
    LINK_REL,
    RENDERER_VERSION,
    is_safe_href,
    markdown_to_text,
    render_markdown,
)


def _elements(output: str, tag: str) -> list:
    fragment = html5lib.parseFragment(output, container="div", namespaceHTMLElements=False)
    return list(fragment.iter(tag))


def _text(element) -> str:
    return "".join(element.itertext())


# The oracle


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        "<p onclick=alert(1)>x</p>",
        '<p style="color:red">x</p>',
        '<a href="java&#9;script:alert(1)" rel="noopener noreferrer nofollow">x</a>',
        '<a href="http://example.com">no rel</a>',
        "<svg><a>x</a></svg>",
        '<h3 id="main">unprefixed</h3>',
        '<div class="btn">page class</div>',
        "<iframe></iframe>",
    ],
)
def test_the_oracle_flags_markup_that_is_not_safe(markup: str) -> None:
    assert executable_markup_problems(markup)


def test_the_oracle_accepts_the_shape_the_renderer_promises() -> None:
    markup = (
        '<h3 id="u-a">A</h3><p><a href="https://example.com" rel="noopener noreferrer nofollow">'
        'x</a> <code class="language-python">y</code></p><table><tr><td align="left">1</td></tr>'
        "</table>"
    )
    assert executable_markup_problems(markup) == []


# The corpus


def test_the_corpus_is_broad() -> None:
    assert len(XSS_PAYLOADS) >= 60
    assert len(set(XSS_PAYLOADS)) == len(XSS_PAYLOADS)
    markdown_forms = [p for p in XSS_PAYLOADS if re.search(r"\]\(|\]\[|^#|```|\|", p)]
    assert len(markdown_forms) >= 20


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_it_leaves_no_executable_markup_from_the_corpus(payload: str) -> None:
    assert executable_markup_problems(render_markdown(payload)) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS[::7])
def test_it_leaves_no_executable_markup_under_a_custom_prefix(payload: str) -> None:
    output = render_markdown(payload, id_prefix="u-s42-")
    assert executable_markup_problems(output, id_prefix="u-s42-") == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_it_leaves_no_executable_markup_when_payloads_are_embedded_in_prose(payload: str) -> None:
    text = (
        f"# Title\n\nSome prose [^1] before {payload} and after.\n\n> {payload}\n\n[^1]: {payload}"
    )
    assert executable_markup_problems(render_markdown(text)) == []


_FRAGMENTS = [
    "<script>", "</script>", "<scr", "ipt>", "alert(1)", "<img src=x onerror=alert(1)>",
    "<svg", " onload=alert(1)", "<math>", "<style>", "</style>", "<noscript>", "</noscript>",
    "<!--", "-->", "<![CDATA[", "]]>", "<a href=", '"', "'", "=", ">", "<", "/", "&",
    "&#106;", "&#x09;", "&colon;", "javascript:", "JaVaScRiPt:", "java\tscript:", "data:",
    "vbscript:", "[", "]", "(", ")", "![", "](", "[^1]", "[^1]: ", "\n", "\n\n", "# ", "```",
    "    ", "| a |\n|---|\n| ", "> ", "* ", "1. ", "www.example.com", "http://", "#x",
    '<p title="', "<iframe src=", "<template>", "<xmp>", "</p>", "<div>", "\x00", "\x02",
    "\x03", "x", " ", "{: onclick=alert(1) }", "<h1 id=", "<a id=location>",
]  # fmt: skip


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join))
def test_it_never_emits_executable_markup_from_dangerous_fragments(text: str) -> None:
    assert executable_markup_problems(render_markdown(text)) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_it_never_emits_executable_markup_from_arbitrary_text(text: str) -> None:
    assert executable_markup_problems(render_markdown(text)) == []


# Links


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\x00script:alert(1)",
        "\x01javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com",
    ],
)
def test_it_judges_unsafe_schemes_unsafe(href: str) -> None:
    assert not is_safe_href(href)


@pytest.mark.parametrize(
    "href",
    [
        "http://example.com",
        "HTTPS://example.com/a?b=c#d",
        "mailto:hr@example.com",
        "/documents/3/",
        "../other",
        "relative/page",
        "#section",
        "?q=1",
        "page?next=a:b",
    ],
)
def test_it_judges_http_mailto_relative_and_anchor_links_safe(href: str) -> None:
    assert is_safe_href(href)


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("[x](https://example.com/a)", "https://example.com/a"),
        ("[x](http://example.com)", "http://example.com"),
        ("[x](mailto:hr@example.com)", "mailto:hr@example.com"),
        ("[x](/documents/3/)", "/documents/3/"),
        ("[x](../policy)", "../policy"),
        ("[x][r]\n\n[r]: https://example.com/ref", "https://example.com/ref"),
    ],
)
def test_it_keeps_links_with_allowed_targets(text: str, href: str) -> None:
    (link,) = _elements(render_markdown(text), "a")
    assert link.get("href") == href


@pytest.mark.parametrize(
    "text",
    [
        "[click me](javascript:alert(1))",
        "[click me](java&#x09;script:alert(1))",
        '<a href="&#106;avascript:alert(1)">click me</a>',
        "[click me](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_it_drops_unsafe_hrefs_but_keeps_the_link_text(text: str) -> None:
    output = render_markdown(text)
    (link,) = _elements(output, "a")
    assert link.get("href") is None
    assert _text(link) == "click me"


def test_it_sets_rel_on_every_link_replacing_the_authors() -> None:
    text = (
        '[a](https://example.com) <a href="http://example.com" rel="opener" target="_blank">b</a> '
        "https://example.org/c"
    )
    links = _elements(render_markdown(text), "a")
    assert len(links) == 3
    assert {link.get("rel") for link in links} == {LINK_REL}
    assert all(link.get("target") is None for link in links)


def test_it_links_bare_addresses_that_name_a_scheme_or_www() -> None:
    output = render_markdown("See https://example.com/guide and www.example.org today.")
    hrefs = [link.get("href") for link in _elements(output, "a")]
    assert hrefs == ["https://example.com/guide", "http://www.example.org"]


def test_it_leaves_file_names_and_code_unlinked() -> None:
    output = render_markdown("Read README.md or policy.co, and `https://example.com` in code.")
    assert _elements(output, "a") == []


# Headings and ids


def test_it_shifts_markdown_headings_below_the_pages_own() -> None:
    output = render_markdown(
        "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six"
    )
    levels = re.findall(r"<(h[1-6])\b", output)
    assert levels == ["h3", "h4", "h5", "h6", "h6", "h6"]


def test_it_shifts_raw_html_headings_the_same_way() -> None:
    output = render_markdown("<h1>One</h1>\n\n<h2>Two</h2>\n\n<h4>Four</h4>")
    assert re.findall(r"<(h[1-6])\b", output) == ["h3", "h4", "h6"]


def test_it_gives_headings_prefixed_anchors() -> None:
    output = render_markdown("# Be who you are\n\n## Speak for yourself")
    assert [h.get("id") for h in _elements(output, "h3") + _elements(output, "h4")] == [
        "u-be-who-you-are",
        "u-speak-for-yourself",
    ]


def test_it_keeps_repeated_headings_apart() -> None:
    output = render_markdown("# Examples\n\n# Examples")
    assert [h.get("id") for h in _elements(output, "h3")] == ["u-examples", "u-examples_1"]


def test_it_uses_the_callers_prefix_for_every_id_and_in_page_link() -> None:
    output = render_markdown(
        "# Why\n\nSee [why](#why) and a note[^n].\n\n[^n]: Note.", id_prefix="s7-"
    )
    ids = {element.get("id") for element in _elements(output, "*") if element.get("id")}
    hrefs = {link.get("href") for link in _elements(output, "a")}
    assert ids == {"s7-why", "s7-fnref-n", "s7-fn-n"}
    assert hrefs == {"#s7-why", "#s7-fn-n", "#s7-fnref-n"}


def test_it_links_footnotes_both_ways_to_ids_that_exist() -> None:
    output = render_markdown("Claim[^1] and another[^2].\n\n[^1]: First.\n[^2]: Second.")
    ids = {element.get("id") for element in _elements(output, "*") if element.get("id")}
    in_page = [link.get("href") for link in _elements(output, "a")]
    assert len(in_page) == 4
    assert all(href.startswith("#u-") and href[1:] in ids for href in in_page)
    (notes,) = _elements(output, "div")
    assert notes.get("class") == "footnote"


def test_it_prefixes_ids_that_authors_write() -> None:
    output = render_markdown('<h3 id="main">Main</h3>\n\n<p><sup id="csrf">1</sup></p>')
    assert {element.get("id") for element in _elements(output, "*") if element.get("id")} == {
        "u-main",
        "u-csrf",
    }


def test_it_drops_ids_and_names_where_the_page_does_not_need_them() -> None:
    output = render_markdown('<p id="location"><a name="x" id="y" href="/a">x</a></p>')
    assert "location" not in output
    assert "name=" not in output
    assert 'id="' not in output


@pytest.mark.parametrize("prefix", ["", "1a", 'u-"', "u- x", "<u>", "u" * 40])
def test_it_rejects_an_id_prefix_that_is_not_a_plain_name(prefix: str) -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        render_markdown("# Title", id_prefix=prefix)


# Markdown features


def test_it_renders_tables_with_alignment_attributes_not_styles() -> None:
    output = render_markdown("| Left | Right |\n|:-----|------:|\n| a | b |")
    cells = _elements(output, "th") + _elements(output, "td")
    assert [cell.get("align") for cell in cells] == ["left", "right", "left", "right"]
    assert "style" not in output


def test_it_marks_fenced_code_with_its_language() -> None:
    output = render_markdown('```python\nif a < b:\n    print("<b>")\n```')
    (code,) = _elements(output, "code")
    assert code.get("class") == "language-python"
    assert _text(code) == 'if a < b:\n    print("<b>")\n'


def test_it_keeps_ordered_and_unordered_lists_apart() -> None:
    output = render_markdown("1. first\n2. second\n\n* bullet")
    assert len(_elements(output, "ol")) == 1
    assert len(_elements(output, "ul")) == 1


def test_it_keeps_a_list_start_number() -> None:
    (ordered,) = _elements(render_markdown("3. third\n4. fourth"), "ol")
    assert ordered.get("start") == "3"


def test_it_replaces_images_with_their_alt_text() -> None:
    output = render_markdown('![Team photo](https://example.com/t.png) <img src=x alt="Logo & co">')
    assert "<img" not in output
    assert "https://example.com/t.png" not in output
    (paragraph,) = _elements(output, "p")
    assert _text(paragraph) == "Team photo Logo & co"


def test_it_strips_disallowed_elements_but_keeps_their_text() -> None:
    output = render_markdown("<marquee>Breaking</marquee> <font color=red>news</font>")
    assert _text(_elements(output, "p")[0]) == "Breaking news"
    assert "marquee" not in output
    assert "font" not in output


def test_it_keeps_allowed_inline_html() -> None:
    output = render_markdown(
        '<abbr title="Human Resources">HR</abbr> H<sub>2</sub>O <kbd>Ctrl</kbd>'
    )
    (abbr,) = _elements(output, "abbr")
    assert abbr.get("title") == "Human Resources"
    assert _elements(output, "sub") and _elements(output, "kbd")


@pytest.mark.parametrize(
    "markup",
    [
        '<div class="modal">x</div>',
        '<a class="btn btn-danger" href="/x">x</a>',
        '<code class="language-python evil">x</code>',
        '<code class="language-">x</code>',
        '<div class="footnote modal">x</div>',
    ],
)
def test_it_drops_classes_that_could_borrow_the_pages_styling(markup: str) -> None:
    assert "class=" not in render_markdown(markup)


def test_it_renders_empty_text_as_empty_html() -> None:
    assert render_markdown("") == ""
    assert render_markdown("  \n\t ") == ""


def test_it_does_not_carry_footnotes_into_the_next_rendering() -> None:
    render_markdown("Claim[^1].\n\n[^1]: A note.")
    assert "footnote" not in render_markdown("Plain text.")


def test_it_renders_the_same_from_many_threads_as_from_one() -> None:
    texts = [
        f"# Section {i}\n\nClaim[^{i}] with [a link](/s/{i}).\n\n[^{i}]: Note {i}."
        for i in range(40)
    ]
    expected = [render_markdown(text, id_prefix=f"s{i}-") for i, text in enumerate(texts)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        actual = list(
            pool.map(
                lambda pair: render_markdown(pair[1], id_prefix=f"s{pair[0]}-"), enumerate(texts)
            )
        )
    assert actual == expected


def test_it_has_a_renderer_version_to_store_beside_the_html() -> None:
    assert isinstance(RENDERER_VERSION, int)
    assert RENDERER_VERSION >= 1


# Plain text


def test_it_gives_one_line_per_block_of_plain_text() -> None:
    text = "# Be yourself\n\nSpeak *for* yourself,\nnot the company.\n\n- one\n- two"
    assert markdown_to_text(text) == "Be yourself\nSpeak for yourself, not the company.\none\ntwo"


def test_it_leaves_footnote_markers_out_of_plain_text() -> None:
    text = "Claim[^1] stands.\n\n[^1]: The source."
    assert markdown_to_text(text) == "Claim stands.\nThe source."


def test_it_separates_table_cells_in_plain_text() -> None:
    assert markdown_to_text("| a | b |\n|---|---|\n| 1 | 2 |") == "a b\n1 2"


def test_it_keeps_no_markup_in_plain_text() -> None:
    text = "Say <script>alert(1)</script> [x](javascript:alert(1)) ![alt](y.png) <b>bold</b> &amp;"
    assert markdown_to_text(text) == "Say alert(1) x alt bold &"


def test_it_gives_empty_plain_text_for_empty_markdown() -> None:
    assert markdown_to_text("") == ""


@pytest.mark.parametrize(
    "text",
    [
        "</div></div></main><div class=x>a</td></table><table><tr><td>b<blockquote><ul><li>c",
        "a\n\n</div>\n\n</article>\n\nb <em>open <strong>and open",
        "> quote <div>\n\n| a |\n|---|\n| </td></tr></table></div><div> |",
    ],
)
def test_it_closes_everything_it_opens_so_the_page_layout_survives(text: str) -> None:
    output = render_markdown(text)
    for tag in ("div", "table", "tr", "td", "blockquote", "ul", "li", "p", "em", "strong"):
        opened = len(re.findall(rf"<{tag}[\s>]", output))
        assert opened == output.count(f"</{tag}>"), tag
    assert "</main>" not in output
    assert "</article>" not in output


def test_it_loads_without_django() -> None:
    probe = (
        "import sys, textkit.rendering as r; r.render_markdown('# x'); "
        "sys.exit(any(name.startswith('django') for name in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    # A fixed command line: this interpreter and the probe above.
    result = subprocess.run([sys.executable, "-c", probe], cwd=root, check=False)  # noqa: S603
    assert result.returncode == 0


def test_it_still_reads_nested_brackets_and_long_links() -> None:
    long_target = "https://example.com/" + "a" * 600
    output = render_markdown(f"[see [the] rules](/rules) and [{'word ' * 100}]({long_target})")
    links = _elements(output, "a")
    assert [_text(link) for link in links] == ["see [the] rules", "word " * 100]
    assert [link.get("href") for link in links] == ["/rules", long_target]


@pytest.mark.parametrize("run", ["[", "[[]", "[x](", "![", "[" * 15 + "]"])
def test_it_renders_long_runs_of_brackets_in_bounded_time(run: str) -> None:
    # Unbounded, 20,000 unclosed "[" took about 40 s; bounded, about 0.2 s.
    text = run * (20_000 // len(run))
    started = time.perf_counter()
    render_markdown(text)
    assert time.perf_counter() - started < 30  # a guard against a hang, not a speed target
