"""Word definitions and passage answers as featured snippets: plain sentences, a lead-in with its list.

The sentences shown are the source's own, trimmed of what only makes sense on
the page: the paragraph heading, the bullet, the quote marks around a defined
term, the "(1)" of a list item (the list is shown as a list). The citation's
quote stays verbatim; only the display is trimmed.
"""

from __future__ import annotations

import re

from corpus import Corpus, Definition, sentence_spans

from ._cases import is_case
from ._data import Vocabulary
from ._matching import _cues, asked_verb, coverage, key_terms, polar_lead, stems
from ._records import Evidence, Statement
from ._render_places import join
from ._results import Definitions, Expansion, FederalRegisterDocument, Outline, SectionHistory, Snippet, meaning

__all__ = ["definitions", "display", "expansion", "snippet"]

_ITEM = re.compile(r"^\((\w+)\)\s+")


def display(text: str, *, terms: bool = False) -> str:
    """A source sentence as shown in an answer.

    No bullet, no item number, no quotes around a leading term (with ``terms``, around any term of up to five
    words), and no list joint at its end ("..., and", "; or").
    """
    text = text.strip().removeprefix("•").strip()
    text = _ITEM.sub("", text)
    if terms:
        text = re.sub(r"“((?:[^“”\s]+\s){0,4}[^“”\s]+)”", r"\1", text)
    text = re.sub(r"^(The terms? |An? |)“([^”]+)”", r"\1\2", text)
    if re.search(r"(?:,|;)\s*(?:and|or)$|;$", text):
        text = re.sub(r"\s*(?:,|;)\s*(?:and|or)?$", "", text) + "."
    return text


def _item(e: Evidence, corpus: Corpus | None = None, keys: list[frozenset[str]] | None = None) -> list[Evidence]:
    """An item as one sentence: its first one, and the one after it that holds words of the question it lacks.

    With its label, for an article bullet; with the sentence after a paragraph heading ("For new importers.").
    "which documents get the seal?": (b)(1)'s second sentence names them ("marine documents and landing
    certificates").
    """
    spans = sentence_spans(e.quote)
    if not spans:
        return [e]
    heading = corpus.passage(e.ref).heading if corpus is not None and e.ref.startswith("19 CFR") else ""
    first = e.quote[slice(*spans[0])]
    end = spans[1][1] if len(spans) > 1 and heading and first.rstrip(".") == heading else spans[0][1]
    out = [Evidence(e.ref, e.quote[spans[0][0] : end])]
    rest = [e.quote[s:t] for s, t in spans if s >= end]
    if keys and rest:
        held = stems(out[0].quote)
        best = max(rest, key=lambda x: coverage(keys, stems(x)))
        if any(k & stems(best) and not k & held for k in keys):  # it says what the first does not
            out.append(Evidence(e.ref, best))
    return out


def _items(items: tuple[Evidence, ...], corpus: Corpus | None = None,
           keys: list[frozenset[str]] | None = None) -> list[Statement]:  # fmt: skip
    """Bullets, an item of an item indented under it ("Import data:" and its (i)-(iii))."""
    top = min((e.ref.count("(") for e in items), default=0)
    out = []
    for e in items:
        said = _item(e, corpus, keys)
        text = " ".join(display(x.quote) for x in said)
        out.append(Statement(f"\n{'  ' * (e.ref.count('(') - top)}- {text}", tuple(said)))
    return out


