"""Find what a question is about: places, states, countries, industries, holidays, dates, terms.

Names come from the corpus tables (never from a hand list of ports), matched
exactly first and then with typo tolerance (rapidfuzz). A lower-case place
name that is also an ordinary word ("frontier", "ferry") only counts when the
user capitalised it. Holiday names are found and masked first, so "Columbus
Day" is a holiday and not the port of Columbus.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from corpus import STATES, Center, Corpus, CustomsStation, Definition, Holiday, Port, PreclearanceOffice, ServicePort

__all__ = ["Entities", "NameIndex", "find_entities"]

_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'’&-]*")
_ORDINARY = {"ferry", "boundary", "frontier", "portal", "eagle", "orient", "marathon", "bath", "progreso", "salem",
             "antler", "turner", "raymond", "morgan", "hannah", "sherwood", "canaan", "campo", "roma", "ely",
             "columbia", "charlotte", "newport", "warroad", "lawrence", "chester", "plymouth", "champlain"}  # fmt: skip
_GENERIC_TERMS = {"customs", "cbp", "entry", "port", "centers", "commissioner", "importation", "exportation"}
_NOT_NAMES = {"port", "ports", "entry", "customs", "station", "stations", "service", "cbp", "the", "of", "in", "is",
              "a", "an", "and", "or", "at", "what", "which", "where", "who", "does", "do", "for", "to", "on", "list",
              "city", "county", "island", "bay", "falls", "point", "beach", "harbor", "lake", "river", "new", "st",
              "fort", "grand", "great", "mount", "north", "south", "east", "west", "san", "santa", "los", "el", "del",
              "center", "centers", "day", "holiday", "open", "closed", "hours", "office", "offices"}  # fmt: skip

HOLIDAY_ALIASES = {
    "New Year's Day": ["new year's day", "new years day", "new year's", "new years", "new year", "january 1st"],
    "Birthday of Martin Luther King, Jr.": ["martin luther king", "mlk", "king day", "king's birthday"],
    "Washington's Birthday": ["washington's birthday", "washingtons birthday", "presidents day", "presidents' day",
                              "president's day"],
    "Memorial Day": ["memorial day"],
    "Independence Day": ["independence day", "fourth of july", "4th of july", "july 4th", "july fourth"],
    "Labor Day": ["labor day", "labour day"],
    "Columbus Day": ["columbus day", "indigenous peoples day", "indigenous peoples' day"],
    "Veterans Day": ["veterans day", "veteran's day", "veterans' day", "armistice day"],
    "Thanksgiving Day": ["thanksgiving"],
    "Christmas Day": ["christmas", "xmas"],
}  # fmt: skip

INDUSTRY_WORDS = {
    "Agriculture & Prepared Products": "agriculture agricultural farm farming food foods produce fruit fruits "
    "vegetables meat seafood coffee tea wine beverages grain prepared",
    "Apparel, Footwear & Textiles": "apparel footwear textiles textile shoes shoe sneakers boots clothing clothes "
    "garments garment fabric fabrics yarn",
    "Automotive & Aerospace": "automotive aerospace auto autos car cars vehicle vehicles truck trucks aircraft "
    "airplane airplanes planes tires",
    "Base Metals": "metals metal steel aluminum aluminium iron copper zinc nickel",
    "Consumer Products & Mass Merchandising": "consumer toys toy furniture household merchandising retail "
    "housewares sporting",
    "Electronics": "electronics electronic laptops laptop computers computer phones phone smartphones "
    "semiconductors televisions tvs",
    "Industrial & Manufacturing Materials": "industrial manufacturing plastics plastic rubber wood paper glass lumber",
    "Machinery": "machinery machines machine equipment engines tools",
    "Petroleum, Natural Gas & Minerals": "petroleum oil crude gas gasoline fuel minerals mineral coal",
    "Pharmaceuticals, Health & Chemicals": "pharmaceuticals pharmaceutical pharma medicine medicines drugs "
    "health chemicals chemical vaccines cosmetics",
}
COUNTRY_ALIASES = {"bahamas": "The Bahamas", "uae": "United Arab Emirates", "emirates": "United Arab Emirates",
                   "u.a.e.": "United Arab Emirates"}  # fmt: skip
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}  # fmt: skip
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
_DATE_MDY = re.compile(_MONTH_RE + r"\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DATE_US = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_YEAR = re.compile(r"\b(19\d\d|20\d\d|21\d\d)\b")
_FUZZY_PLACE_CUTOFF = 88


def _word_re(phrase: str) -> re.Pattern[str]:
    """``phrase`` as a whole word or words, compiled once: the name lists are scanned on every question.

    Callers keep ``phrase`` next to its pattern and test ``phrase in text`` first, which rules out most
    names far more cheaply than the regex can.
    """
    return re.compile(rf"\b{re.escape(phrase)}\b")


_STATE_KEYS = {s: s.lower().removesuffix(", u.s.") for s in STATES}
_STATE_NAMES = [(name, _word_re(name), s) for s, name in _STATE_KEYS.items()]
_STATE_CODES = [(code, _word_re(code), s) for s, code in STATES.items()]
_STATES_LOWER = [s.lower() for s in STATES]
# Listed in the set's own iteration order, which is what decided the order of terms.insert before.
_GENERIC_ASKS = [
    (
        generic,
        re.compile(
            rf"\b(?:what (?:is|are|does)|define|meaning of)\W+(?:the |a |an )?{generic}\W+(?:stand|mean|$)"
            rf"|\b{generic}\W+(?:stands? for|means?)\b"
        ),
    )
    for generic in _GENERIC_TERMS
]


@dataclass(frozen=True, slots=True)
class Entities:
    """What was found in one question."""

    states: tuple[str, ...] = ()
    ports: tuple[Port, ...] = ()
    stations: tuple[CustomsStation, ...] = ()
    service_ports: tuple[ServicePort, ...] = ()
    countries: tuple[str, ...] = ()
    offices: tuple[PreclearanceOffice, ...] = ()
    centers: tuple[Center, ...] = ()
    holidays: tuple[Holiday, ...] = ()
    dates: tuple[dt.date, ...] = ()
    years: tuple[int, ...] = ()
    terms: tuple[Definition, ...] = ()
    names: tuple[str, ...] = field(default=())
    """The place names matched, as the index spells them."""
    text: str = ""
    """The question with typos corrected."""


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9&' ]+", " ", text.lower().replace("’", "'")).split())


def _variants(name: str) -> set[str]:
    out = {name}
    base = re.sub(r",\s*(N\.H|[A-Z]{2})(?=$|[-/\s,])", "", name)
    out.add(base)
    for part in re.split(r"-|/| and |, ", base):
        part = part.strip().removeprefix("and ").strip()
        if len(part) >= 3:
            out.add(part)
    paren = re.match(r"(.+?) \((.+)\)$", name)
    if paren:
        out.update({paren[1]} | ({paren[2]} if not paren[2].startswith("Mail") else set()))
    return {v for v in out if _norm(v) and _norm(v) not in _NOT_NAMES}


class NameIndex:
    """Every place name in the tables, by normalised spelling, and the records it names."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.places: dict[str, list[object]] = {}
        for port in corpus.ports:
            for listing in port.listings:
                for v in _variants(listing.printed_name) | _variants(port.name):
                    self._add(v, port)
        for station in corpus.stations:
            for v in _variants(station.name):
                self._add(v, station)
        for sp in corpus.service_ports:
            for v in _variants(sp.name):
                self._add(v, sp)
        for office in corpus.preclearance:
            self._add(office.office.split(",")[0], office)
        self.countries = {c.lower(): c for c in dict.fromkeys(p.country for p in corpus.preclearance)}
        self.countries |= {c.lower().removeprefix("the "): c for c in self.countries.values()} | COUNTRY_ALIASES
        self.holidays = {alias: h for h in corpus.holidays for alias in HOLIDAY_ALIASES.get(h.name, [h.name.lower()])}
        self.industries = {w: c for c in corpus.centers for w in INDUSTRY_WORDS.get(c.name, "").split()}
        self.terms: dict[str, Definition] = {}
        for d in corpus.definitions:
            for t in re.split(r" or |, | and ", d.term):
                if _norm(t) not in _GENERIC_TERMS:
                    self.terms[_norm(t)] = d
            self.terms[_norm(d.term)] = d
        self.terms["port of entry"] = self.terms["port and port of entry"]
        for office in corpus.preclearance:  # "Alberta" names both Calgary and Edmonton
            if "," in office.office:
                self._add(office.office.split(",")[1].strip(), office)
        self.keys = sorted(self.places)
        # fuzz.ratio(a, b) is at most 200 * min(len) / (len(a) + len(b)), so most keys cannot reach the cutoff
        # against a word of a given length; offering only the rest makes the fuzzy lookup several times faster.
        # Sorted order is kept so extractOne breaks ties as it would over all keys; 1 point of slack covers rounding.
        lengths = {len(k) for k in self.keys}
        self._fuzzy_keys: dict[int, list[str]] = {}
        for n in range(1, 2 * max(lengths, default=0) + 1):  # a longer word is close to no key
            close = {m for m in lengths if 200 * min(n, m) >= (_FUZZY_PLACE_CUTOFF - 1) * (n + m)}
            self._fuzzy_keys[n] = [k for k in self.keys if len(k) in close]
        self._holiday_res = [(a, _word_re(a)) for a in sorted(self.holidays, key=len, reverse=True)]
        self._holiday_aliases = list(self.holidays)
        self._country_res = [(k, _word_re(k), c) for k, c in self.countries.items()]
        self._term_res = [(k, _word_re(k)) for k in self.terms if len(k) > 2]
        from index import QueryRewriter  # typo correction against every word the sources and tables use

        # Typos are corrected towards names and topic words only; any word the sources use is left alone.
        targets = list(self.places) + [s.lower() for s in STATES] + list(self.countries) + list(self.holidays)
        targets += ["preclearance", "supervise", "service", "station", "drawback", "holiday", "entry", "customs"]
        self.rewriter = QueryRewriter(targets, known=[p.text for p in corpus.passages])
        keys = [*self.places, *self.countries, *self.holidays, *self.industries, *(s.lower() for s in STATES)]
        weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday"}
        self.known_words = {w for key in [*keys, *_MONTHS] for w in key.split()} | weekdays

    def _add(self, name: str, record: object) -> None:
        bucket = self.places.setdefault(_norm(name), [])
        if record not in bucket:
            bucket.append(record)

    def nearest(self, name: str, *, limit: int = 3) -> list[str]:
        """The listed place names closest to ``name`` (for "not listed, did you mean ...")."""
        found = process.extract(_norm(name), self.keys, scorer=fuzz.WRatio, limit=limit * 3)
        out: list[str] = []
        for key, _score, _ in found:
            label = _label(self.places[key][0])
            if label not in out:
                out.append(label)
        return out[:limit]

    def closest_place(self, key: str) -> str | None:
        """The place key spelled most like ``key``, if any is close enough to be a typo of it."""
        choices = self._fuzzy_keys.get(len(key), [])
        match = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_PLACE_CUTOFF)
        return match[0] if match else None


