"""Find what a question names: places, states, countries, goods, holidays, terms, dates and numbers.

Every place name comes from the regulation's tables (ports and the places
their limits include, stations, service ports, preclearance offices and their
provinces, Center offices, supervisory ports as written); the everyday words
around them (other names of holidays, goods, terms) come from
``data/vocabulary.toml``. Names are matched case-insensitively, longest
first, and with typo tolerance (rapidfuzz). A one-word name that is also an
everyday word ("ferry", "portal") typed in lower case is kept as a *weak*
mention: the reader uses it only when the question needs a place and names
no other. Nothing here decides what a question asks; it only says what it
names and where.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import holidays as federal_holidays
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from corpus import (
    STATES,
    Center,
    Corpus,
    CustomsStation,
    Port,
    PortListing,
    PreclearanceOffice,
    ServicePort,
)

from ._data import Vocabulary, word_bases
from ._dates import DateMention, around, find_dates, statute_days

__all__ = ["DayName", "Gazetteer", "Mention", "Place", "SlotKind", "capitalised_words", "everyday_words"]

SlotKind = Literal["place", "state", "country", "goods", "holiday", "term", "kind", "date", "year", "month", "number",
                   "weekday", "name"]  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'’&/-]*[A-Za-z0-9.]|[A-Za-z0-9]")
_US_AND_TERRITORIES = {"US", "PR", "GU", "VI", "AS", "MP", "UM"}
_STATE_CODE = re.compile(r",?\s*\b(?:N\.H|[A-Z]{2})(?:/[A-Z]{2})*\b\.?$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class Place:
    """Everything the tables say about one place name."""

    name: str
    """The name as the tables spell it ("Sandusky", "Eagle", "Montreal")."""
    ports: tuple[Port, ...] = ()
    """Ports of entry with exactly this name (same-named ports in different states are separate)."""
    part_of: tuple[Port, ...] = ()
    """Ports whose combined name has this name as a part ("Toledo-Sandusky")."""
    stations: tuple[CustomsStation, ...] = ()
    """Customs stations with this name."""
    service_ports: tuple[ServicePort, ...] = ()
    """Service ports with this name."""
    offices: tuple[PreclearanceOffice, ...] = ()
    """Preclearance offices in this city."""
    region_offices: tuple[PreclearanceOffice, ...] = ()
    """Preclearance offices in this province ("Alberta")."""
    centers: tuple[Center, ...] = ()
    """Centers managed from this city."""
    included_in: tuple[PortListing, ...] = ()
    """Ports whose limits include this place."""
    consolidated: tuple[PortListing, ...] = ()
    """Ports the regulation says are included in the consolidated port of this name."""
    mail_for: tuple[PortListing | CustomsStation, ...] = ()
    """Ports and Customs stations whose mailing address is this place."""
    supervises: tuple[CustomsStation, ...] = ()
    """Stations whose supervisory port is written with this name but is not a listed port ("Noyes")."""
    similar: tuple[Port, ...] = ()
    """Listed ports whose name starts with this one ("Eagle" -> "Eagle Pass"), for "did you mean"."""

    @property
    def only_a_region(self) -> bool:
        """A name that means a province with preclearance offices and nothing else ("Quebec", "Alberta")."""
        readings = ("ports", "part_of", "stations", "service_ports", "offices", "centers", "included_in")
        return bool(self.region_offices) and not any(getattr(self, r) for r in readings)

    @property
    def states(self) -> frozenset[str]:
        """Every state this name is listed under, in any reading."""
        out = {s for p in (*self.ports, *self.part_of) for s in p.states}
        listed: tuple[CustomsStation | ServicePort | PortListing, ...] = (
            *self.stations,
            *self.service_ports,
            *self.included_in,
            *self.consolidated,
        )
        out |= {x.state for x in listed}
        return frozenset(out | {x.state for x in self.mail_for} | {x.state for x in self.supervises})

    def narrowed(self, state: str) -> Place:
        """The readings listed under ``state`` (all readings when none is)."""
        kept = Place(
            self.name,
            tuple(p for p in self.ports if state in p.states),
            tuple(p for p in self.part_of if state in p.states),
            tuple(s for s in self.stations if s.state == state),
            tuple(s for s in self.service_ports if s.state == state),
            self.offices, self.region_offices, self.centers,
            tuple(x for x in self.included_in if x.state == state),
            tuple(x for x in self.consolidated if x.state == state),
            tuple(x for x in self.mail_for if x.state == state),
            tuple(s for s in self.supervises if s.state == state),
            tuple(p for p in self.similar if state in p.states),
        )  # fmt: skip
        return kept if kept.states else self

    def abroad(self, country: str) -> Place:
        """Only the preclearance readings in ``country`` ("freeport bahamas"); all readings when it has none."""
        offices = tuple(
            o for o in self.offices if o.country.lower().removeprefix("the ") == country.lower().removeprefix("the ")
        )
        if not offices:
            return self
        return Place(self.name, offices=offices)


@dataclass(frozen=True, slots=True)
class DayName:
    """A named day people ask about: one of the ten national holidays, another Federal holiday, or neither."""

    name: str
    """"Thanksgiving Day", "Juneteenth National Independence Day", "Good Friday"."""
    kind: Literal["national", "statute", "state", "other"]
    """national: one of the ten of 101.6(a); statute: designated by another Federal statute; state: a State
    holiday (101.6(d) keeps offices open); other: none of these."""
    rule: dict[str, object] = field(default_factory=dict, compare=False)
    """For other days: how their date is computed (see vocabulary.toml [other_days])."""


@dataclass(frozen=True, slots=True)
class Mention:
    """Something a question names, where it names it, and every reading of it."""

    start: int
    """Start of the span in the question."""
    end: int
    """End of the span."""
    text: str
    """The span as typed."""
    readings: tuple[tuple[SlotKind, object], ...]
    """(kind, value) in order of preference; value is a Place, state name, Center, DayName, ... by kind."""
    weak: bool = False
    """A lower-case everyday word that is also a place name: a place only if nothing else is."""

    @property
    def kind(self) -> SlotKind:
        """The preferred reading's kind."""
        return self.readings[0][0]

    def value(self, kind: SlotKind) -> object | None:
        """The reading of that kind, if any."""
        return next((v for k, v in self.readings if k == kind), None)