def _definition(d: Definition, keys: list[frozenset[str]], vocabulary: Vocabulary) -> list[Statement]:
    """The definition's first sentence, the one that holds more of the question (if another), and its list."""
    spans = sentence_spans(d.text)
    lines = [d.text[s:e] for s, e in spans]
    first = lines[0]
    out = [Statement(display(first, terms=True), (Evidence(d.ref, first),))]
    rest = [ln for ln in lines[1:] if not _ITEM.match(ln)]
    if not any(_ITEM.match(ln) for ln in lines) and len(d.text.split()) <= vocabulary.threshold(
            "passages_whole_definition_words"):  # fmt: skip
        return out + [Statement(display(ln, terms=True), (Evidence(d.ref, ln),)) for ln in rest]
    # what the first sentence sets apart is not what it says: "otherwise than by vessel" leaves vessels to the next
    said = stems(_cues(vocabulary).exception.sub(" ", first), vocabulary)
    missing = [k for k in keys if not k & said]
    extra = max(rest, key=lambda ln: sum(1 for k in missing if k & stems(ln, vocabulary)), default="")
    if extra and any(k & stems(extra, vocabulary) for k in missing) and not extra.endswith(":"):
        out.append(Statement(display(extra, terms=True), (Evidence(d.ref, extra),)))
        at = lines.index(extra) + 1
        after = lines[at] if at < len(lines) else ""
        if after and not _ITEM.match(after) and _cues(vocabulary).pointed.search(after):
            # "... is not an exportation. Merchandise ... returned under these circumstances is dutiable": what
            # the sentence goes on to say of the case it described
            out.append(Statement(display(after, terms=True), (Evidence(d.ref, after),)))
    lead_in = next((ln for ln in lines if ln.endswith(":")), "")
    if lead_in:
        if lead_in != first:
            out.append(Statement(display(lead_in), (Evidence(d.ref, lead_in),)))
        out += _items(tuple(Evidence(d.ref, ln) for ln in lines if _ITEM.match(ln)))
    return out


def definitions(r: Definitions, corpus: Corpus, question: str, vocabulary: Vocabulary) -> list[Statement]:
    """Each term's definition, as plain sentences; Yes or No first when the definition settles a yes/no question."""
    keys = key_terms(question, vocabulary)
    terms = [d for d in r.terms if r.compared or d.term not in vocabulary.context_terms] or list(r.terms)
    said = [s for d in terms for s in _definition(d, keys, vocabulary)]
    if not r.polar:
        return said
    lead = next((x for d in terms if (x := _excluded(d, question))), "")
    if not lead and len(terms) == 2 and len({meaning(d) for d in terms}) == 1:
        lead = "Yes"  # "when the regs say 'Customs' do they mean CBP?": both mean U.S. Customs and Border Protection
    if not lead and len(terms) == 1:
        # "can the consignee be the importer?": one of the definition's items ("The importer may be: (1) The
        # consignee ...") is a Yes; "is it always the consignee?" is a No, it is one of several
        own = stems(terms[0].term, vocabulary)
        asked = [k for k in keys if not k & own]
        items = [ln for ln in terms[0].text.split("\n") if _ITEM.match(ln.strip())]
        if asked and len(items) > 1 and any(all(k & stems(it, vocabulary) for k in asked) for it in items):
            lead = "No" if r.only else "Yes"
    if not lead and len(terms) == 1:
        lead = polar_lead(keys, [e.quote for s in said for e in s.evidence], vocabulary)
        if r.only and re.search(r"\b(?:and|or|including|includes)\b", terms[0].text):
            lead = "No"  # "does 'duties' only mean customs duties?": it means more
    return [Statement(f"{lead}."), *said] if lead else said


def settled(said: list[Statement], polar: bool, question: str, vocabulary: Vocabulary) -> list[Statement]:
    """Rules answering a yes/no question: the one that settles it first, after its Yes or No.

    "can a local office keep different hours?" is settled by the local-hours rule, not by the general hours.
    """
    if not polar or not said or said[0].text in ("Yes.", "No."):
        return said
    keys = key_terms(question, vocabulary)
    best = max(said, key=lambda s: coverage(keys, stems(s.text, vocabulary)))
    numbers = re.findall(r"\d+", question)
    stated = {n for s in said for n in re.findall(r"\d+", s.text)}
    if len(keys) < 2 or any(n not in stated for n in numbers):
        return said  # "is cbp open at 7 am?": rules that do not hold the time asked about settle nothing
    lead = polar_lead(keys, [best.text], vocabulary, asked_verb(question, vocabulary))
    if not lead:
        return said
    return [Statement(f"{lead}."), best, *(s for s in said if s is not best)]


def _excluded(term: Definition, question: str) -> str:
    """A "No" when the definition sets apart what the question compares the term with.

    As "a Customs station is any place, other than a port of entry, ..." does for "is a customs station the same as
    a port of entry?".
    """
    asked = " ".join(re.findall(r"[a-z]+", question.lower()))
    for m in re.finditer(r"\bother than (?:an? |the )?([a-z ]+?)(?=[,;.(]|$)", term.text.lower()):
        if len(m[1].split()) <= 4 and f" {m[1].strip()} " in f" {asked} ":
            return "No"
    return ""


