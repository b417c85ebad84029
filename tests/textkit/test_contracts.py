"""textkit stays pure: no file in it imports Django or one of Candor's apps.

import-linter checks the same rule (pyproject.toml); this test keeps it in the suite as well, and
reads every file, so an import inside a function or a file import-linter skips is caught too.
"""

import ast
from pathlib import Path

import pytest

TEXTKIT = Path(__file__).resolve().parents[2] / "textkit"
FORBIDDEN = ("django", "reversion", "guidelines", "accounts", "audit", "config")


def forbidden_imports(source: str) -> list[str]:
    """The modules named by import statements in source that lie in a forbidden package."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in FORBIDDEN]
    return found


def textkit_files() -> list[Path]:
    return sorted(TEXTKIT.rglob("*.py"))


def test_it_reads_the_textkit_package():
    names = {path.name for path in textkit_files()}
    assert {"__init__.py", "diff.py", "merge.py", "rendering.py"} <= names


@pytest.mark.parametrize("path", textkit_files(), ids=lambda path: str(path.relative_to(TEXTKIT)))
def test_no_textkit_file_imports_django_or_an_app(path):
    assert forbidden_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "import django",
        "from django.db import models",
        "import os, django.conf",
        "from guidelines.models import Rule",
        "import accounts.permissions as permissions",
        "from audit import log",
        "from config import settings",
        "import reversion",
        "def later():\n    from django.utils.html import escape\n",
        "try:\n    import django\nexcept ImportError:\n    pass\n",
    ],
)
def test_it_flags_a_forbidden_import(source):
    assert forbidden_imports(source)


@pytest.mark.parametrize(
    "source",
    [
        '"""No Django here: from django import nothing."""',
        "# import django",
        "import djangoish",
        "from textkit.diff import word_diff",
        "from . import guidelines",
        "text = 'import guidelines'",
    ],
)
def test_it_ignores_what_is_not_a_forbidden_import(source):
    assert forbidden_imports(source) == []
