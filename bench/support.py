"""What the Django benchmarks share: a throwaway database and a steady timer."""

from __future__ import annotations

import os
import tempfile
import time


def setup_django() -> None:
    """Django on a fresh SQLite file in a temporary folder, migrated; never the real database."""
    import django
    from django.apps import apps

    if not apps.ready:
        os.environ.setdefault("CANDOR_VAR_DIR", tempfile.mkdtemp(prefix="candor-bench-"))
        os.makedirs(os.environ["CANDOR_VAR_DIR"], exist_ok=True)
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        os.environ["CANDOR_TESTING"] = "1"  # test client host, fast password hashing
        django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def best_ms(work, repeat: int = 5) -> float:
    """Best of `repeat` runs, in milliseconds: the figure least disturbed by the machine."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best * 1000
