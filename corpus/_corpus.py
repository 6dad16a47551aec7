"""Load the sources (checked against their recorded sha256) into one ``Corpus``.

This is the only place that reads the source files. A missing, unreadable or
altered file is a SourceError that names the file and says how to get it back;
it must never surface as a traceback or as silently different answers.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ._article import parse_article
from ._calendar import business_hours, observe, parse_holidays
from ._errors import SourceError, UsageError
from ._records import (
    Article,
    BusinessHours,
    Center,
    CustomsStation,
    Definition,
    Holiday,
    ObservedHoliday,
    Passage,
    Port,
    PortListing,
    PreclearanceOffice,
    Provenance,
    Regulation,
    ServicePort,
    SourceKind,
)
from ._regulation import parse_regulation
from ._settings import Settings
from ._states import resolve_state
from ._tables import parse_tables

__all__ = ["Corpus", "load_corpus", "state_filter"]

_RESTORE = "restore it from the portentry repository (git checkout -- corpus/sources) or reinstall portentry"


@dataclass(frozen=True)  # no slots: _by_ref is a cached_property
class Corpus:
    """Both sources, parsed: passages to cite and the regulation's tables as facts."""

    regulation: Regulation
    """19 CFR Part 101, section by section."""
    article: Article
    """The explainer article."""
    provenance: tuple[Provenance, ...]
    """Where each source came from."""
    ports: tuple[Port, ...]
    """Ports of entry (101.3(b)(1)), one per port."""
    listings: tuple[PortListing, ...]
    """Every row of the ports table, in document order (306)."""
    service_ports: tuple[ServicePort, ...]
    """Service ports (101.3(b)(2))."""
    stations: tuple[CustomsStation, ...]
    """Customs stations (101.4(c)(2))."""
    preclearance: tuple[PreclearanceOffice, ...]
    """Preclearance offices (101.5)."""
    centers: tuple[Center, ...]
    """Centers of Excellence and Expertise (101.10(a))."""
    holidays: tuple[Holiday, ...]
    """The ten national holidays (101.6(a))."""
    hours: tuple[BusinessHours, ...]
    """Business hours (101.6 and 101.6(e))."""

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Every citable passage: the regulation's, then the article's."""
        return self.regulation.passages + self.article.passages

    @functools.cached_property
    def notes(self) -> tuple[Passage, ...]:
        """Each section's source note and editorial note.

        Citable for when a section was issued and amended, but not searched (they say when, not what).
        """
        out = []
        for s in self.regulation.sections:
            texts = [("source note", note) for note in s.amendments]
            texts += [("editorial note", s.editorial_note)] if s.editorial_note else []
            out += [
                Passage(
                    ref=f"19 CFR {s.number} ({kind})",
                    source="regulation",
                    section=s.number,
                    title=s.title,
                    text=text,
                    url=s.url,
                    heading=kind.capitalize(),
                )
                for kind, text in texts
            ]
        return tuple(out)

    @functools.cached_property
    def _by_ref(self) -> dict[str, Passage]:
        return {p.ref: p for p in (*self.passages, *self.notes)}

    def passage(self, ref: str) -> Passage:
        """The passage with this exact ref; UsageError if there is none."""
        try:
            return self._by_ref[ref]
        except KeyError:
            raise UsageError(f"no passage {ref!r} in the sources") from None

    @property
    def definitions(self) -> tuple[Definition, ...]:
        """The terms defined in 101.1, in order."""
        return tuple(
            Definition(term=p.heading, text=p.text, ref=p.ref, url=p.url)
            for p in self.regulation.passages
            if p.section == "101.1" and p.heading
        )

    def port(self, port_id: str) -> Port:
        """The port with this id; UsageError if there is none."""
        for port in self.ports:
            if port.id == port_id:
                return port
        raise UsageError(f"no port with id {port_id!r}")

    def observed_holidays(self, year: int) -> tuple[ObservedHoliday, ...]:
        """Each holiday's date and observed date in ``year``."""
        if not dt.MINYEAR < year < dt.MAXYEAR:
            raise UsageError(f"year must be between {dt.MINYEAR + 1} and {dt.MAXYEAR - 1}, not {year}")
        return tuple(observe(h, year) for h in self.holidays)


def state_filter(state: str) -> str:
    """Canonical state name for a user's input; UsageError naming the input if unknown."""
    resolved = resolve_state(state)
    if resolved is None:
        raise UsageError(f"unknown state {state!r}: use a name such as 'North Dakota' or a code such as ND")
    return resolved


def _provenance(sources_dir: Path) -> dict[SourceKind, Provenance]:
    manifest = sources_dir / "sources.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        kinds: tuple[SourceKind, ...] = ("regulation", "article")
        return {
            kind: Provenance(
                kind=kind,
                file=data[kind]["file"],
                sha256=data[kind]["sha256"],
                title=data[kind]["title"],
                publisher=data[kind]["publisher"],
                url=data[kind]["url"],
                date=data[kind]["as_of" if kind == "regulation" else "modified"],
                author=data[kind].get("author", ""),
            )
            for kind in kinds
        }
    except OSError as exc:
        raise SourceError(f"cannot read {manifest}: {exc.strerror}; {_RESTORE}") from exc
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise SourceError(f"{manifest} is corrupt ({exc}); {_RESTORE}") from exc


def _read(sources_dir: Path, prov: Provenance) -> str:
    path = sources_dir / prov.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read source file {path}: {exc.strerror}; {_RESTORE}") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != prov.sha256:
        raise SourceError(
            f"source file {path} is not the recorded copy (sha256 {digest[:12]}..., "
            f"expected {prov.sha256[:12]}...); {_RESTORE}"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:  # only reachable with a matching sha256 of bad data
        raise SourceError(f"source file {path} is not UTF-8 text; {_RESTORE}") from exc


@functools.lru_cache(maxsize=4)
def _load(sources_dir: Path) -> Corpus:
    prov = _provenance(sources_dir)
    reg_file, art_file = prov["regulation"].file, prov["article"].file
    parsed = parse_regulation(_read(sources_dir, prov["regulation"]), file=reg_file)
    tables = parse_tables(parsed, file=reg_file)
    return Corpus(
        regulation=parsed.regulation,
        article=parse_article(_read(sources_dir, prov["article"]), file=art_file),
        provenance=tuple(prov.values()),
        ports=tables.ports,
        listings=tables.listings,
        service_ports=tables.service_ports,
        stations=tables.stations,
        preclearance=tables.preclearance,
        centers=tables.centers,
        holidays=parse_holidays(parsed, file=reg_file),
        hours=business_hours(parsed, file=reg_file),
    )


def load_corpus(settings: Settings | None = None, *, sources_dir: Path | None = None) -> Corpus:
    """Parse both sources (cached per folder). Raises SourceError naming a bad file."""
    folder = sources_dir or (settings or Settings()).sources_dir
    return _load(folder.resolve())
