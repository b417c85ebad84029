"""The one pipeline that turns user Markdown into HTML safe to put on a Candor page.

Every piece of user prose (section bodies, rule explanations, comments) goes through
:func:`render_markdown`; nothing else in the app may mark user text as safe.

The pipeline is Markdown first, sanitiser last, so that whatever Markdown produces (including the
raw HTML it passes through untouched) is judged by the allowlist:

1. Control characters are removed from the input. Python-Markdown uses STX/ETX internally to mark
   stashed HTML, and a user who could type them could splice stash placeholders.
2. Python-Markdown converts with ``tables`` (alignment as ``align`` attributes, not styles),
   ``fenced_code``, ``sane_lists``, ``footnotes`` and ``toc`` (heading anchors only; the
   ``[TOC]`` marker is switched off). ``attr_list`` is deliberately absent: it lets authors set
   arbitrary attributes.
3. bleach parses the result with an HTML5 parser and keeps only the allowlisted elements and
   attributes. Disallowed elements are stripped, their text kept (``<script>x</script>`` leaves the
   inert text ``x``); comments are dropped. Links keep an ``href`` only if it is relative, an
   in-page anchor, or uses http, https or mailto, judged after entity decoding and after removing
   whitespace and control characters.
4. Bare ``http(s)://`` and ``www.`` addresses in prose become links (never inside code).
5. A final pass over the sanitised tokens:

   * **Headings shift down two levels**: the page owns ``<h1>`` and ``<h2>``, so a Markdown ``#``
     becomes ``<h3>``, ``##`` becomes ``<h4>`` and anything deeper is ``<h6>``. Raw HTML headings
     shift the same way.
   * **Images are never rendered**: an ``<img>`` (Markdown ``![alt](src)`` or raw HTML) is
     replaced by its alt text. This rules out tracking pixels, hot-linked content and every
     image-borne script vector at once.
   * **Ids are namespaced**: every ``id`` (heading anchors, footnotes, or an author's own) gets
     ``id_prefix``, and every in-page link ``href="#x"`` becomes ``#<prefix>x``, so footnote and
     heading links keep working while user ids cannot clobber the page's own elements.
   * **Every link gets** ``rel="noopener noreferrer nofollow"``, replacing whatever the author
     wrote.

Bump :data:`RENDERER_VERSION` whenever the output for some input changes; the app stores it beside
rendered HTML so stale renderings can be found and rebuilt.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterator, MutableMapping
from functools import partial
from html.parser import HTMLParser
from typing import Any

import bleach
import markdown
from bleach.linkifier import LinkifyFilter, build_url_re
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import TocExtension, slugify_unicode

__all__ = [
    "DEFAULT_ID_PREFIX",
    "LINK_REL",
    "RENDERER_VERSION",
    "is_safe_href",
    "markdown_to_text",
    "render_markdown",
]

RENDERER_VERSION: int = 1

DEFAULT_ID_PREFIX = "u-"
LINK_REL = "noopener noreferrer nofollow"

ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# Headings h1-h6 are accepted here only so that the final pass can shift them; no h1/h2 leaves.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small",
        "code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite",
        "ul", "ol", "li", "dl", "dt", "dd",
        "a", "abbr", "sup", "sub", "span", "div",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "img",  # replaced by its alt text in the final pass, never emitted
    }
)  # fmt: skip

_ID_PREFIX_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}\Z")
_LANGUAGE_CLASS_RE = re.compile(r"language-[\w#+.-]{1,40}\Z", re.ASCII)
_SMALL_INT_RE = re.compile(r"[1-9][0-9]{0,2}\Z")
_START_RE = re.compile(r"-?[0-9]{1,9}\Z")
_CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL_NOISE_RE = re.compile(r"[\x00-\x20\x7f-\xa0\s]+")
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.-]*):")
_HEADING_RE = re.compile(r"h([1-6])\Z")


def _any_value(value: str) -> bool:
    return True


def _class_tokens(allowed: frozenset[str]) -> Callable[[str], bool]:
    # Classes are restricted so authors cannot borrow the page's own styling or behaviour hooks.
    def check(value: str) -> bool:
        tokens = value.split()
        return bool(tokens) and all(token in allowed for token in tokens)

    return check


def _code_class(value: str) -> bool:
    tokens = value.split()
    return len(tokens) == 1 and _LANGUAGE_CLASS_RE.match(tokens[0]) is not None


def _matches(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda value: pattern.match(value.strip()) is not None


def _one_of(*values: str) -> Callable[[str], bool]:
    return lambda value: value.strip().lower() in values


_ALIGN = _one_of("left", "center", "right")
_SPAN = _matches(_SMALL_INT_RE)

_ATTRIBUTE_RULES: dict[str, dict[str, Callable[[str], bool]]] = {
    "a": {
        "href": _any_value,  # the scheme is judged by bleach and again in the final pass
        "title": _any_value,
        "class": _class_tokens(frozenset({"footnote-ref", "footnote-backref"})),
    },
    "abbr": {"title": _any_value},
    "code": {"class": _code_class},
    "div": {"class": _class_tokens(frozenset({"footnote"}))},
    "img": {"alt": _any_value},
    "li": {"id": _any_value},
    "ol": {"start": _matches(_START_RE)},
    "sup": {"id": _any_value},
    "th": {"align": _ALIGN, "colspan": _SPAN, "rowspan": _SPAN},
    "td": {"align": _ALIGN, "colspan": _SPAN, "rowspan": _SPAN},
    **{f"h{level}": {"id": _any_value} for level in range(1, 7)},
}


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    rule = _ATTRIBUTE_RULES.get(tag, {}).get(name)
    return rule is not None and rule(value)


def is_safe_href(href: str) -> bool:
    """Whether a link target is relative, an in-page anchor, or uses an allowed scheme.

    Browsers decode character references in attributes and ignore whitespace and control
    characters inside a scheme, so the value is decoded and those are removed before the scheme is
    read. Decoding a value that was already decoded can only make the check stricter.
    """
    compact = _URL_NOISE_RE.sub("", html.unescape(href)).lower()
    match = _SCHEME_RE.match(compact)
    if match is None:
        # No scheme, but a colon before any path, query or fragment would still read as one.
        head = re.split(r"[/?#]", compact, maxsplit=1)[0]
        return ":" not in head
    return match.group(1) in ALLOWED_PROTOCOLS


# A tag's attributes as html5lib and bleach hold them, keyed by (namespace, name).
_Attrs = dict[tuple[str | None, str], str]
# What linkify callbacks get: the link's attributes plus "_text", the text of the link.
_LinkAttrs = MutableMapping[tuple[str | None, str] | str, str]


def _keep_explicit_urls(attrs: _LinkAttrs, new: bool = False) -> _LinkAttrs | None:
    # Linkify would otherwise turn "README.md" or "company.co" into links to strangers' hosts.
    if new and not attrs.get("_text", "").lower().startswith(("http://", "https://", "www.")):
        return None
    return attrs


_URL_RE = build_url_re(protocols=["http", "https"])


class _FinishingFilter:
    """Shifts headings, drops images to alt text, namespaces ids and sets rel on links."""

    def __init__(self, source: Iterator[dict[str, Any]], id_prefix: str) -> None:
        self.source = source
        self.id_prefix = id_prefix

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for token in self.source:
            kind = token["type"]
            if kind not in ("StartTag", "EndTag", "EmptyTag"):
                yield token
                continue
            name = token["name"]
            if name == "img":
                # bleach leaves character references undecoded in attribute values; the text
                # token is escaped on output, so decode once here to show what the author meant.
                alt = html.unescape((token.get("data") or {}).get((None, "alt"), ""))
                if kind != "EndTag" and alt.strip():
                    yield {"type": "Characters", "data": alt}
                continue
            heading = _HEADING_RE.match(name)
            if heading:
                token = {**token, "name": f"h{min(int(heading.group(1)) + 2, 6)}"}
            if kind != "EndTag":
                token = {**token, "data": self._attributes(name, dict(token.get("data") or {}))}
            yield token

    def _attributes(self, name: str, data: _Attrs) -> _Attrs:
        id_key = (None, "id")
        if id_key in data:
            value = data.pop(id_key).strip()
            if value:
                data[id_key] = self.id_prefix + value
        if name == "a":
            href_key = (None, "href")
            href = data.get(href_key)
            if href is not None:
                if not is_safe_href(href):
                    del data[href_key]
                elif href.startswith("#") and len(href) > 1:
                    data[href_key] = "#" + self.id_prefix + href[1:]
            data[(None, "rel")] = LINK_REL
        return data


# Python-Markdown scans to the end of the paragraph for every "[" it meets, so a run of
# unclosed brackets costs time quadratic in its length (20,000 of them took 40 s). Link text and
# link targets are therefore read within a bounded window and a bounded bracket depth: a link
# whose text or target is longer than this is left as plain text.
_MAX_LINK_SCAN = 1000
_MAX_BRACKET_DEPTH = 16
_BRACKET_RE = re.compile(r"[\[\]]")
_LINK_PROCESSORS = ("reference", "link", "image_link", "image_reference", "short_reference",
                    "short_image_ref")  # fmt: skip


class _BoundedLinkScans:
    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        depth = 1
        for bracket in _BRACKET_RE.finditer(data, index, index + _MAX_LINK_SCAN):
            depth += 1 if bracket.group() == "[" else -1
            if depth == 0:
                return data[index : bracket.start()], bracket.end(), True
            if depth > _MAX_BRACKET_DEPTH:
                break
        return "", index, False

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        window = data[index : index + _MAX_LINK_SCAN]
        # A mixin: super() is the Markdown link processor that _BoundedLinksExtension mixes it
        # into at run time, which the type checker cannot see from here.
        href, title, end, handled = super().getLink(window, 0)  # type: ignore[misc]
        return href, title, index + end, handled


_bounded_classes: dict[type, type] = {}


class _BoundedLinksExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        for name in _LINK_PROCESSORS:
            if name not in md.inlinePatterns:
                continue
            processor = md.inlinePatterns[name]
            base = type(processor)
            bounded = _bounded_classes.get(base)
            if bounded is None:
                bounded = _bounded_classes[base] = type(
                    f"Bounded{base.__name__}", (_BoundedLinkScans, base), {}
                )
            processor.__class__ = bounded


def _build_markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            "tables",
            "fenced_code",
            "sane_lists",
            FootnoteExtension(SEPARATOR="-", UNIQUE_IDS=False),
            TocExtension(marker="", permalink=False, slugify=slugify_unicode),
            _BoundedLinksExtension(),
        ],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )


def _build_cleaner(id_prefix: str) -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_allow_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[
            partial(
                LinkifyFilter,
                # bleach drops a link whose callback returns None (its documented way to
                # refuse one) and passes "_text" among the keys; its stubs allow neither.
                callbacks=[_keep_explicit_urls],  # type: ignore[list-item]
                skip_tags={"pre", "code"},
                parse_email=False,
                url_re=_URL_RE,
            ),
            # bleach only iterates a filter; its stubs want a subclass of html5lib's Filter,
            # which exists at run time only inside bleach's private vendored copy.
            partial(_FinishingFilter, id_prefix=id_prefix),  # type: ignore[list-item, arg-type]
        ],
    )


# A Markdown instance may not be shared between threads and must be reset between conversions.
# Building one costs about a quarter of converting a short section, so each thread keeps its own.
# A bleach Cleaner is not thread-safe either, but building one is too cheap to measure beside the
# cleaning itself, so one is made per call with the caller's id prefix.
_local = threading.local()


def _markdown() -> markdown.Markdown:
    md: markdown.Markdown | None = getattr(_local, "markdown", None)
    if md is None:
        md = _local.markdown = _build_markdown()
    return md


def render_markdown(text: str, *, id_prefix: str = DEFAULT_ID_PREFIX) -> str:
    """Render user Markdown to sanitised HTML, safe to mark safe in a template.

    ``id_prefix`` namespaces every id and in-page link of this fragment. Pages that show several
    fragments together (the sections of a document) should give each its own prefix, such as
    ``f"u-s{section_pk}-"``, so repeated headings and footnote numbers stay unique. It must be a
    letter followed by up to 31 letters, digits, ``-`` or ``_``.

    See the module docstring for what is kept, what is removed, and why.
    """
    if not _ID_PREFIX_RE.match(id_prefix):
        raise ValueError(f"id_prefix must be a letter then letters, digits, - or _: {id_prefix!r}")
    if not text or not text.strip():
        return ""
    md = _markdown()
    try:
        converted = md.convert(_CONTROL_CHARS_RE.sub("", text))
    finally:
        md.reset()
    return _build_cleaner(id_prefix).clean(converted).strip()


_BLOCK_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "div", "table", "thead", "tbody", "tfoot",
        "tr", "caption",
    }
)  # fmt: skip
_WHITESPACE_RE = re.compile(r"\s+")
_NOISE_LINK_CLASSES = frozenset({"footnote-ref", "footnote-backref"})


class _TextCollector(HTMLParser):
    """Collects text with block boundaries as newlines; source line breaks count as spaces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_noise_link = False
        self.pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._boundary(tag)
        if tag == "pre":
            self.pre_depth += 1
        elif tag == "a":
            classes = set((dict(attrs).get("class") or "").split())
            self.in_noise_link = bool(classes & _NOISE_LINK_CLASSES)

    def handle_endtag(self, tag: str) -> None:
        self._boundary(tag)
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        elif tag == "a":
            self.in_noise_link = False

    def handle_data(self, data: str) -> None:
        if self.in_noise_link:
            return
        self.parts.append(data if self.pre_depth else _WHITESPACE_RE.sub(" ", data))

    def _boundary(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")


def markdown_to_text(text: str) -> str:
    """The readable text of user Markdown as it renders: one line per block, spaces collapsed.

    Meant for search indexing and word counts. Footnote reference numbers and back-link arrows
    are left out; image alt text is kept, as it is what the page shows.
    """
    collector = _TextCollector()
    collector.feed(render_markdown(text))
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)
