"""The architecture holds: imports only point down the layers of docs/architecture.md, and
storage loads none of the UI, the CLI or the analyzer's rules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "voicecoach"

# Each layer, lowest first. A module may import any lower layer and its own package; the
# small modules of "core" (and of "cli") may also import each other, while the packages of
# one layer stay independent (audio never imports the analyzer, nor the reverse).
LAYERS = (
    ("core", ("errors", "settings", "transcript", "profile", "atomic", "lazy", "subtitles",
              "terminal")),
    ("parts", ("analysis", "audio")),
    ("services", ("speech", "sessions", "scenario")),
    ("pipeline", ("pipeline",)),
    ("features", ("rehearsal", "review", "doctor")),
    ("cli", ("cli", "__main__")),
)  # fmt: skip
RANK = {top: rank for rank, (_, tops) in enumerate(LAYERS) for top in tops}
SHARED = {RANK["errors"], RANK["cli"]}  # layers whose members may import each other


# Modules beside a top-level module that belong to it (scenario_reactions is the scenario
# file's [reactions] and [personas] tables, loaded by scenario.py; doctor_mic is
# `voicecoach doctor --mic`, the microphone test)
PART_OF = {"scenario_reactions": "scenario", "doctor_mic": "doctor"}


def _top(module: str) -> str:
    """voicecoach.speech.models -> speech"""
    top = module.split(".")[1]
    return PART_OF.get(top, top)


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path) -> set[str]:
    """Every voicecoach module ``name`` imports, inside functions too, except those only
    for type checking."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for sub in ast.walk(node)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            found |= {base} | {f"{base}.{a.name}" for a in node.names}
    return {m for m in found if m.startswith("voicecoach.")}


def test_every_top_level_module_has_a_layer() -> None:
    tops = {_top(m) for m in _modules() if m != "voicecoach"}
    assert tops <= set(RANK), f"put these in LAYERS and docs/architecture.md: {tops - set(RANK)}"
    assert len(list(PACKAGE.glob("*.py"))) <= 16


def test_imports_point_down() -> None:
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        if name == "voicecoach":
            continue
        for target in _imports(name, path):
            if target not in modules or _top(target) == _top(name):
                continue
            mine, theirs = RANK[_top(name)], RANK[_top(target)]
            if theirs > mine or (theirs == mine and mine not in SHARED):
                wrong.append(f"{name} imports {target}")
    assert not wrong, "imports that point up or sideways:\n" + "\n".join(sorted(wrong))


def test_storage_loads_no_ui_cli_or_analyzer() -> None:
    code = (
        "import sys, pkgutil, importlib, voicecoach.sessions as s\n"
        "for m in pkgutil.iter_modules(s.__path__):\n"
        "    importlib.import_module(f'{s.__name__}.{m.name}')\n"
        "from voicecoach.sessions import Store\n"
        "bad = ('rich', 'click', 'voicecoach.analysis.rules', 'voicecoach.analysis.analyzer',"
        " 'voicecoach.analysis.semantic', 'voicecoach.review', 'voicecoach.rehearsal')\n"
        "print(sorted(m for m in sys.modules if m in bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("module", ["voicecoach", "voicecoach.cli", "voicecoach.analysis"])
def test_light_imports_stay_light(module: str) -> None:
    """The CLI's start-up (``voicecoach --help``) and the result types load no numpy."""
    code = f"import sys, {module}; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
