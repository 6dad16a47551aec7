"""Tools over the text: definitions (101.1) and passage search.

Passage search retrieves the chunks (hybrid search), brings in the sections a
question names and the lists of steps a position question needs, and hands
them to ``_snippet``, which picks the sentences that answer. When none does, it
returns None: the sources do not answer, and the answer says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pydantic import BaseModel, Field

from corpus import Corpus, Definition, sentence_spans

from ._data import Vocabulary
from ._matching import _cues, _per_corpus, _words, asked_verb, key_terms, names_article, polar_lead, stems
from ._positions import asked_position
from ._records import Evidence
from ._registry import Context, Request, Retrieved, tool
from ._results import Definitions, Expansion, FederalRegisterDocument, Outline, SectionHistory, Snippet
from ._snippet import asks_overview, named_paragraphs, named_sections, paragraphs_under, snippet, step_lists

__all__: list[str] = []  # tools register themselves in TOOLS

_WORD_HITS = 3


class _Term(BaseModel):
    term: str = Field(description="A term defined in 19 CFR 101.1, e.g. 'business day'")


class _Query(BaseModel):
    query: str = Field(description="What to look for in the regulation and the article")


@tool("definition", _Term, needs=("terms",), home=("19 CFR 101.1 (",))
def definition(req: Request, ctx: Context) -> Definitions | None:
    """Terms defined in 101.1, quoted with any list they include."""
    terms = req.slots.terms
    # "station vs port, what's the difference?": the kinds named are terms too, in the order asked
    named = [ctx.gazetteer.vocabulary.kind_terms.get(k) for k in req.slots.kinds]
    extra = tuple(d for d in ctx.corpus.definitions if d.term in named and d not in terms)
    if len(req.slots.kinds) > 1 or not terms:
        terms = tuple(sorted((*terms, *extra), key=lambda d: named.index(d.term) if d.term in named else -1))
    terms = (_people(terms, ctx.corpus, ctx.gazetteer.vocabulary) if req.slots.person else ()) or terms
    cited = _cited_terms(req.text, ctx.corpus)  # "when the regs say 'Customs' do they mean CBP?": Customs first
    terms = tuple(dict.fromkeys([*cited, *terms]))
    return Definitions(terms, req.slots.polar, req.slots.exclusive, len(named) > 1) if terms else None


_CITED = re.compile(
    r"(?:^|\s)(?:['\"‘“]([^'\"‘’“”]{2,40})['\"’”]|(?:say|says|said|word|term)\s+([A-Za-z][\w.]*))", re.I
)


def _cited_terms(question: str, corpus: Corpus) -> list[Definition]:
    """Defined terms the question quotes or cites as a word ("when the regs say 'Customs'"), by any of their names.

    "Customs" is too common a word to be read as the term anywhere else.
    """
    cited = {(m[1] or m[2]).strip(" .").lower() for m in _CITED.finditer(question)}
    return [d for d in corpus.definitions if cited & {n.strip().lower() for n in re.split(r"\s+or\s+", d.term)}]


def _people(terms: tuple[Definition, ...], corpus: Corpus, vocabulary: Vocabulary) -> tuple[Definition, ...]:
    """For "who runs a port?": the terms defined as a person whose name holds a word of the term asked about.

    "Port director" for "port", "Center director" for "Center"; empty when a term asked about is a person already
    ("who is the importer?").
    """
    person = _cues(vocabulary).person
    if not terms or any(person.search(d.text) for d in terms):
        return ()
    asked = {w for d in terms for w in stems(d.term)} - stems(" ".join(vocabulary.grammar["stopwords"]))
    return tuple(d for d in corpus.definitions if d not in terms and person.search(d.text) and asked & stems(d.term))


@tool("search_passages", _Query)
def search_passages(req: Request, ctx: Context) -> Snippet | Expansion | Outline | None:
    """Search the regulation's paragraphs and the article; the sentences that answer, or nothing.

    A question about what an abbreviation the sources spell out stands for ("NCAP stands for?") gets the words.
    """
    vocabulary = ctx.gazetteer.vocabulary
    expansion = _expansion(req.text, ctx.corpus, vocabulary)
    if expansion is not None:
        return expansion
    paragraphs = named_paragraphs(req.text, ctx.corpus)
    if paragraphs and asks_overview(req.text, vocabulary):  # "what's 101.2 about?": what it holds
        return _overview(paragraphs[0], ctx.corpus, vocabulary)
    # The words the sources use for the question's own ("land": arriving) find the passages that use them.
    said = {w for w in _words(req.text)}
    also = dict.fromkeys(s for w in _words(req.text) for s in vocabulary.synonyms_of(w) if s not in said)
    query, words = " ".join([req.text, req.context]).strip(), " ".join(also)
    hits = ctx.retrieve(query, also=words)
    # The paragraphs that share the most words come in too: fused ranks can bury the one rare word that answers
    # ("who can establish or discontinue ports of entry?": 101.3(a)).
    hits += [
        h
        for h in ctx.retrieve(query, lexical=True, also=words)[:_WORD_HITS]
        if (h.ref, h.text) not in {(x.ref, x.text) for x in hits}
    ]
    if asked_position(req.text, vocabulary):  # "the first thing that happens when you arrive": the lists of steps
        hits += [Retrieved(p.ref, p.text, None, None) for p in step_lists(ctx.corpus, vocabulary)]
    if names_article(f"{req.context} {req.text}", vocabulary):
        # "what does the article say about chicago?": the article's passages, even where the tables' rows match
        article = [h for h in hits if h.ref.startswith("Article: ")]
        seen = {(h.ref, h.text) for h in article}
        hits = article + [
            h for h in ctx.retrieve(query, lexical=True, also=words, source="article") if (h.ref, h.text) not in seen
        ]
    # The rest of a retrieved section comes in too, after the hits: "what's the first step when you land?" is
    # the "Passport Control" bullet of the section whose opening sentence search found
    seen = {(h.ref, h.text) for h in hits}
    whole = [ctx.corpus.passage(ref) for ref in dict.fromkeys(h.ref for h in hits)]
    hits += [Retrieved(p.ref, p.text, None, None) for p in whole if (p.ref, p.text) not in seen]
    # A section the question names comes in whole ("how does the article wrap up?": the conclusion); a paragraph
    # of the regulation it names by number is where the answer is ("what does 101.6(b) allow?")
    named = named_sections(req.text, vocabulary, ctx.corpus)
    # a section of the article a statement names is where to look too ("the final paragraph - what does it say
    # ...?"); a part or paragraph number there frames the question ("under Part 101, who may close a station?")
    named += tuple(
        r for r in named_sections(req.context, vocabulary, ctx.corpus) if ctx.corpus.passage(r).source == "article"
    )
    if paragraphs:  # found there, in the order search ranks them, then the rest of it
        hits = [h for h in hits if h.ref in named]
    hits += [Retrieved(p.ref, p.text, None, None) for p in ctx.corpus.passages if p.ref in named]
    found = snippet(req.text, hits, ctx.corpus, vocabulary, polar=req.slots.polar, strict=req.strict,
                    context=req.context, said=frozenset(req.said), sections=named)  # fmt: skip
    if found is not None and req.slots.places:
        quoted = " ".join(e.quote for e in found.sentences)
        if ctx.gazetteer.names_other_places(quoted, req.slots.places):
            return None  # "is JFK mainly for trade with asia?": a sentence about LAX says nothing of JFK
    if found is None or not req.slots.polar or found.lead:
        return found
    sentences = [e.quote for e in found.sentences]
    lead = polar_lead(key_terms(req.text, vocabulary), sentences, vocabulary, asked_verb(req.text, vocabulary))
    return replace(found, lead=lead)


@tool("section_history", _Query)
def section_history(req: Request, ctx: Context) -> SectionHistory | None:
    """When a section of Part 101 was issued and last amended: the documents its source note cites.

    The section is the one the question names by number ("when was 101.5 last amended?"), else the one whose
    paragraphs search finds for its words ("when was the preclearance list last changed?").
    """
    refs = named_paragraphs(req.text, ctx.corpus) or named_paragraphs(req.context, ctx.corpus)
    numbered = [r.removeprefix("19 CFR ").split("(")[0] for r in refs if r != ctx.corpus.passages[0].ref]
    # a section named by number, else by its title's words ("the definitions in part 101": 101.1), else the part
    section = next(iter(numbered), "") or _titled(req.text, ctx.corpus, ctx.gazetteer.vocabulary)
    if not section and refs:  # "when was part 101 first issued?": the part's first section, its scope
        section = ctx.corpus.passages[0].section
    if not section:
        hits = ctx.retrieve(" ".join([req.text, req.context]).strip())
        found = [ctx.corpus.passage(h.ref) for h in hits if not h.ref.startswith("Article: ")]
        if not found:
            return None
        section = found[0].section
    notes = {p.heading: p for p in ctx.corpus.notes if p.section == section}
    note = notes.get("Source note")
    if note is None:
        return None  # 101.7 and 101.8 carry no source note in the text as captured
    documents = tuple(FederalRegisterDocument(m["name"] or "", m["register"], m["date"], int(m["date"][-4:]))
                      for m in _FR_CITE.finditer(note.text))  # fmt: skip
    elsewhere = notes.get("Editorial note")
    # "was 101.5 amended after 2014?": No, when the note is the whole history and lists nothing later
    after = req.slots.years[0] if req.slots.polar and len(req.slots.years) == 1 else None
    return SectionHistory(
        f"19 CFR {section}", note.title, documents, Evidence(note.ref, note.text),
        Evidence(elsewhere.ref, elsewhere.text) if elsewhere else None, after,
    )  # fmt: skip


def _titled(question: str, corpus: Corpus, vocabulary: Vocabulary) -> str:
    """The section whose title shares the most words with the question ("the hours section": 101.6), or "".

    Words in several titles ("Customs") say nothing; a tie says nothing either.
    """
    titles = {s.number: stems(s.title) for s in corpus.regulation.sections}
    counts = Counter(w for t in titles.values() for w in t)
    asked = stems(question) - stems(" ".join(vocabulary.grammar["stopwords"]))
    shared = sorted(((len({w for w in t & asked if counts[w] == 1}), n) for n, t in titles.items()), reverse=True)
    if not shared or shared[0][0] == 0 or len(shared) > 1 and shared[1][0] == shared[0][0]:
        return ""
    return shared[0][1]


_FR_CITE = re.compile(
    r"(?:(?P<name>(?:T\.D\.|CBP Dec\.|E\.O\.) [\d-]+), )?(?P<register>\d+ FR \d+), "
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})"
)
"""One document of a source note: "T.D. 82-145, 47 FR 35478, Aug. 16, 1982" or "49 FR 44867, Nov. 9, 1984"."""


_SHORT = 5
"""Words in a question that asks only what an abbreviation means ("what is the IOR")."""
_SPELLED = re.compile(
    r"((?:[A-Z][\w.'&-]*|of|the|and|for)(?:\s+(?:[A-Z][\w.'&-]*|of|the|and|for)){0,8})\s+\(([A-Z]{2,6})\)"
)


@_per_corpus
def _abbreviations(corpus: Corpus) -> dict[str, Expansion]:
    """Every abbreviation the sources spell out, by its lower-case form ("ncap")."""
    out: dict[str, Expansion] = {}
    for p in corpus.passages:
        for m in _SPELLED.finditer(p.text):
            words, abbreviation = m[1].split(), m[2]
            while words and words[0][0] != abbreviation[0]:  # "All affected Importer of Record (IOR)"
                words = words[1:]
            if words and words[0][0].isupper():
                spelled = " ".join(words)
                quote = p.text[m.end() - len(f"{spelled} ({abbreviation})") : m.end()]
                out.setdefault(abbreviation.lower(), Expansion(abbreviation, spelled, Evidence(p.ref, quote)))
    return out


def _expansion(question: str, corpus: Corpus, vocabulary: Vocabulary) -> Expansion | None:
    """The abbreviation a short or "stand for" question asks about, if the sources spell it out."""
    words = re.findall(r"[A-Za-z][\w.'-]*", question)
    cue = re.search(rf"(?:{vocabulary.pattern('expansion_cues')})", question, re.I) is not None
    short_cue = re.search(rf"\b(?:{vocabulary.pattern('expansion_short_cues')})\b", question, re.I) is not None
    known = _abbreviations(corpus)
    asked = [w for w in words if w.lower().strip(".") in known]
    if len(asked) != 1 or not (cue or len(words) <= 2 or short_cue and len(words) <= _SHORT):
        return None
    found = known[asked[0].lower().strip(".")]
    if cue:
        return found
    text = corpus.passage(found.where.ref).text
    at = text.find(found.where.quote)
    span = next(((s, e) for s, e in sentence_spans(text) if s <= at < e), None)
    if span is None or text[span[0] : span[1]].strip() == found.where.quote:
        return found
    return replace(found, sentence=Evidence(found.where.ref, text[span[0] : span[1]].strip()))


def _overview(ref: str, corpus: Corpus, vocabulary: Vocabulary) -> Outline | Snippet | None:
    """What the section or paragraph ``ref`` holds: the headings of its paragraphs, or its opening sentences."""
    under = paragraphs_under(ref, corpus)
    depth = ref.count("(")
    children = [p for p in under if p.ref.count("(") == depth + 1 and p.ref != ref]
    if len(children) > 1 and all(c.heading for c in children):
        parts = []
        for c in children:
            at = c.text.lower().find(c.heading.lower())
            term = re.search(r"“([^”]+)”", c.text) if at < 0 else None
            quote = c.text[at : at + len(c.heading)] if at >= 0 else term[1] if term else None
            if quote is None:
                return None
            label = c.heading if " (" in c.ref else c.ref[c.ref.rindex("(") :]
            parts.append((label, Evidence(c.ref, quote)))
        return Outline(ref, children[0].title, tuple(parts))
    hits = [Retrieved(p.ref, p.text, None, None) for p in under]
    return snippet(ref, hits, corpus, vocabulary)  # asked for nothing but the paragraph: its opening sentences
