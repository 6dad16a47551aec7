"""Each package declares its public API in __all__, and exports exactly that."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

PACKAGES = ["assistant", "corpus", "index", "ui"]
REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", PACKAGES)
def test_all_matches_exports(name: str) -> None:
    module = importlib.import_module(name)
    public = {k for k in vars(module) if not k.startswith("_")}
    submodules = {m.name for m in pkgutil.iter_modules(module.__path__)}
    assert sorted(module.__all__) == sorted(public - submodules)
    assert all(m.startswith("_") for m in submodules), "helpers live in private modules"


def test_only_settings_reads_the_environment() -> None:
    offenders = [
        str(p.relative_to(REPO))
        for pkg in PACKAGES
        for p in (REPO / pkg).rglob("*.py")
        if "os.environ" in p.read_text(encoding="utf-8") and p.name != "_settings.py"
    ]
    assert offenders == []
