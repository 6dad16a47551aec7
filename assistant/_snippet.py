"""Featured-snippet selection: the sentences of the retrieved passages that answer a question.

Each retrieved chunk's sentences are read once (stems, phrases, the list a
lead-in announces) and scored for every question by how many of its key terms
they hold (stemmed), by the chunk's rank and embedding similarity, and by what
the question asks for (a list, a quantity, a position, a case, a person). The
one or two sentences that answer come back with the list a lead-in ("the
following conditions are met:") announces; None when no sentence shares
enough of the question. The weights and thresholds are in thresholds.toml.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from corpus import Corpus, Passage, sentence_spans

from ._cases import case_fits, case_lists
from ._data import Vocabulary
from ._matching import (
    _absent,
    _cues,
    _kinds_named,
    _per_corpus,
    _stem,
    _words,
    coverage,
    focus,
    key_terms,
    set_aside,
    stems,
)
from ._positions import asked_position, item_at, named_item, without_position
from ._records import Evidence
from ._registry import Retrieved
from ._results import Snippet
from ._understand import PARAGRAPH_CITED, PART_CITED

__all__ = ["asks_overview", "named_paragraphs", "named_sections", "paragraphs_under", "snippet", "step_lists"]

_NUMBER = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirty|sixty|ninety)\b"
    r"(?:\s+\(\d+\))?\s+(?:days?|hours?|years?|months?|weeks?|a\.m\.|p\.m\.|digit)",
    re.I,
)


def _parents(corpus: Corpus, passage: Passage) -> str:
    """The text of the paragraphs a list item belongs to: what the item is an item of.

    For example "Appeal of Center assignment ... Import data:" for 101.10(c)(5)(i).
    """
    out = []
    while passage.parent:
        passage = corpus.passage(passage.parent)
        out.append(passage.text)
    return " ".join(out)


def _lead_in(corpus: Corpus, passage: Passage) -> tuple[tuple[int, int], tuple[Evidence, ...]] | None:
    """The passage's sentence that introduces a list, with the list, if it has one."""
    for s, e in sentence_spans(passage.text):
        if passage.text[s:e].endswith(":") and (items := _list_after(corpus, passage, e)):
            return (s, e), items
    return None


@_per_corpus
def step_lists(corpus: Corpus, vocabulary: Vocabulary) -> tuple[Passage, ...]:
    """The passages that list steps in order (a question asking "the first step" may be about any of them)."""
    return tuple(p for p in corpus.passages if _lead_in(corpus, p) and _steps_of(corpus, p, vocabulary))


def _steps_of(corpus: Corpus, passage: Passage, vocabulary: Vocabulary) -> tuple[Evidence, ...]:
    """The steps a passage lists in order ("the main steps involved:"), or those its parent lists with it; else none.

    Only a list its lead-in calls steps, stages or a process has an order a question can ask a position in.
    """
    own = _lead_in(corpus, passage)
    if own is None and passage.parent:
        parent = corpus.passage(passage.parent)
        own = (lead := _lead_in(corpus, parent)) and (lead if any(e.ref == passage.ref for e in lead[1]) else None)
        passage = parent
    if own is None:
        return ()
    (s, e), items = own
    ordered = stems(" ".join(vocabulary.words("sequence_words")), vocabulary)
    return items if stems(passage.text[s:e], vocabulary) & ordered else ()


def _body(passage: Passage) -> str:
    """A passage's text without its own heading ("Defined purpose. The test is ..." -> "The test is ...")."""
    spans = sentence_spans(passage.text)
    if passage.heading and len(spans) > 1 and passage.text[slice(*spans[0])].rstrip(".") == passage.heading:
        return passage.text[spans[1][0] :]
    return passage.text


_QUOTED = re.compile(r"(?:^|\s)['\"‘“]([^'\"‘’“”]{3,60})['\"’”](?=[\s,.?!;:]|$)")
"""A phrase the question puts in quotes ("what is 'secondary inspection'?")."""


