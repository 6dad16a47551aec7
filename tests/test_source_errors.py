"""A missing, corrupt or altered source gives one clear error naming the file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import ConfigurationError, Settings, SourceError, load_corpus

PORTENTRY = Path(sys.executable).with_name("portentry")
REG = "19-cfr-part-101.txt"
ART = "article-what-is-a-port-of-entry.txt"


def _rehash(sources: Path, file: str) -> None:
    """Record the new sha256 so the parser, not the checksum, meets the damage."""
    toml = sources / "sources.toml"
    text = toml.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("sha256") and file in text)
    digest = hashlib.sha256((sources / file).read_bytes()).hexdigest()
    kind = "[regulation]" if file == REG else "[article]"
    head, _, tail = text.partition(kind)
    line = next(x for x in tail.splitlines() if x.startswith("sha256"))
    toml.write_text(head + kind + tail.replace(line, f'sha256 = "{digest}"', 1), encoding="utf-8")
    assert old


def test_the_shipped_copy_loads_without_shared(sources_copy: Path) -> None:
    corpus = load_corpus(sources_dir=sources_copy)
    assert len(corpus.listings) == 306


def test_missing_file_is_named(sources_copy: Path) -> None:
    (sources_copy / REG).unlink()
    with pytest.raises(SourceError, match=rf"cannot read source file .*{REG}.*git checkout"):
        load_corpus(sources_dir=sources_copy)


def test_truncated_file_is_named(sources_copy: Path) -> None:
    path = sources_copy / ART
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(SourceError, match=rf"{ART} is not the recorded copy"):
        load_corpus(sources_dir=sources_copy)


def test_corrupt_manifest_is_named(sources_copy: Path) -> None:
    (sources_copy / "sources.toml").write_text("[regulation\nfile = ", encoding="utf-8")
    with pytest.raises(SourceError, match="sources.toml is corrupt"):
        load_corpus(sources_dir=sources_copy)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (REG, "§ 101.5 - CBP preclearance", "101.5 CBP preclearance", "section 101.5 not found"),
        (REG, "Ports of entry Limits of port", "Ports", "table 'Ports of entry Limits of port'"),
        (REG, "The fourth day of July.", "July the fourth.", r"holiday rule in 19 CFR 101.6\(a\)\(5\)"),
        (ART, "Modified: December 28, 2023", "Changed recently", "no 'Modified:' date"),
        (ART, "Modified: December 28, 2023", "Modified: 28/12/2023", "cannot read the article's modified date"),
    ],
)
def test_a_source_that_does_not_parse_is_named(sources_copy: Path, file: str, old: str, new: str, message: str) -> None:
    path = sources_copy / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    _rehash(sources_copy, file)
    with pytest.raises(SourceError, match=message) as info:
        load_corpus(sources_dir=sources_copy)
    assert file in str(info.value)


def test_sources_dir_setting_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="PORTENTRY_SOURCES_DIR"):
        Settings.from_env({"PORTENTRY_SOURCES_DIR": str(tmp_path / "nope")})
    assert Settings.from_env({"PORTENTRY_SOURCES_DIR": str(tmp_path)}).sources_dir == tmp_path


@pytest.mark.slow
def test_cli_prints_one_line_not_a_traceback(sources_copy: Path) -> None:
    (sources_copy / REG).write_text("not the regulation", encoding="utf-8")
    env = {**os.environ, "PORTENTRY_SOURCES_DIR": str(sources_copy)}
    done = subprocess.run(
        [str(PORTENTRY), "tables", "ports"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("portentry: error: source file ") and REG in lines[0]
    assert "Traceback" not in done.stderr
