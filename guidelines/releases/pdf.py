"""HTML to PDF with WeasyPrint, in a child process that is killed when it runs out of time.

WeasyPrint's layout has no time limit of its own, and a hostile draft (a table of ten thousand
rows, say) can keep it busy for minutes. So the render never runs in the web
process: :func:`render` hands the HTML to a child process and waits at most ``timeout`` seconds
for the PDF. A child that overruns is killed (SIGKILL, by its own pid) and the caller gets
:class:`RenderTimeout` at once; nothing of the render is left running or held in memory.

The children come from a multiprocessing *fork server*: a clean interpreter, started on the first
render, that has imported WeasyPrint (and nothing of Django) and forks one child per render. A
child therefore starts in milliseconds rather than re-importing WeasyPrint, inherits no database
connection or socket of the web process, and the web process itself never imports WeasyPrint.

Inside the child:

* the fetcher serves only what :class:`textkit.pdf.Fence` allows (``data:`` images and files in
  the static root) and refuses everything else; WeasyPrint's own fetcher is left only the
  ``data`` protocol and no redirects, so a mistake in the fence still could not open a socket;
* resource limits back the parent's clock: address space (``memory_limit``), CPU seconds (a
  little beyond ``timeout``, so an orphaned child whose parent died still ends), and Pillow's
  decompression-bomb limit on image size. WeasyPrint itself already stops Pillow from calling
  Ghostscript for EPS data, and the XML parser it uses for SVG refuses entity expansion bombs;
* warnings logged by WeasyPrint are collected and re-logged by the parent under the same logger
  names, so they reach the app's log as if the render had run in-process.
"""

from __future__ import annotations

import functools
import logging
import math
import multiprocessing
import resource
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from textkit.pdf import Allow, Fence

__all__ = ["RenderError", "RenderTimeout", "Rendered", "render"]

logger = logging.getLogger(__name__)

CHILD_NAME = "candor-pdf-render"
# Address space a render may map. A 1,000-rule document peaks near 600 MB of address space (most
# of it fonts mapped from disk) and 250 MB resident. Keep it generous: a child that runs out of
# memory while fontconfig rebuilds a stale font cache can write an empty cache for a font folder,
# which every later render then trusts (the CJK fonts vanish from PDFs until `fc-cache -f`).
MEMORY_LIMIT = 2 * 1024**3
# CPU seconds beyond the time limit before the kernel stops a child nobody is waiting for.
CPU_GRACE = 5
# Pillow warns above this many pixels and refuses twice as many: about 6,300 x 6,300.
IMAGE_PIXEL_LIMIT = 20_000_000
# How many log records and refused URLs a child reports; a hostile draft can cause thousands.
REPORT_LIMIT = 100
MESSAGE_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Rendered:
    pdf: bytes
    refused: tuple[str, ...] = ()


class RenderError(Exception):
    """The renderer failed, or stopped before it produced a PDF."""


class RenderTimeout(RenderError):
    """The render took longer than its time limit and was killed."""

    def __init__(self, timeout: float) -> None:
        super().__init__(f"took longer than {_seconds(timeout)}")
        self.timeout = timeout


@functools.cache
def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    # Only takes effect when this process starts its fork server, which it does on first use.
    context.set_forkserver_preload([__name__, "weasyprint"])
    return context


def render(
    html: str,
    *,
    static_root: str | None = None,
    timeout: float,
    memory_limit: int = MEMORY_LIMIT,
) -> Rendered:
    """Render ``html`` in a child process; the PDF, or :class:`RenderError` within ``timeout``.

    Relative URLs resolve against ``static_root`` (when given) and may load files inside it, as
    may absolute ``/static/...`` paths; see :class:`textkit.pdf.Fence`. URLs the fence refused
    are returned with the PDF and logged here.
    """
    context = _context()
    deadline = time.monotonic() + timeout
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main,
        args=(sender, html, static_root, timeout, memory_limit),
        name=CHILD_NAME,
        daemon=True,
    )
    try:
        child.start()
        sender.close()
        ready = wait([receiver, child.sentinel], timeout=max(0.0, deadline - time.monotonic()))
        if not ready:
            if child.is_alive():
                child.kill()
            logger.warning("PDF render killed after %s (pid %s)", _seconds(timeout), child.pid)
            raise RenderTimeout(timeout)
        outcome = _receive(receiver)
    finally:
        sender.close()
        receiver.close()
        exitcode = _reap(child)
    if outcome is None:
        raise RenderError(f"the renderer stopped unexpectedly ({_describe_exit(exitcode)})")
    status, payload, refused, records = outcome
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)
    if refused:
        logger.warning("PDF render refused to load %s", ", ".join(map(repr, refused)))
    if status != "ok":
        raise RenderError(payload)
    return Rendered(payload, tuple(refused))


