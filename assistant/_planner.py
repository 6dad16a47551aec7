"""The default planner: read the message, decide each question's tool through the routes, run it, word it.

No language model: the reader (gazetteer + intent classifier) says what each
question asks and names; the named routes (``_routes``) settle follow-ups and
fallbacks; the registry's tools find the facts; the composers word them. The
conversation's earlier questions are read the same way, so "is that in
maine?" knows what "that" was. Several questions in one message are answered
in order, each able to point back to the one before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from corpus import Corpus, CustomsStation

from . import _tools_days, _tools_places, _tools_text  # noqa: F401 - importing them registers the tools
from ._data import PLACEHOLDERS, Intent, Vocabulary
from ._dates import CbpCalendar, DateMention
from ._gazetteer import Gazetteer, Place, _base, _norm
from ._matching import coverage, key_terms, names_article, stems
from ._records import Statement
from ._registry import TOOLS, Context, Request, Retrieved
from ._render import render
from ._render_days import anchors
from ._render_places import state_name
from ._results import (
    BusinessDayCount,
    BusinessDayShift,
    Centers,
    ClearanceRoute,
    DayStatus,
    Definitions,
    HolidayDate,
    HolidayList,
    Hours,
    PlaceFacts,
    PortLimits,
    PortsInState,
    Preclearance,
    Result,
    ServicePorts,
    Snippet,
    StationsInState,
    StationsOfPort,
    StationSupervisor,
    listed,
    meaning,
)
from ._routes import ABSTAIN_INTENTS, AFTER, BEFORE, FOUND_NOTHING, PASSAGE, Decision, Frame, Situation
from ._snippet import asks_overview, named_paragraphs
from ._understand import Ask, Reader, Slots

__all__ = ["Plan", "Planner", "Step"]

_PLACEHOLDER_WORDS = re.compile(rf"\b(?:{'|'.join(PLACEHOLDERS)})\b")
"""The names a question's masked text stands in for."""
HISTORY_TURNS = 2
"""Earlier user messages read for follow-ups (older ones rarely matter and cost time)."""
FAN_OUT = 4
"""At most this many of one kind of name are looked up one by one ("are Blaine and Sumas ports?")."""


