"""PDF export benchmark: a generated 200-section, 1,000-rule document.

``pdf_export_s`` is the wall time of ``build_pdf``: building the print HTML from its templates,
handing it to a render process forked from the warm fork server, the render behind the URL
fence, and the PDF coming back. ``pdf_weasyprint_s`` is WeasyPrint alone rendering the same
print HTML in this process, warm, with its default fetcher; ``pdf_overhead_ratio`` is the first
over the second, so values near 1.0 mean the templates, the fence and the process boundary cost
next to nothing. ``pdf_process_overhead_ms`` is the same difference on a 5-section document,
where the fixed cost per export (a fork, a fresh font setup, the pipe) shows most.

Each figure is the best of a few interleaved runs, so that a busy machine slows both sides alike.
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.support import setup_django  # noqa: E402

ROUNDS = 3

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


def _best_pair(ours, alone, rounds: int = ROUNDS) -> tuple[float, float]:
    times = [(_timed(ours), _timed(alone)) for _ in range(rounds)]
    return min(t[0] for t in times), min(t[1] for t in times)


def run() -> dict[str, float]:
    setup_django()  # the export HTML comes from Django templates
    import weasyprint

    from guidelines.releases import export

    view, small = generated_view(), generated_view(5)
    print_html, small_html = (export.build_print_html(v, META) for v in (view, small))
    # Warm both sides: the fork server (started, WeasyPrint imported) and this process's fonts.
    export.build_pdf(small, META, timeout=600)
    weasyprint.HTML(string=small_html).write_pdf()

    ours_small, alone_small = _best_pair(
        lambda: export.build_pdf(small, META, timeout=600),
        lambda: weasyprint.HTML(string=small_html).write_pdf(),
        rounds=5,
    )
    ours, alone = _best_pair(
        lambda: export.build_pdf(view, META, timeout=600),
        lambda: weasyprint.HTML(string=print_html).write_pdf(),
    )
    return {
        "pdf_export_s": round(ours, 3),
        "pdf_weasyprint_s": round(alone, 3),
        "pdf_overhead_ratio": round(ours / alone, 3),
        "pdf_process_overhead_ms": round((ours_small - alone_small) * 1000, 1),
    }


if __name__ == "__main__":
    print(run())
