"""The core never imports Textual (DESIGN §3): each module is imported alone in a fresh
interpreter and must leave ``textual`` out of ``sys.modules``."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import cxvocab

CORE = sorted(
    m.name for m in pkgutil.walk_packages(cxvocab.__path__, "cxvocab.") if not m.name.startswith("cxvocab.ui")
)


def test_core_modules_found():
    assert {"cxvocab.store", "cxvocab.scheduling", "cxvocab.content", "cxvocab.cli"} <= set(CORE)


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_sql_inside_ui():
    from pathlib import Path

    ui = Path(cxvocab.__file__).parent / "ui"
    for path in ui.rglob("*.py"):
        text = path.read_text(encoding="utf-8").lower()
        for word in ("select ", "insert into", "update cards", "delete from", "sqlite3", "sqlite_utils"):
            assert word not in text, f"{path}: {word!r}"