@dataclass(frozen=True, slots=True)
class Step:
    """One question of the message and what was done for it."""

    ask: Ask
    """The question."""
    decision: Decision
    """The intent and slots used, and the routes that set them."""
    results: tuple[Result, ...]
    """What the tool returned (one per name looked up); empty when nothing answers."""


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything done for one message."""

    steps: tuple[Step, ...]
    """One per question."""
    statements: tuple[Statement, ...]
    """The answer, sentence by sentence."""
    tools: tuple[str, ...]
    """Tools and routes used, in order."""
    unanswered: bool
    """True when no question of the message could be answered."""
    partly: bool
    """True when some question was answered and another was not."""


_ONE_KIND_AT_A_TIME = frozenset({"lookup_place"})
"""Tools that answer whether a place is one kind of place: a yes/no question naming two kinds asks both."""


def _fan_kinds(tool: str) -> tuple[str, ...]:
    """The slots a tool answers one value at a time; the first that holds several is fanned out."""
    return {"lookup_place": ("places",), "station_supervisor": ("places",),
            "stations_of_port": ("places",), "ports_in_state": ("states",), "stations_in_state": ("states",),
            "service_ports": ("states",), "holiday_date": ("days",), "date_status": ("dates",),
            "preclearance": ("countries", "places")}.get(tool, ())  # fmt: skip


class Planner:
    """Answers a message with the registry's tools, no language model."""

    def __init__(self, corpus: Corpus, reader: Reader, vocabulary: Vocabulary, intents: Sequence[Intent]) -> None:
        self.corpus = corpus
        self.reader = reader
        self.gazetteer: Gazetteer = reader.gazetteer
        self.vocabulary = vocabulary
        self.intents = {i.name: i for i in intents}
        self.calendar = CbpCalendar(corpus)
        self.min_score = vocabulary.threshold("intents_min_score")
        self._vocabularies = _vocabularies(intents, vocabulary)
        self._outside = _outside_words(corpus, intents, vocabulary, self.gazetteer)
        self._where_cue = re.compile(rf"\b(?:{vocabulary.pattern('where_cues')})\b", re.I)
        self._restated = vocabulary.threshold("intents_restated_share")
        self._one_cue = re.compile(rf"\b(?:{vocabulary.pattern('same_name')})\b", re.I)
        self._unsourced = re.compile(rf"(?<![\w'])(?:{vocabulary.pattern('unsourced_values')})(?![\w'])", re.I)
        self._true_false = re.compile(rf"\b(?:{vocabulary.pattern('true_false')})\b", re.I)
        self._same = re.compile(rf"\b(?:{vocabulary.pattern('same_cues')})\b", re.I)
        self._denial = re.compile(rf"\b(?:{vocabulary.pattern('denials')})\b", re.I)
        self._persons = re.compile(rf"\b(?:{vocabulary.pattern('persons')})\b", re.I)

    def _needs(self, intent: str) -> tuple[str, ...]:
        tool = self.intents[intent].tool if intent in self.intents else ""
        return TOOLS[tool].needs if tool in TOOLS else ()

    def _accepts(self, intent: str) -> tuple[str, ...]:
        tool = self.intents[intent].tool if intent in self.intents else ""
        return TOOLS[tool].accepts if tool in TOOLS else ()

    def _denies(self, ask: Ask) -> bool:
        """A claim to confirm that denies ("my manager says Sacramento isn't a port anymore. is that so?")."""
        tag = self.reader.tag(ask.text)
        return tag is not None and self._denial.search(f"{ask.context_text} {ask.text[: tag.start()]}") is not None

    def _names_article(self, text: str) -> bool:
        return names_article(text, self.vocabulary)

    def _same_name(self, text: str) -> bool:
        return self._one_cue.search(text) is not None

    def _asks_unsourced(self, text: str) -> bool:
        return self._unsourced.search(text) is not None

    def _names_paragraph(self, text: str) -> bool:
        return bool(named_paragraphs(text, self.corpus))

    def _asks_overview(self, text: str) -> bool:
        return bool(named_paragraphs(text, self.corpus)) and asks_overview(text, self.vocabulary)

    def _joins(self, intent: str) -> tuple[str, ...]:
        tool = self.intents[intent].tool if intent in self.intents else ""
        return TOOLS[tool].joins if tool in TOOLS else ()

    def _situation(self, ask: Ask, frames: Sequence[Frame], extras: dict[str, object] | None = None) -> Situation:
        return Situation(ask, frames, self.intents, self._needs, self._accepts, self.vocabulary.skip_words,
                         self.min_score, self.vocabulary.threshold("intents_margin"),
                         self.vocabulary.threshold("intents_follow_margin"),
                         self.vocabulary.threshold("intents_unsure_abstain"), self.vocabulary.threshold("intents_sure"),
                         extras or {}, self._outside,
                         self.vocabulary.threshold("intents_outside_margin"), self._joins,
                         self._names_article, self.vocabulary.threshold("intents_abstain_tie"),
                         self._same_name, self._names_paragraph, self._asks_overview,
                         self._asks_unsourced)  # fmt: skip

    # ------------------------------------------------------------------ deciding

    def decide(self, ask: Ask, frames: Sequence[Frame]) -> Decision:
        """The intent and slots for ``ask``, after the routes."""
        situation = self._situation(ask, frames)
        decision = Decision(ask.intent, ask.slots)
        for route in BEFORE:
            decision = route.apply(decision, situation) or decision
        return decision

    def _run(self, decision: Decision, ask: Ask, ctx: Context, earlier: str = "",
             said: tuple[str, ...] = ()) -> tuple[Result, ...]:  # fmt: skip
        """Run the decided tool, once per value when the question names several.

        ``earlier`` is the question a follow-up leans on, whose words steer passage search.
        """
        tool_name = self.intents[decision.intent].tool if decision.intent in self.intents else ""
        if not tool_name:
            return ()
        tool = TOOLS[tool_name]
        # "is calgary the only one in alberta?": a member and the set it is the only one of are read together
        fan = _fan_kinds(tool_name) if not decision.slots.exclusive else ()
        kind = next((k for k in fan if len(getattr(decision.slots, k)) > 1), None)
        values = getattr(decision.slots, kind) if kind else ()
        # what the question already holds is no context to it ("... a real port, who pays the officer? " read with
        # the statement before it): said twice, it would only lengthen the search
        context = " ".join(p for p in (ask.context_text, earlier) if p and p.lower() not in ask.text.lower())
        requests = [Request(decision.slots, ask.text, decision.strict, context, said)]
        if kind and len(values) > 1:
            one_each: list[dict[str, Any]] = [{kind: (v,)} for v in values[:FAN_OUT]]
            requests = [
                Request(replace(decision.slots, **one), ask.text, decision.strict, context, said) for one in one_each
            ]
        elif tool_name in _ONE_KIND_AT_A_TIME and decision.slots.polar and len(decision.slots.kinds) > 1:
            # "is calexico a port of entry and also a service port?": each kind asked is its own yes or no
            requests = [Request(replace(decision.slots, kinds=(k,)), ask.text, decision.strict, context, said)
                        for k in decision.slots.kinds[:FAN_OUT]]  # fmt: skip
        results = [r for req in requests if (r := tool.run(req, ctx)) is not None]
        hits = [r for r in results if not _miss(r)]
        return tuple(dict.fromkeys(hits if len(results) > 1 and hits else results))

    # ------------------------------------------------------------------ focus

    def _place(self, name: str) -> Place | None:
        """The place a printed name means ("Mobile, AL" as a station's supervisor is the port of Mobile)."""
        return self.gazetteer.places.get(_norm(name)) or self.gazetteer.places.get(_norm(_base(name)))

    def _station_places(self, stations: Sequence[CustomsStation]) -> list[Place]:
        out = []
        for s in stations:
            for name in (s.name.partition(" (")[0], s.supervisory_port):
                if (p := self._place(name)) is not None:
                    out.append(p)
        return out

    def focus(self, result: Result) -> Slots:
        """What an answer was about, for a follow-up to point back to."""
        places: list[Place] = []
        dates: list[dt.date] = []
        states: list[str] = []
        if isinstance(result, PlaceFacts | ClearanceRoute):
            facts = result.destination if isinstance(result, ClearanceRoute) else result
            if facts is not None and facts.place is not None:
                places.append(facts.place)
            if isinstance(result, ClearanceRoute) and result.origin and result.origin.offices:
                places += [p for o in result.origin.offices if (p := self._place(o.office.split(",")[0]))]
        elif isinstance(result, StationSupervisor):
            places += self._station_places(result.stations) or ([result.place] if result.place else [])
        elif isinstance(result, StationsOfPort):
            places += ([result.place] if result.place else []) + self._station_places(result.stations)
        elif isinstance(result, StationsInState):  # the stations themselves, not their supervisors
            places += [p for s in result.stations if (p := self._place(s.name.partition(" (")[0]))]
            states.append(result.state)
        elif isinstance(result, ServicePorts) and result.state:  # "is it also a port of entry?": the service port
            places += [p for s in result.rows if (p := self._place(s.name))]
            states.append(result.state)
        elif isinstance(result, PortsInState) and result.state:
            states.append(result.state)
        elif isinstance(result, PortLimits):
            places += [p for p in [self._place(result.name)] if p]
        elif isinstance(result, Preclearance):
            places += [p for o in result.offices if (p := self._place(o.office.split(",")[0]))]
        elif isinstance(result, Centers):
            places += [p for c in result.centers if (p := self._place(c.office.split(",")[0]))]
        elif isinstance(result, HolidayDate):
            dates.append(result.closure.day if result.closure else result.date)
        elif isinstance(result, DayStatus):
            dates.append(result.day)
        elif isinstance(result, BusinessDayShift):
            dates.append(result.result)
        elif isinstance(result, HolidayList):
            # "what date is it next year?" after the one holiday in October: that holiday
            one = self.gazetteer.days_on(result.closures[0].date) if len(result.closures) == 1 else []
            return Slots(years=(result.year,), days=tuple(one))
        elif isinstance(result, Definitions):
            return Slots(terms=result.terms)
        return Slots(
            places=tuple(dict.fromkeys(places)),
            states=tuple(dict.fromkeys(s for s in states if s)),
            dates=tuple(DateMention(0, 0, d, True) for d in dates),
            years=tuple(dict.fromkeys(d.year for d in dates)),
        )

    # ------------------------------------------------------------------ answering

    def _context(self, today: dt.date, retrieve: Callable[..., list[Retrieved]]) -> Context:
        return Context(self.corpus, self.gazetteer, self.calendar, today, retrieve)

    def _frames(self, history: Sequence[tuple[str, str]], today: dt.date) -> list[Frame]:
        """The conversation's last user messages as frames, most recent first (no passage search for them)."""
        frames: list[Frame] = []
        ctx = self._context(today, lambda text: [])
        users = [text for role, text in history if role == "user"][-HISTORY_TURNS:]
        for message in users:
            asks, _ = self.reader.read(self._unplaced(message), today=today, year=_year(frames))
            for ask in asks:
                decision = self.decide(ask, frames)
                results = self._run(decision, ask, ctx) if decision.intent != PASSAGE else ()
                focus = self.focus(results[0]) if results else Slots()
                frames.insert(0, Frame(decision.intent, decision.slots, focus, ask.text))
        return frames

    def _unplaced(self, message: str) -> str:
        """The message without its where-cue: "which section governs X?" asks what "what governs X?" asks.

        A cue that opened with "what" or "which" leaves "what" behind, so the rest stays a wh-question and is
        not read as a yes or no ("governs X?").
        """
        return self._where_cue.sub(lambda m: " what " if m[0].split()[0].lower() in ("what", "which") else " ", message)

    def _restates(self, statement: Statement, statements: Sequence[Statement]) -> bool:
        """Whether an earlier statement rests on the same evidence and says nearly the same words.

        "The Consumer Products & Mass Merchandising Center is managed from Atlanta, Georgia" and "Those goods fall
        under the Consumer Products & Mass Merchandising Center, managed from Atlanta, Georgia" are one fact.
        """
        if not statement.evidence:
            return False
        words, names = self._said([statement]), self._names_in(statement.text)
        return any(
            set(other.evidence) == set(statement.evidence)
            and self._names_in(other.text) == names  # another date, count or place is another fact
            and len(words & (held := self._said([other]))) >= self._restated * len(words | held)
            for other in statements
        )

    def _names_in(self, text: str) -> frozenset[str]:
        """The numbers and capitalised names of a sentence, but for capitalised common words ("The", "Those")."""
        found = re.findall(r"\d+|\b[A-Z][\w'-]*", text)
        return frozenset(w for w in found if w.lower() not in self.vocabulary.skip_words)

    def _said(self, statements: Sequence[Statement]) -> frozenset[str]:
        return stems(" ".join(s.text for s in statements), self.vocabulary)

    def plan(self, message: str, history: Sequence[tuple[str, str]], *, today: dt.date,
             retrieve: Callable[..., list[Retrieved]]) -> Plan:  # fmt: skip
        """Read, decide, run and word every question of ``message``."""
        frames = self._frames(history, today)
        ctx = self._context(today, retrieve)
        where = self._where_cue.search(message) is not None
        if where:  # "which paragraph lists the holidays?" asks what "lists the holidays?" asks, and where it is said
            message = self._unplaced(message)
        asks, _ = self.reader.read(message, today=today, year=_year(frames))
        steps: list[Step] = []
        statements: list[Statement] = []
        tools: list[str] = []
        answered = unanswered = 0
        subjects: dict[int, Slots] = {}  # what each Yes or No said was about, by its place in the statements
        for ask in asks:
            decision = self.decide(ask, frames)
            leans = frames and (ask.slots.anaphora or ask.slots.elliptic or set(decision.routes) & _FOLLOW_UPS)
            quoted = tuple(e.quote for st in statements for e in st.evidence)
            earlier = frames[0].text if leans else ""
            results = self._run(decision, ask, ctx, earlier, quoted)
            if not results:
                for route in FOUND_NOTHING:
                    if (instead := route.apply(decision, self._situation(ask, frames))) is not None:
                        decision = instead
                        results = self._run(decision, ask, ctx, earlier, quoted)
                        break
            parts = [self._render(r, ask) for r in results]
            if decision.slots.polar and decision.slots.alternatives:
                parts = _either(parts)
            said = _one_lead([s for part in parts for s in part])
            if said and isinstance(results[0], _COUNTED_FROM):
                said = anchors(said, decision.slots.dates, ctx.calendar, self.corpus)
            polar = decision.slots.polar  # as decided: "and pharma?" after a list question asks no yes or no
            if polar and ask.slots.compare and results and (n := listed(results[0])) is not None:
                said = _compared(said, n, ask.slots.compare)
            elif polar and results and isinstance(results[0], _PROPOSALS):
                said = _checked(said, decision.slots)
            if polar and results and self._same.search(ask.text) and _namesakes(results[0]):
                # "is the eastport in idaho the same as eastport maine?": two ports of one name are not the same,
                # nor two terms 101.1 defines apart
                said = [Statement("No."), *(s for s in said if s.text not in ("Yes.", "No."))]
            if polar and self._denies(ask):
                said = [Statement("No." if s.text == "Yes." else "Yes.") if s.text in ("Yes.", "No.") else s
                        for s in said]  # fmt: skip
            if results and decision.intent != PASSAGE and not isinstance(results[0], Snippet):
                decision, results, said = self._after(decision, ask, frames, ctx, results, said)
            steps.append(Step(ask, decision, results))
            if said:
                answered += 1
                tool = self.intents[decision.intent].tool
                tools += [tool, *(f"route:{r}" for r in decision.routes)]
                for i, st in enumerate(said):
                    lead = st.text in _LEADS
                    if lead and i + 1 < len(said) and said[i + 1] in statements:
                        # its fact was said for an earlier question: the lead would dangle, unless the two answers
                        # differ ("is guam in the customs territory? and puerto rico?": no for one, yes for the other)
                        _both_leads(statements, statements.index(said[i + 1]), st.text, subjects, decision.slots)
                        continue
                    asked_yes_no = i > 0 and said[i - 1].text in _LEADS  # its Yes or No needs it
                    if not lead and not asked_yes_no and self._restates(st, statements):
                        continue  # the same fact, in other words, for another question of the message
                    if st not in statements or lead:
                        statements.append(st)
                        if lead:
                            subjects[len(statements) - 1] = decision.slots
                frames.insert(0, Frame(decision.intent, decision.slots, self.focus(results[0]), ask.text))
            else:
                unanswered += 1
                tools += [f"route:{r}" for r in decision.routes]
                frames.insert(0, Frame(decision.intent, decision.slots, Slots(), ask.text, answered=False))
        final = _tidy(statements)
        if final and where:  # "what paragraph says ...?": the paragraph is the answer
            final = _where(final)
        if self._true_false.search(message):  # "true or false: ...": answered True or False, not Yes or No
            final = [Statement(_TRUE_FALSE.get(s.text, s.text), s.evidence) for s in final]
        return Plan(tuple(steps), tuple(final), tuple(dict.fromkeys(tools)), answered == 0,
                    answered > 0 and unanswered > 0)  # fmt: skip

    def _render(self, result: Result, ask: Ask) -> list[Statement]:
        question = f"{ask.context_text} {ask.text}".strip()  # "guam - part of us customs territory?": both parts
        return render(result, self.corpus, question=question, vocabulary=self.vocabulary)

    def _after(self, decision: Decision, ask: Ask, frames: Sequence[Frame], ctx: Context,
               results: tuple[Result, ...], said: list[Statement]
               ) -> tuple[Decision, tuple[Result, ...], list[Statement]]:  # fmt: skip
        """The post-tool routes: a passage that holds what a table answer leaves out may replace it.

        What the answer leaves out: the question's key words that are neither in the answer nor among the words
        people commonly use to ask for that intent (its phrasings' vocabulary), so "open" in "is cbp open that
        day?" is not missing from "No, CBP offices are closed ...".
        """
        keys = key_terms(ask.text, self.vocabulary)
        extra = [k for k in key_terms(ask.context_text, self.vocabulary) if k not in keys]
        common = self._vocabularies.get(decision.intent, frozenset())
        # Names the reader resolved are what the tool looked up ("pharma" -> the Pharmaceuticals Center, "lukevile"
        # -> Lukeville) when it takes names of that kind: the answer names them its own way. A goods word in a
        # question answered with a definition ("how long is the line for trucks there?") was not looked up.
        taken = {*self._accepts(decision.intent), *self._needs(decision.intent)}
        typed = iter(ask.names)
        unnamed = key_terms(_PLACEHOLDER_WORDS.sub(lambda m: _unless_taken(next(typed, ("", "")), taken), ask.masked),
                            self.vocabulary)  # fmt: skip
        missing = [k for k in keys if k in unnamed and not k & (self._said(said) | common)]
        article = any(e.ref.startswith("Article: ") for st in said for e in st.evidence)
        if self._names_article(f"{ask.context_text} {ask.text}") and not article:
            # "what does the article say about savannah?": the table answer lacks what the article says of the place
            named = key_terms(" ".join(p.name for p in decision.slots.places), self.vocabulary)
            missing += [k for k in named if k not in missing]
        if not missing:
            return decision, results, said
        # Words only: whether a passage holds the missing key words is a question of words, and it saves an embedding.
        words_only = dataclasses.replace(
            ctx,
            retrieve=lambda query, lexical=True, also="", source=None: ctx.retrieve(
                query, lexical=True, also=also, source=source
            ),
        )
        passage = TOOLS["search_passages"].run(Request(decision.slots, ask.text, context=ask.context_text), words_only)
        home = TOOLS[self.intents[decision.intent].tool].home
        names = [p.name for p in decision.slots.places]

        def names_place(quote: str) -> bool:
            return any(re.search(rf"\b{re.escape(n)}\b", quote) for n in names)

        if isinstance(passage, Snippet) and passage.items:
            # "the article says miami airport is the main way in for travelers from where": of the list found, the
            # one item about the place asked
            own = [e for e in passage.items if names_place(e.quote)]
            passage = Snippet((own[0],)) if len(own) == 1 else passage
        # A passage elsewhere answers another question than the tool's, unless it names the place asked about
        # ("what's the bridge at buffalo called?": the article's Peace Bridge sentence adds to the table answer).
        aside = (
            isinstance(passage, Snippet)
            and not passage.sentences[0].ref.startswith(home)
            and any(names_place(e.quote) for e in passage.sentences)
        )
        if not isinstance(passage, Snippet) or not passage.sentences[0].ref.startswith(home) and not aside:
            passage = None
        passage_said = self._render(passage, ask) if passage is not None else []
        holds = self._said(passage_said)
        extras: dict[str, object] = {
            "answer_coverage": coverage(keys, self._said(said) | common, extra),
            "missing_share": len(missing) / len(keys) if keys else 1.0,  # only the article's place is missing
            "miss_share": self.vocabulary.threshold("intents_miss_share"),
            "min_coverage": self.vocabulary.threshold("passages_min_coverage"),
            "margin": self.vocabulary.threshold("passages_beat_margin"),
            # a definition that said Yes or No settled it ("is guam inside the customs territory?": No, only ...), and
            # so did the hours compared ("same hours at our dock?": No, 8 a.m. outside the office, 8:30 inside)
            "settled": (isinstance(results[0], Definitions) or isinstance(results[0], Hours) and results[0].same)
            and bool(said)
            and said[0].text in _LEADS,
        }
        if passage is not None:
            extras |= {
                "passage_coverage": coverage(keys, holds, extra),
                "missing_found": coverage(missing, holds),
                "aside": aside,
                # "who's in charge of the preclearance offices?": a passage that names the person answers "who"
                "names_person": self._persons.search(" ".join(st.text for st in passage_said)) is not None,
            }
        situation = self._situation(ask, frames, extras)
        for route in AFTER:
            changed = route.apply(decision, situation)
            if changed is not None and changed.routes[-1] == "passage_adds" and passage is not None:
                if passage.lead:
                    # "is miami airport mostly for flights from asia?": the passage holds what the yes/no asks (the
                    # table answer, what it leaves out), so its Yes or No leads, and any of the table's goes
                    rest = said[1:] if said and said[0].text in _LEADS else said
                    return changed, (passage, *results), [*passage_said, *rest]
                return changed, (*results, passage), [*said, *passage_said]
            if changed is not None and changed.intent == PASSAGE and passage is not None:
                return changed, (passage,), passage_said
            if changed is not None and changed.intent in ABSTAIN_INTENTS:
                return changed, (), []
        return decision, results, said