def named_sections(question: str, vocabulary: Vocabulary, corpus: Corpus) -> tuple[str, ...]:
    """The passages a question says to look in.

    An article section ("how does the article wrap up": the conclusion), or a paragraph of the regulation by its
    number ("what does 101.6(a) say about ...") with all the paragraphs under it.
    """
    named = [ref for ref, cue in _cues(vocabulary).section.items() if cue.search(question)]
    under = [p.ref for ref in named_paragraphs(question, corpus) for p in paragraphs_under(ref, corpus)]
    return tuple(dict.fromkeys([*named, *under]))


def named_paragraphs(text: str, corpus: Corpus) -> tuple[str, ...]:
    """The regulation's sections or paragraphs ``text`` names by number ("101.6(a)", "section 101.2"), as refs.

    "Part 101" on its own names the part, whose scope 101.0 states.
    """
    refs = [f"19 CFR 101.{m[1]}{''.join(m[2].split()).lower()}" for m in PARAGRAPH_CITED.finditer(text)]
    refs = [r for r in refs if paragraphs_under(r, corpus)]
    if not refs and PART_CITED.search(text):
        refs = [next(p.ref for p in corpus.passages if p.source == "regulation")]
    return tuple(dict.fromkeys(refs))


def paragraphs_under(ref: str, corpus: Corpus) -> list[Passage]:
    """The passage ``ref`` (if the regulation prints one) and every paragraph under it, in document order."""
    return [p for p in corpus.passages if p.ref == ref or p.ref.startswith((f"{ref}(", f"{ref} ("))]


def asks_overview(text: str, vocabulary: Vocabulary) -> bool:
    """Whether ``text`` asks only what a paragraph it names is about ("what's 101.2 about?", "summarize 101.6")."""
    rest = PARAGRAPH_CITED.sub(" ", PART_CITED.sub(" ", text))
    for cue in sorted(vocabulary.words("overview_cues"), key=len, reverse=True):
        rest = re.sub(rf"(?<!\w){re.escape(cue)}(?!\w)", " ", rest, flags=re.I)
    return not key_terms(rest, vocabulary)