def _receive(receiver: Connection) -> Any:
    """The child's report, or None when it ended without one (killed, crashed)."""
    if not receiver.poll():
        return None
    try:
        return receiver.recv()
    except (EOFError, OSError):
        return None


def _reap(child: Any) -> int | None:
    """Make sure the child is gone and return its exit code. A child that reported exits by
    itself; one that has not within a second is killed."""
    if child.pid is None:  # never started
        return None
    child.join(1.0)
    if child.is_alive():
        child.kill()
        child.join()
    exitcode: int | None = child.exitcode
    child.close()
    return exitcode


def _describe_exit(exitcode: int | None) -> str:
    if exitcode is None or exitcode >= 0:
        return f"exit code {exitcode}"
    try:
        name = signal.Signals(-exitcode).name
    except ValueError:
        name = f"signal {-exitcode}"
    if name == "SIGXCPU":
        return f"{name}: it used up its CPU time"
    return f"{name}: it may have run out of memory"


def _seconds(value: float) -> str:
    return f"{value:g} second" if value == 1 else f"{value:g} seconds"


# --------------------------------------------------------------------------------------------
# The child


class _Collector(logging.Handler):
    """Keeps the first warnings logged in the child, to be re-logged by the parent."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < REPORT_LIMIT:
            self.records.append((record.name, record.levelno, _shorten(record.getMessage())))


def _child_main(
    conn: Connection, html: str, static_root: str | None, timeout: float, memory_limit: int
) -> None:
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    root.setLevel(logging.WARNING)
    refused: list[str] = []
    outcome: tuple[str, bytes | str]
    try:
        _limit_resources(timeout, memory_limit)
        outcome = ("ok", _render_here(html, static_root, refused))
    except BaseException as error:  # everything must reach the parent as a message
        outcome = ("error", _shorten(str(error) or type(error).__name__))
    try:
        conn.send((*outcome, refused[:REPORT_LIMIT], collector.records))
    finally:
        conn.close()


def _shorten(message: str) -> str:
    """The start and the end of a long message: WeasyPrint names the URL (perhaps a long data:
    URL) first and the reason last."""
    if len(message) <= MESSAGE_LIMIT:
        return message
    half = MESSAGE_LIMIT // 2
    return f"{message[:half]} … {message[-half:]}"


def _limit_resources(timeout: float, memory_limit: int) -> None:
    cpu = math.ceil(timeout) + CPU_GRACE
    _lower_limit(resource.RLIMIT_CPU, cpu, cpu + CPU_GRACE)
    if memory_limit:
        _lower_limit(resource.RLIMIT_AS, memory_limit, memory_limit)


def _lower_limit(kind: int, soft: int, hard: int) -> None:
    _, current_hard = resource.getrlimit(kind)
    if current_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, current_hard), min(hard, current_hard)
    resource.setrlimit(kind, (soft, hard))


def _render_here(html: str, static_root: str | None, refused: list[str]) -> bytes:
    import weasyprint
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = IMAGE_PIXEL_LIMIT
    fence = Fence.around(static_root)
    fetcher = _fetcher_class()(fence, refused)
    document = weasyprint.HTML(string=html, base_url=fence.base_url, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf()
    return pdf


@functools.cache
def _fetcher_class() -> type:
    import weasyprint

    class FencedFetcher(weasyprint.urls.URLFetcher):
        """Serves what the fence allows; raises for the rest, which WeasyPrint turns into a
        logged error and a missing resource: the document still renders."""

        def __init__(self, fence: Fence, refused: list[str]) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)
            self.fence = fence
            self.refused = refused

        def fetch(self, url: str, headers: Any = None) -> Any:
            decision = self.fence.decide(url)
            if not isinstance(decision, Allow):
                self.refused.append(url[:200])
                raise PermissionError(f"Refused to load {url[:200]!r}: {decision.reason}.")
            if decision.path is None:
                return super().fetch(url, headers)
            return weasyprint.urls.URLFetcherResponse(
                decision.path.as_uri(),
                decision.path.read_bytes(),
                {"Content-Type": decision.media_type},
            )

    return FencedFetcher