_LEADS = ("Yes.", "No.")
"""The statements that lead a yes/no answer."""


def _both_leads(statements: list[Statement], fact: int, lead: str, subjects: dict[int, Slots], slots: Slots) -> None:
    """A second Yes or No resting on a fact already said, and not the first's: both, each with what it is about."""
    before = fact - 1
    if before < 0 or statements[before].text not in _LEADS or statements[before].text == lead:
        return
    first, second = _subject(subjects.get(before)), _subject(slots)
    if second and first != second:  # "No; yes for Puerto Rico." when the first named nothing the tables know
        said = (
            statements[before].text[:-1] + (f" for {first}" if first else "") + f"; {lead[:-1].lower()} for {second}."
        )
        statements[before] = Statement(said)


def _subject(slots: Slots | None) -> str:
    """The names a yes/no question asked about, as the sources write them ("Guam", "the U.S. Virgin Islands")."""
    if slots is None:
        return ""
    names = [p.name for p in (*slots.places, *slots.weak_places)] + [state_name(s) for s in slots.states]
    names += [*slots.countries, *(w.title() for w in slots.unknown)]  # "Guam": named, if nowhere in the tables
    return " and ".join(dict.fromkeys(names))


_SLOT_OF = {"PLACE": "places", "STATE": "states", "COUNTRY": "countries", "GOODS": "goods", "HOLIDAY": "days",
            "DATE": "dates", "YEAR": "years", "MONTH": "months", "NUMBER": "numbers"}  # fmt: skip


