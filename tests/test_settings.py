"""The production guard rails in config/settings.py, checked in a fresh interpreter.

Under pytest the settings relax themselves (TESTING), so each case starts `manage.py` in a
subprocess with a controlled environment, exactly as a deployment would.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3Jx9-" + "q" * 20 + "-Zp7v" + "W" * 30 + "8u2!rT"


def manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "CANDOR_", "DATABASE_URL", "PYTEST"))
    }
    clean.update({"CANDOR_VAR_DIR": str(tmp_path), "DJANGO_STATIC_ROOT": str(tmp_path)})
    clean.update(env)
    return subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("key", [None, "", "candor-development-key-not-for-production"])
def test_it_refuses_to_start_without_a_real_secret_key_when_debug_is_off(tmp_path, key):
    env = {"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "candor.example.com"}
    if key is not None:
        env["DJANGO_SECRET_KEY"] = key
    result = manage("check", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_it_starts_in_debug_mode_without_a_secret_key(tmp_path):
    result = manage("check", tmp_path=tmp_path, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_its_deployment_check_reports_no_warnings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="candor.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_its_deployment_check_notices_a_weak_key(tmp_path):
    # The guard above is only trustworthy if the check itself would complain.
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY="short",
        DJANGO_ALLOWED_HOSTS="candor.example.com",
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