def _label(record: object) -> str:
    if isinstance(record, Port):
        return f"{record.name} ({', '.join(record.states)})"
    if isinstance(record, CustomsStation):
        return f"{record.name} (Customs station, {record.state})"
    if isinstance(record, ServicePort):
        return f"{record.name} (service port, {record.state})"
    if isinstance(record, PreclearanceOffice):
        return f"{record.office} (preclearance, {record.country})"
    return str(record)


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _dates(text: str, today: dt.date) -> tuple[list[dt.date], str]:
    found: list[dt.date] = []
    for rx, order in ((_DATE_ISO, "ymd"), (_DATE_US, "mdy"), (_DATE_MDY, "Mdy")):
        for m in list(rx.finditer(text)):
            try:
                if order == "ymd":
                    d = dt.date(int(m[1]), int(m[2]), int(m[3]))
                elif order == "mdy":
                    d = dt.date(int(m[3]), int(m[1]), int(m[2]))
                else:
                    month = next(v for k, v in _MONTHS.items() if k.startswith(m[1].lower()[:3]))
                    d = dt.date(int(m[3]) if m[3] else today.year, month, int(m[2]))
            except (ValueError, StopIteration):
                continue
            if not 1900 <= d.year < 2200:  # the holiday rules are modern; far dates are not CBP questions
                continue
            found.append(d)
            text = _mask(text, m.start(), m.end())
    lowered = text.lower()
    for word, delta in (("today", 0), ("tomorrow", 1), ("yesterday", -1)):
        if re.search(rf"\b{word}\b", lowered):
            found.append(today + dt.timedelta(days=delta))
    return found, text