def _unless_taken(name: tuple[str, str], taken: set[str]) -> str:
    """The words a placeholder stands for, or nothing when the tool takes names of its kind."""
    placeholder, typed = name
    return " " if _SLOT_OF.get(placeholder) in taken else f" {typed} "


def _outside_words(corpus: Corpus, intents: Sequence[Intent], vocabulary: Vocabulary,
                   gazetteer: Gazetteer) -> frozenset[str]:  # fmt: skip
    """Words only questions outside the sources use.

    They are the stems of the "not in my sources" phrasings ("esta", "exchange rate", "weather") that no source, no
    other phrasing and no name or synonym the engine knows uses; an everyday English word ("drop") counts only when
    two such phrasings use it.
    """
    known: set[str] = set()
    for p in corpus.passages:
        known |= stems(p.text, vocabulary)
    known |= stems(" ".join(gazetteer.table), vocabulary)
    known |= stems(" ".join(f"{k} {' '.join(v)}" for k, v in vocabulary.synonyms.items()), vocabulary)
    uses: dict[str, int] = {}
    for intent in intents:
        for line in intent.phrasings:
            words = stems(re.sub(r"\b[A-Z]{3,}\b", " ", line), vocabulary)
            if intent.name == ABSTAIN_INTENTS[0]:
                for w in words:
                    uses[w] = uses.get(w, 0) + 1
            elif intent.name not in ABSTAIN_INTENTS:
                known |= words
    everyday = stems(" ".join(gazetteer.english), vocabulary)
    outside = {w for w, n in uses.items() if n >= 2 or w not in everyday}
    return frozenset(outside - known - vocabulary.skip_words)