def expansion(r: Expansion, corpus: Corpus) -> list[Statement]:
    """What an abbreviation stands for, in one sentence."""
    said = [Statement(f"{r.abbreviation} stands for {r.words}.", (r.where,))]
    if r.sentence is not None:  # "whats APIS": what the sources say it is, too
        text = display(r.sentence.quote).removeprefix(f"{r.where.quote}: ")  # "... (APIS): APIS requires ..."
        said.append(Statement(text, (r.sentence,)))
    return said


def section_history(r: SectionHistory, corpus: Corpus) -> list[Statement]:
    """The last document the source note cites first, then where the section came from and what else amended it."""
    if not r.documents:
        return [Statement(f"The source note of {r.section} reads: {r.note.quote}.", (r.note,))]
    first, *amendments = r.documents
    said = []
    if r.elsewhere is not None:  # 101.3, 101.4: later changes are in the List of CFR Sections Affected, not here
        said.append(Statement(
            f"The source note of {r.section} (“{r.title}”) cites {_document(r.documents[-1])}"
            f"{' as the latest amendment' if amendments else ' only'}; later changes are not "
            "listed in the section: its editorial note points to the List of CFR Sections Affected, which my "
            "sources do not include.", r.citations,
        ))  # fmt: skip
    elif not amendments:
        said.append(Statement(
            f"{r.section} (“{r.title}”) was issued in its present form by {_document(first)}; its source note lists "
            "no later amendment.", r.citations,
        ))  # fmt: skip
    else:
        said.append(Statement(
            f"{r.section} (“{r.title}”) was last amended by {_document(amendments[-1])}, the latest document its "
            "source note cites.", r.citations,
        ))  # fmt: skip
        earlier = [f"{d.name or d.register} ({d.year})" for d in amendments[:-1]]
        also = f"; it was also amended by {join(earlier)}" if earlier else ""
        said.append(Statement(f"It was first issued by {_document(first)}{also}.", (r.note,)))
    return [Statement(f"{r.lead}."), *said] if r.lead else said


def _document(d: FederalRegisterDocument) -> str:
    """A document as a sentence names it: "CBP Dec. 14-09 (79 FR 46349, Aug. 8, 2014)"."""
    return f"{d.name} ({d.register}, {d.date})" if d.name else f"a notice at {d.register} ({d.date})"


def outline(r: Outline, corpus: Corpus) -> list[Statement]:
    """What a section holds, in one sentence: its paragraphs' headings, or the terms it defines."""
    terms = all(not label.startswith("(") for label, _ in r.parts)
    if terms:
        named = [label for label, _ in r.parts]
        what = f"defines {len(named)} terms"
    else:
        named = [f"{label} {display(e.quote).rstrip('.')}" for label, e in r.parts]
        what = f"has {len(named)} paragraphs"
    listed = "; ".join(named[:-1]) + ("; and " if len(named) > 2 else " and ") + named[-1]
    return [Statement(f"{r.section}, “{r.title}”, {what}: {listed}.", r.citations)]


def snippet(r: Snippet, corpus: Corpus, question: str = "", vocabulary: Vocabulary | None = None) -> list[Statement]:
    """The answering sentences, then the list a lead-in announces."""
    out = []
    for e in r.sentences:
        passage = corpus.passage(e.ref)
        text = display(e.quote)
        if passage.heading and text.startswith(passage.heading + ". "):
            rest = text[len(passage.heading) + 2 :]
            # "For new importers. Projected importations ...": whom the rule is for stays, as its opening words
            case = vocabulary is not None and is_case(passage.heading, vocabulary) and rest[1:2].islower()
            text = f"{passage.heading}: {rest[0].lower()}{rest[1:]}" if case else rest
        out.append(Statement(text, (e,)))
    if r.lead:
        out.insert(0, Statement(f"{r.lead}."))
    return out + _items(r.items, corpus, key_terms(question, vocabulary) if vocabulary and question else None)