def find_entities(question: str, index: NameIndex, *, today: dt.date) -> Entities:
    """Everything ``question`` names that the tables know."""
    text = index.rewriter.correct(question.replace("’", "'"))
    lowered = text.lower()
    holidays: list[Holiday] = []
    for alias, alias_re in index._holiday_res:
        if alias not in lowered:
            continue
        for m in alias_re.finditer(lowered):
            if index.holidays[alias] not in holidays:
                holidays.append(index.holidays[alias])
            text, lowered = _mask(text, m.start(), m.end()), _mask(lowered, m.start(), m.end())
    if not holidays:  # typos: "thanksgving", "christmass"
        for word in re.findall(r"[a-z']{6,}", lowered):
            match = process.extractOne(word, index._holiday_aliases, scorer=fuzz.ratio, score_cutoff=85)
            if match is not None and index.holidays[match[0]] not in holidays:
                holidays.append(index.holidays[match[0]])
    dates, text = _dates(text, today)
    years = [int(y) for y in _YEAR.findall(text)]
    lowered = text.lower()
    states = [s for name, rx, s in _STATE_NAMES if name in lowered and rx.search(lowered)]
    if not text.isupper():  # in a shouted question every word looks like a postal code
        states += [s for code, rx, s in _STATE_CODES if code in text and rx.search(text)]
    for word in re.findall(r"[a-z]{4,}", lowered):  # "texs", "montanna": not a word the sources use
        if not states and not index.rewriter.known(word):
            match = process.extractOne(word, _STATES_LOWER, scorer=fuzz.ratio, score_cutoff=85)
            if match is not None:
                states.append(next(s for s in STATES if s.lower() == match[0]))
    if "washington" in lowered and re.search(r"washington,? d\.?c", lowered):
        states = [s for s in states if s != "Washington"] + ["District of Columbia"]
    countries = [c for k, rx, c in index._country_res if k in lowered and rx.search(lowered)]
    trade = re.search(r"\bcent(?:er|re)s?\b|\bimport|\bgoods\b|\bindustr|\bproducts?\b|\bhandles?\b", lowered)
    industries = [index.industries[w] for w in re.findall(r"[a-z]+", lowered) if w in index.industries] if trade else []
    normed = _norm(text)
    found_terms = {k: hit.start() for k, rx in index._term_res if k in normed and (hit := rx.search(normed))}
    terms = [index.terms[k] for k in sorted(found_terms, key=lambda k: (found_terms[k], -len(k)))]
    for generic, ask in _GENERIC_ASKS:  # "what does CBP stand for?"
        if generic in normed and ask.search(normed):
            terms.insert(0, next(d for d in index.corpus.definitions if _norm(d.term).split()[0] == generic))
    places, names = _places(text, index)
    return Entities(
        text=text,
        states=tuple(dict.fromkeys(states)),
        ports=tuple(dict.fromkeys(r for r in places if isinstance(r, Port))),
        stations=tuple(dict.fromkeys(r for r in places if isinstance(r, CustomsStation))),
        service_ports=tuple(dict.fromkeys(r for r in places if isinstance(r, ServicePort))),
        countries=tuple(dict.fromkeys(countries)),
        offices=tuple(dict.fromkeys(r for r in places if isinstance(r, PreclearanceOffice))),
        centers=tuple(dict.fromkeys(industries)),
        holidays=tuple(holidays),
        dates=tuple(dict.fromkeys(dates)),
        years=tuple(dict.fromkeys(years)),
        terms=tuple(dict.fromkeys(terms)),
        names=tuple(names),
    )