def _vocabularies(intents: Sequence[Intent], vocabulary: Vocabulary) -> dict[str, frozenset[str]]:
    """Each intent's common words: stems in at least ``intents_vocabulary_share`` of its phrasings."""
    share = vocabulary.threshold("intents_vocabulary_share")
    out = {}
    for intent in intents:
        counts: dict[str, int] = {}
        for line in intent.phrasings:
            for stem in stems(re.sub(r"\b[A-Z]{3,}\b", " ", line), vocabulary):
                counts[stem] = counts.get(stem, 0) + 1
        out[intent.name] = frozenset(w for w, n in counts.items() if n >= share * len(intent.phrasings))
    return out


def _miss(result: Result) -> bool:
    """A looked-up name the tool found nothing for (dropped when other names of the same question were found)."""
    if isinstance(result, StationSupervisor | StationsOfPort):
        return not result.stations
    return isinstance(result, PlaceFacts) and result.place is None


def _year(frames: Sequence[Frame]) -> int | None:
    """The year the conversation is about, if its last question named one."""
    for f in frames[:1]:
        for slots in (f.focus, f.slots):
            if slots.years:
                return slots.years[0]
            if slots.dates:
                return slots.dates[0].day.year
    return None


_FOLLOW_UPS = {"follow_up", "points_back", "relative_day", "no_intent"}
"""Routes that read a question as a follow-up of the one before (or, recognising nothing, lean on it:
"ok so who do i have to tell beforehand?")."""

