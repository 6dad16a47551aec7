"""Read a message: split it into questions, find what each names, and rank what each asks.

A message may hold context ("trucker here, hauling into Sweetgrass on Sept 6
2027.") and several questions ("is cbp open that day, and if not what's the
next business day"). Each question becomes an ``Ask``: its slots (places,
states, dates, ... found by the gazetteer) and its intents ranked by the
classifier over the question with its names masked ("is PLACE a port of
entry"). Context clauses lend their slots to the questions. Resolving "it",
"that day" or "and vermont?" against what came before is the planner's job
(``_planner``); this module only reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from corpus import Center, Definition

from ._data import Vocabulary
from ._dates import DateMention, dangling, short_weekday_dot, week_of
from ._gazetteer import DayName, Gazetteer, Mention, Place
from ._intents import IntentClassifier

__all__ = ["PARAGRAPH_CITED", "PART_CITED", "Ask", "Reader", "Slots"]

_SENTENCE = re.compile(
    r"(?<!\b[A-Z])(?<!\bSt)(?<!\bSte)(?<!\bFt)(?<!\bMt)(?<!\bJr)(?<!\bJan)(?<!\bFeb)(?<!\bMar)(?<!\bApr)(?<!\bJun)"
    r"(?<!\bJul)(?<!\bAug)(?<!\bSep)(?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\ba\.m)(?<!\bp\.m)(?<!\bU\.S)(?<!\bNo)[.?!;:]+(?=\s|$)|\n+|\s[—–-]+\s"
)
_TAG_WORDS = 2
_SENTENCES = re.compile(r"(?<=[.?!])(?<![A-Z]\.)(?<!Dec\.)\s+")
"""Where a sentence ends: not after an initial or "Dec." ("which T.D. is cited ...", "CBP Dec. 18-03 is ...")."""
_SEGMENTS = re.compile(rf"[,;:—–]|\s-\s|{_SENTENCES.pattern}")
"""The parts of a clause, any of which may open a yes/no question."""
_FRAGMENT_WORDS = 6
"""A fragment this short after a dash ("— just the two cities?") goes on with the question before it."""
PARAGRAPH_CITED = re.compile(r"\b101\.(\d{1,2})((?:\s?\([a-z0-9]{1,4}\))*)", re.I)
"""A section or paragraph of Part 101 named by number ("101.6(a)": the section's number and its markers)."""
PART_CITED = re.compile(r"\b(?:part|cfr)\s+101\b(?!\.\d)", re.I)
"""Part 101 named as a whole ("part 101", "19 CFR 101")."""
_CITATION = re.compile(rf"\b(?:19\s+CFR\s+)?(?:{PART_CITED.pattern}|{PARAGRAPH_CITED.pattern})", re.I)
"""A citation as a question writes it ("19 CFR 101.6(a)", "part 101"), to be read as written, not as numbers."""
_DASH = re.compile(r"\s[—–-]+$")
"""A question this short after a statement ("True?", "right?") asks about the statement."""
_PLACEHOLDER = {"place": "PLACE", "state": "STATE", "country": "COUNTRY", "goods": "GOODS", "holiday": "HOLIDAY",
                "date": "DATE", "year": "YEAR", "month": "MONTH", "number": "NUMBER"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Slots:
    """What one question names, resolved to the records it means."""

    places: tuple[Place, ...] = ()
    """Places the tables know."""
    weak_places: tuple[Place, ...] = ()
    """Everyday words that are also place names ("ferry"), used only when no other place is named."""
    unknown: tuple[str, ...] = ()
    """Names the tables do not know ("Frankfurt"), as typed."""
    states: tuple[str, ...] = ()
    """US states, canonical names."""
    countries: tuple[str, ...] = ()
    """Preclearance countries."""
    goods: tuple[Center, ...] = ()
    """Centers the goods named point to."""
    days: tuple[DayName, ...] = ()
    """Named days (holidays and others)."""
    terms: tuple[Definition, ...] = ()
    """Defined terms."""
    kinds: tuple[str, ...] = ()
    """What a place is asked to be: port, station, service_port, preclearance, center."""
    dates: tuple[DateMention, ...] = ()
    """Specific dates."""
    years: tuple[int, ...] = ()
    """Years named on their own."""
    months: tuple[int, ...] = ()
    """Months named without a day."""
    weekdays: tuple[int, ...] = ()
    """Weekday names without a date ("open on saturdays?"), Monday=0."""
    numbers: tuple[int, ...] = ()
    """Counts ("3 business days")."""
    relative: tuple[int | None, int] | None = None
    """"the day after" with no date: (weekday or None for "day", +1 after / -1 before), to resolve against the
    date the conversation is about."""
    direction: int = 0
    """+1 for after, -1 for before a date, 0 when neither is said."""
    polar: bool = False
    """A yes/no question."""
    anaphora: bool = False
    """It points back to something said before ("it", "there", "that day")."""
    others: bool = False
    """It asks about others than the one named or answered ("what are the other ones in hawaii?")."""
    pointer_noun: str = ""
    """The word after "that" / "this" ("is that airport a port?": airport), lower case."""
    elliptic: bool = False
    """A follow-up that leaves its question to the turn before ("and vermont?")."""
    asks: str = ""
    """What a question about a day asks: "closed" (or a holiday) or "open" (or a business day); "" for neither."""
    authority: bool = False
    """It asks for the order or decision behind a port ("under what order was it designated?")."""
    exclusive: bool = False
    """It says "only" or "just" ("is it only Nassau?")."""
    person: bool = False
    """It asks who ("who runs a Center?"): a person, not the thing named."""
    alternatives: bool = False
    """It offers alternatives joined by "or" ("is it in long beach or miami?"): one of them, not all, is meant."""
    pointed: str = ""
    """The kind of place a pointing word names ("that port": port), when the question names several kinds."""
    inclusive: bool = False
    """A count of days between two dates counts the first one too ("from the 20th to the 31st inclusive")."""
    outside: bool = False
    """It asks about services away from a CBP office ("an officer at our dock")."""
    same: bool = False
    """It asks whether something is the same as before ("same hours?")."""
    set_aside: tuple[DayName, ...] = ()
    """Days named only to be left out ("the monday holiday in january, not new year's")."""
    week: bool = False
    """It asks about the whole week of a date ("business days in the week of dec 21")."""
    compare: tuple[str, int] | None = None
    """A count it compares a list with: (">", 1) for "more than one", ("==", 2) for "just two"."""

    def named(self) -> set[str]:
        """The kinds of thing it names."""
        kinds = {k for k in ("places", "unknown", "states", "countries", "goods", "days", "terms", "dates", "years",
                             "months", "weekdays", "numbers") if getattr(self, k)}  # fmt: skip
        return kinds

    def merged(self, other: Slots) -> Slots:
        """These slots, with what is missing here taken from ``other``."""
        updates = {k: getattr(other, k) for k in ("places", "unknown", "states", "countries", "goods", "days",
                                                  "terms", "dates", "years", "months", "numbers")
                   if not getattr(self, k) and getattr(other, k)}  # fmt: skip
        return replace(self, **updates)


@dataclass(frozen=True, slots=True)
class Ask:
    """One question of a message: its text, its slots and its ranked intents."""

    text: str
    """The question as written (after removing injected instructions)."""
    masked: str
    """What the classifier read: names replaced by placeholders."""
    slots: Slots
    """What it names."""
    intents: tuple[tuple[str, float], ...]
    """Intents and scores, best first."""
    context: Slots = field(default_factory=Slots)
    """What the statements around it in the message name."""
    context_text: str = ""
    """Those statements themselves ("new importer, no history yet."), for passage search."""
    names: tuple[tuple[str, str], ...] = ()
    """What each placeholder of ``masked`` stands for, in order: (placeholder, the words as typed)."""

    @property
    def intent(self) -> str:
        """The best intent."""
        return self.intents[0][0]

    def score(self, intent: str) -> float:
        """The score of one intent."""
        return next((s for name, s in self.intents if name == intent), 0.0)


def _placed(slots: Slots, context: Slots) -> Slots:
    """A question's place in the state a statement put it in ("i live in eureka montana. is eureka a port?").

    And its month in the year a statement gave.

    And the city a statement named in the country a question asks about ("flying shannon to boston, do i clear
    customs in ireland?": Shannon), the days a statement sets aside, and a service it puts outside the office.
    """
    if context.set_aside and not slots.set_aside:  # "besides memorial day, which holidays are in may?"
        slots = replace(slots, set_aside=context.set_aside)
    if context.outside and not slots.outside:  # "i need an officer at my dock. same hours?": hours outside the office
        slots = replace(slots, outside=True)
    if slots.months and not slots.years and len(context.years) == 1:
        slots = replace(slots, years=context.years)  # "oct 2027 - when is the october holiday?": October 2027
    if slots.countries and not slots.places:
        inside = tuple(p for p in context.places if any(o.country in slots.countries for o in p.offices))
        return replace(slots, places=inside) if inside else slots
    if slots.states or len(context.states) != 1 or not (slots.places or slots.unknown):
        return slots
    said = {p.name for p in context.places}
    # "across arizona ..., is yuma a port?"; "is newport a port? i mean the one in vermont"
    if all(p.name in said or not context.places and context.states[0] in p.states for p in slots.places):
        return replace(slots, states=context.states)
    return slots


def _cue(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w'])", re.I)


def _first_cue(text: str, closed: re.Pattern[str], opened: re.Pattern[str]) -> str:
    """Whichever cue comes first in ``text``: "closed" or "open" ("" for neither)."""
    c, o = closed.search(text), opened.search(text)
    if c and (not o or c.start() < o.start()):
        return "closed"
    return "open" if o else ""


class Reader:
    """Turns a message into asks."""

    def __init__(self, gazetteer: Gazetteer, vocabulary: Vocabulary, classifier: IntentClassifier,
                 *, min_score: float = 0.0) -> None:  # fmt: skip
        self.gazetteer = gazetteer
        self.vocabulary = vocabulary
        self.classifier = classifier
        self.min_score = min_score
        self._injection = [re.compile(p, re.I) for p in vocabulary.injection]
        self._shorthand = _cue(sorted(vocabulary.shorthand, key=len, reverse=True))
        v = vocabulary
        self._polar = re.compile(r"^(?:" + "|".join(re.escape(w) for w in v.words("polar")) + r")(?![\w'])", re.I)
        self._question = re.compile(r"^(?:" + "|".join(re.escape(w) for w in v.words("question")) + r")(?![\w'])",
                                    re.I)  # fmt: skip
        self._anaphora = _cue(v.words("anaphora"))
        self._ellipsis = re.compile(r"^(?:" + "|".join(re.escape(w) for w in v.words("ellipsis")) + r")(?![\w'])",
                                    re.I)  # fmt: skip
        # "..., and what ...", "..., and separately what ...", "..., and for NCAP tests what ...": a second question
        framing = rf"(?:(?:{v.pattern('frame_prepositions')})\s+(?:[\w'.&-]+\s+){{1,3}})"
        frame = rf"(?:(?:{v.pattern('joint_adverbs')}),?\s+)?{framing}?"
        # "for NCAP tests what gets published?": what it is about, then what is asked
        self._framed_wh = re.compile(rf"{framing}(?:{v.pattern('wh')})(?![\w'])", re.I)
        self._joint = re.compile(
            r"(?:,\s*|\s+)(?:" + "|".join(re.escape(w) for w in v.words("joint")) + rf"),?\s+(?={frame}(?:"
            + "|".join(re.escape(w) for w in v.words("question")) + r")(?![\w']))", re.I)  # fmt: skip
        # "do we also have to pay?": a joint word right after a question's opening verb and its subject joins nothing
        self._opened = re.compile(
            rf"(?:^|(?<=[,;:.?!])|(?<=[,;:.?!]\s))\s*(?:{v.pattern('polar')})\s+(?:{v.pattern('subjects')})\s*$", re.I
        )
        self._after, self._before = _cue(v.words("after")), _cue(v.words("before"))
        self._fillers = re.compile(rf"^(?:(?:{v.pattern('fillers')})[\s,:!-]+)+", re.I)
        self._prepositions = set(v.words("place_prepositions"))
        self._pointer = re.compile(rf"\b(?:{v.pattern('pointers')})\s*$", re.I)
        self._absence = re.compile(rf"(?:{v.pattern('absence_cues')})\b", re.I)
        self._embedded_polar = re.compile(
            rf"\b(?:{v.pattern('auxiliaries')})\s+(?:{v.pattern('subjects')})\b(?!\s+(?:mean|means)\b)", re.I
        )
        # "when the regs say Customs do they mean CBP": a condition, then the yes/no question
        self._conditioned_polar = re.compile(
            rf"(?:{v.pattern('condition_openers')})\s+((?:[^\s?]+\s+){{2,12}}?)(?:{v.pattern('auxiliaries')})\s+"
            rf"(?:{v.pattern('subjects')})\b",
            re.I,
        )
        self._framed_polar = re.compile(
            rf"(?:{v.pattern('frame_prepositions')})\s+[^,?]{{1,60}}?\s({v.pattern('auxiliaries')})\s", re.I
        )
        self._polar_tag = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in v.words("polar_tags")) + r")\W*$", re.I)
        self._wh = re.compile(r"^(?:" + "|".join(re.escape(w) for w in v.words("wh")) + r")(?![\w'])", re.I)
        self._wh_word = _cue(v.words("wh"))
        self._interrogative = _cue(v.words("interrogatives"))
        self._indirect = _cue(v.words("indirect_polar"))
        # "more than just a what?", "it's called what?": a question word at the end asks what, not yes or no
        self._wh_last = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in v.words("wh")) + r")\W*$", re.I)
        self._name_prefix = re.compile(rf"\b({v.pattern('name_prefixes')})\.?\s+$", re.I)
        self._either_or = re.compile(rf"\bor\b(?!\s+(?:{v.pattern('either_or_not')})\b)", re.I)
        self._closed, self._open = _cue(v.words("closed_cues")), _cue(v.words("open_cues"))
        self._authority = _cue(v.words("authority_cues"))
        self._exclusive = _cue(v.words("exclusive"))
        self._who = _cue(v.words("who_cues"))
        not_before = v.pattern("inclusive_not_before")
        self._inclusive = re.compile(rf"{_cue(v.words('inclusive')).pattern}(?!\s+(?:{not_before})\b)", re.I)
        self._week = _cue(v.words("week_of"))
        self._others = _cue(v.words("others_cues"))
        self._same_name_after = re.compile(rf"\s+(?:{v.pattern('same_name')})\b", re.I)
        self._pointer_noun = re.compile(rf"\b(?:{v.pattern('noun_pointers')})\s+([a-z]+)\b", re.I)
        self._set_aside = re.compile(rf"\b(?:{v.pattern('set_aside')})\s+(?:the\s+)?$", re.I)
        self._outside = _cue(v.words("outside_office"))
        self._same = _cue(v.words("same_as_before"))
        self._none = _cue(v.words("none_cues"))
        self._infinitive_heads = set(v.words("infinitive_heads"))
        self._statement_words = set(v.words("subjects")) | set(v.words("clause_verbs")) | {"my", "our", "your"}
        self._from_through = re.compile(rf"\bfrom\b.+\b(?:{v.pattern('range_through')})\b", re.I)
        kinds = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(gazetteer.kinds, key=len, reverse=True))
        self._pointer_kind = re.compile(rf"\b(?:{v.pattern('pointers')}|{v.pattern('pointing')})\s+({kinds})\b", re.I)
        self._kind_phrase = re.compile(rf"\b(?:{kinds})\b", re.I)
        self._stopwords = set(v.words("stopwords"))
        self._list_cue = _cue(v.words("list_cues"))
        self._several = _cue(v.words("several"))
        numbers = "|".join(re.escape(w) for w in gazetteer.numbers if w != "a")
        self._comparison = re.compile(
            r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in v.grammar["comparisons"])
            + r")\s+(?:(?:has|have|had|got|gets|is|are)\s+)?(?:the\s+)?(\d{1,3}|" + numbers
            + r")\b(?!\s*(?:a\.m|p\.m|am|pm|:|%))", re.I)  # fmt: skip
        self._comma_question = re.compile(
            r",\s+(?=(?:" + "|".join(re.escape(w) for w in v.words("question")) + r")(?![\w']))", re.I
        )
        self._request = re.compile(
            rf"(?:{v.pattern('request_openers')})\s+(?:please\s+)?(?:{v.pattern('request_verbs')})(?![\w'])", re.I
        )
        # ", is it open this thursday": a yes/no question about what the question before it asked about
        self._polar_subject = re.compile(
            rf"(?:{v.pattern('polar')})\s+(?:{v.pattern('pointing_subjects')})(?![\w'])", re.I
        )
        # ", which I'd never heard of.": a relative clause about the name before it, not a question
        persons = "|".join(re.escape(w) for w in v.words("speakers"))
        self._relative = re.compile(rf"(?:which|who|where)\s+(?:{persons})(?![\w])", re.I)
        self._everyday = gazetteer.ordinary | set(v.not_names) | gazetteer.prose_words
        self._kind_words = set(v.words("name_neighbours"))
        self._determiners = set(v.words("determiners")) | {"us", "u.s.", "u.s"}
        self._name_verbs = set(v.words("name_verbs"))
        self._idioms = _cue(v.words("idioms"))
        self._outside_words = frozenset(w for name in gazetteer.outside_places for w in name.split())
        self._any_day = re.compile(rf"\b(?:{v.pattern('any_day')})\s*$", re.I)
        self._any_day_after = re.compile(rf"\s+(?:{v.pattern('any_day_after')})\b", re.I)
        # (offset, counted from the year the conversation is about rather than this year)
        self._relative_years = {k: (int(n), False) for k, n in v.grammar["relative_years"].items()} | {
            k: (int(n), True) for k, n in v.grammar["years_after_that"].items()}  # fmt: skip
        self._relative_year = _cue(sorted(self._relative_years, key=len, reverse=True))
        self._indirect_ends = {cue.split()[-1] for cue in v.words("indirect_polar")}  # "if", "whether"
        self._asked_words = {
            w
            for key, readings in gazetteer.table.items()
            if any(kind in ("term", "kind", "goods") for kind, _ in readings)
            for w in key.split()
        }

    def clean(self, text: str) -> str:
        """The text without instructions addressed to the assistant and without pasted markup, shorthand spelled out."""
        for pattern in self._injection:
            text = pattern.sub(" ", text)
        text = self._shorthand.sub(lambda m: self.vocabulary.shorthand[m[0].lower()], text)
        return " ".join(text.split())

    def tag(self, text: str) -> re.Match[str] | None:
        """The tag a question ends with to have a claim confirmed ("right?", "isn't it?", "is that so?")."""
        return self._polar_tag.search(text)

    def clauses(self, text: str) -> list[tuple[int, int, bool]]:
        """(start, end, is a question) for each sentence or joined question of ``text``."""
        spans: list[tuple[int, int]] = []
        start = 0
        for m in _SENTENCE.finditer(text):
            if m[0] == "." and short_weekday_dot(text, m.start(), m.end()):
                continue  # "is sat. nov 28 a business day": a weekday written short, then its date
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, len(text)))
        pieces: list[tuple[int, int]] = []
        before_joint: set[tuple[int, int]] = set()
        for s, e in spans:
            joints = [(m.start(), m.end()) for m in self._joint.finditer(text, s, e)
                      if not self._opened.search(text, s, m.start())]  # fmt: skip
            bounds = [(a, b) for a, b in zip([s] + [j[1] for j in joints], [j[0] for j in joints] + [e], strict=True)]
            for i, (cut, stop) in enumerate(bounds):
                # "boating over from Pelee Island, is Put-in-Bay a port?": a statement, then the question after a comma
                comma = self._comma_question.search(text, cut, stop)
                lead = text[cut : comma.start()].strip() if comma is not None else ""
                relative = comma is not None and self._relative.match(text, comma.end()) is not None
                if comma is not None and relative and "?" not in text[comma.end() : stop]:
                    comma = None  # "routed through Gramercy, which I'd never heard of.": one statement
                asked = self._question.match(self._fillers.sub("", lead))
                if (
                    comma is not None
                    and (
                        not asked
                        or self._wh_word.match(lead)
                        and (self._polar_subject.match(text, comma.end()) or self._wh_word.match(text, comma.end()))
                    )
                    and not (self._absence.match(lead))
                ):  # "in the absence of a regulation, how is ...": the condition is part of the question;
                    # "what hours is it open, is it open this thursday", "what is NCAP, how far ahead is a test
                    # announced": a question, then another
                    pieces.append((cut, comma.start()))
                    cut = comma.end()
                pieces.append((cut, stop))
                if i < len(bounds) - 1 and not re.search(r"\bbut\b", text[stop : bounds[i + 1][0]], re.I):
                    before_joint.add(pieces[-1])  # (what goes before "but" is said, not asked)
        out: list[tuple[int, int, bool]] = []
        for s, e in pieces:
            part = text[s:e].strip(" ,.;:-—–")
            words = re.findall(r"\w+", part)
            if not words:
                continue
            bare = self._fillers.sub("", part)
            question = part.endswith("?") or text[s:e].rstrip().endswith("?") or bool(self._question.match(bare))
            opener = self._question.match(bare) or self._polar.match(bare)
            short = len(re.findall(r"[\w']+", part)) <= _TAG_WORDS
            if question and out and out[-1][2] and short and not opener:
                out[-1] = (out[-1][0], e, True)  # "... at my dock, outside the office. same hours?": one question
                continue
            if question and out and not out[-1][2] and short:
                out[-1] = (out[-1][0], e, True)  # "Lewes is a port for ships. True?": the tag asks the statement
                while (
                    len(out) > 1
                    and not out[-2][2]
                    and len(re.findall(r"[\w']+", self._polar_tag.sub("", text[out[-1][0] : out[-1][1]]))) <= _TAG_WORDS
                ):  # "... is Burlington. That's right, isn't it?": a tag on a tag asks the statement
                    out[-2:] = [(out[-2][0], out[-1][1], True)]
                continue
            dashed = out and _DASH.search(text[out[-1][0] : s].rstrip()) is not None
            if dashed and out[-1][2] and question and not self._question.match(bare) and len(words) <= _FRAGMENT_WORDS:
                out[-1] = (out[-1][0], e, True)  # "how far does the port extend — just the two cities?": one question
                continue
            if (
                dashed
                and not question
                and self.topic(text[out[-1][0] : out[-1][1]])
                and self._phrase(part, gerund=True)
            ):
                question = True  # "antelope wells nm - supervising port": what is asked about the name
            if not question and (s, e) in before_joint and self._phrase(part):
                question = True  # "next business day after dec 30, and why not the 31st?": two questions
            run_on = self._embedded_polar.search(text, s, e) if not question else None
            framed = self._framed_polar.match(text, s + len(text[s:e]) - len(text[s:e].lstrip()))
            if run_on is None and not question and framed and not self._wh_word.search(framed[0]):
                # "for filing purposes does sunday count as a business day": what it is about, then the question
                out += [(s, framed.start(1), False), (framed.start(1), e, True)]
                continue
            cut = run_on.start() if run_on is not None else s
            # "we bring in crude which center are we under": the question opens at its question word
            wh = [m for m in self._interrogative.finditer(text, s, cut) if m.start() > s]
            cut = wh[-1].start() if wh else cut
            story = text[s:cut].strip(" ,")
            asks = any(self._polar.match(w) for w in story.split())  # "is seattle a service port or is it ...": one
            if run_on is not None and story and not self._phrase(story) and not asks:  # "ireland preclearance": topic
                # spoken, unpunctuated: "flying nassau to miami do i preclear in nassau": the story, then the question
                out += [(s, cut, False), (cut, e, True)]
                continue
            out.append((s, e, question))
        if out and not any(q for _, _, q in out):
            return [(out[0][0], out[-1][1], True)]
        return out

    def _phrase(self, part: str, *, gerund: bool = False) -> bool:
        """A phrase without a subject or a verb ("next business day after thu dec 30"): a query, not a statement.

        With ``gerund`` a phrase may open with an -ing word ("supervising port"); else that reads as a statement
        ("shipping frozen shrimp to miami").
        """
        words = [w.lower() for w in re.findall(r"[\w']+", part)]
        return bool(words) and (gerund or not words[0].endswith("ing")) and not set(words) & self._statement_words

    def topic(self, clause: str) -> bool:
        """A clause that only names something ("newport vermont", "base metals center"): what follows is about it."""
        mentions = self.gazetteer.find(clause)
        if not any(m.kind in ("place", "state", "country", "goods") for m in mentions):
            return False
        rest = list(clause)
        for m in mentions:
            rest[m.start : m.end] = " " * (m.end - m.start)
        words = [w for w in re.findall(r"[a-z']+", "".join(rest).lower()) if w not in self.vocabulary.skip_words]
        return len(words) <= 1

    def _is_region(self, word: str) -> bool:
        place = self.gazetteer.places.get(word.lower())
        return place is not None and place.only_a_region

    def _is_polar(self, clause: str, segments: list[str]) -> bool:
        """Whether the clause is a yes/no question.

        One that opens (or a part of it opens) with "is"/"does"/..., that asks "is that", ends with "right?"/"or
        not", or ends with a question mark without asking what, which, where, how, ...
        """
        text = clause.strip()
        bare = self._fillers.sub("", text)
        if self._request.match(bare):
            return False  # "can you describe the seal?": a request, not a yes or no
        opens = bool(self._polar.match(bare))
        indirect = self._indirect.search(text)
        opens = opens or (indirect is not None and not self._wh_word.search(text[: indirect.start()]))
        framed = self._framed_polar.match(bare)  # "for customs deadlines does saturday count"
        asked = framed.string[framed.start(1) :] if framed and not self._wh_word.search(framed[0]) else text
        if self._either_or.search(asked) and not self._polar_tag.search(text) and not opens:
            return False  # "the delaware one or the north carolina one?": asks which, not yes or no
        # ("for entry or delivery at a station, does the government get reimbursed ...?": the "or" frames it)
        if opens:
            return True
        if any(self._polar.match(seg) for seg in segments if seg):
            return True
        embedded = self._embedded_polar.search(text)  # "christiansted st croix is that a port?", not "where is that"
        if embedded and not self._wh_word.search(text[: embedded.start()]):
            return True
        if framed and not self._wh_word.search(framed[0]):
            return True
        conditioned = self._conditioned_polar.match(bare)
        if conditioned and not self._wh_word.search(conditioned[1]):
            return True
        if self._polar_tag.search(text):
            return True
        dashed = re.split(r"\s[—–-]+\s", clause.strip())
        last = self._fillers.sub("", dashed[-1].strip()) if len(dashed) > 1 else ""
        if last.endswith("?") and not self._wh.match(last) and not self._list_cue.search(last):
            return True  # "how far does the port extend — just the two cities?": the last part asks yes or no
        said = _SENTENCES.split(text)
        tail = self._fillers.sub("", said[-1]) if len(said) > 1 else ""
        if tail.endswith("?") and len(re.findall(r"[\w']+", tail)) <= _TAG_WORDS and not self._wh.match(tail):
            return True  # "what about at my dock, outside the office. same hours?": the short last question
        if any(self._wh.match(seg) for seg in segments[1:] if seg):
            return False  # "if no regulation says how, how is it carried out?": the condition first, then what
        # "hyder alaska port of entry?", "saturdays too?": a question mark after no question word asks yes or no;
        # "biggest ports of entry in the us?" asks for a list.
        return (text.endswith("?") and not self._wh.match(bare) and not self._list_cue.search(text)
                and not self._wh_last.search(text) and not self._framed_wh.match(bare))  # fmt: skip

    def slots(self, text: str, *, today: dt.date, year: int | None = None) -> Slots:
        """What ``text`` names, read as one clause (for a language model's tool arguments)."""
        text = self.gazetteer.corrected(self.clean(text).replace("’", "'"))
        mentions = self.gazetteer.find(text)
        written = re.search(r"\b((?:19|20|21)\d\d)\b", text)  # "thanksgiving 2027": the year it names
        dates = self.gazetteer.dates(text, mentions, today=today, year=int(written[1]) if written else year)
        return self._slots(text, 0, len(text), mentions, dates, today, year)[0]

    def read(self, message: str, *, today: dt.date, year: int | None = None) -> tuple[list[Ask], Slots]:
        """The questions of ``message`` and the slots of its context statements."""
        text = self.clean(message)
        text = self.gazetteer.corrected(text.replace("’", "'"))
        mentions = self.gazetteer.find(text)
        explicit_years = [int(y) for y in re.findall(r"\b((?:19|20|21)\d\d)\b", text)]
        said = self._relative_year.search(text)
        if not explicit_years and said is not None and not self._relative_years[said[0].lower()][1]:
            explicit_years = [today.year + self._relative_years[said[0].lower()][0]]  # "11/11 next year"
        default_year = year if not explicit_years else explicit_years[0]
        dates = self.gazetteer.dates(text, mentions, today=today, year=default_year)
        asks: list[Ask] = []
        context = Slots()
        statements = []
        previous: tuple[int, int] | None = None  # the statement just before, if the last clause was one
        topic: tuple[Slots, str, tuple[tuple[str, str], ...]] | None = None  # a statement that only names a place
        read = [(start, end, is_question, *self._slots(text, start, end, mentions, dates, today, year))
                for start, end, is_question in self.clauses(text)]  # fmt: skip
        # Which reading a question gets depends on the clauses before it, not on the classifier (but for a low score
        # of the question alone): the reading each question needs first is known before any is ranked, and they are
        # embedded in one batch (a reading that is never ranked is never embedded: two texts at once on two cores
        # still cost more than one).
        Reading = tuple[Slots, str, tuple[tuple[str, str], ...]]
        # each question: (start, end, its own reading, where a joined reading starts, joined with the statement
        # before it, the reading joined with the topic, the reading ranked first: None for its own)
        plans: list[tuple[int, int, Reading, int, Reading | None, Reading | None, Reading | None]] = []
        for start, end, is_question, slots, masked, names in read:
            if not is_question:
                context = slots.merged(context)
                statements.append(text[start:end].strip().strip(" -—–"))
                previous = (start, end)
                topic = (slots, masked, names) if self.topic(text[start:end]) else topic
                continue
            placeless = not (slots.places or slots.weak_places or slots.unknown or slots.states or slots.countries)
            # a defined term the question names is not what "those" is ("does the CBP office close for those?"),
            # unless it is a kind of place the statement's place is asked to be ("is that airport a port of entry?")
            own_names = slots.named() - ({"terms"} if not slots.kinds else set())
            # "bahamas preclearance - is it just nassau?": "it" is the topic, and "just" weighs the name against it
            weighs = slots.alternatives or slots.exclusive
            # "Veterans Day 2028 falls on a Saturday. When is it observed?", "... 10 business days after mon dec 21
            # 2026. what date is that": the question leans on the statement just before it (always, or when the
            # question alone matches no intent well); read the two as one
            joined = None if previous is None else self._slots(text, previous[0], end, mentions, dates, today, year)
            begin = start if previous is None else previous[0]
            # "appealing a center assignment: what import data does a new importer send?": what a colon opens is asked
            # about what goes before it
            framed = previous is not None and text[previous[0] : start].rstrip().endswith(":")
            always = joined is not None and bool(framed or slots.anaphora and not own_names
                                                 or topic is not None and placeless and not plans
                                                 or topic is not None and slots.anaphora and weighs)  # fmt: skip
            # "newport vt - supervising port and where does mail go"; but in "grand forks station - which port
            # supervises it, and is that port a service port?" the second question points to the first's answer
            on_topic = (slots.merged(topic[0]), f"{topic[1]} {masked}", topic[2] + names) if (
                topic is not None and placeless and not (slots.anaphora and plans)) else None  # fmt: skip
            first = joined if always else on_topic if joined is None else None
            plans.append((start, end, (slots, masked, names), begin, joined, on_topic, first))
            previous = None
        self.classifier.prime([(first or own)[1] for _, _, own, _, _, _, first in plans])
        for start, end, (slots, masked, names), begin, joined, on_topic, first in plans:
            ranked = () if first is not None else self.classifier.rank(masked)
            if joined is not None and (first is joined or ranked[0][1] < self.min_score):
                # "... is a state holiday here, is it open?": open; "... isn't in the ports of entry list but is it a
                # service port?": yes or no, about a service port
                own, polar, kinds = slots.asks, slots.polar, slots.kinds
                start, (slots, masked, names) = begin, joined
                slots = replace(slots, asks=own or slots.asks, polar=polar or slots.polar, kinds=kinds or slots.kinds)
                ranked = self.classifier.rank(masked)
            elif on_topic is not None:
                slots, masked, names = on_topic
                ranked = self.classifier.rank(masked)
            asks.append(Ask(text[start:end].strip().strip(" -—–"), masked, slots, ranked, names=names))
        return [replace(a, slots=_placed(a.slots, context), context=context, context_text=" ".join(statements))
                for a in asks], context  # fmt: skip

    def _slots(self, text: str, start: int, end: int, mentions: list[Mention], dates: list[DateMention],
               today: dt.date, year: int | None = None) -> tuple[Slots, str, tuple[tuple[str, str], ...]]:  # fmt: skip
        """The slots of the clause text[start:end], its masked text and what each placeholder stands for.

        The masked text is what the classifier reads: names replaced by placeholders.
        """
        clause = text[start:end]
        blank = list(clause)  # found spans become spaces, so later finders keep their offsets
        masks: list[tuple[int, int, str]] = []  # (start, end, placeholder) in clause offsets

        def take(s: int, e: int, word: str) -> None:
            blank[s:e] = " " * (e - s)
            if word:
                masks.append((s, e, word))

        values: dict[str, list[object]] = {}
        mine = [m for m in mentions if start <= m.start < end]
        for d in (d for d in dates if start <= d.start < end):
            named = [m.value("holiday") for m in mine if (m.start, m.end) == (d.start, d.end) and m.value("holiday")]
            if named and self._set_aside.search(clause[: d.start - start]):
                values.setdefault("set_aside", []).extend(named)  # "(not new year's)": named to be left out
                take(d.start - start, d.end - start, "")
                continue
            values.setdefault("dates", []).append(d)
            # A date that is a holiday ("the third Monday of February 2029") names the holiday too.
            values.setdefault("days", []).extend(named or self.gazetteer.days_on(d.day))
            take(d.start - start, d.end - start, "HOLIDAY" if named else "DATE")
        for m in mine:
            s, e = m.start - start, m.end - start
            if not "".join(blank[s:e]).strip():
                continue  # inside a date
            if m.weak:
                values.setdefault("weak_places", []).append(m.value("place"))
                continue
            region = m.value("place")
            opens = self._name_prefix.search(clause[:s]) if m.kind == "place" else None
            if opens and "".join(blank[opens.start() : s]).strip() and (opens[1][:1].isupper() or opens[1] != "port"):
                # "is fort erie a us port?": Fort Erie, Ontario, not the port of Erie
                values.setdefault("unknown", []).append(f"{opens[1]} {m.text}".title())
                take(opens.start(), e, "PLACE")
                continue
            city = re.match(r"\s+city\b", clause[e:], re.I)
            if isinstance(region, Place) and city and region.only_a_region:
                # "quebec city": a city in the province, not the province; its offices only inform the answer
                values.setdefault("weak_places", []).append(region)
                values.setdefault("unknown", []).append(f"{m.text.title()} City")
                take(s, e + city.end(), "PLACE")
                continue
            if (isinstance(region, Place) and region.only_a_region and masks and masks[-1][2] == "PLACE"
                    and not clause[masks[-1][1] : s].strip(" ,")):  # fmt: skip
                # "fort erie, ontario": a town of the province, not the province; its offices only inform the answer
                values.setdefault("weak_places", []).append(region)
                take(s, e, "")
                continue
            slot = {"place": "places", "state": "states", "country": "countries", "goods": "goods",
                    "holiday": "days", "term": "terms", "kind": "kinds"}[m.kind]  # fmt: skip
            if m.kind == "holiday" and self._set_aside.search(clause[:s]):
                slot = "set_aside"  # "(not new year's)": named to be left out
            if m.kind == "state" and self._set_aside.search(clause[:s]) and self._same_name_after.match(clause[e:]):
                take(s, e, "")  # "i meant eastport idaho, not the maine one": the state is ruled out
                continue
            if m.kind == "kind" and self._pointer.search(clause[:s]):
                take(s, e, "")  # "is that port a service port?", "under which port": a pointer, not what is asked
                continue
            values.setdefault(slot, []).append(m.readings[0][1])
            for kind, value in m.readings[1:]:
                if kind == "country" and m.kind == "country":  # "the caribbean": each country of it
                    values["countries"].append(value)
                if kind in ("term", "kind"):  # "port of entry" is both a defined term and what a place is asked to be
                    values.setdefault(kind + "s", []).append(value)
            if m.kind == "state" and isinstance(m.value("place"), Place):
                values.setdefault("state_places", []).append(m.value("place"))
            if m.kind == "state" and masks and masks[-1][2] == "PLACE" and not clause[masks[-1][1] : s].strip(" ,"):
                span = masks.pop()  # "Lewes, Delaware", "Lukeville AZ": the state says which place; read as one
                take(span[0], e, "PLACE")
            else:  # terms and kinds are what is asked: the classifier reads them, unmasked
                take(s, e, _PLACEHOLDER.get(m.kind, ""))
        for s, e, month in self.gazetteer.months("".join(blank)):  # before the years: "may 2029" is a month
            values.setdefault("months", []).append(month)
            take(s, e, "MONTH")
        for written in re.finditer(r"\b(?:19|20|21)\d\d\b", "".join(blank)):
            values.setdefault("years", []).append(int(written[0]))
            take(written.start(), written.end(), "YEAR")
        for said in self._relative_year.finditer("".join(blank)):  # "what date is it next year", "the year after"
            offset, counted = self._relative_years[said[0].lower()]
            values.setdefault("years", []).append((year or today.year if counted else today.year) + offset)
            take(said.start(), said.end(), "YEAR")
        # "19 CFR 101.6(a)" names a paragraph, not a quantity: read as written, as the phrasings write it
        cited = [m.span() for m in _CITATION.finditer(clause)]
        for s, e, n in self.gazetteer.numbers_in(clause):  # the clause: "two business days", the term still there
            if not "".join(blank[s:e]).strip() or any(a <= s and e <= b for a, b in cited):
                continue  # inside a date, a name or a citation
            values.setdefault("numbers", []).append(n)
            take(s, e, "NUMBER")
        relative = None
        found = dangling(clause)  # read on the clause: what follows may be a term ("the day after it a business day")
        if found is not None and "".join(blank)[found[0] : found[1]] != clause[found[0] : found[1]]:
            found = None  # inside a name
        if not values.get("dates") and found is not None:
            relative = found[2:]
            take(found[0], found[1], "DATE")
        unknown = []
        for s, e, name in self._unknown("".join(blank), clause):
            code = re.match(r"[\s,]+([A-Za-z]{2})\b", clause[e:])
            state = self.gazetteer.codes.get(code[1].upper()) if code else None
            if state is not None and code is not None:  # "yuma az": the code says which state
                values.setdefault("states", []).append(state)
                e += code.end()
            gap = re.match(r"[\s,]+", clause[e:])
            after = next((p for m in mine if gap and m.start - start == e + gap.end()
                          and isinstance(p := m.value("place"), Place) and p.only_a_region), None)  # fmt: skip
            if after is not None and after in values.get("places", []):
                # "fort erie ontario": a town of the province, not the province; its offices only inform the answer
                values["places"].remove(after)
                values.setdefault("weak_places", []).append(after)
            unknown.append(name)
            take(s, e, "PLACE")
        rest = "".join(blank)
        weekdays = []
        for s, e, w in self.gazetteer.weekdays(rest):
            # "can a saturday ever be a business day?", "does saturday count as a business day?": any Saturday
            every = (
                self._any_day.search(clause[:s])
                or self._any_day_after.match(clause[e:])
                or (
                    w >= 5
                    and any(isinstance(d, Definition) and d.term == "Business day" for d in values.get("terms", []))
                )
            )  # "is saturday a business day?": no weekend day is one; the question asks the rule
            # "which monday in january": a day of that month, not the next such day
            dated = values.get("dates", [])
            week = next((d for d in dated if isinstance(d, DateMention) and d.week_only), None)
            alone = len(dated) == (week is not None)  # no date but the week the weekday is in
            if not clause[s:e].lower().endswith("s") and alone and not every and not values.get("months"):
                # "is cbp open thursday": one day, the next such; "open on saturdays": every such day
                day = today + dt.timedelta(days=(w - today.weekday()) % 7)
                if week is not None:  # "friday next week": that week's Friday, which names the week now
                    day = week_of(week.day)[0] + dt.timedelta(days=(w + 1) % 7)
                    dated.remove(week)
                values.setdefault("dates", []).append(DateMention(start + s, start + e, day, False, weekday_only=True))
                take(s, e, "DATE")
            else:
                weekdays.append(w)
        rest = "".join(blank)
        masked, cursor = [], 0
        for s, e, word in sorted(masks):
            masked += [clause[cursor:s], word]
            cursor = e
        masked.append(clause[cursor:])
        segments = [self._fillers.sub("", seg.strip()) for seg in _SEGMENTS.split(clause)]
        polar = self._is_polar(clause, segments)
        given = {k for k, v in values.items() if v}
        if not polar and "kinds" in given and given & {"places", "unknown", "weak_places"}:
            # "sumas wa port of entry": a name and a kind, nothing else, ask whether it is one
            left = re.findall(r"[a-z']+", self._kind_phrase.sub(" ", self._fillers.sub("", rest.lower())))
            polar = not [w for w in left if w not in self._stopwords]
        if polar and given == {"terms"} and not re.findall(r"[a-z]{2,}", self._fillers.sub("", rest.lower().strip())):
            polar = False  # "and shipment?": a term and a question mark ask what it means, not yes or no
        slots = Slots(
            places=tuple(dict.fromkeys(v for v in values.get("places", []) if isinstance(v, Place))),
            weak_places=tuple(dict.fromkeys(v for v in values.get("weak_places", []) if isinstance(v, Place))),
            unknown=tuple(dict.fromkeys([*(str(u) for u in values.get("unknown", [])), *unknown])),
            states=tuple(dict.fromkeys(str(v) for v in values.get("states", []))),
            countries=tuple(dict.fromkeys(str(v) for v in values.get("countries", []))),
            goods=tuple(dict.fromkeys(v for v in values.get("goods", []) if isinstance(v, Center))),
            days=tuple(dict.fromkeys(v for v in values.get("days", []) if isinstance(v, DayName))),
            set_aside=tuple(dict.fromkeys(v for v in values.get("set_aside", []) if isinstance(v, DayName))),
            terms=tuple(dict.fromkeys(v for v in values.get("terms", []) if isinstance(v, Definition))),
            kinds=tuple(dict.fromkeys(str(v) for v in values.get("kinds", []))),
            dates=self._counted_from(clause, start, values.get("dates", []), bool(values.get("numbers"))),
            years=tuple(dict.fromkeys(int(str(v)) for v in values.get("years", []))),
            months=tuple(dict.fromkeys(int(str(v)) for v in values.get("months", []))),
            weekdays=tuple(dict.fromkeys(weekdays)),
            numbers=tuple(int(str(v)) for v in values.get("numbers", [])),
            direction=1 if self._after.search(rest) else -1 if self._before.search(rest) else 0,
            relative=relative,
            polar=polar,
            anaphora=bool(self._anaphora.search(rest)),
            others=bool(self._others.search(clause)),
            pointer_noun=pointer[1].lower() if (pointer := self._pointer_noun.search(rest)) else "",
            elliptic=bool(
                self._ellipsis.match(clause.strip()) or self._ellipsis.match(self._fillers.sub("", clause.strip()))
            )
            and len(re.findall(r"[a-z]+", rest.lower())) <= 6,  # "and vermont?", "ok what about otay mesa"
            asks=_first_cue(clause, self._closed, self._open),
            authority=bool(self._authority.search(clause)),
            # "do duties include taxes or just customs duty?", "does it take in tacoma or are those separate?":
            # a yes/no question asks its first alternative
            exclusive=bool(
                self._exclusive.search(re.sub(r"\bor\b(?!\s+not\b).*", "", clause, flags=re.I) if polar else clause)
            ),
            compare=self._compare(clause),
            person=bool(self._who.search(clause)),
            alternatives=bool(self._either_or.search(clause)),
            inclusive=bool(self._inclusive.search(clause) or self._from_through.search(clause)),
            week=bool(self._week.search(clause)),
            outside=bool(self._outside.search(clause)),
            same=bool(self._same.search(clause)),
            pointed=self._pointed(clause),
        )
        extra = [v for v in values.get("state_places", []) if isinstance(v, Place)]
        if extra and not slots.places:  # "is new york a port of entry": the state's name is also a port's
            slots = replace(slots, weak_places=tuple(dict.fromkeys([*slots.weak_places, *extra])))
        names = tuple((word, clause[s:e]) for s, e, word in sorted(masks))
        return slots, " ".join("".join(masked).split()), names

    def _counted_from(self, clause: str, start: int, found: list[object], counts: bool) -> tuple[DateMention, ...]:
        """The dates, the one a count starts from first: the one by the cue that says it counts as day one.

        "today's monday ... if tomorrow counts as day 1, what's business day 5?" counts from tomorrow.
        """
        dates = [d for d in found if isinstance(d, DateMention)]
        cue = self._inclusive.search(clause) if counts and len(dates) > 1 else None
        if cue is None:
            return tuple(dates)
        before, after = start + cue.start(), start + cue.end()
        first = min(dates, key=lambda d: min(abs(before - d.end), abs(d.start - after)))
        return (first, *(d for d in dates if d is not first))

    def _pointed(self, clause: str) -> str:
        """The kind a pointing word names: "any other stations under that port" points at a port."""
        for m in self._pointer_kind.finditer(clause):
            kind = self.gazetteer.kinds.get(" ".join(m[1].lower().split()))
            if kind is not None:
                return str(kind)
        return ""

    def _compare(self, clause: str) -> tuple[str, int] | None:
        """The count a question compares with: "more than one", "at least 3", "just the two", "several"."""
        if self._several.search(clause):
            return (">", 1)
        if self._none.search(clause) and self._wh_word.search(clause):
            return ("==", 0)  # "which states don't have any service port?"
        m = self._comparison.search(clause)
        if m is None:
            return None
        n = m[2].lower()
        return (
            self.vocabulary.grammar["comparisons"][" ".join(m[1].lower().split())],
            int(n) if n.isdigit() else self.gazetteer.numbers[n],
        )

    def _unknown(self, rest: str, clause: str) -> list[tuple[int, int, str]]:
        """Names the tables do not know ("Frankfurt", "yuma"), as (start, end, name) in the clause.

        A run of words no source, phrasing or vocabulary uses (or a capitalised word that is not the sentence's
        first; never an acronym: "APIS", "ESTA") is a name where a name can stand: capitalised, after "in"/"at"/
        "from", or just before what a place is asked to be ("yuma port", "dubai preclearance"). "is that action
        invalid" has no name in it.
        """
        stop = self.vocabulary.skip_words
        rest = self._idioms.sub(lambda m: " " * len(m[0]), rest)  # "in short" names no place "Short"
        words = list(re.finditer(r"[A-Za-z][A-Za-z.'-]*", rest))
        runs: list[list[re.Match[str]]] = []
        capitals: set[int] = set()  # starts of words written with a capital that does not just open a sentence
        run: list[re.Match[str]] = []
        opened = False  # the word before opens a name with this short one
        for i, m in enumerate(words):
            word = m[0].strip(".'")
            plain = re.sub(r"'s$", "", word.lower())  # "which one's the service port": "one" is no name
            # "santa fe", "la paz": a word followed by a short one that is no stopword opens a name
            # (not "employee's ID", not "yuma az": an acronym or a state's code is no part of a name)
            nxt = words[i + 1][0].strip(".'") if i + 1 < len(words) and words[i + 1].start() == m.end() + 1 else ""
            then = nxt.lower()
            short = len(then) == 2 and then not in stop and not nxt.isupper()
            opens = short and then.upper() not in self.gazetteer.codes and plain == word.lower() and plain not in stop
            opens = opens and len(plain) >= 3
            continues, opened = opened, opens
            first = not clause[: m.start()].strip(" ,-—–") or clause[: m.start()].rstrip()[-1:] in ".?!:"
            capital = (word[:1].isupper() and not word.isupper() and not first and plain not in stop
                       and plain not in self._asked_words and plain not in self.gazetteer.source_words)  # fmt: skip
            if word[:1].isupper() and not first:
                capitals.add(m.start())
            outside = plain in self._outside_words  # "is tijuana a us port?": a place the article names, unlisted
            if run and len(plain) < 3 and not word.isupper() and (word[:1].isupper() or continues):
                run.append(m)  # "Santa Fe", "santa fe": a short word goes on with the name before it
                continue
            if not opens and (
                len(plain) < 3
                or plain in stop
                or word.isupper()
                or plain in self.gazetteer.source_words
                and not outside
                or plain in self.gazetteer.source_bases
                and not word[:1].isupper()  # "who has to authorize it"
                or (plain in self._everyday and not capital and not outside)
            ):  # fmt: skip  (the sources explain their words)
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(m)
        if run:
            runs.append(run)
        out = []
        for r in runs:
            start, end = r[0].start(), r[-1].end()
            name = " ".join(m[0].strip(".'") for m in r)
            suffix = re.match(rf"\s+({self.vocabulary.pattern('name_suffixes')})\b", clause[end:], re.I)
            if suffix is not None:  # "sioux city iowa": the name goes on
                name, end = f"{name} {suffix[1]}", end + suffix.end()
            before = clause[:start].lower().split()[-2:]
            after = clause[end:].lower().split()[:4]  # "is tijuana itself a us port"
            follower = clause[end:].split()[:1]
            code = follower[0].strip("?.,!") if follower else ""
            everyday = code.lower() in stop or code.lower() in self.gazetteer.ordinary  # "comes IN by truck"
            following = [w for w in (w.strip("?.,!:;") for w in after) if w]
            region = any(self._is_region(" ".join(following[:n])) for n in (1, 2, 3))
            if code.upper() in self.gazetteer.codes and not everyday or region:  # "yuma az", "kelowna british columbia"
                out.append((start, end, name if any(c.isupper() for c in name) else name.title()))
                continue
            if follower and follower[0][:1].isupper() and follower[0].lower().strip("?.,!") not in self._kind_words:
                continue  # "Global Entry", "Trusted Traveler": a name of something else, not a place
            if all(m[0].strip(".'").lower() in self._outside_words for m in r):
                out.append((start, end, name.title()))  # a place the article names: a name wherever it stands
                continue
            if not any(c.isupper() for c in name) and all(self.gazetteer.is_english(m[0]) for m in r):
                # "at my door", "a bit of everything", "supervision applies": everyday words are a name only
                # right after "in"/"at"/"from" ("in paris"), right before "port"/"airport" ("paris airport"), or
                # asked to be one ("is windsor a us port")
                kind_next = [w.strip("?.,!") for w in after[:1]]
                opener = before[-1:] and (self._polar.match(before[-1]) or before[-1] in self._indirect_ends)
                if opener and kind_next and kind_next[0] in self._name_verbs:
                    # "does munich have preclearance": what it is asked to have comes after the verb
                    kind_next = [w.strip("?.,!") for w in after[1:] if w not in self._determiners][:1]
                state_next = any(  # "antler nd", "cork ireland": a state or a country says it is a place
                    " ".join(w.strip("?.,!") for w in after[:n])
                    in self.gazetteer.states.keys() | self.gazetteer.countries
                    for n in (1, 2, 3)
                )
                asked = (
                    before[-1:] in (["is"], ["are"], ["was"]) and {w.strip("?.,!") for w in after} & self._kind_words
                )
                swapped = (
                    self._ellipsis.fullmatch(clause[:start].strip(" ,")) is not None and not after
                )  # "what about dubai"
                infinitive = before[-2:-1] and before[-1] == "to" and before[-2] in self._infinitive_heads
                if (
                    before[-1:]
                    and before[-1] in self._prepositions - {"of"}
                    and not infinitive  # "have to stand there": a verb
                    or set(kind_next) & self._kind_words
                    or asked
                    or swapped
                    or state_next
                ):  # fmt: skip  ("cheyenne wyoming port?")
                    out.append((start, end, name.title()))
                continue
            # in lower case, what a place is asked to be must come next ("fabens a port"; not "diff between a port")
            skipped = self._determiners | self._name_verbs | {"one", "of", "among"}
            following = [w.strip("?.,!") for w in clause[end:].lower().split()[:5] if w not in skipped]
            next_kind = bool(following) and (
                following[0] in self._kind_words
                or any(" ".join(following[:n]) in self.gazetteer.states for n in (1, 2, 3))
            )  # "yuma arizona port?"
            # a capital counts unless it only opens the sentence ("Newsroom fact-check: how many ...?")
            if (any(x.start() in capitals for x in r) or set(before) & (self._prepositions | self._kind_words)
                    or next_kind):  # fmt: skip
                out.append((start, end, name if any(c.isupper() for c in name) else name.title()))
        return out