@functools.lru_cache(maxsize=8192)
def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    """Every four words in a row, lower case (cached: source sentences are read for question after question)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(zip(words, words[1:], words[2:], words[3:], strict=False))


def _pairs(text: str, vocabulary: Vocabulary) -> frozenset[tuple[str, str]]:
    """Every two words in a row that are neither stopwords nor generic ("secondary inspection"), as stems."""
    return _pairs_of(text, vocabulary.skip_words)


@functools.lru_cache(maxsize=8192)
def _pairs_of(text: str, skip: frozenset[str]) -> frozenset[tuple[str, str]]:
    words = [w for w in _words(text) if "-" not in w]
    return frozenset((_stem(a), _stem(b)) for a, b in zip(words, words[1:], strict=False)
                     if a not in skip and b not in skip and len(a) > 2 and len(b) > 2)  # fmt: skip


@_per_corpus
def _pair_counts(corpus: Corpus, vocabulary: Vocabulary) -> Counter[tuple[str, str]]:
    """In how many sentences of the sources each such pair occurs (a rare one is a term of the sources)."""
    return Counter(
        g for p in corpus.passages for s, e in sentence_spans(p.text) for g in _pairs(p.text[s:e], vocabulary)
    )


def _keyed(phrase: tuple[str, ...], keys: Sequence[frozenset[str]]) -> bool:
    """Whether a phrase holds a key word (the key words already count; a phrase counts for the small words)."""
    return any(_stem(w) in k for w in phrase for k in keys)


@_per_corpus
def _phrase_counts(corpus: Corpus) -> Counter[tuple[str, ...]]:
    """In how many sentences of the sources each four words in a row occur (a rare one is a quote)."""
    return Counter(g for p in corpus.passages for s, e in sentence_spans(p.text) for g in _phrases(p.text[s:e]))


def _list_after(corpus: Corpus, passage: Passage, end: int) -> tuple[Evidence, ...]:
    """The list a lead-in sentence ending at ``end`` of ``passage`` announces, each item with its own passage."""
    items = []
    for line in passage.text[end:].split("\n"):  # items in the same passage: "(1) ...", "• ..."
        line = line.strip()
        if line and not (line.startswith("•") or re.match(r"\(\w+\)", line)):
            break
        if line:
            items.append(Evidence(passage.ref, line))
    if items:
        return tuple(items)
    out: list[Evidence] = []
    for child in (c for c in corpus.passages if c.parent == passage.ref):
        out.append(Evidence(child.ref, child.text))  # with its heading: "For new importers." says whom it is for
        if _body(child).rstrip().endswith(":"):  # "(5) Import data:" announces (i)-(iii): they come with it
            out += [Evidence(g.ref, g.text) for g in corpus.passages if g.parent == child.ref]
    return tuple(out)


@_per_corpus
def _table_lines(corpus: Corpus) -> frozenset[str]:
    """Every printed table row and heading: flattened table text, never shown as a sentence."""
    rows = [x.cite.line for x in corpus.listings] + [s.cite.line for s in corpus.stations]
    rows += [s.cite.line for s in corpus.service_ports] + [o.cite.line for o in corpus.preclearance]
    rows += [c.cite.line for c in corpus.centers]
    headings = {x.state for x in corpus.listings} | {s.state for s in corpus.stations}
    # a row the sentence splitter cuts ("DetourSault Ste." | "Marie.") is table text in each piece
    pieces = {row[s:e].strip() for row in rows for s, e in sentence_spans(row)}
    return frozenset(rows) | frozenset(headings) | frozenset(pieces)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence of a retrieved passage, with what scoring it needs that does not depend on the question."""

    text: str
    start: int
    """Where it starts in its passage."""
    end: int
    items: tuple[Evidence, ...]
    """The list it announces, for a lead-in."""
    own: frozenset[str]
    """Its stems, without what it sets apart; a lead-in's with its topic."""
    about: frozenset[str]
    """Its own stems and its passage's heading (an item's heading says whom it is for)."""
    phrases: frozenset[tuple[str, ...]]
    pairs: frozenset[tuple[str, str]]
    kinds: frozenset[str]
    number: bool
    examples: bool
    series: bool
    """Whether it names three or more things in a row: a list written inline."""
    excepts: bool
    """Whether it says what is excepted from a rule."""
    official: bool
    """Whether it names a person or an official ("the Secretary of Homeland Security is authorized ...")."""


@_per_corpus
def _sentence_cache(corpus: Corpus, vocabulary: Vocabulary) -> dict[tuple[str, str], tuple[_Sentence, ...]]:
    """The sentences read so far, by (ref, chunk text)."""
    return {}


@_per_corpus
def _title_cache(corpus: Corpus, vocabulary: Vocabulary) -> dict[str, frozenset[str]]:
    """The title stems read so far, by ref."""
    return {}


def _read_passage(corpus: Corpus, vocabulary: Vocabulary, ref: str) -> frozenset[str]:
    """The stems of a passage's heading, title and parents: they count half for its sentences."""
    cache = _title_cache(corpus, vocabulary)
    if ref not in cache:
        passage = corpus.passage(ref)
        cache[ref] = stems(f"{passage.heading} {passage.title} {_parents(corpus, passage)}", vocabulary)
    return cache[ref]