def _elsewhere(place: object, states: set[object]) -> bool:
    """A place listed only outside every state the text names: no reading for a guessed spelling."""
    return bool(states) and isinstance(place, Place) and bool(place.states) and not place.states & states


def _norm(text: str) -> str:
    """Lower case, apostrophes dropped ("Patriots' Day", "patriots day"), punctuation and hyphens as spaces."""
    return " ".join(re.sub(r"[^a-z0-9&/ -]+", " ", re.sub(r"['’]", "", text.lower())).replace("-", " ").split())


def _base(name: str) -> str:
    """A printed name without a trailing state code ("Mobile, AL" -> "Mobile")."""
    return _STATE_CODE.sub("", name).strip()


@functools.cache
def _world() -> dict[str, str]:
    """The world's countries but the United States and its territories, by every name pycountry gives them."""
    import pycountry

    out = {}
    for country in pycountry.countries:
        if country.alpha_2 in _US_AND_TERRITORIES:
            continue
        common = getattr(country, "common_name", None) or country.name
        for name in (country.name, common, getattr(country, "official_name", None)):
            if name and "," not in name:
                out[_norm(name)] = common
    return out


def _parts(name: str) -> list[str]:
    """The places a combined name is made of: "Duluth, MN and Superior, WI" -> Duluth, Superior."""
    pieces = re.split(r"\s*(?:-|/| and |, (?=[A-Z][a-z]))\s*", re.sub(r",\s*(?:N\.H|[A-Z]{2})\b", "", name))
    if any(p[:1].islower() for p in pieces):
        return []  # "Put-in-Bay" is one name, not "Put" and "Bay"
    return [p.strip(" ,") for p in pieces if len(p.strip(" ,")) >= 3]


