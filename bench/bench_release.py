"""Release benchmark, on a throwaway SQLite database.

``release_page_queries`` / ``release_page_ms``: the published page of a generated 200-section,
1,000-rule document, served from its snapshot; ``draft_page_*``: the live draft page of the same
document, for contrast. ``pdf_export_demo_s``: producing the demo release's PDF (Policy tone) the
first time, the one moment a reader waits for WeasyPrint. ``release_rps`` / ``trivial_rps``: the
release page and the health check under gunicorn on 127.0.0.1, measured with a bounded loopback
load from a Python client; ``release_vs_trivial_ratio`` is the first over the second.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.support import best_ms, setup_django  # noqa: E402

SECTIONS = 200
RULES = 5
MODALITIES = ["must", "must_not", "should", "should_not", "may"]
LOAD_REQUESTS = 400  # per target: bounded, so the figure costs seconds, not minutes
LOAD_THREADS = 8
WORKERS = 2


def _person(role: str):
    from accounts.roles import ensure_roles
    from accounts.services import user_create

    ensure_roles()
    name = f"bench-{role.lower()}-{uuid.uuid4().hex[:6]}"
    return user_create(
        username=name,
        password=uuid.uuid4().hex,
        roles=[role],
        email=f"{name}@example.com",
        display_name=f"Bench {role}",
        department="Benchmarks",
    )


def _published_document(editor, admin):
    from guidelines.documents import services
    from guidelines.documents.services import RuleInput, SectionInput
    from guidelines.review import workflow

    document = services.document_create(user=editor, subject="Bench " + uuid.uuid4().hex[:6])
    paragraph = (
        "Social media lets every employee speak with customers, partners and the "
        "public. What you write stays online for a long time, so write **thoughtfully**. "
    )
    for n in range(SECTIONS):
        services.section_add(
            user=editor,
            document=document,
            data=SectionInput(
                heading=f"Topic {n}",
                body=(paragraph * 3).strip(),
                rules=[
                    RuleInput(
                        id=None,
                        modality=MODALITIES[r],
                        statement=f"Identify yourself when you discuss topic {n}, item {r}.",
                    )
                    for r in range(RULES)
                ],
            ),
        )
    document.refresh_from_db()
    workflow.document_publish(user=admin, document=document, kind="major")
    document.refresh_from_db()
    return document


def _page(client, url: str) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: the session's tone, template loading
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries), best_ms(lambda: client.get(url))


def _pdf_demo_seconds(people) -> float:
    from guidelines.demo import loader as demo
    from guidelines.models import Document
    from guidelines.releases import services as releases
    from guidelines.review import workflow

    data_slug = "social-computing"
    demo.ensure_users()
    document = Document.objects.filter(slug=data_slug).first() or demo.load_document()
    if document.latest_release_id is None:
        workflow.document_publish(user=people["admin"], document=document, kind="major")
        document.refresh_from_db()
    started = time.perf_counter()
    releases.release_export(document.latest_release, "pdf", "policy")
    return time.perf_counter() - started


# --- throughput under gunicorn ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(port: int, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return True
        except OSError:
            time.sleep(0.2)
    return False


def _requests_per_second(port: int, path: str, cookie: str) -> float:
    """LOAD_REQUESTS requests from LOAD_THREADS threads, one connection per request."""
    remaining = [LOAD_REQUESTS]
    lock = threading.Lock()
    failures = []

    def worker() -> None:
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures.append(response.status)
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(LOAD_THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} requests to {path} failed: {failures[:3]}")
    return LOAD_REQUESTS / elapsed


def _throughput(document, reader) -> dict[str, float]:
    from django.conf import settings
    from django.test import Client

    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    if not gunicorn.exists():
        return {}
    client = Client()
    client.force_login(reader)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    port = _free_port()
    # Production settings (DEBUG off, cached templates) except for plain-HTTP cookies and the
    # development key, so the session made above is valid on this loopback-only server.
    env = dict(
        os.environ,
        DJANGO_DEBUG="0",
        CANDOR_TESTING="1",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        CANDOR_VAR_DIR=os.environ["CANDOR_VAR_DIR"],
    )
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments, loopback only
        [
            str(gunicorn),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not _wait_until_up(port):
            return {}
        path = document.get_absolute_url()
        _requests_per_second(port, path, cookie)  # warm every worker
        release = _requests_per_second(port, path, cookie)
        trivial = _requests_per_second(port, "/healthz", cookie)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {
        "release_rps": release,
        "trivial_rps": trivial,
        "release_vs_trivial_ratio": release / trivial,
    }


def run() -> dict[str, float]:
    setup_django()
    from django.test import Client

    from accounts.models import Role

    people = {
        "editor": _person(Role.EDITOR),
        "admin": _person(Role.ADMIN),
        "employee": _person(Role.EMPLOYEE),
    }
    document = _published_document(people["editor"], people["admin"])
    reader = Client()
    reader.force_login(people["employee"])
    editor = Client()
    editor.force_login(people["editor"])
    release_queries, release_ms = _page(reader, document.get_absolute_url())
    draft_queries, draft_ms = _page(editor, document.get_draft_url())
    figures = {
        "release_page_queries": release_queries,
        "release_page_ms": release_ms,
        "draft_page_queries": draft_queries,
        "draft_page_ms": draft_ms,
        "pdf_export_demo_s": _pdf_demo_seconds(people),
    }
    figures.update(_throughput(document, people["employee"]))
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:28} {value:.4g}")