def _read_hit(corpus: Corpus, vocabulary: Vocabulary, ref: str, text: str) -> tuple[_Sentence, ...]:
    """The sentences of a retrieved chunk that can answer, read once.

    The same chunks come back question after question; reading them again was half the time of a passage answer.
    """
    cache = _sentence_cache(corpus, vocabulary)
    key = (ref, text)
    if key in cache:
        return cache[key]
    passage = corpus.passage(ref)
    offset = passage.text.find(text)
    tables = _table_lines(corpus)
    cues = _cues(vocabulary)
    # A paragraph's heading (or an article section's title) names the topic of a lead-in's list and counts in full
    # for it; the section title, and the heading for any other sentence, count half.
    topic = stems(passage.heading or (passage.title if passage.source == "article" else ""), vocabulary)
    heading = stems(passage.heading, vocabulary)
    out = []
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        if passage.heading and sentence.rstrip(".") == passage.heading:
            continue  # a paragraph's own heading is not an answer
        if re.fullmatch(r"[\W\d]*|\(?\d+ U\.S\.C\..*", sentence) or any(ln in tables for ln in sentence.split("\n")):
            continue
        items = _list_after(corpus, passage, offset + e) if sentence.endswith(":") else ()
        if sentence.endswith(":") and not items:
            continue  # a lead-in whose list is a table: the table tools answer that
        # what a sentence sets apart is not what it is about: "otherwise than by vessel" leaves vessels to the
        # next sentence ("date of importation when goods come by ship?")
        own = stems(cues.exception.sub(lambda m: m[0][: m.start(1) - m.start(0)], sentence), vocabulary)
        if items:
            own |= topic
        series = not items and cues.series.search(sentence) is not None
        if series:  # a sentence that names things in a row names kinds of them
            own |= stems(" ".join(vocabulary.words("series_terms")), vocabulary)
        out.append(_Sentence(
            sentence, offset + s, offset + e, items, own, own | heading, _phrases(sentence),
            _pairs(sentence, vocabulary), _kinds_named(sentence, cues), _NUMBER.search(sentence) is not None,
            cues.examples.search(sentence) is not None, series, cues.rule_exception.search(sentence) is not None,
            cues.official.search(sentence) is not None,
        ))  # fmt: skip
    cache[key] = tuple(out)
    return cache[key]


def _case_weight(passage: Passage, lead_in: bool, fits: dict[str, frozenset[str]]) -> int:
    """+1 for the case the asker is (or the lead-in of its list), -1 for another case of that list, else 0."""
    if passage.parent in fits:
        return 1 if passage.ref in fits[passage.parent] else -1
    return 1 if lead_in and passage.ref in fits else 0


def _narrowed(items: tuple[Evidence, ...], fits: dict[str, frozenset[str]], corpus: Corpus,
              vocabulary: Vocabulary) -> tuple[Evidence, ...]:  # fmt: skip
    """The items without the cases of a case-by-case list that the asker said they are not."""
    if not fits or not items:
        return items
    lists = case_lists(corpus, vocabulary)
    others = {p.ref for ref, fit in fits.items() for p in lists[ref] if p.ref not in fit}
    return tuple(e for e in items if e.ref not in others)


def _asks_quantity(question: str, vocabulary: Vocabulary) -> bool:
    """Whether the question asks for a number: its first question word opens "how much", "how long", ...

    "how do officers decide how much duty to charge?" asks how, not how much.
    """
    first = re.search(rf"\b(?:{vocabulary.pattern('interrogatives')})(?![\w'])", question)
    quantity = re.search(rf"\b(?:{vocabulary.pattern('quantity_cues')})\b", question)
    return quantity is not None and (first is None or quantity.start() <= first.start())


def _at_edge(text: str, start: int, end: int, edge: str) -> bool:
    """Whether text[start:end] is in the first (or last) paragraph of a text of several paragraphs."""
    outside = text[:start].lstrip() if edge == "first" else text[end:].rstrip()
    return "\n" in text.strip() and "\n" not in outside