def _places(text: str, index: NameIndex) -> tuple[list[object], list[str]]:
    """Longest place-name matches, exact first, then close spellings of capitalised or long words."""
    words = [m.group(0).rstrip(".,?!'’") for m in _WORDS.finditer(text)]
    # Each word is normalised once, not once per span it is part of: a word is ASCII (or ’) and starts with a
    # letter or digit, so its normal form is never empty and the span's is these joined by spaces.
    normed = [_norm(w) for w in words]
    all_lower = not any(c.isupper() for c in text)
    records: list[object] = []
    names: list[str] = []
    taken: set[int] = set()
    for size in range(6, 0, -1):
        for i in range(len(words) - size + 1):
            if not taken.isdisjoint(range(i, i + size)):
                continue
            key = " ".join(normed[i : i + size])
            if not key or key in _NOT_NAMES or key in STATES_LOWER:
                continue
            initial_cap = words[i][:1].isupper()
            capitalised = initial_cap or all_lower
            if size == 1 and key in _ORDINARY and not initial_cap:
                continue
            hit = key if key in index.places else None
            if hit is None and capitalised and len(key) >= 6 and not set(key.split()) <= _NOT_NAMES:
                hit = index.closest_place(key)
            if hit is not None and (capitalised or size > 1):
                records.extend(index.places[hit])
                names.append(hit)
                taken |= set(range(i, i + size))
    return records, names


STATES_LOWER = {s.lower() for s in STATES} | {"virgin islands", "virgin islands u s"}