_COMPARE: dict[str, Callable[[int, int], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}


_TRUE_FALSE = {"Yes.": "True.", "No.": "False."}
_COUNTED_FROM = (DayStatus, BusinessDayShift, BusinessDayCount)
"""Results about a date that may have been given by a holiday ("the monday after memorial day")."""
_PROPOSALS = (StationSupervisor, StationsOfPort, ServicePorts, Preclearance, Centers)
"""Answers that name what a yes/no question may propose: "does eagle fall under fairbanks?" (it is Alcan)."""


def _checked(said: list[Statement], slots: Slots) -> list[Statement]:
    """The Yes or No lead of a yes/no question that names places, from whether the answer names them all.

    Yes when the answer names every place the yes/no question names ("is lorain supervised by sandusky?"), No
    when it leaves one out ("... by cleveland?": the answer names Sandusky); a lead already given stands.
    """
    names = [p.name for p in slots.places] + list(slots.unknown)
    if not said or not names or said[0].text == "No.":
        return said
    lead, rest = (said[0], said[1:]) if said[0].text == "Yes." else (None, said)
    text = " ".join(s.text for s in rest).lower()
    named = [n for n in names if re.search(rf"\b{re.escape(n.lower())}\b", text)]
    if slots.alternatives and len(names) > 1 and named:
        return rest  # "is the electronics center in long beach or miami?": the answer names the one it is
    if len(named) < len(names):
        return [Statement("No."), *rest]  # "is burlington the service port for vermont?": the list is St. Albans
    if lead is None and (len(names) > 1 or slots.states or slots.goods):
        return [Statement("Yes."), *rest]
    return said


def _compared(said: list[Statement], count: int, compare: tuple[str, int]) -> list[Statement]:
    """A list answer to "is there more than one ...?": Yes or No by its count, then the list."""
    rest = said[1:] if said and said[0].text in ("Yes.", "No.") else said
    return [Statement("Yes." if _COMPARE[compare[0]](count, compare[1]) else "No."), *rest]


def _where(said: list[Statement]) -> list[Statement]:
    """The paragraph the answer rests on, said first (after any Yes or No): "It is in 19 CFR 101.7(b)(1)."."""
    ref = next((s.evidence[0].ref for s in said if s.evidence), None)
    if ref is None:
        return said
    if ref.startswith("Article: "):
        where = f"the article's section “{ref.removeprefix('Article: ')}”"
    elif " (" in ref:  # "19 CFR 101.1 (Customs station)": a definition
        section, _, term = ref.partition(" (")
        where = f"{section}, the definition of “{term.removesuffix(')')}”"
    else:
        where = ref
    at = 1 if said[0].text in ("Yes.", "No.") else 0
    return [*said[:at], Statement(f"It is in {where}."), *said[at:]]


def _namesakes(result: object) -> bool:
    """A place answer about a name that several ports in different states bear, or two defined terms.

    "is a center director the same as a port director?": 101.1 defines them apart.
    """
    if isinstance(result, Definitions):  # two terms are one thing when they mean the same words ("Customs", "CBP")
        return len({d.term for d in result.terms}) > 1 and len({meaning(d) for d in result.terms}) > 1
    if not isinstance(result, PlaceFacts):
        return False
    ports = {p.id for p in result.place.ports} if result.place is not None else set()
    return len(ports | {p.id for p in result.elsewhere}) > 1


def _either(parts: list[list[Statement]]) -> list[list[Statement]]:
    """The answers to a yes/no question that offers alternatives, the ones that say Yes first and alone leading.

    "does spain or ireland have preclearance?": "Yes. CBP has 2 preclearance offices in Ireland ..." and then,
    without its own No, that Spain has none.
    """
    yes = [p for p in parts if p and p[0].text == "Yes."]
    if not yes or len(yes) == len(parts):
        return parts
    return yes + [[s for s in p if s.text not in ("Yes.", "No.")] for p in parts if p not in yes]


def _one_lead(said: list[Statement]) -> list[Statement]:
    """One question's statements with one Yes or No: "Yes. Maine has ... Oregon has ..." (the same lead once)."""
    leads = {s.text for s in said if s.text in ("Yes.", "No.")}
    if len(leads) != 1:
        return said
    first = next(i for i, s in enumerate(said) if s.text in leads)
    return [s for i, s in enumerate(said) if i == first or s.text not in leads]


def _tidy(statements: list[Statement]) -> list[Statement]:
    """The statements with their "Yes."/"No." leads tidied.

    A lead stays only where a statement follows it (a later question's lead whose facts were already said goes),
    and never two in a row.
    """
    out: list[Statement] = []
    for i, s in enumerate(statements):
        lead = s.text in ("Yes.", "No.")
        following = statements[i + 1] if i + 1 < len(statements) else None
        if lead and (following is None or following.text in ("Yes.", "No.")):
            continue
        out.append(s)
    return out