def snippet(question: str, hits: list[Retrieved], corpus: Corpus, vocabulary: Vocabulary, *, polar: bool = False,
            strict: bool = False, context: str = "", said: frozenset[str] = frozenset(),
            sections: tuple[str, ...] | None = None) -> Snippet | None:  # fmt: skip
    """The sentences of the retrieved passages that answer ``question``; None when none does.

    A lead-in with its list is preferred for a "what/which" question (the list is the answer), not for a yes/no
    question (the rule is). The key words of ``context`` (statements around the question) count only where a
    sentence holds them.
    """
    if sections is None:  # the passages the question says to look in (search_passages has them already)
        sections = named_sections(question, vocabulary, corpus)
    summaries = set(vocabulary.summary_passages) - set(sections)
    quoted = _phrases(question)
    common = _phrase_counts(corpus)
    pairs, pair_counts = _pairs(question, vocabulary), _pair_counts(corpus, vocabulary)
    rare = vocabulary.threshold("passages_phrase_rare")
    lowered = _cues(vocabulary).hedges.sub(
        "", question.lower()
    )  # "what actually happens" asks what "what happens" asks
    wants_list = not polar and any(re.search(rf"\b{re.escape(c)}\b", lowered) for c in vocabulary.words("list_cues"))
    wants_number = _asks_quantity(lowered, vocabulary)
    cues = _cues(vocabulary)
    wants_examples = not polar and bool(cues.example_asks.search(lowered))
    wants_person = not polar and bool(cues.who.search(lowered))  # "who can close a port?": the official who may
    keys = key_terms(without_position(question, vocabulary), vocabulary)
    # "the first step", "what comes next": words that say where in a list count only where a sentence holds them
    extra = [k for k in key_terms(question, vocabulary) + key_terms(context, vocabulary) if k not in keys]
    # "new importer, no history yet": what the user says is absent answers nothing, and a sentence about it is
    # about someone else (101.10(c)(5)(ii) "less than one year of prior import history")
    absent = _absent(f"{context} {question}", vocabulary)
    keys, extra = [k for k in keys if not k & absent], [k for k in extra if not k & absent]
    asked = focus(question, vocabulary) - absent
    aside = set_aside(question, vocabulary)  # "what else goes in, besides the import data?": asks the rest
    keys = [k for k in keys if not k & aside] or keys
    kinds = _kinds_named(question, cues)
    # "what kinds of places can be ports?": the things a series names are the kinds; none of them is a "place"
    # (a sentence that says "types of ports" names the kinds asked for in "what kinds of ports are there?")
    named_kinds = None
    if category := cues.kinds_asked.search(lowered):
        keys = [k for k in keys if _stem(category[1]) not in k] or keys
        named_kinds = re.compile(
            rf"\b(?:{vocabulary.pattern('series_terms')})\s+of\s+(?:the\s+)?{re.escape(_stem(category[1]))}", re.I
        )
    # "we've imported for 8 months": of a list written case by case, the cases the asker says they are
    # (the question's own case first: "what about one with 3 years of history?" after "a brand new importer?")
    fits = case_fits(question, corpus, vocabulary) or case_fits(f"{context} {question}", corpus, vocabulary)
    in_quotes = _QUOTED.search(question)
    if in_quotes and (inside := key_terms(in_quotes[1], vocabulary)):
        # "got flagged for 'secondary inspection' last time, what is that": the quoted words are what is asked;
        # the rest tells the story and counts only where a sentence holds it
        extra += [k for k in keys if k not in inside]
        keys = inside
    if not hits:
        return None
    position = asked_position(question, vocabulary)
    # "at the very end", "the final paragraph - what does it say ...?": the last paragraph of the section named
    edge = next((e for e, cue in cues.edges if cue.search(f"{context} {lowered}")), "")
    t = vocabulary.threshold
    best: tuple[float, float, float, Passage, tuple[int, int], tuple[Evidence, ...], bool] | None = None
    counted = best  # the best sentence that holds a quantity
    for rank, hit in enumerate(hits):
        passage = corpus.passage(hit.ref)
        title = _read_passage(corpus, vocabulary, passage.ref)
        # "the first thing that happens when you arrive": a position is asked in a list of steps
        in_order = position is not None and bool(_steps_of(corpus, passage, vocabulary))
        if hit.text in said or passage.text in said:
            continue  # what was said for another question of the message
        for read in _read_hit(corpus, vocabulary, passage.ref, hit.text):
            sentence, items, own = read.text, read.items, read.own
            said_items = said and items and all(e.quote in said for e in _narrowed(items, fits, corpus, vocabulary))
            if sentence in said or said_items:
                continue  # (a lead-in whose items, for this asker, were said already says nothing new)
            share = (coverage(keys, own, extra) + coverage(keys, own | title, extra)) / 2
            score = share + t("passages_weight_dense") * (hit.dense or 0.0) + t("passages_weight_rank") / (rank + 1)
            score += t("passages_weight_position") if in_order else 0.0
            if edge and passage.ref in sections and _at_edge(passage.text, read.start, read.end, edge):
                score += t("passages_weight_position")
            if items:  # the list is the answer to "what are the steps?", not to "can a vessel enter?"
                score += t("passages_weight_list") if wants_list else -t("passages_weight_list") if polar else 0.0
                score += t("passages_weight_phrase") if named_kinds and named_kinds.search(sentence) else 0.0
            elif read.series and category:  # "what kinds of places can be ports?": "airports, seaports, or ..."
                score += t("passages_weight_list")
            score -= t("passages_weight_summary") if passage.ref in summaries else 0.0
            score += t("passages_weight_section") if passage.ref in sections else 0.0
            shared = [g for g in quoted & read.phrases if common[g] <= rare and not _keyed(g, keys)]
            score += t("passages_weight_phrase") * min(len(shared), 2)
            score += t("passages_weight_number") if wants_number and read.number else 0.0
            score += t("passages_weight_person") if wants_person and read.official else 0.0
            # "got pulled into secondary inspection last time, what is that": a rare term of the sources the
            # question names is what it asks about, however many story words come with it
            termed = any(pair_counts[p] <= rare for p in pairs & read.pairs)
            score += t("passages_weight_examples") if wants_examples and read.examples else 0.0
            score += t("passages_weight_phrase") if termed else 0.0
            score -= t("passages_weight_absent") if absent & read.about and not read.excepts else 0.0
            # "who can shut down a port of entry?": 101.3(a), not its twin for Customs stations, 101.4(c)(1)
            other = kinds and read.kinds and not kinds & read.kinds
            score -= t("passages_weight_kind") if other else 0.0
            # "what import data goes in an appeal?": a sentence about what is asked for, not only around it
            score += t("passages_weight_focus") if asked and asked <= own else 0.0
            # the case the asker is counts where the sentence holds what the question itself asks ("what import
            # data do we send?"), not for another question of the message ("... and where do I mail it?")
            # (another case than the asker's never answers)
            case = _case_weight(passage, bool(items), fits) if fits else 0
            if case < 0 or case and any(k & (own | title) for k in keys):
                score += t("passages_weight_case") * case
            if best is None or score > best[0]:
                best = (score, share, hit.dense or 0.0, passage, (read.start, read.end), items, termed)
            if wants_number and read.number and (counted is None or score > counted[0]):
                counted = (score, share, hit.dense or 0.0, passage, (read.start, read.end), items, termed)
    if best is not None and counted is not None and not best[5] and counted[1] >= t("passages_min_coverage"):
        best = counted  # "how much notice ...?": of the sentences that hold the question, the best with a quantity
    if best is None:
        return None
    _, share, dense, passage, (start, end), items, termed = best
    if position is not None and share >= t("passages_min_coverage"):
        # "what's the first step when you land?", "after the customs declaration what comes next?": one item of
        # the list the best sentence is in (or introduces), by the source's order
        listed = _steps_of(corpus, passage, vocabulary)
        mentioned = named_item(listed, question, vocabulary)
        if (picked := item_at(position, listed, mentioned, int(t("passages_snippet_words")))) is not None:
            # "is baggage inspection the first step?": No, when the item named is not the one at that position
            lead = "" if not polar or mentioned is None else "Yes" if picked[0] == mentioned else "No"
            return Snippet((picked[1],), lead=lead)
    if wants_list and not items and passage.parent:  # "what conditions apply?": all the items, not the best one
        parent = corpus.passage(passage.parent)
        lead_in = _lead_in(corpus, parent)
        if lead_in is not None and any(e.ref == passage.ref for e in lead_in[1]):
            passage, ((start, end), items) = parent, lead_in
    cased = passage.parent in case_lists(corpus, vocabulary)
    if cased and len(fits.get(passage.parent, ())) != 1 and not items:
        # "what does a new importer send, and one with 3 years of history?": the cases asked, under their lead-in;
        # "what import data goes in the appeal?": every case, as the asker did not say which is theirs
        parent = corpus.passage(passage.parent)
        if (lead_in := _lead_in(corpus, parent)) is not None:
            passage, ((start, end), items) = parent, lead_in
    items = _narrowed(items, fits, corpus, vocabulary)
    if len(items) == 1 and passage.ref in fits:  # the one case the asker is: its item alone, not a list of one
        return Snippet((Evidence(items[0].ref, items[0].quote),))
    if cased and not items:  # a case's item with the words that say whom it is for
        return Snippet((Evidence(passage.ref, passage.text),))
    in_item = passage.text[:start].rsplit("\n", 1)[-1].lstrip().startswith("•")
    if wants_list and not items and not in_item and (lead_in := _lead_in(corpus, passage)) is not None:
        (start, end), items = lead_in  # "what happens when you cross?": the passage's own list is the answer
    if strict and share < t("passages_strict_coverage"):
        return None
    if wants_number and not items and not _NUMBER.search(passage.text[start:end]):
        return None  # "how long is the wait?" is not answered by "longer wait times": it asks for a quantity
    if (
        share < t("passages_min_coverage")
        and not (share > 0 and dense >= t("passages_min_dense"))
        and not termed
        and passage.ref not in sections
    ):  # fmt: skip  (where the question said to look, the best sentence)
        return None
    if not keys and dense < t("passages_min_dense") and passage.ref not in sections:
        return None  # nothing asked but where to look ("how does the article wrap up?") is asked enough
    text = passage.text
    body = _body(passage)
    if not items and len(body.split()) <= t("passages_whole_words") and "\n" not in body:
        return Snippet(tuple(Evidence(passage.ref, body[s:e]) for s, e in sentence_spans(body)))
    chosen = [Evidence(passage.ref, text[start:end])]
    before = [sp for sp in sentence_spans(text) if sp[1] <= start and "\n" not in text[sp[1] : start]]
    pointing = _cues(vocabulary).pointing.match(text[start:end])
    if pointing and text[start : start + 1].isupper() and before and not items:
        # "These include border crossings such as the Peace Bridge ...": the sentence it points back to goes first
        chosen.insert(0, Evidence(passage.ref, text[slice(*before[-1])]))
    words = sum(len(e.quote.split()) for e in chosen)
    continuing = re.compile(r"^(?:" + "|".join(re.escape(w) for w in vocabulary.words("continuation")) + r")\b", re.I)
    held = stems(" ".join(c.quote for c in chosen), vocabulary)  # the words the snippet says so far
    for s, e in (sp for sp in sentence_spans(text) if sp[0] >= end) if not items else ():
        nxt, said = text[s:e], stems(text[s:e], vocabulary)
        # "where are the HTSUS numbers published?": the next sentence holds a key word the snippet lacks
        completes = any(k & said for k in keys if not k & held)
        if (
            "\n" in text[end:s]
            or not (words < 12 or continuing.match(nxt) or completes)
            or words + len(nxt.split()) > t("passages_snippet_words")
            or nxt.rstrip().endswith(":")
        ):  # fmt: skip  (a lead-in needs its list)
            break  # a snippet goes on only with the sentences that continue it, on the same line
        chosen.append(Evidence(passage.ref, nxt))
        words, end, held = words + len(nxt.split()), e, held | said
    cues = _cues(vocabulary)
    if not items and cues.general_rule.match(chosen[0].quote):
        # "Generally, each importer will be assigned ...": the rule comes with its exception from the same paragraph
        for s, e in (sp for sp in sentence_spans(text) if sp[0] >= end):
            if cues.rule_exception.search(text[s:e]) and words + len(text[s:e].split()) <= t("passages_snippet_words"):
                chosen.append(Evidence(passage.ref, text[s:e]))
                break
    return Snippet(tuple(chosen), items)
