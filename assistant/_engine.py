"""The default answer engine: no language model, only the tables and the passages.

It strips instructions hidden in the question, resolves follow-ups against
the conversation, finds entities, routes to the exact-fact functions, and
falls back to retrieval, quoting the best sentences of the best passages.
When nothing in the sources answers, it says so and cites nothing. It must
never state a fact that no quoted evidence supports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from corpus import Corpus, Port

from . import _facts as facts
from ._entities import Entities, NameIndex, find_entities
from ._records import Evidence, Statement

__all__ = ["NOT_COVERED", "Decision", "Retrieved", "decide", "strip_injection"]

_INJECTION = [
    r"\b(?:ignore|disregard|forget|override)\b[^.?!\n]*\b(?:instructions?|prompts?|rules|guidelines|above)\b[^.?!\n]*[.?!]?",
    r"\b(?:system|assistant|developer)\s*(?:prompt)?\s*:[^\n]*?(?:[.?!](?=\s|$)|$)",
    r"\byou are now\b[^.?!\n]*[.?!]?",
    r"\bnew instructions?\b[^.?!\n]*[.?!]?",
    r"\b(?:say|respond|reply|answer|print|output|write)\b(?: only| exactly| just)?(?: with)?"
    r"\s*[\"“'][^\"”']*[\"”'][.?!]?",
    r"\btell (?:the user|users|them|everyone|people)\b[^.?!\n]*[.?!]?",
    r"</?s>|<\|[^|>]*\|>|\[/?INST\]|#{2,}[A-Z ]*#{0,}",
]  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONTENT = re.compile(r"[a-z]{3,}")
_STOP = _words(
    "the and for are what which who how does did can you your about with from that this there their "
    "them its was were will would should could have has had any all into out not but our his her she "
    "him they tell please know want need like just also then than some more most"
)  # fmt: skip
# Things people ask about ports that neither source covers: say so rather than answer a nearby question.
_UNCOVERED = re.compile(
    r"\b(?:phone|telephone|fax|e-?mail address|wait(?:ing)? times?|how long (?:is|are) the (?:line|wait)|weather|"
    r"forecast|temperature|parking|duty[- ]free|allowances?|global entry|esta\b|precheck|nexus|sentri|visa fees?|"
    r"fees?\b|costs?\b|price|flights?|currency|cash|exchange rate|covid|vaccin|green card|citizenship|"
    r"naturaliz|asylum|work permit)\w*",
    re.I,
)
_FOLLOWUP = re.compile(r"^\s*(?:and|what about|how about|also|then)\b|\b(?:it|there|that one|them|those|these)\b", re.I)


@dataclass(frozen=True, slots=True)
class Retrieved:
    """A passage found by retrieval, with its relevance signals."""

    ref: str
    text: str
    dense: float | None
    lexical: float | None


@dataclass(frozen=True, slots=True)
class Decision:
    """What the engine will say: statements and the tools used, or an abstention reason."""

    statements: tuple[Statement, ...]
    tools: tuple[str, ...]
    abstain: str = ""


def strip_injection(question: str) -> str:
    """The question without instructions addressed to the assistant."""
    cleaned = question
    for pattern in _INJECTION:
        cleaned = re.sub(pattern, " ", cleaned, flags=re.I)
    return " ".join(cleaned.split())


def _content_words(text: str) -> set[str]:
    return {w for w in _CONTENT.findall(text.lower()) if w not in _STOP}


def _topics(q: str) -> set[str]:
    checks = {
        "preclearance": r"pre-?clear",
        "center": r"\bcent(?:er|re)s?\b|\bcees?\b|excellence|\bindustry\b",
        "drawback": r"drawback",
        "service": r"servi\w* ports?",
        "station": r"\bstations?\b",
        "supervise": r"supervis",
        "hours": r"\bhours?\b|\bopen\b|\bclosed?\b|\bclose\b|business days?|what time|\bweekends?\b"
        r"|\bsaturday|\bsunday",
        "holiday": r"holiday",
        "definition": r"\bwhat (?:is|are|does)\b|\bdefin|\bmean(?:s|ing)?\b|\bwhat counts\b|\bwho (?:counts|is)\b"
        r"|\bcounts? as\b|\bstands? for\b|\bhow (?:can|does|do|is)\b.*\b(?:become|designated)\b",
        "port": r"\bports?\b|port of entry|ports of entry|\bcrossings?\b|\bborder\b",
    }
    return {name for name, rx in checks.items() if re.search(rx, q, re.I)}


def _merge(current: Entities, previous: Entities) -> Entities:
    """Fill what the follow-up does not name from the previous question."""
    updates = {
        name: getattr(previous, name)
        for name in ("states", "ports", "stations", "service_ports", "countries", "offices", "centers", "holidays",
                     "dates", "years", "terms")
        if not getattr(current, name)
    }  # fmt: skip
    places = ("ports", "stations", "service_ports", "offices", "countries")
    if any(getattr(current, p) for p in places):
        for p in (*places, "states"):
            updates.pop(p, None)
    return replace(current, **updates)


def _asked_name(q: str) -> str:
    """The place a user asks about in "is X a port of entry" style questions, if any."""
    place = r"([A-Z][\w.' -]+?)"
    patterns = [
        r"\bis (?:there )?(?:a |an |the )?(?:port of entry|port|customs station|station) "
        r"(?:at|in|of|for|called|named) " + place + r"[?.!]?$",
        r"\bis " + place + r" (?:a|an) (?:port|customs station|station|service port|port of entry)\b",
        r"\b(?:port of entry|customs station|port) (?:at|in|of|for|called|named) " + place + r"[?.!]?$",
        r"\bpre-?clearance (?:in|at|from|for) " + place + r"[?.!]?$",
    ]  # fmt: skip
    for p in patterns:
        m = re.search(p, q.strip(), re.I)
        if m:
            name = re.sub(
                r"\s+(?:part of|included in|within|inside|in)$", "", m[1].strip().removeprefix("the ").strip()
            )
            if name[:1].isupper() and _content_words(name) - {"entry", "port", "ports", "customs", "station"}:
                return name
    return ""


def _year(e: Entities, today: dt.date) -> int:
    return e.years[0] if e.years else (e.dates[0].year if e.dates else today.year)


def decide(
    question: str,
    history: Sequence[tuple[str, str]],
    *,
    corpus: Corpus,
    names: NameIndex,
    today: dt.date,
    retrieve: Callable[[str, str | None], list[Retrieved]],
) -> Decision:
    """Choose and run the facts that answer ``question``; else retrieval; else abstain."""
    q = strip_injection(question)
    if not _content_words(q):
        return Decision((), ("guard",), abstain="There is no question here that my sources can answer.")
    if (m := _UNCOVERED.search(q)) is not None:
        return Decision((), ("guard",), abstain=not_covered(m[0].lower()))
    entities = find_entities(q, names, today=today)
    q = entities.text or q
    topics = _topics(q)
    previous = [text for role, text in history if role == "user"]
    if previous and (_FOLLOWUP.search(q) or len(_content_words(q)) <= 3):
        last = strip_injection(previous[-1])
        if not topics or _FOLLOWUP.search(q):
            topics = topics or _topics(last)
        entities = _merge(entities, find_entities(last, names, today=today))
        if not _topics(q) and not any((entities.ports, entities.stations)):
            topics |= _topics(last)
    if re.search(r"\bscope\b|\bpart 101\b", q, re.I) and re.search(r"\b(?:cover|about|scope|include|contain)", q, re.I):
        part = corpus.passage("19 CFR 101.0").text
        return Decision(
            tuple(Statement(f"19 CFR 101.0: “{x}”", (Evidence("19 CFR 101.0", x),)) for x in _sentences(part)),
            ("search_passages",),
        )
    if re.match(r"\s*(?:why|how come)\b", q, re.I):  # the tables hold facts, not reasons
        reasons = _from_passages(q, retrieve(q, None), corpus)
        if not reasons.abstain:
            return reasons
    routed = _route(q, entities, topics, corpus=corpus, names=names, today=today)
    if (
        routed is not None
        and previous
        and entities.terms
        and re.search(r"\bcounts? as\b|\bis (?:it|that) an?\b", q, re.I)
    ):
        # "does Columbus Day count as one?" after "what is a business day?": the facts and the definition
        definition = facts.definition(corpus, entities.terms[0])
        return Decision(routed.statements + tuple(definition), (*routed.tools, "definition"))
    if routed is not None and routed.tools[0] in _LIST_ROUTES:
        section, vocabulary = _LIST_ROUTES[routed.tools[0]]
        extra = _content_words(q) - vocabulary - names.known_words
        scope: str | None = section or None
        if routed.tools[0] == "definition":
            extra -= {w for d in entities.terms for w in _content_words(d.term)}
            scope = None
        if extra:
            found = retrieve(q, scope)
            cited = {ev.ref for st in routed.statements for ev in st.evidence}
            hits = [h for h in found if any(w[:5] in h.text.lower() for w in extra)]
            specific = _from_passages(q, hits, corpus)
            keep = routed.tools[0] == "definition" and bool(cited & {h.ref for h in found[:3]})
            if not specific.abstain and not keep:
                return specific
    if routed is not None:
        return routed
    return _from_passages(q, retrieve(q, None), corpus)


_HOURS_WORDS = _words(
    "cbp customs office offices open opens hours hour closed close closes time business day days "
    "weekend weekends saturday saturdays sunday sundays holiday holidays national today when list "
    "year work working normal usual general port ports entry what"
)
_CENTER_WORDS = _words(
    "center centers centre centres excellence expertise cee cees industry industries management "
    "managed office offices located where list which handles handle import imports importer goods "
    "products cbp runs"
)
_PRECLEARANCE_WORDS = _words(
    "preclearance pre clearance offices office where which cbp list countries country cities city "
    "located locations foreign airports airport"
)
# Routes that answer with a whole list: a question with other words ("who sets the hours at a
# station with no full-time employee") is looked up in that section's paragraphs first.
_DEFINITION_WORDS = _words(
    "what does mean means meaning define definition term terms regulations regulation customs cbp under counts "
    "count who stand stands become designated how can considered cfr part section"
)
_LIST_ROUTES = {
    "definition": ("101.1", _DEFINITION_WORDS),
    "hours": ("101.6", _HOURS_WORDS),
    "holidays": ("101.6", _HOURS_WORDS),
    "centers_all": ("101.10", _CENTER_WORDS),
    "preclearance_all": ("101.5", _PRECLEARANCE_WORDS),
}


def _route(  # noqa: C901 - one flat decision list reads better than many small functions
    q: str, e: Entities, topics: set[str], *, corpus: Corpus, names: NameIndex, today: dt.date
) -> Decision | None:
    if "preclearance" in topics or ((e.countries or e.offices) and not (e.ports or e.stations or e.states)):
        unknown = "" if (e.countries or e.offices) else _asked_name(q)
        tool = "preclearance_offices" if (e.countries or e.offices or unknown) else "preclearance_all"
        return Decision(tuple(facts.preclearance(corpus, countries=list(e.countries), offices=list(e.offices),
                                                 unknown=unknown)), (tool,))  # fmt: skip
    if e.centers or "center" in topics:
        tool = "centers" if e.centers else "centers_all"
        return Decision(tuple(facts.centers_for(corpus, [c.name for c in e.centers])), (tool,))
    if e.holidays or e.dates or ("hours" in topics or "holiday" in topics) and not (e.ports or e.stations):
        year = _year(e, today)
        if e.dates:
            out = [s for d in e.dates for s in facts.date_status(corpus, d)]
            return Decision(tuple(out), ("business_day",))
        if e.holidays:
            out = [s for h in e.holidays for s in facts.holiday_named(corpus, h, year)]
            return Decision(tuple(out), ("holiday_dates",))
        if "holiday" in topics:
            tool = "holidays_in_year" if e.years else "holidays"
            return Decision(tuple(facts.holidays_in_year(corpus, year)), (tool,))
        if re.search(r"business day", q, re.I) and e.terms:
            return Decision(tuple(facts.definition(corpus, e.terms[0])), ("definitions",))
        return Decision(tuple(facts.hours(corpus)), ("hours",))
    if "drawback" in topics:
        return Decision(tuple(facts.drawback_ports(corpus)), ("ports_by_drawback",))
    if "service" in topics and (e.states or e.service_ports):
        if e.service_ports and not e.states:
            return Decision(tuple(facts.service_ports(corpus, found=list(e.service_ports))), ("service_ports",))
        out = [s for st in e.states for s in facts.service_ports(corpus, state=st)]
        return Decision(tuple(out), ("service_ports",))
    if "supervise" in topics and (e.ports or e.names) and re.search(r"\bstations\b|\bwhich\b.*\bsupervis", q, re.I):
        supervised = [
            s for s in corpus.stations
            if s.supervisory_port_id in {p.id for p in e.ports} or any(k in s.supervisory_port.lower() for k in e.names)
        ]  # fmt: skip
        if supervised and not (e.stations and not set(e.stations) & set(supervised)):
            label = e.ports[0].name if len(e.ports) == 1 and e.ports[0].id in {
                s.supervisory_port_id for s in supervised} else supervised[0].supervisory_port  # fmt: skip
            return Decision(tuple(facts.stations_supervised(corpus, label, supervised)), ("stations_supervised_by",))
    if e.stations:
        out = facts.station_facts(corpus, list(e.stations))
        if e.ports and "port" in topics:
            out = facts.port_facts(corpus, _ports_in_scope(list(e.ports), e.states)) + out
        return Decision(tuple(out), ("lookup_station",))
    if "station" in topics and e.states:
        out = [s for st in e.states for s in facts.stations_in_state(corpus, st)]
        return Decision(tuple(out), ("stations_by_state",))
    if e.ports:
        ports = _ports_in_scope(list(e.ports), e.states)
        out = facts.port_facts(corpus, ports)
        if "supervise" in topics or "station" in topics:
            out += [s for p in ports for s in facts.stations_supervised_by(corpus, p)]
        return Decision(tuple(out), ("lookup_port",))
    if e.service_ports and ("port" in topics or "service" in topics):
        return Decision(tuple(facts.service_ports(corpus, found=list(e.service_ports))), ("service_ports",))
    if e.states and ("port" in topics or "station" in topics):
        out = [s for st in e.states for s in facts.ports_in_state(corpus, st)]
        return Decision(tuple(out), ("ports_by_state",))
    if e.terms and "definition" in topics:
        return Decision(tuple(facts.definition(corpus, e.terms[0])), ("definition",))
    asked = _asked_name(q)
    if asked:
        inside = [x for x in corpus.listings if re.search(rf"\b{re.escape(asked)}\b", x.limits, re.I)]
        if inside:
            return Decision(tuple(facts.named_in_limits(corpus, asked, inside)), ("lookup_port",))
        return Decision(tuple(facts.not_listed(corpus, asked, names.nearest(asked))), ("lookup_port",))
    return None


def _ports_in_scope(ports: list[Port], states: tuple[str, ...]) -> list[Port]:
    """Same-named ports narrowed to a state the user named, if they named one."""
    if states:
        narrowed = [p for p in ports if set(p.states) & set(states)]
        if narrowed:
            return narrowed
    return ports


# Relevance needed before a passage is quoted as an answer: a strong BM25 match, or
# a close embedding and some shared word (calibrated on the dev sets; see README).
MIN_LEXICAL = 4.0
MIN_LEXICAL_WITH_DENSE = 2.5
MIN_DENSE_WITH_LEXICAL = 0.25
MIN_DENSE = 0.45
_SPLIT = re.compile(r"(?<!a\.m\.)(?<!p\.m\.)(?<!U\.S\.)(?<!\bNo\.)(?:(?<=[.!?][”’)])|(?<=[.!?]))\s+(?=[A-Z“(•§])|\n+")


def _sentences(text: str) -> list[str]:
    """Verbatim sentences of ``text`` (never split inside "8 a.m." or "U.S.")."""
    return [p.strip() for p in _SPLIT.split(text) if p and p.strip()]


def _best_sentences(text: str, words: set[str], limit: int = 2) -> list[str]:
    if len(text) <= 600:  # a table group or a short paragraph: quote it whole
        return [text]
    sentences = [s for s in _sentences(text) if len(s) > 20]
    scored = sorted(
        ((len(words & _content_words(s)), -i, s) for i, s in enumerate(sentences)), reverse=True
    )  # fmt: skip
    best = [s for score, _, s in scored[:limit] if score > 0] or sentences[:1]
    return sorted(best, key=text.find)


_LISTING = re.compile(
    r"\b(?:types?|kinds?|challenges?|functions?|roles?|measures?|steps?|procedures?|examples?|"
    r"major|main|key|list)\b",
    re.I,
)


def _bullet_block(text: str) -> str:
    lines = text.split("\n")
    bullets = [i for i, line in enumerate(lines) if line.startswith("•")]
    return "\n".join(lines[bullets[0] : bullets[-1] + 1]) if bullets else ""


def _from_passages(q: str, hits: list[Retrieved], corpus: Corpus) -> Decision:
    words = _content_words(q)
    relevant = [
        h for h in hits
        if (h.lexical or 0) >= MIN_LEXICAL
        or ((h.dense or 0) >= MIN_DENSE and (h.lexical or 0) > 0)
        or ((h.dense or 0) >= MIN_DENSE_WITH_LEXICAL and (h.lexical or 0) >= MIN_LEXICAL_WITH_DENSE)
    ]  # fmt: skip
    if not relevant:
        return Decision((), ("search_passages",), abstain=NOT_COVERED)
    # Among relevant passages, the one covering more of the question's words first (a one-line
    # list item such as "Preferred Center assignment;" should not beat the paragraph it belongs to).
    stems = _stems(q)
    relevant = sorted(relevant, key=lambda h: -len(stems & _stems(h.text)))
    out: list[Statement] = []
    seen: set[str] = set()
    top = relevant[0]
    titled = [h for h in relevant if h.ref.startswith("Article:") and _stems(h.ref) & _stems(q)]
    if titled and _LISTING.search(q):
        top = titled[0]
    if top.ref.startswith("Article:") and _LISTING.search(q):
        passage = corpus.passage(top.ref)
        best = max(passage.items, key=lambda item: len(_stems(item.split(":")[0]) & _stems(q)), default="")
        if best and len(_stems(best.split(":")[0]) & _stems(q)) >= 2:  # the question names one bullet
            out.append(Statement(f"The article: “{best}”", (Evidence(top.ref, best),)))
            seen.add(top.ref)
        elif passage.items:
            labels = [item.split(":")[0] for item in passage.items]
            out.append(Statement(
                f"The article's section “{passage.section}” lists: " + "; ".join(labels) + ".",
                (Evidence(top.ref, _bullet_block(passage.text)),),
            ))  # fmt: skip
            seen.add(top.ref)
    for h in relevant:
        if h.ref in seen or len(seen) == 2:
            continue
        seen.add(h.ref)
        for s in _best_sentences(h.text, words, limit=2 if not seen - {h.ref} else 1):
            where = "The article" if h.ref.startswith("Article:") else h.ref
            out.append(Statement(f"{where}: “{s}”", (Evidence(h.ref, s),)))
    if not out:
        return Decision((), ("search_passages",), abstain=NOT_COVERED)
    return Decision(tuple(out), ("search_passages",))


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _content_words(text) if w not in {"port", "ports", "entry", "article"}}


def not_covered(topic: str = "that") -> str:
    """The abstention message, naming what was asked about when known."""
    return (
        f"My sources (19 CFR Part 101 and the article “What Is A Port Of Entry In The US?”) do not cover {topic}, "
        "so I can't say. They cover ports of entry, service ports, Customs stations, preclearance offices, CBP "
        "hours and holidays, Centers of Excellence and Expertise, the definitions of Part 101, and what happens "
        "at a port of entry."
    )


NOT_COVERED = not_covered()
