"""The engine's understanding as data: vocabulary, thresholds, intents and their example phrasings.

Everything in ``assistant/data`` is read here and nowhere else, once per
process, into typed records. A malformed file is a ConfigurationError naming
it: the package data ships with portentry, so that is a broken install.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import ConfigurationError

__all__ = ["DATA_DIR", "Intent", "Vocabulary", "load_intents", "load_vocabulary", "word_bases"]

DATA_DIR = Path(__file__).with_name("data")
PLACEHOLDERS = ("PLACE", "STATE", "COUNTRY", "DATE", "HOLIDAY", "YEAR", "MONTH", "NUMBER", "GOODS")
"""Words that stand for a recognised name in the example phrasings (and in a question once it is read)."""


_ENDINGS = re.compile(r"(?:ers?|ing|ed|e?s|ly)$")


def word_bases(word: str) -> list[str]:
    """The words ``word`` may be made from with an ending ("sniffer": sniff; "smuggled": smuggl, smuggle)."""
    out = []
    for m in _ENDINGS.finditer(word.lower()):
        base = word.lower()[: m.start()]
        if len(base) >= 3:
            out += [base, base + "e"] + ([base[:-1]] if base[-1] == base[-2] else [])
    return out


def _toml(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"cannot read {path} ({exc}); reinstall portentry") from exc


@dataclass(frozen=True)  # no slots: skip_words is a cached_property
class Vocabulary:
    """The words around the names (vocabulary.toml) and the thresholds (thresholds.toml)."""

    holidays: dict[str, list[str]]
    """Other names of the ten national holidays, by the holiday's name."""
    statute_holidays: dict[str, list[str]]
    """Names of days designated by other Federal statutes."""
    other_days: dict[str, dict[str, object]]
    """Days that are not Federal holidays, with their date rule."""
    states: dict[str, list[str]]
    """Other ways of writing a state."""
    countries: dict[str, list[str]]
    """Other names of countries (the world's come from pycountry)."""
    regions: dict[str, list[str]]
    """Other ways of writing the provinces of the preclearance offices."""
    places: dict[str, list[str]]
    """What people call a listed place other than by its printed name ("philly")."""
    goods: dict[str, list[str]]
    """Goods words, by Center."""
    terms: dict[str, list[str]]
    """Other names of defined terms, by term."""
    kinds: dict[str, list[str]]
    """Words for what a place is asked to be, by kind (port, station, service_port, preclearance, center)."""
    kind_terms: dict[str, str]
    """The term of 101.1 that defines each kind."""
    grammar: dict[str, Any]
    """Cue words: polar, anaphora, ellipsis, question, joint, after, before, numbers, not_names."""
    injection: tuple[str, ...]
    """Patterns of instructions hidden in a question."""
    thresholds: dict[str, float]
    """Every tuned number, by name (see thresholds.toml for how each was chosen)."""
    world_regions: dict[str, dict[str, list[str]]]
    """Parts of the world named instead of a country ("the caribbean"): their names and their countries."""
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)
    """Cue lists and patterns already built (every question reads them; building them took a tenth of its time)."""

    @property
    def not_names(self) -> list[str]:
        """Words that are never place names."""
        return list(self.grammar["not_names"])

    @property
    def numbers(self) -> dict[str, int]:
        """Counting words."""
        return dict(self.grammar["numbers"])

    @functools.cached_property
    def synonyms(self) -> dict[str, list[str]]:
        """Sources' words for a user's word (key-term matching only)."""
        return dict(self.grammar["synonyms"])

    def synonyms_of(self, word: str) -> list[str]:
        """Sources' words for ``word`` or, failing that, for the word it is made from ("sniffer": "sniff")."""
        found = self.synonyms.get(word)
        if found is None:
            found = next((self.synonyms[b] for b in word_bases(word) if b in self.synonyms), [])
        return found

    @property
    def summary_passages(self) -> tuple[str, ...]:
        """Passages that only sum up others (the article's introduction and conclusion)."""
        return tuple(self.grammar["summary_passages"])

    @property
    def section_cues(self) -> dict[str, list[str]]:
        """Words that name a section of the article, by its ref ("wrap up": the conclusion)."""
        return dict(self.grammar["section_cues"])

    @property
    def context_terms(self) -> frozenset[str]:
        """Defined terms that are usually context ("in CBP regs"): defined only when asked about alone."""
        return frozenset(self.grammar["context_terms"])

    @functools.cached_property
    def skip_words(self) -> frozenset[str]:
        """Words a passage need not share with a question to answer it: stopwords and words every question has."""
        return frozenset(self.grammar["stopwords"]) | frozenset(self.grammar["generic"])

    @property
    def shorthand(self) -> dict[str, str]:
        """Shorthand people type -> the words the sources and phrasings use ("svc" -> "service")."""
        return dict(self.grammar["shorthand"])

    def words(self, cue: str) -> tuple[str, ...]:
        """The cue words of one grammar list, longest first."""
        key = ("words", cue)
        if key not in self._memo:
            self._memo[key] = tuple(sorted(self.grammar[cue], key=len, reverse=True))
        return self._memo[key]  # type: ignore[no-any-return]

    def pattern(self, cue: str) -> str:
        """One grammar list as a regular-expression alternation, longest first ("other than" may span spaces)."""
        key = ("pattern", cue)
        if key not in self._memo:
            self._memo[key] = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in self.words(cue))
        return self._memo[key]  # type: ignore[no-any-return]

    def threshold(self, name: str) -> float:
        """One tuned number; ConfigurationError if thresholds.toml lacks it."""
        try:
            return self.thresholds[name]
        except KeyError:
            raise ConfigurationError(f"{DATA_DIR / 'thresholds.toml'} has no {name!r}; reinstall portentry") from None


