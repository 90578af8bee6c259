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


HEAVY = (
    "pydantic",
    "yaml",
    "sqlite_utils",
    "gtts",
    "genanki",
    "miniaudio",
    "rapidfuzz",
    "arabic_reshaper",
    "fsrs",
    "cxvocab.quiz",
    "cxvocab.prep",
    "cxvocab.stats",
    "cxvocab.quickparse",
    "yaml_rs",
)

START = """
import sys
import cxvocab.cli
from cxvocab.bootstrap import Context, Options
from cxvocab.ui.app import CxVocabApp, build


class FirstScreen(CxVocabApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.exit)


build(Context(Options(rtl="visual")), app=FirstScreen).run(headless=True)  # display chosen: no calibration
print(" ".join(sorted(m for m in {HEAVY} if m in sys.modules)))
"""


def test_start_up_leaves_heavy_modules_for_later(tmp_path):
    """DESIGN §7: the first screen is drawn without PyYAML and pydantic (valid files are read
    by quickparse, and then come from the content cache), sqlite-utils (once the database
    exists), or the audio, Anki and fuzzy-matching libraries; each is imported when its work
    is first needed."""
    import os

    env = {**os.environ, "CXVOCAB_HOME": str(tmp_path / "home")}
    code = START.replace("{HEAVY}", repr(HEAVY))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    # The first start creates the database, and reads the files (valid: the fast way).
    assert first.stdout.split() == ["cxvocab.quickparse", "sqlite_utils", "yaml_rs"]
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.split() == []


def _contracts() -> list[dict[str, object]]:
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_the_textual_contract_names_every_core_module():
    """A new core module is held to the rule too: the contract lists every one (but the CLI,
    which starts the interface, and the package's own entry points)."""
    (core,) = [c for c in _contracts() if "textual" in c.get("forbidden_modules", [])]
    listed = core["source_modules"]
    assert isinstance(listed, list)
    held = [m for m in CORE if any(m == s or m.startswith(s + ".") for s in listed)]  # a package holds its modules
    assert held == [m for m in CORE if m not in ("cxvocab.cli", "cxvocab.__main__")]


def test_the_import_contracts_hold(tmp_path):
    """The layers of ARCHITECTURE.md, as import-linter checks them (`lint-imports` in CI too)."""
    from pathlib import Path

    import importlinter.cli as importlinter

    root = Path(__file__).resolve().parent.parent
    assert importlinter.lint_imports(str(root / "pyproject.toml"), cache_dir=str(tmp_path)) == 0


def test_no_module_imports_itself_round_about():
    """No import cycle anywhere in cxvocab (there were 14 between the app and its screens):
    each module can be read, and tested, knowing only what it imports."""
    import grimp

    graph = grimp.build_graph("cxvocab")
    cycles = [
        (module, other)
        for module in sorted(graph.modules)
        for other in sorted(graph.find_modules_directly_imported_by(module))
        if graph.chain_exists(importer=other, imported=module)
    ]
    assert cycles == []