class Gazetteer:
    """Every name the engine can recognise, by normalised spelling."""

    def __init__(self, corpus: Corpus, vocabulary: Vocabulary, *, ordinary_words: Iterable[str] = (),
                 acronyms: Iterable[str] = (), english: Iterable[str] = ()) -> None:  # fmt: skip
        self.corpus = corpus
        self.vocabulary = vocabulary
        not_names = set(vocabulary.not_names)
        self.places = self._places(corpus, not_names)
        for region, aliases in [*vocabulary.places.items(), *vocabulary.regions.items()]:
            # "philly" is Philadelphia; "bc" is British Columbia, where Vancouver is
            if _norm(region) in self.places:
                self.places.update({_norm(a): self.places[_norm(region)] for a in aliases})
        self.states = {_norm(s): s for s in STATES} | {_norm(s.removesuffix(", U.S.")): s for s in STATES}
        self.states |= {_norm(a): s for s, aliases in vocabulary.states.items() for a in aliases}
        self.codes = {code: s for s, code in STATES.items()}
        countries = {p.country for p in corpus.preclearance}
        # Every other country too: "preclearance in Mexico?" is answered No, not read as part of "New Mexico".
        self.countries = _world() | {_norm(c): c for c in countries}
        self.countries |= {_norm(a): c for c, aliases in vocabulary.countries.items() for a in aliases}
        centers = {c.name: c for c in corpus.centers}
        self.goods = {_norm(w): centers[c] for c, words in vocabulary.goods.items() for w in words if c in centers}
        self.prose_words = _prose_words(corpus)
        """Lower-case words of the sources' prose: never a name the tables lack."""
        self.days = self._days(corpus, vocabulary, self.prose_words)
        definitions = {d.term: d for d in corpus.definitions}
        self.terms = {_norm(a): definitions[t] for t, aliases in vocabulary.terms.items() for a in aliases
                      if t in definitions}  # fmt: skip
        self.terms |= {_norm(d.term): d for d in corpus.definitions}
        # "Customs regulations or CBP regulations": each name of two or more words names the term alone
        self.terms |= {_norm(alt): d for d in corpus.definitions for alt in d.term.split(" or ")
                       if len(alt.split()) > 1 and _norm(alt) not in self.terms}  # fmt: skip
        self.kinds = {_norm(w): kind for kind, words in vocabulary.kinds.items() for w in words}
        # "the caribbean": the countries of it that 101.5 names, each a reading
        self.world_regions = {_norm(n): [c for c in r["countries"] if c in countries]
                              for r in vocabulary.world_regions.values() for n in r["names"]}  # fmt: skip
        self.numbers = {_norm(w): n for w, n in vocabulary.numbers.items()}
        self.table: dict[str, list[tuple[SlotKind, object]]] = {}
        # Preference when one spelling has several readings: a holiday over a place ("Columbus Day"),
        # a state over a port of the same name ("New York"), a place over goods and terms.
        for kind, names in (("holiday", self.days), ("state", self.states), ("country", self.countries),
                            ("place", self.places), ("goods", self.goods), ("term", self.terms),
                            ("kind", self.kinds)):  # fmt: skip
            for key, value in names.items():
                if key and key not in ("a", "in", "me", "or", "oh", "ok", "hi", "la", "de", "id", "pa", "al", "ma"):
                    self.table.setdefault(key, []).append((kind, value))  # type: ignore[arg-type]
        for key, members in self.world_regions.items():
            if members and key not in self.table:
                self.table[key] = [("country", c) for c in members]
        self.longest = max(len(k.split()) for k in self.table)
        # Misspelt names are matched against names of as many words: places, states and countries, and terms of
        # two or more words ("custom teritory of the united states").
        self._fuzzy_keys: dict[int, list[str]] = {}
        for k, r in sorted(self.table.items()):
            size = len(k.split())
            if r[0][0] in ("place", "state", "country", "goods") and size <= 3 or r[0][0] == "term" and size >= 2:
                self._fuzzy_keys.setdefault(size, []).append(k)
        self._state_keys = [k for k, r in self.table.items() if r[0][0] == "state" and len(k) > 3]
        self.ordinary = {w.lower() for w in ordinary_words}
        self.english = frozenset(english)
        self._determiner = re.compile(rf"\b(?:{vocabulary.pattern('determiners')})\s*$", re.I)
        self._region_preposition = re.compile(rf"\b(?:{vocabulary.pattern('region_prepositions')})$", re.I)
        self._code_preposition = re.compile(rf"\b(?:{vocabulary.pattern('code_prepositions')})$", re.I)
        """Everyday English words ("door", "applies", "paris"): in lower case, a place name only where one stands."""
        self.acronyms = {w.lower() for w in acronyms}
        """Words written in capitals in the phrasings ("ID", "TSA").

        A postal code that is one needs a place before it.
        """
        words = {w for key in self.table for w in key.split()}
        from index import QueryRewriter  # typo correction towards the names above, never away from a known word

        targets = [k for k, r in self.table.items() if r[0][0] in ("place", "state", "country", "holiday")]
        self.rewriter = QueryRewriter(
            [*targets, "preclearance", "supervise", "station", "service", "drawback", "holiday"],
            known=[*(p.text for p in corpus.passages), *self.ordinary],
        )
        self.known_words = words | self.ordinary | set(not_names)
        self._clause_openers = set(vocabulary.words("subjects")) | set(vocabulary.words("determiners"))
        self.source_words = {w.lower() for p in corpus.passages if p.ref not in _TABLES
                             for w in re.findall(r"[A-Za-z][A-Za-z'-]*", p.text)}  # fmt: skip
        """Every word of the sources' prose, any case ("Peace", "Bridge", "Tijuana"): names the sources explain."""
        verbs = (w for w in self.source_words if re.search(r"(?:ed|ing|ation)$", w))
        self.source_bases = {b for w in verbs for b in word_bases(w)} - self.source_words
        """The verbs the sources' words are made from ("authorize" of "authorized"): no names either."""
        self.outside_places = self._outside_places(corpus)
        """Places the article names with their state or country ("Tijuana, Mexico") that no table lists: names."""
        # A conversation is read again at each turn, and people write the same words: each text and each
        # misspelt-name guess is worked out once (about 0.8 ms a message).
        self._found = functools.lru_cache(maxsize=1024)(self._find)
        self._fuzzy = functools.lru_cache(maxsize=8192)(self._fuzzy_uncached)

    # ------------------------------------------------------------------ building

    def _outside_places(self, corpus: Corpus) -> frozenset[str]:
        """The lower-case names of places abroad the article writes as "Place, Country" or "Place, Province"."""
        where = {*self.countries, *(_norm(r) for r in self.vocabulary.regions)} - set(self.states)
        found = set()
        for p in corpus.passages:
            if p.source != "article":
                continue
            for m in re.finditer(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)*), ([A-Z][a-z]+(?: [A-Z][a-z]+)*)", p.text):
                name, region = _norm(m[1]), _norm(m[2])
                if region in where and name not in self.table and name not in self.vocabulary.skip_words:
                    found.add(name)
        return frozenset(found)

    @staticmethod
    def _places(corpus: Corpus, not_names: set[str]) -> dict[str, Place]:
        fields: dict[str, dict[str, list[object]]] = {}
        spelled: dict[str, str] = {}

        def add(name: str, slot: str, record: object) -> None:
            key = _norm(name)
            if not key or key in not_names or len(key) < 3:
                return
            spelled.setdefault(key, name)
            bucket = fields.setdefault(key, {}).setdefault(slot, [])
            if record not in bucket:
                bucket.append(record)

        for port in corpus.ports:
            names = {port.name, _base(port.name)} | {x.printed_name for x in port.listings}
            names |= {_base(x.printed_name) for x in port.listings}
            for n in names:
                add(n, "ports", port)
            for part in _parts(port.name):
                if _norm(part) not in {_norm(n) for n in names}:
                    add(part, "part_of", port)
        for listing in corpus.listings:
            for place in listing.included:
                add(_base(place), "included_in", listing)
            if listing.consolidated_in:
                add(listing.consolidated_in, "consolidated", listing)
                add(listing.consolidated_in.removeprefix("Consolidated Port of the "), "consolidated", listing)
            if listing.mail:
                add(_base(listing.mail), "mail_for", listing)
        for station in corpus.stations:
            base, _, extra = station.name.partition(" (")
            add(station.name, "stations", station)
            add(base, "stations", station)
            if extra and not extra.startswith("Mail:"):
                add(extra.removesuffix(")"), "stations", station)
            elif extra:  # "Antelope Wells (Mail: Hachita, NM)": Hachita is the station's mailing address
                add(_base(extra.removeprefix("Mail:").removesuffix(")").strip()), "mail_for", station)
            for part in _parts(base) if "-" in base else ():  # "Marblehead-Lakeside": Marblehead names it too
                add(part, "stations", station)
            if not station.supervisory_port_listed:
                for part in {station.supervisory_port, *_parts(station.supervisory_port)}:
                    add(part, "supervises", station)
        for sp in corpus.service_ports:
            add(sp.name, "service_ports", sp)
            for part in _parts(sp.name):
                add(part, "service_ports", sp)
        for office in corpus.preclearance:
            city, _, region = office.office.partition(", ")
            add(city, "offices", office)
            add(office.office, "offices", office)
            if region:
                add(region, "region_offices", office)
        for center in corpus.centers:
            add(center.office, "centers", center)
            add(center.office.partition(", ")[0], "centers", center)
        places = {}
        port_names = [(p, _norm(_base(p.name))) for p in corpus.ports]
        for key, slots in fields.items():
            similar = tuple(p for p, n in port_names if n != key and n.startswith(key + " ") and "ports" not in slots)
            places[key] = Place(spelled[key], **{k: tuple(v) for k, v in slots.items()}, similar=similar)  # type: ignore[arg-type]
        return places

    @staticmethod
    def _days(corpus: Corpus, vocabulary: Vocabulary, prose: set[str]) -> dict[str, DayName]:
        out: dict[str, DayName] = {}
        for h in corpus.holidays:
            day = DayName(h.name, "national")
            for alias in [h.name, *vocabulary.holidays.get(h.name, [])]:
                out[_norm(alias)] = day
        for name, aliases in vocabulary.statute_holidays.items():
            for alias in [name, *aliases]:
                out[_norm(alias)] = DayName(name, "statute")
        for name, rule in vocabulary.other_days.items():
            names = rule.get("names", [])
            assert isinstance(names, list)
            for alias in [name, *names]:
                out[_norm(str(alias))] = DayName(name, "other", {k: v for k, v in rule.items() if k != "names"})
        national = {k: v for k, v in out.items() if v.kind == "national"}
        for name, subdivs in _state_holidays().items():
            key = _norm(name)
            if set(key.split()) <= prose:
                continue  # Georgia's "State Holiday" names no day: "if the state holiday ..." is the sources' words
            if re.search(rf"\b(?:{vocabulary.pattern('after')}|{vocabulary.pattern('before')})\b", key):
                continue  # "Friday After Thanksgiving": the reader counts it from the holiday, as any "day after"
            own = any(key.startswith(_norm(state) + " ") for state in STATES)  # "Texas Independence Day"
            same = (
                None
                if own
                else next((v for k, v in national.items() if len(k) > 4 and k in key and " eve" not in key), None)
            )
            out.setdefault(key, same or DayName(name, "state", {"subdivs": subdivs}))  # "Martin Luther King Jr.'s
            # Birthday" is the national holiday by another name, not a State holiday
        return out

    # ------------------------------------------------------------------ reading

    def corrected(self, text: str) -> str:
        """``text`` with its typos corrected, except an everyday word into a name, or into a place elsewhere.

        "is asheville a port, or do i use one of the NC ones?" keeps Asheville: Nashville is in Tennessee.
        """
        fixed = self.rewriter.correct(text)
        if fixed == text:
            return fixed
        states = {m.value("state") for m in self.find(fixed) if m.kind == "state"}
        out = []
        for typed, new in zip(re.split(r"(\W+)", text), re.split(r"(\W+)", fixed), strict=True):
            place = self.places.get(_norm(new)) if new != typed else None
            # an everyday word is no typo ("rapid city" is not "Rapids", "victoria" not "victory")
            kept = new != typed and (_elsewhere(place, states) or self.is_english(typed))
            out.append(typed if kept else new)
        return "".join(out)

    def is_english(self, word: str) -> bool:
        """An everyday word, or one made from one with an ending ("sniffer", "truckers", "smuggled")."""
        return word.lower() in self.english or any(b in self.english for b in word_bases(word))

    def tokens(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, normalised word) for every word of ``text``."""
        out = []
        for m in _TOKEN.finditer(text):
            word = m[0].rstrip(".") if not re.fullmatch(r"(?:[a-z]\.){2,}", m[0].lower()) else m[0]
            for sub in re.finditer(r"[^\s-]+", _norm(word)):
                out.append((m.start(), m.start() + len(word), sub[0]))
        return out

    def names_other_places(self, text: str, asked: Sequence[Place]) -> bool:
        """Whether ``text`` names a place and none of ``asked`` (a sentence about LAX, for a question about JFK)."""
        named = [v for m in self.find(text) for kind, v in m.readings[:1] if kind == "place"]
        own = any(p in asked for p in named) or any(re.search(rf"\b{re.escape(a.name)}\b", text, re.I) for a in asked)
        return bool(named) and not own

    def find(self, text: str) -> list[Mention]:
        """Every name in ``text`` that the tables or the vocabulary know, longest first, without overlaps."""
        return list(self._found(text))

    def _find(self, text: str) -> tuple[Mention, ...]:
        tokens = self.tokens(text)
        all_lower = not any(c.isupper() for c in text)
        stop = set(self.vocabulary.grammar["stopwords"])
        taken: set[int] = set()
        found: list[Mention] = []
        misspelt: list[Mention] = []  # names read from a misspelling
        for size in range(min(self.longest, 7), 0, -1):
            for i in range(len(tokens) - size + 1):
                if not taken.isdisjoint(range(i, i + size)):
                    continue
                key = " ".join(t[2] for t in tokens[i : i + size])
                if size == 1 and key.upper() in self.codes:
                    continue  # a postal code: read below, with the words around it
                readings = self.table.get(key)
                start, end = tokens[i][0], tokens[i + size - 1][1]
                typed = text[start:end]
                guessed = False
                if (readings is None and len(key) >= 6 and (typed[:1].isupper() or all_lower)
                        and tokens[i][2] not in stop and tokens[i + size - 1][2] not in stop):  # fmt: skip
                    readings = self._fuzzy(key, size)
                    guessed = readings is not None
                if readings is None and size == 1 and 4 <= len(key) < 6 and key not in self.ordinary | self.prose_words:
                    readings = self._fuzzy_state(key)  # "texs", "iowaa"
                if not readings:
                    continue
                if size == 1 and len(key) <= 3 and typed.islower() and self._clause_follows(readings, text[end:]):
                    continue  # "bc it shows up twice": "because", not British Columbia ("victoria bc to seattle" is)
                determiner = self._determiner.search(text[:start])
                if (size == 1 and typed.islower() and determiner is not None and key in self.english
                        and all(k == "state" for k, _ in readings) and re.match(r"\s+of\b", text[end:])):  # fmt: skip
                    continue  # "the mass of things": a word, not Massachusetts
                weak = (
                    size == 1
                    and not typed[:1].isupper()
                    and all(k == "place" for k, _ in readings)
                    and (key in self.ordinary or determiner is not None and (key in self.english or not self.english))
                )  # fmt: skip  ("the ferry", "a portal"; not "the racine port")
                found.append(Mention(start, end, typed, tuple(readings), weak))
                if guessed:
                    misspelt.append(found[-1])
                taken |= set(range(i, i + size))
        codes = list(self._codes(text, tokens, taken, found))
        found = [self._confirmed(m, codes, text) if m.weak else m for m in found] + codes
        states = {m.value("state") for m in found if m.kind == "state"}
        for m in misspelt:  # "is asheville a port or do i use one of the NC ones": not Nashville, Tennessee
            if _elsewhere(m.value("place"), states):
                found.remove(m)
        return tuple(sorted(found, key=lambda m: m.start))

    def _clause_follows(self, readings: list[tuple[SlotKind, object]], rest: str) -> bool:
        """A short province code followed by a clause of its own ("bc it shows up twice") is a word, not a name."""
        place = readings[0][1]
        if not isinstance(place, Place) or place.states or not place.region_offices:
            return False
        words = rest.lower().split()[:1]
        return bool(words) and words[0].strip(",.?!") in self._clause_openers

    @staticmethod
    def _confirmed(m: Mention, codes: list[Mention], text: str) -> Mention:
        """A weak place followed by the code of its own state is a place ("portal nd", "eagle, ak")."""
        nxt = next((c for c in codes if c.start >= m.end and not text[m.end : c.start].strip(" ,")), None)
        place = m.value("place")
        if nxt is not None and isinstance(place, Place) and nxt.value("state") in place.states:
            return replace(m, weak=False)
        return m

    def _codes(self, text: str, tokens: list[tuple[int, int, str]], taken: set[int],
               found: list[Mention]) -> Iterator[Mention]:  # fmt: skip
        """Postal codes: "Lukeville AZ", "Boise, ID", "grand forks nd"; not "ID card" or "me" in "tell me".

        A code typed in capitals counts anywhere unless it is also an everyday word ("ID", "OK", "IN"), which
        counts only after a place or a comma; a code in lower case counts only right after a place name.
        Nothing counts in a question typed all in capitals.
        """
        if text.isupper():
            return
        ends = {m.end for m in found if m.kind == "place"}
        for i, (start, end, word) in enumerate(tokens):
            typed = text[start:end].rstrip(".")
            if i in taken or len(word) != 2 or typed.upper() not in self.codes:
                continue
            before = text[:start].rstrip()
            after_place = any(e <= start and not text[e:start].strip(" ,") for e in ends)
            everyday = word in self.ordinary or word in self.vocabulary.skip_words or word in self.acronyms
            after_in = bool(self._code_preposition.search(before))  # "ports in ME?"
            city = self.places.get(word)  # "go all the way to LA": Los Angeles; "Lake Charles, LA": Louisiana
            in_region = bool(self._region_preposition.search(before))
            if city is not None and city.states and not (after_place or in_region or before.endswith(",")):
                yield Mention(start, end, text[start:end], (("place", city),))
            elif typed.isupper() and (not everyday or after_place or before.endswith(",") or after_in):
                yield Mention(start, end, text[start:end], (("state", self.codes[typed]),))
            elif typed.islower() and not everyday and (after_place or word not in self.english):  # "ports in tx"
                yield Mention(start, end, text[start:end], (("state", self.codes[typed.upper()]),))

    def _fuzzy_uncached(self, key: str, size: int) -> list[tuple[SlotKind, object]] | None:
        if size == 1 and key in self.vocabulary.synonyms:
            return None  # a word the engine reads as itself is no misspelling ("papers" are documents, not paper)
        cutoff = self.vocabulary.threshold("fuzzy_place")
        # a short name one letter off ("ottowa", "calgery") is below the ratio; an English word never is a typo
        loose = size == 1 and key not in self.english
        floor = cutoff - 3 if not loose else min(cutoff - 3, 100 * (1 - 1 / len(key)) - 0.5)  # one substitution
        match = process.extractOne(key, self._fuzzy_keys.get(size, []), scorer=fuzz.ratio, score_cutoff=floor)
        if match is None:
            return None
        one_edit = loose and Levenshtein.distance(key, match[0]) <= 1
        pairs = list(zip(key.split(), match[0].split(), strict=True))
        if any(fuzz.ratio(a, b) < self.vocabulary.threshold("fuzzy_word") for a, b in pairs):
            return None  # every word must be a misspelling of its own ("portland a port of entry" is no term)
        if size > 1 and any(a != b and (a in self.table or a.upper() in self.codes) for a, b in pairs):
            return None  # a word that is a name of its own is no misspelling ("portal nd - port of entry")
        readings = self.table[match[0]]
        if match[1] < cutoff and readings[0][0] != "goods" and not one_edit:
            return None  # goods words are common nouns: a looser match ("sneekers", "footware") is still them
        return readings

    def _fuzzy_state(self, word: str) -> list[tuple[SlotKind, object]] | None:
        cutoff = self.vocabulary.threshold("fuzzy_state")
        match = process.extractOne(word, self._state_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        return self.table[match[0]] if match else None

    def day(self, name: DayName, year: int) -> dt.date:
        """The date a named day falls on in ``year`` (before any observance shift)."""
        from dateutil.easter import easter

        if name.kind == "national":
            return next(o.date for o in self.corpus.observed_holidays(year) if o.holiday.name == name.name)
        if name.kind == "statute":
            return next(d for d, n in statute_days(year) if n == name.name)
        if name.kind == "state":
            subdivs = name.rule.get("subdivs", ())
            assert isinstance(subdivs, tuple)
            for sub in subdivs:
                for d, n in statute_days(year, str(sub)):
                    if name.name in n.split("; "):
                        return d
            raise LookupError(f"{name.name} has no date in {year}")
        rule = name.rule
        if "easter" in rule:
            return easter(year) + dt.timedelta(days=int(str(rule["easter"])))
        if "after_holiday" in rule:
            base = next(o.date for o in self.corpus.observed_holidays(year) if o.holiday.name == rule["after_holiday"])
            return base + dt.timedelta(days=int(str(rule.get("days", 1))))
        month = int(str(rule["month"]))
        if "day" in rule:
            return dt.date(year, month, int(str(rule["day"])))
        weekday, nth = int(str(rule["weekday"])), int(str(rule["nth"]))
        first = dt.date(year, month, 1)
        if rule.get("after_first_monday"):  # Election Day: the Tuesday after the first Monday
            first += dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        return day

    def dates(self, text: str, mentions: list[Mention], *, today: dt.date, year: int | None) -> list[DateMention]:
        """The dates ``text`` names: written out, relative to today, or by a holiday, with "the day after"."""
        # "the first-Monday-of-September closure": words joined by hyphens read as words (same offsets)
        text = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", text)
        out = find_dates(text, today=today, default_year=year)
        for m in mentions:
            name = m.value("holiday")
            if isinstance(name, DayName):
                y = year or today.year
                day = self.day(name, y)
                if year is None and day < today - dt.timedelta(days=7):
                    day = self.day(name, y + 1)
                out.append(DateMention(m.start, m.end, day, year is not None, name.name))
        shifted = []
        for d in sorted(out, key=lambda x: x.start):
            shifted.append(around(text, d) or d)
        return shifted

    def days_on(self, date: dt.date) -> list[DayName]:
        """The national and Federal statute holidays whose date is ``date`` ("the third Monday of February")."""
        names = {d.name: d for d in self.days.values() if d.kind in ("national", "statute")}
        out = []
        for day in names.values():
            try:
                if self.day(day, date.year) == date:
                    out.append(day)
            except (LookupError, StopIteration):
                continue
        return out

    def months(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, month) for month names written without a day."""
        out = []
        for m in re.finditer(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?", text, re.I):
            word = m[0].lower().rstrip(".")
            number = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(m[1].lower()))
            if word in _MONTHS or word == m[1].lower() or word == "sept":
                if word == "may" and not re.search(r"\b(?:in|of|during|for|the)\s+may\b",
                                                   text[max(0, m.start() - 8):m.end()], re.I) and not re.match(
                        r",?\s+(?:(?:19|20|21)\d\d|holidays?)\b", text[m.end():]):  # fmt: skip
                    # "may" is usually the verb, unless a year or "holiday" follows ("does may 2029 have ...", "the
                    # may holiday")
                    continue
                out.append((m.start(), m.end(), number))
        return out

    def weekdays(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, weekday) for weekday names ("saturdays" included)."""
        out = []
        for m in re.finditer(r"\b(mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?\b", text, re.I):
            out.append((m.start(), m.end(), next(i for i, w in enumerate(_WEEKDAYS) if w.startswith(m[1][:3].lower()))))
        return out

    def numbers_in(self, text: str) -> list[tuple[int, int, int]]:
        """Counts written as digits or words, as (start, end, n).

        A number word counts only before the thing counted ("three business days", not "the Missouri one", "count
        as one").
        """
        out = []
        for m in re.finditer(r"\b(\d{1,3}(?:st|nd|rd|th)?|[a-z]+)\b", text, re.I):
            word = m[0].lower()
            following = re.match(r"\s+([a-z]+)", text[m.end() :], re.I)
            if word.isdigit():
                out.append((m.start(), m.end(), int(word)))
            elif word[:1].isdigit() and following and following[1].lower() in ("business", "working", "work"):
                out.append((m.start(), m.end(), int(word[:-2])))  # "the 10th business day after ..."
            elif (
                word in self.numbers
                and word != "a"
                and following
                and following[1].lower() not in self.vocabulary.skip_words
            ):
                out.append((m.start(), m.end(), self.numbers[word]))
        return out


@functools.cache
def _state_holidays() -> dict[str, tuple[str, ...]]:
    """State holidays by name (from the ``holidays`` package), with the states that keep them."""
    us_holidays = federal_holidays.US  # type: ignore[attr-defined]  # holidays loads its countries at run time
    federal = {str(n) for n in us_holidays(years=(2026, 2027)).values()}
    out: dict[str, list[str]] = {}
    for sub in us_holidays.subdivisions:
        if sub not in STATES.values():
            continue
        for _d, names in us_holidays(subdiv=sub, years=(2026, 2027), observed=False).items():
            for name in str(names).split("; "):
                if name not in federal and len(name.split()) <= 5 and "/" not in name:
                    out.setdefault(name, [])
                    if sub not in out[name]:
                        out[name].append(sub)
    return {name: tuple(subs) for name, subs in out.items()}


_TABLES = {"19 CFR 101.3(b)(1)", "19 CFR 101.3(b)(2)", "19 CFR 101.4(c)(2)", "19 CFR 101.5", "19 CFR 101.10(a)"}


def _prose_words(corpus: Corpus) -> set[str]:
    words: set[str] = set()
    for p in corpus.passages:
        if p.ref not in _TABLES:
            words |= set(re.findall(r"(?<![\w'])[a-z][a-z'-]*[a-z]", p.text))
    return words


def capitalised_words(phrasings: Iterable[str], placeholders: Iterable[str]) -> set[str]:
    """Words the phrasings write in capitals that are not placeholders ("ID", "TSA", "CBP")."""
    skip = set(placeholders)
    return {w for line in phrasings for w in re.findall(r"\b[A-Z]{2,}\b", line) if w not in skip}


def everyday_words(corpus: Corpus, phrasings: Iterable[str]) -> set[str]:
    """Words people use that are not names: lower-case words of the sources' prose and of the phrasings.

    A phrasing word counts only if it occurs at least three times and never capitalised inside a sentence:
    the phrasings name a few places the tables do not know ("Frankfurt"), and those must stay unknown.
    """
    words = _prose_words(corpus)
    counts: dict[str, int] = {}
    named: set[str] = set()
    for line in phrasings:
        for i, m in enumerate(re.finditer(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]", line)):
            word = m[0]
            if word.isupper():
                continue
            if word[0].isupper() and i > 0:
                named.add(word.lower())
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    # Three uses at least: the phrasings misspell words on purpose ("servise"), each misspelling rarely thrice.
    return words | {w for w, n in counts.items() if n >= 3 and w not in named}