@functools.cache
def load_vocabulary() -> Vocabulary:
    """vocabulary.toml and thresholds.toml, read once."""
    v = _toml("vocabulary.toml")
    thresholds = {f"{section}_{key}" if section != "top" else key: float(value)
                  for section, table in _toml("thresholds.toml").items() for key, value in table.items()}  # fmt: skip
    return Vocabulary(
        holidays=v["holidays"], statute_holidays=v["statute_holidays"], other_days=v["other_days"],
        states=v["states"], countries=v["countries"], regions=v["regions"], places=v["places"], goods=v["goods"],
        terms=v["terms"], kinds=v["kinds"], kind_terms=v["kind_terms"], grammar=v["grammar"],
        injection=tuple(v["injection"]["patterns"]), thresholds=thresholds, world_regions=v["world_regions"],
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Intent:
    """One thing a question can ask, the tool that answers it, and how people ask it."""

    name: str
    """"ports_in_state"."""
    tool: str
    """The registry tool that answers it ("" for passage search, abstention and small talk)."""
    phrasings: tuple[str, ...]
    """Example phrasings, with slot placeholders (data/intents/<name>.txt)."""
    marks: tuple[str, ...] = ()
    """Words (or phrases) only questions of this intent use ("amended", "source note").

    Holding one, a question goes to it when it is nearly as likely as the best ("source note for the Centers
    section" is not about the Centers).
    """
    cues: tuple[str, ...] = ()
    """Words of which a question must hold one (in any form) to ask this (empty: no such word).

    "changed" for a section's history, which "what terms does 19 CFR 101.1 define" resembles by its citation alone.
    """


@functools.cache
def load_intents() -> tuple[tuple[Intent, ...], str]:
    """Every intent with its phrasings, and a checksum of them all (for caching their embeddings)."""
    table = _toml("intents.toml")
    digest = hashlib.sha256()
    out = []
    for name in sorted(table):
        path = DATA_DIR / "intents" / f"{name}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigurationError(f"cannot read {path} ({exc.strerror}); reinstall portentry") from exc
        lines = tuple(dict.fromkeys(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")))
        if not lines:
            raise ConfigurationError(f"{path} has no phrasings")
        digest.update(name.encode() + b"\0" + "\n".join(lines).encode())
        entry = table[name]
        out.append(Intent(name, str(entry.get("tool", "")), lines, tuple(entry.get("marks", ())),
                          tuple(entry.get("cues", ()))))  # fmt: skip
    return tuple(out), digest.hexdigest()
