"""The routes that still need a rule: one ordered, named registry, each route with its reason and a test.

Understanding is data (phrasings, vocabulary); a route is for what data
cannot say: how a follow-up borrows from the turn before, what to do when a
question names nothing its intent needs, when to search the passages instead.
The planner applies ``BEFORE`` in order to every question, runs the tool, then
applies ``AFTER``. Each route returns a new decision, or None to leave it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ._data import Intent
from ._dates import DateMention, day_of_month, shifted
from ._matching import stems
from ._understand import Ask, Slots

__all__ = ["AFTER", "BEFORE", "FOUND_NOTHING", "Decision", "Frame", "Route", "Situation"]

ABSTAIN_INTENTS = ("unsupported", "chitchat")
PASSAGE = "passage"


@dataclass(frozen=True, slots=True)
class Frame:
    """An earlier question: what it asked, what it named, and what its answer was about."""

    intent: str
    """The intent it was answered as."""
    slots: Slots
    """What it named (after its own follow-up resolution)."""
    focus: Slots
    """What its answer was about (the station and its port, the date reached, ...)."""
    text: str = ""
    """The question as asked: its words steer the passage search of a follow-up ("and can we appeal it?")."""
    answered: bool = True
    """Whether the sources answered it."""


@dataclass(frozen=True, slots=True)
class Decision:
    """What the planner will do for one question: an intent and the slots its tool gets."""

    intent: str
    """The intent (and so the tool)."""
    slots: Slots
    """The slots the tool gets."""
    routes: tuple[str, ...] = ()
    """The routes that changed it, in order (reported in the answer's tools)."""
    strict: bool = False
    """Passage search must find a sentence holding most of the question (it leaned towards not answering)."""

    def via(self, route: str, **changes: object) -> Decision:
        """The same decision changed by ``route``."""
        return replace(self, routes=(*self.routes, route), **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Situation:
    """What a route may look at: the question, the questions before it, the intents and the thresholds."""

    ask: Ask
    """The question."""
    frames: Sequence[Frame]
    """Earlier questions, most recent first (this message's, then the conversation's)."""
    intents: dict[str, Intent]
    """Every intent by name."""
    needs: Callable[[str], tuple[str, ...]]
    """The slot kinds an intent's tool needs (any one of them)."""
    accepts: Callable[[str], tuple[str, ...]]
    """The slot kinds an intent's tool uses when given."""
    stopwords: frozenset[str]
    """Words that carry no question of their own ("and", "the", "what")."""
    min_score: float
    """Below this classifier score no intent is recognised."""
    margin: float = 0.0
    """Intents this close to the best are nearly as likely."""
    follow_margin: float = 0.0
    """For a question that points back, the previous question's intent this close to the best is preferred."""
    unsure_abstain: float = 0.0
    """Below this score a recognised "not in the sources" question may still be answered by a passage."""
    sure: float = 1.0
    """At or above this score a question's own intent is not second-guessed by the question before it."""
    extras: dict[str, object] = field(default_factory=dict)
    """Anything the planner hands a post-tool route."""
    outside: frozenset[str] = frozenset()
    """Stemmed words only questions outside the sources use ("esta", "snow", "exchange rate")."""
    outside_margin: float = 1.0
    """Such a word decides only when the "not in the sources" intent scores this close to the best."""
    joins: Callable[[str], tuple[str, ...]] = lambda intent: ()
    """The slot kinds an intent's tool takes from the statements around the question as well."""
    names_article: Callable[[str], bool] = lambda text: False
    """Whether a text says it asks what the article says ("according to the article, ...")."""
    tie: float = 0.0
    """A passage reading this close to a "not in the sources" one is a tie: only a passage that holds most of it
    answers."""
    same_name: Callable[[str], bool] = lambda text: False
    """Whether a text stands for a name asked before by a word like "one" ("and the one in vermont?")."""
    names_paragraph: Callable[[str], bool] = lambda text: False
    """Whether a text names a paragraph of the regulation by number ("what does 101.6(g) say about ...")."""
    asks_overview: Callable[[str], bool] = lambda text: False
    """Whether a text asks only what a paragraph of the regulation it names by number holds ("what's 101.2 about?")."""
    asks_unsourced: Callable[[str], bool] = lambda text: False
    """Whether a text asks for a value neither source gives (a phone number, a fee, a rate, a traffic count)."""


@dataclass(frozen=True, slots=True)
class Route:
    """One named rule."""

    name: str
    """Its name, as reported in an answer's tools ("route:follow_up")."""
    apply: Callable[[Decision, Situation], Decision | None]
    """The rule."""

    @property
    def why(self) -> str:
        """Its reason (the function's docstring)."""
        return " ".join((self.apply.__doc__ or "").split())


def _has(slots: Slots, kinds: Sequence[str]) -> bool:
    return any(getattr(slots, k) for k in kinds)


def _replace_kinds(new: Slots, old: Slots) -> Slots:
    """``old`` with every kind ``new`` names replaced by ``new``'s (a follow-up's own slots win)."""
    kinds = ("places", "weak_places", "unknown", "states", "countries", "goods", "days", "terms", "dates", "years",
             "months", "weekdays", "numbers")  # fmt: skip
    # A term is replaced by a term ("and date of exportation?"), but never added: "and the customs stations
    # there?" names a defined term, yet asks the old question about another kind of place.
    named = {k for k in kinds if getattr(new, k)} - ({"terms"} if not old.terms else set())
    if named & {"places", "weak_places", "unknown", "states", "countries"}:
        named |= {"places", "weak_places", "unknown", "states", "countries"}
    if named & {"dates", "days"}:
        named |= {"dates", "days", "years"}
    elif "years" in named:  # "and in 2029?": the same holiday, another year (its dates were the old year's)
        named |= {"dates"}
    merged = replace(old, **{k: getattr(new, k) for k in named})
    # What the follow-up itself asks ("are they open ...?", "only ...?", "more than one?") is its own.
    return replace(merged, kinds=new.kinds or old.kinds, direction=new.direction or old.direction,
                   polar=new.polar or old.polar and new.elliptic, asks=new.asks or old.asks, exclusive=new.exclusive,
                   compare=new.compare, authority=new.authority, relative=new.relative or old.relative,
                   outside=new.outside, same=new.same, week=new.week,
                   # "i meant 10, counting tomorrow as day one": how to count goes with the dates it names
                   inclusive=new.inclusive if "dates" in named else new.inclusive or old.inclusive)  # fmt: skip


def _bare(ask: Ask, s: Situation) -> bool:
    """Nothing but a cue and names: "and vermont?", "what about ireland", "how about aruba"."""
    words = re.findall(r"[a-z][a-z']*", re.sub(r"\b[A-Z]{4,}\b", " ", ask.masked).lower())
    return all(w in s.stopwords for w in words)


def _base(frame: Frame) -> Slots:
    """What a follow-up may borrow from an earlier question.

    What its answer was about, then what it named (and whether it was a yes/no question: "how about aruba?" after
    "does bermuda have preclearance?").
    """
    # the answer's place keeps its own state: "is that one a port?" after "which port supervises Pittsburg NH"
    # asks about Beecher Falls, Vermont, not about a Beecher Falls in New Hampshire
    asked = replace(frame.slots, states=()) if frame.focus.places and not frame.focus.states else frame.slots
    # "is ottawa one of them?" after "what preclearance offices are there in canada?": them are preclearance offices
    kinds = frame.slots.kinds or ((frame.slots.pointed,) if frame.slots.pointed else ())
    return replace(frame.focus.merged(asked), polar=frame.slots.polar, kinds=kinds)


def _runs(intent: str, slots: Slots, s: Situation) -> bool:
    needs = s.needs(intent)
    if intent not in s.intents or intent in ABSTAIN_INTENTS or needs and not _has(slots, needs):
        return False
    return _asked_with(intent, s)


def _asked_with(intent: str, s: Situation) -> bool:
    """Whether the question holds one of the words its intent is asked with (any, when the intent names none)."""
    cues = s.intents[intent].cues
    return not cues or bool(stems(" ".join(cues)) & stems(s.ask.text))


def _using_all(intent: str, slots: Slots, s: Situation) -> str:
    """``intent``, unless its tool leaves something ``slots`` name unused that a nearly as likely one uses.

    Nearly as likely: within the follow margin.

    "If I count five business days starting tomorrow, what date do I land on?": the question alone reads as
    asking about a date, but the count its condition gives is for a tool that counts days.
    """

    def uses(i: str) -> set[str]:
        kinds = {*s.needs(i), *s.accepts(i)}
        # a holiday's name, its date and a year come together ("thanksgiving 2028"); where something is and what a
        # term says it is describe the question, no tool needs them to compute ("is the office in san diego open
        # on march 31?" asks about the date)
        dated = {"days", "dates", "years"} if kinds & {"days", "dates"} else set()
        return kinds | dated | {"terms", "places", "weak_places", "unknown", "states", "countries"}

    unused = slots.named() - uses(intent)
    if not unused:
        return intent
    top = s.ask.intents[0][1]
    near = (i for i, score in s.ask.intents if score >= top - s.follow_margin)
    return next((i for i in near if unused <= uses(i) and _runs(i, slots, s)), intent)


def _best_runnable(slots: Slots, s: Situation, *, margin: float | None = None, context: bool = False) -> str | None:
    """The best-scoring intent whose tool can run on ``slots`` and uses something they name.

    It is chosen among those nearly as likely as the best (within ``margin``, by default the situation's). With
    ``context``, what the statements around the question name counts as named too.
    """
    top = s.ask.intents[0][1]
    named = slots.named() | (s.ask.context.named() if context else set())
    for intent, score in s.ask.intents:
        if score < top - (s.margin if margin is None else margin):
            break
        if _runs(intent, slots, s) and (not named or named & set(s.accepts(intent))):
            return intent
    return None


def relative_day(d: Decision, s: Situation) -> Decision | None:
    """A day counted from no date in the question is counted from the date the conversation is about.

    "what about the day after?": the date is taken from the statements around it first, then the answers before it.
    """
    rel, dates = d.slots.relative, d.slots.dates
    mentions = [x.dates for x in (s.ask.context, *(f.focus for f in s.frames), *(f.slots for f in s.frames))
                if x.dates]  # fmt: skip
    if not mentions:
        return None
    ref = mentions[0][0].day
    # "after" said the day, not a count: "is the day after a business day?" asks about that day
    counted = d.intent if d.intent != "business_days" or d.slots.numbers or not d.slots.polar else "date_status"
    if rel is not None and not dates:
        day = shifted(ref, rel[0], rel[1])
        # "is it open the day after?" (after Thanksgiving): counted from the holiday, as "the day after thanksgiving"
        holiday = next((m.holiday for ms in mentions for m in ms if m.holiday and m.day == ref), "")
        return d.via("relative_day", intent=counted,
                     slots=replace(d.slots, dates=(DateMention(0, 0, day, True, holiday),), relative=None))  # fmt: skip
    if len(dates) == 1 and dates[0].day_only:  # "so is cbp open on monday the 12th?": the 12th of that month
        weekday = dates[0].day.weekday() if re.search(r"day,?\s+the\s+\d", s.ask.text, re.I) else None
        day = day_of_month(ref, dates[0].day.day, weekday, start=ref.replace(day=1)) or dates[0].day
        return d.via("relative_day", slots=replace(d.slots, dates=(DateMention(0, 0, day, True),)))
    name = dates[0].day.strftime("%A") if len(dates) == 1 and dates[0].weekday_only else ""
    dangling = name and re.search(
        rf"\b{name}s?\s+(?:after|before|following)\s*(?:that|it|then|this)?\s*"
        r"(?:$|[?.!,;]|(?:is|are|open|closed|a|an|will|too)\b)",
        s.ask.text,
        re.I,
    )
    if dangling and d.slots.direction:  # "so is the monday after open?": the next Monday after the date talked about
        step = dt.timedelta(days=d.slots.direction)
        day = next(ref + step * k for k in range(1, 8) if (ref + step * k).weekday() == dates[0].day.weekday())
        return d.via("relative_day", intent=counted, slots=replace(d.slots, dates=(DateMention(0, 0, day, True),)))
    if not s.ask.slots.anaphora or len(dates) != 1:
        return None
    if dates[0].weekday_only:  # "so is cbp open that friday?": the friday of the date talked about
        day = min(
            (ref + dt.timedelta(days=k) for k in range(-3, 4)),
            key=lambda x: (x.weekday() != dates[0].day.weekday(), abs((x - ref).days)),
        )
        return d.via("relative_day", slots=replace(d.slots, dates=(DateMention(0, 0, day, True),)))
    written_year = re.search(r"\b(?:19|20|21)\d\d\b", s.ask.text)
    if dates[0].holiday and not written_year and d.slots.direction > 0 and dates[0].day < ref:
        # "and the new year's holiday right after that?" (after Christmas 2027): the next one after the date
        return d.via("relative_day", slots=replace(d.slots, dates=(), years=(dates[0].day.year + 1,)))
    return None


def follow_up(d: Decision, s: Situation) -> Decision | None:
    """A follow-up that only names something asks the previous question again about it.

    "and vermont?", "what about ireland". One that says more ("and the customs stations there?") takes its own best
    intent that can run; the names it lacks come from the previous answer, then the previous question.
    """
    if not s.frames or not d.slots.elliptic:
        return None
    prev = s.frames[0]
    base = _base(prev)
    if d.slots.numbers and not d.slots.dates and not d.slots.anaphora and prev.slots.dates:
        # "and 10?" after "5 business days starting tomorrow": the same count from the same day, not from its answer
        # how it counted goes with the day it counted from ("starting tomorrow", "before dec 24")
        base = replace(base, dates=prev.slots.dates, inclusive=prev.slots.inclusive, direction=prev.slots.direction)
    merged = _replace_kinds(d.slots, base)
    alone = not _has(d.slots, ("places", "weak_places", "unknown", "countries"))
    if d.slots.states and alone and _base(prev).places and s.same_name(s.ask.text):
        # "and the one in vermont?" after "is newport a port of entry?": Newport again, the one in Vermont
        merged = replace(merged, places=_base(prev).places)
        if _runs(prev.intent, merged, s):
            return d.via("follow_up", intent=prev.intent, slots=replace(merged, polar=prev.slots.polar))
    # the question before must be able to use the new name ("and is derby line a port?" after a state's list
    # is not the list again)
    uses = not d.slots.named() - {"terms"} or bool(d.slots.named() & set(s.accepts(prev.intent)))
    if _bare(s.ask, s) and uses and _runs(prev.intent, merged, s):
        # only names: a yes/no question only if the one before was ("and date of exportation?")
        return d.via("follow_up", intent=prev.intent, slots=replace(merged, polar=prev.slots.polar))
    own = _best_runnable(merged, s) if s.ask.intents[0][1] >= s.min_score else None
    if own is not None:
        return d.via("follow_up", intent=own, slots=merged)
    if _runs(prev.intent, merged, s):
        return d.via("follow_up", intent=prev.intent, slots=merged)
    for intent, _score in s.ask.intents:
        if _runs(intent, merged, s) and s.needs(intent):
            return d.via("follow_up", intent=intent, slots=merged)
    return None


def points_back(d: Decision, s: Situation) -> Decision | None:
    """A question that points back is read with what the previous answer was about.

    Such as "is that in maine?", "where is its office?", "what are they called?". It keeps its own intent when that
    is recognised and can run, unless the previous question's intent is nearly as likely, and otherwise asks the
    previous question again.
    """
    if not s.frames or not s.ask.slots.anaphora or d.routes:
        return None
    prev = s.frames[0]
    base = _base(prev)
    qualified = [p for p in base.places for st in d.slots.states if st in p.states]
    if qualified and not d.slots.places and not d.slots.others:  # "the Missouri one": which of the places meant
        merged = replace(base, places=tuple(p.narrowed(d.slots.states[0]) for p in qualified), states=d.slots.states,
                         kinds=d.slots.kinds, polar=d.slots.polar)  # fmt: skip
        intent = next((i for i, _ in s.ask.intents if "places" in s.needs(i) and _runs(i, merged, s)), None)
        if (
            intent is not None
            and intent != prev.intent
            and "places" in s.needs(prev.intent)
            and _runs(prev.intent, merged, s)
            and s.ask.score(prev.intent) >= s.ask.score(intent) - s.follow_margin
        ):
            intent = prev.intent  # "is newport a port of entry?" - "is the vermont one a port too?": asked again
        if intent is not None:
            return d.via("points_back", intent=intent, slots=merged)
    if d.slots.kinds and not d.slots.places:  # "that port": of the places meant before, the port
        kind = {"port": ("ports", "part_of"), "station": ("stations",), "service_port": ("service_ports",)}
        fields = kind.get(d.slots.pointed or d.slots.kinds[0], ())
        matching = tuple(p for p in base.places if any(getattr(p, f) for f in fields))
        base = replace(base, places=matching or base.places)
    merged = _replace_kinds(d.slots, base)
    if d.slots.polar and d.slots.terms and base.terms and not set(d.slots.terms) & set(base.terms):
        # "is that the same thing as a port of entry?" after "what's a customs station?": the two terms compared
        merged = replace(merged, terms=(*base.terms, *d.slots.terms))
    states = {st for p in merged.places for st in p.states}
    if not merged.states and len(states) == 1 and "states" in s.accepts(d.intent) and "places" not in s.accepts(
            d.intent):  # fmt: skip
        merged = replace(merged, states=tuple(states))  # "what other ports are in that state?": the place's state
    top = s.ask.intents[0][1]
    # small talk does not point back: "what does it do?" after "what is APIS?" asks about APIS, not the assistant
    own_abstains = d.intent == ABSTAIN_INTENTS[0] and top >= s.min_score
    if prev.intent in ABSTAIN_INTENTS:  # "how much does an ESTA cost and how long is it valid?": still not ours
        return d.via("points_back", intent=prev.intent)
    if own_abstains:  # "how long is the line for trucks there today?": not ours either, whatever came before
        return None
    if d.slots.polar and d.slots.kinds and "kinds" not in s.accepts(prev.intent):
        # "is that station a port of entry too?": whether the place pointed to is a kind of place, whatever the
        # question before asked of it
        near = [i for i, score in s.ask.intents if score >= top - s.follow_margin]
        judge = next((i for i in near if "kinds" in s.accepts(i) and _runs(i, merged, s)), None)
        if judge is not None:
            return d.via("points_back", intent=judge, slots=merged)
    if (top < s.sure and prev.intent in s.intents and s.ask.score(prev.intent) >= top - s.follow_margin
            and _runs(prev.intent, merged, s) and not d.slots.others):  # fmt: skip
        # (not "what are the other ones in hawaii?" after "is kahului a port?": the others are another question)
        return d.via("points_back", intent=prev.intent, slots=merged)
    if top >= s.min_score:
        named = merged.named() - d.slots.named()
        if "places" in named and "places" not in s.needs(d.intent):
            # "which customs stations report to it?", "what state is that port in?": a question about the place
            # pointed to, not a list by state; the nearly as likely intent that looks a place up answers it.
            near = [i for i, score in s.ask.intents if score >= top - s.follow_margin]
            better = next((i for i in near if "places" in s.needs(i) and _runs(i, merged, s)), None)
            return d.via("points_back", intent=better or d.intent, slots=merged)
        return d.via("points_back", slots=merged)
    intent = prev.intent if _runs(prev.intent, merged, s) else _best_runnable(merged, s)
    return d.via("points_back", intent=intent or prev.intent, slots=merged)


def fill_from_context(d: Decision, s: Situation) -> Decision | None:
    """A question takes what its tool needs or can use from the conversation.

    A tool that joins names (a trip's "from" and "to") takes the statements' names as well as the question's.
    A question that lacks what its tool needs ("which port supervises it?", "is cbp open that day?") takes it
    from the statements around it, then from the answers before it, most recent first; an everyday word that is
    also a place name ("eagle") counts as the place when nothing else does. A question that needs nothing but
    can use something ("which Center handles us?" after "we import consumer electronics") takes it from the
    statements around it, or from the answers before it when it points back ("which Center is run out of there").
    Of several places named, "that airport" takes the one named by its noun; a statement's way of counting days
    ("starting tomorrow") comes with its date; and what the statement names that the question's tool leaves
    unused (a count) may choose another intent nearly as likely that uses it.
    """
    needs, accepts = s.needs(d.intent), s.accepts(d.intent)
    joined: dict[str, Any] = {
        k: tuple(dict.fromkeys((*getattr(s.ask.context, k), *getattr(d.slots, k))))
        for k in s.joins(d.intent)
        if set(getattr(s.ask.context, k)) - set(getattr(d.slots, k))
    }
    if joined and _has(d.slots, needs):  # the statement's names come first: they are usually where a trip starts
        return d.via("fill_from_context", slots=replace(d.slots, **joined))
    if needs and not _has(d.slots, needs):
        if d.slots.weak_places and "places" in needs:
            return d.via("fill_from_context", slots=replace(d.slots, places=d.slots.weak_places))
        frames = [_base(f) for f in s.frames] if d.slots.anaphora or not d.slots.named() - {
            "terms"} else []  # fmt: skip
        for source in (s.ask.context, *frames):
            if _has(source, needs):
                merged = d.slots.merged(source)
                noun = d.slots.pointer_noun
                named = [p for p in merged.places if noun and noun in p.name.lower().split()]
                if not d.slots.places and len(merged.places) > 1 and len(named) == 1:
                    # "back from Ontario to land at Spirit of St. Louis Airport. is that airport a port?"
                    merged = replace(merged, places=tuple(named))
                if source is s.ask.context:  # how the statement counts its days counts too ("starting tomorrow")
                    merged = replace(
                        merged,
                        inclusive=merged.inclusive or source.inclusive,
                        direction=merged.direction or source.direction,
                        week=merged.week or source.week,
                    )
                return d.via("fill_from_context", intent=_using_all(d.intent, merged, s), slots=merged)
        return None
    if needs or not accepts or _has(d.slots, accepts):
        return None
    sources = [s.ask.context] + ([_base(f) for f in s.frames] if d.slots.anaphora else [])
    for source in sources:
        if _has(source, accepts):
            return d.via("fill_from_context", slots=d.slots.merged(source))
    return None


def a_date_makes_it_a_day(d: Decision, s: Situation) -> Decision | None:
    """A question about hours that comes with a date asks about that day.

    "Will the Boston office be open?" after "Patriots' Day is Monday April 19 2027": the date may be its own, or
    the statement's around it.
    """
    if d.intent != "hours" or "date_status" not in s.intents:
        return None
    dates = d.slots.dates or s.ask.context.dates
    if not dates:
        return None
    return d.via("a_date_makes_it_a_day", intent="date_status", slots=d.slots.merged(s.ask.context))


_LIST_BY_KIND = {"port": "ports_in_state", "station": "stations_in_state", "service_port": "service_ports"}


def kind_names_the_list(d: Decision, s: Situation) -> Decision | None:
    """A question for one state's list that names one kind of place gets that kind's list.

    "Is there a customs service port in Ohio?": the kinds are service port, Customs station, port of entry.
    """
    # (the drawback list is one by state too: "is there one in colorado?" after "what's a customs station?")
    if d.intent not in (*_LIST_BY_KIND.values(), "drawback_ports") or len(set(d.slots.kinds) & set(_LIST_BY_KIND)) != 1:
        return None
    wanted = _LIST_BY_KIND[next(k for k in d.slots.kinds if k in _LIST_BY_KIND)]
    if wanted == d.intent or wanted not in s.intents or s.ask.score(wanted) < s.ask.score(d.intent) - s.follow_margin:
        return None  # the classifier is sure of another list ("servise ports in texas": the typo hides the kind)
    return d.via("kind_names_the_list", intent=wanted)


def state_for_place(d: Decision, s: Situation) -> Decision | None:
    """A place question that names only a state is answered with the state's ports ("is texas a port of entry?")."""
    if d.intent not in ("place_lookup", "port_limits") or _has(d.slots, ("places", "weak_places", "unknown")):
        return None
    if not d.slots.states:
        return None
    return d.via("state_for_place", intent="ports_in_state")


_RELATION_INTENTS = ("stations_of_port", "station_supervisor", "port_limits")


def a_station_and_a_port(d: Decision, s: Situation) -> Decision | None:
    """A yes/no question that names a Customs station and a port asks whether that port supervises the station.

    "is the port of roma over falcon dam?", "grand forks station, pembina is its port right?": the station's
    supervisor is looked up and the Yes or No follows from whether it is the port named, whichever of the two
    lists the classifier heard.
    """
    if not d.slots.polar or d.intent not in _RELATION_INTENTS:
        return None
    stations = [p for p in d.slots.places if p.stations and not p.ports]
    ports = [p for p in d.slots.places if p.ports and p not in stations]
    if not stations or not ports or (d.intent == "station_supervisor" and d.slots.places[0] in stations):
        return None
    return d.via("a_station_and_a_port", intent="station_supervisor",
                 slots=replace(d.slots, places=(*stations, *ports)))  # fmt: skip


def name_left_unused(d: Decision, s: Situation) -> Decision | None:
    """A question whose tool would ignore the place or date it names goes to a nearly as likely intent that uses it.

    "is there a center of excellence and expertise in atlanta?" reads almost as well as a definition; the
    definition would leave Atlanta unanswered, the Centers tool says which Center is there. A date the statement
    before gives counts too ("the monday after memorial day 2028 - business day for customs?"), and a place it
    names when the question points to it ("Dulles isn't in the port list. Is it a service port?").
    """
    slots, named = d.slots, d.slots.named() & {"places", "states", "countries"}
    if not named and not d.slots.named() & {"dates", "days"} and s.ask.context.dates:
        slots, named = d.slots.merged(s.ask.context), {"dates"}  # the question's own day is its own business
    elif not named and d.slots.anaphora and s.ask.context.places:
        slots, named = d.slots.merged(s.ask.context), {"places"}  # "Dulles isn't in the list. Is it a service port?"
    if d.routes or d.intent in (PASSAGE, *ABSTAIN_INTENTS) or not named or set(s.accepts(d.intent)) & named:
        return None
    for intent, score in s.ask.intents[1:]:
        if score < s.ask.score(d.intent) - s.margin:
            break
        if intent != PASSAGE and _runs(intent, slots, s) and set(s.accepts(intent)) & named:
            return d.via("name_left_unused", intent=intent, slots=slots)
    return None


def unanswerable(d: Decision, s: Situation) -> Decision | None:
    """A question recognised as asking what the sources do not hold, or as small talk, is not answered.

    What the sources do not hold: duty rates, visas, wait times. When the recognition is not sure, passage search
    may still answer it, but only with a sentence that holds most of the question's key words (the stricter
    coverage: "and for delivery of the merchandise itself, what do we reimburse?" is 101.4(b)(4), not a question
    about fees).
    """
    if d.intent not in ABSTAIN_INTENTS or d.routes:  # an abstention a follow-up inherited stays one
        return None
    needing = [i for i, score in s.ask.intents if score >= s.ask.score(d.intent) - s.tie and s.needs(i) == ("terms",)]
    if (runnable := next((i for i in needing if _runs(i, d.slots, s)), None)) is not None:
        # "if we send machines to canada and bring them back to dodge a quota, is that an exportation?": it reads
        # as well as a question about a term it names, which the sources define
        return d.via("unanswerable", intent=runnable)
    if s.ask.score(d.intent) < s.unsure_abstain or s.ask.score(PASSAGE) >= s.ask.score(d.intent) - s.tie:
        # unsure, or it reads as well as a question the passages answer ("how do officers decide how much tax to
        # collect?" against "how much duty will I pay?"): only a passage that holds most of it answers
        return d.via("unanswerable", intent=PASSAGE, strict=True)
    if s.ask.slots.anaphora and s.frames and s.frames[0].intent not in (PASSAGE, *ABSTAIN_INTENTS):
        # "which Center handles pharmaceuticals, and how do I appeal if CBP put us in a different one?": the
        # question points to one the tables answered; a passage that holds it (with that topic) may answer
        return d.via("unanswerable", intent=PASSAGE, strict=True)
    return None


def outside_the_sources(d: Decision, s: Situation) -> Decision | None:
    """A question about something only questions outside the sources ask about is not answered.

    It is not answered whatever places it names ("do i need an esta to fly from dublin to new york?", "is it going
    to snow at sweetgrass?"), when the question reads nearly as well as one of those.
    """
    if d.intent in ABSTAIN_INTENTS or not s.outside & stems(s.ask.masked):
        return None
    if s.ask.score(ABSTAIN_INTENTS[0]) < s.ask.intents[0][1] - s.outside_margin:
        return None  # "importing frozen shrimp and bottled sauces, which Center?": the word, not the question
    return d.via("outside_the_sources", intent=ABSTAIN_INTENTS[0])


def a_value_the_sources_never_give(d: Decision, s: Situation) -> Decision | None:
    """A question for a value neither source gives is not answered, whatever it names.

    "what's the phone number for the detroit port office?", "is there a fee to file a Center appeal?", "hourly
    overtime rate at a port?", "how many passengers went through JFK?": the sources name the place or the
    procedure, never these values; an answer about the place would answer another question.
    """
    if d.intent in ABSTAIN_INTENTS or not s.asks_unsourced(s.ask.text):
        return None
    return d.via("a_value_the_sources_never_give", intent=ABSTAIN_INTENTS[0])


def its_words_asked(d: Decision, s: Situation) -> Decision | None:
    """A question that holds a word only one intent's questions use goes to that intent when it is nearly as likely.

    "centers of excellence source note" reads more like a question about the Centers than like one about a
    section's history; "source note" says which. Nearly as likely: within the follow margin (the user said what
    they ask, as a question that names the article says where to look).
    """
    top, held = s.ask.intents[0][1], stems(s.ask.text)
    for intent, score in s.ask.intents:
        if score < top - s.follow_margin:
            break
        marks = s.intents[intent].marks if intent in s.intents else ()
        if intent != d.intent and any(stems(m) <= held for m in marks) and _runs(intent, d.slots, s):
            return d.via("its_words_asked", intent=intent)
    return None


def its_words_missing(d: Decision, s: Situation) -> Decision | None:
    """A question that holds none of the words its intent is asked with goes to the next intent, or the passages.

    "what terms does 19 CFR 101.1 define?" resembles "when was 19 CFR 101.5 last amended?" by its citation alone;
    without a word like "amended" it does not ask a section's history.
    """
    if d.intent not in s.intents or _asked_with(d.intent, s):
        return None
    top = s.ask.intents[0][1]
    near = (i for i, score in s.ask.intents if score >= top - s.margin and i != d.intent)
    return d.via("its_words_missing", intent=next((i for i in near if _runs(i, d.slots, s)), PASSAGE))


def nothing_needed_found(d: Decision, s: Situation) -> Decision | None:
    """A question whose tool still lacks what it needs goes to another intent, or to passage search.

    "how can a place become a port of entry?", read as a question about a place nobody named, goes to the next
    intent, nearly as likely, whose tool can run (there: the definition); failing that, to passage search.
    """
    needs = s.needs(d.intent)
    if needs and not _has(d.slots, needs):
        # The top intent failed on what the question lacks, so a runnable one a little further down is the reading
        # ("what counts as a business day?" is not about a date: it asks the definition).
        # "'date of importation' for goods by ship - which date counts?": the statement names what it asks about,
        # so the reading it falls to must use that (a term), not list the holidays
        runnable = _best_runnable(d.slots, s, margin=s.follow_margin, context=True)
        return d.via("nothing_needed_found", intent=runnable or PASSAGE)
    return None


def the_article_is_named(d: Decision, s: Situation) -> Decision | None:
    """A question that says it asks what the article says is answered from the article, by passage search.

    "According to the article, what is a port of entry?": the article's words, not the definition of 101.1. A
    question about a place the tables list keeps its table answer, to which the article's words may be added.
    """
    said = f"{s.ask.context_text} {s.ask.text}"  # "according to the article, ..." may stand before the question
    if d.intent == PASSAGE or PASSAGE not in s.intents or not s.names_article(said) or d.slots.places:
        return None  # a listed place keeps its table answer ("the article calls san ysidro a port, is it?")
    if s.ask.score(PASSAGE) < s.ask.intents[0][1] - s.follow_margin:
        return None  # the question is plainly about something else ("is the article right that Savannah is a port?")
    return d.via("the_article_is_named", intent=PASSAGE)


def a_paragraph_is_named(d: Decision, s: Situation) -> Decision | None:
    """A question that names a paragraph of the regulation by number is answered from that paragraph.

    "what's 101.7 about?", "part 101, short version?": the paragraph's headings or opening words, whatever intent
    the number and the word "about" resemble; "what does 101.6(g) say about services for private interests?" is
    not a question outside the sources, whatever its words resemble. A question a table answers keeps its tool
    ("which ports does 101.3(b)(1) list for ohio?").
    """
    if d.intent == PASSAGE or PASSAGE not in s.intents or not s.names_paragraph(s.ask.text):
        return None
    if d.intent not in ABSTAIN_INTENTS and not s.asks_overview(s.ask.text):
        return None
    return d.via("a_paragraph_is_named", intent=PASSAGE)


def no_intent(d: Decision, s: Situation) -> Decision | None:
    """A question no intent matches well goes to passage search.

    Only a passage that holds most of it answers one that leans towards "not in the sources"; one that names nothing
    after a question the sources did not answer is not answered either.
    """
    if d.routes or s.ask.intents[0][1] >= s.min_score:
        return None
    if s.frames and (s.frames[0].intent in ABSTAIN_INTENTS or not s.frames[0].answered) and not d.slots.named():
        # "how do i sign up for global entry and where do i do the interview": the second asks about the first
        return d.via("no_intent", intent=ABSTAIN_INTENTS[0])
    if d.intent == PASSAGE:
        return None
    # leaning to "not in the sources" ("sentri or nexus, which one should I get?"): only a passage that holds it
    return d.via("no_intent", intent=PASSAGE, strict=s.ask.intents[0][0] in ABSTAIN_INTENTS)


def a_person_is_asked(d: Decision, s: Situation) -> Decision | None:
    """A question who runs a kind of place, naming none, asks for the person the definitions name, not a list.

    "who's in charge of a Center?" reads nearly as well as the Centers list; the definitions say who (the Center
    director). A question that names one ("who runs the Detroit Center?") keeps its table answer.
    """
    if not s.ask.slots.person or d.intent in ("definition", PASSAGE, *ABSTAIN_INTENTS) or "definition" not in s.intents:
        return None
    if d.slots.named() - {"terms"} or not (d.slots.terms or d.slots.kinds):
        return None
    if s.ask.score("definition") < s.ask.score(d.intent) - s.margin:
        return None
    return d.via("a_person_is_asked", intent="definition")


BEFORE: tuple[Route, ...] = tuple(
    Route(fn.__name__, fn)
    for fn in (
        relative_day,
        follow_up,
        points_back,
        the_article_is_named,
        a_paragraph_is_named,
        no_intent,
        unanswerable,
        outside_the_sources,
        a_value_the_sources_never_give,
        a_date_makes_it_a_day,
        fill_from_context,
        state_for_place,
        a_station_and_a_port,
        name_left_unused,
        kind_names_the_list,
        its_words_asked,
        its_words_missing,
        nothing_needed_found,
        a_person_is_asked,
    )  # fmt: skip
)
"""Applied in this order before the tool runs."""


def passage_covers_more(d: Decision, s: Situation) -> Decision | None:
    """A table answer that leaves out what was asked gives way to a passage sentence.

    "are cbp offices open on state holidays?" answered with the general hours gives way to a passage sentence that
    holds the missing key words and more of the question.
    """
    e = s.extras
    answered, passage, found = e.get("answer_coverage"), e.get("passage_coverage"), e.get("missing_found")
    if not isinstance(answered, float) or not isinstance(passage, float) or not isinstance(found, float):
        return None
    margin, least = float(str(e.get("margin", 0.0))), float(str(e.get("min_coverage", 1.0)))
    if e.get("settled"):
        return None  # the definition said Yes or No: it answers
    # a table answers no "who?"; a passage as full that names the person does
    person = s.ask.slots.person and bool(e.get("names_person")) and passage >= answered
    if found >= 0.5 and passage >= least and (passage >= answered + margin or person) and not e.get("aside"):
        return d.via("passage_covers_more", intent=PASSAGE)
    return None


def passage_adds(d: Decision, s: Situation) -> Decision | None:
    """A passage sentence that holds what the table answer leaves out follows the table answer.

    The sentence is outside the tool's paragraphs and names the place asked about ("what's the bridge between
    buffalo and canada called?": the article's Peace Bridge).
    """
    e = s.extras
    found = e.get("missing_found")
    if e.get("aside") and isinstance(found, float) and found > 0:
        return d.via("passage_adds")
    return None


def answer_misses_the_question(d: Decision, s: Situation) -> Decision | None:
    """An unsure reading whose answer holds almost none of the question's own words answers another question.

    Say the sources do not cover it ("how long is the line for trucks there today?" read as a follow-up and
    answered with a definition).
    """
    share, least = s.extras.get("missing_share"), float(str(s.extras.get("miss_share", 1.0)))
    if not set(d.routes) & {"follow_up", "points_back"} or s.extras.get("settled"):
        return None  # the question named what the tool looked up, or the definition said Yes or No to it
    if not isinstance(share, float) or share < least or s.ask.score(s.ask.intent) >= s.sure:
        return None
    return d.via("answer_misses_the_question", intent=ABSTAIN_INTENTS[0])


def passage_found_nothing(d: Decision, s: Situation) -> Decision | None:
    """A question read as one for the passages, where no sentence answers it, goes to a nearly as likely table intent.

    The table intent must be able to run and use what the question names ("are customs offices closed on lincoln's
    birthday in illinois (feb 12 2027)? it is a state holiday": the holiday's closure, not "my sources do not cover").
    """
    if d.intent != PASSAGE or not d.slots.named():
        return None
    top = s.ask.intents[0][1]
    if any(i in ABSTAIN_INTENTS for i, score in s.ask.intents if score >= top - s.margin):
        return None  # "can i bring my dog when i cross at blaine?": maybe not ours at all; nothing found says so
    intent = _best_runnable(d.slots, s)  # never the passages: they take no names
    return d.via("passage_found_nothing", intent=intent) if intent is not None else None


FOUND_NOTHING: tuple[Route, ...] = (Route("passage_found_nothing", passage_found_nothing),)
"""Applied when the passage search found no sentence."""


AFTER: tuple[Route, ...] = (
    Route("passage_covers_more", passage_covers_more),
    Route("passage_adds", passage_adds),
    Route("answer_misses_the_question", answer_misses_the_question),
)
"""Applied after a table tool answered."""
