"""PDF export benchmark: a generated 200-section, 1,000-rule document.

``pdf_export_s`` is the wall time of ``build_pdf``; ``pdf_overhead_ratio`` divides it by the
time WeasyPrint alone takes to render the same print HTML, so values near 1.0 mean the fenced
fetcher, the worker thread and the HTML building cost next to nothing.
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from guidelines import export  # noqa: E402

SECTIONS = 200
RULES_PER_SECTION = 5
MODALITIES = [
    ("must", "MUST", "Identify yourself by name when you discuss topic {n} in public."),
    ("must-not", "MUST NOT", "Do not disclose confidential details about project {n}."),
    ("should", "SHOULD", "Add a disclaimer that your posts about area {n} are your own."),
    ("should-not", "SHOULD NOT", "Avoid picking fights in threads about subject {n}."),
    ("may", "MAY", "Link to the public announcement of item {n} when it helps readers."),
]


def generated_view(sections: int = SECTIONS, rules: int = RULES_PER_SECTION) -> dict:
    body = (
        "<p>Social media lets every employee speak with customers, partners and the public. "
        "What you write stays online for a long time and is read as coming from someone who "
        "knows the company from the inside, so write thoughtfully and add value.</p>"
        "<p>When in doubt, ask your manager or the communications team before you post.</p>"
    )
    return {
        "title": "Social Computing Policy",
        "subject": "Social Computing",
        "summary": "A generated document for measuring the PDF export.",
        "tone": "policy",
        "sections": [
            {
                "anchor": f"section-{s}",
                "heading": f"Section {s}: taking part responsibly",
                "body_html": body,
                "rules": [
                    {
                        "anchor": f"rule-{s}-{r}",
                        "modality": MODALITIES[r % 5][0],
                        "modality_label": MODALITIES[r % 5][1],
                        "text": MODALITIES[r % 5][2].format(n=s * rules + r),
                        "automatic": True,
                        "explanation_html": "<p>Readers trust people more than logos.</p>"
                        if r == 0
                        else "",
                    }
                    for r in range(rules)
                ],
            }
            for s in range(sections)
        ],
    }


META = {
    "version": "2.0",
    "date": datetime.date(2025, 3, 12),
    "status": "Published",
    "draft": False,
    "organisation": "Northwind Labs",
}


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def run() -> dict[str, float]:
    import weasyprint

    view = generated_view()
    print_html = export.build_print_html(view, META)
    # One warm-up render so font loading and CSS parsing caches do not land on either side.
    export.html_to_pdf(export.build_print_html(generated_view(5), META))

    ours = min(_timed(lambda: export.build_pdf(view, META, timeout=600)) for _ in range(2))
    alone = min(_timed(lambda: weasyprint.HTML(string=print_html).write_pdf()) for _ in range(2))
    return {
        "pdf_export_s": round(ours, 3),
        "pdf_overhead_ratio": round(ours / alone, 3),
    }


if __name__ == "__main__":
    print(run())
