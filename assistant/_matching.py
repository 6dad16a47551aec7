"""How a question's words meet a source sentence's: stems, key terms, coverage, and a yes/no question's lead.

Every text tool and composer reads questions and sentences this way: a
sentence answers when it holds enough of the question's key words (stemmed,
with the sources' synonyms for the user's words, a misspelling one or two
letters off counting); its negations, provisos and "only" decide a Yes or No.
The cue words are vocabulary.toml's; the numbers thresholds.toml's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from rapidfuzz import fuzz, process

from ._data import Vocabulary, load_vocabulary

__all__ = ["asked_verb", "coverage", "focus", "key_terms", "names_article", "polar_lead", "set_aside", "stems"]

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z0-9]+")
_MIN_FUZZY = 5
_T = TypeVar("_T")
_P = ParamSpec("_P")
# Shorter words have too many close neighbours to call one a misspelling of another.
_MIN_DERIVED = 6  # "supervis" is a stem of "supervisory"; "port" is not one of "portal"
_FUZZY_KEY = 85  # rapidfuzz ratio: two edits in a ten-letter stem, one in a six-letter one


def _per_corpus(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """``fn`` computed once per corpus object (and per vocabulary object, for those that read one).

    Kept by identity (holding the arguments, so their ids stay their own): ``functools.cache`` would hash the whole
    frozen corpus on every question, which cost about 2 ms of each passage answer.
    """
    cache: dict[tuple[int, ...], tuple[tuple[object, ...], _T]] = {}

    @functools.wraps(fn)
    def once(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        key = tuple(id(a) for a in args)
        hit = cache.get(key)
        if hit is None or any(held is not given for held, given in zip(hit[0], args, strict=True)):
            hit = cache[key] = (tuple(args), fn(*args, **kwargs))
        return hit[1]

    return once


@functools.cache
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("english")


@functools.cache
def _kept_apart() -> dict[str, str]:
    """Words the stemmer would merge with another word of other meaning ("important" is not "import")."""
    return dict(load_vocabulary().grammar["stem_exceptions"])


def _stem(word: str) -> str:
    if (kept := _kept_apart().get(word)) is not None:
        return kept
    stem = str(_stemmer().stemWord(word))  # type: ignore[attr-defined]
    # "staffs" stems to staff but "staffed" to staf: one final consonant for both
    return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouy" else stem


def _words(text: str) -> list[str]:
    """The words of ``text``, a hyphenated word also as its parts ("drug-sniffing": drug, sniffing)."""
    out = []
    for w in _WORD.findall(text.lower().replace("’", "'")):
        out.append(w)
        if "-" in w:
            out += [p for p in w.split("-") if p]
    return out


def stems(text: str, vocabulary: Vocabulary | None = None) -> frozenset[str]:
    """Stems of all the words of ``text``.

    All of them: a question's key word may be matched by a synonym that is a stopword elsewhere, "include" by
    "means". Cached: the same source sentences are read for question after question.
    """
    return _stems(text)


@functools.lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _words(text) if len(w) > 1)


def key_terms(question: str, vocabulary: Vocabulary) -> list[frozenset[str]]:
    """What a sentence must share with the question to answer it: each key word's stem, with its synonyms'."""
    keys: dict[str, set[str]] = {}
    cues = _cues(vocabulary)
    if cues.absence.search(question):
        # "if no regulation says how ...": the condition decides which sentence answers, so it counts twice
        keys["absenc"] = keys[" absenc"] = {_stem(w) for w in vocabulary.words("absence_words")}
    # where to look is not what to look for ("the article's introduction"); "after a test wraps up" is no section
    if names_article(question, vocabulary):
        question = _cues(vocabulary).sections.sub(" ", question)
    question = cues.stop_phrases.sub(" ", question)
    for w in _words(question):
        if w in vocabulary.skip_words or len(w) <= 1 or w.isdigit():  # "19 CFR 101": refs are not in the text
            continue
        alternatives = keys.setdefault(_stem(w), {_stem(w)})
        for syn in vocabulary.synonyms_of(w):
            alternatives |= {_stem(x) for x in _words(syn)}
    return [frozenset(v) for v in keys.values()]


@dataclass(frozen=True)
class _Cues:
    """The patterns built from the vocabulary's cue lists (hedges, exceptions, pointing words, auxiliaries)."""

    hedges: re.Pattern[str]
    exception: re.Pattern[str]
    contrast: re.Pattern[str]
    """What a rule leaves out after "but not" ("... for the expenses, ... but not the salary of a Customs officer")."""
    pointing: re.Pattern[str]
    asked_verb: re.Pattern[str]
    bounds: re.Pattern[str]
    exclusive: re.Pattern[str]
    article: re.Pattern[str]
    example_asks: re.Pattern[str]
    examples: re.Pattern[str]
    series: re.Pattern[str]
    """Three or more things in a row after a verb that says what something can be ("can be airports, seaports, or
    land border crossings"): a list written inline."""
    kinds_asked: re.Pattern[str]
    """The thing whose kinds a question asks for ("what kinds of places": group 1)."""
    person: re.Pattern[str]
    """A definition that defines a person ("means the person who ...")."""
    sections: re.Pattern[str]
    """Any word that names a section of the article."""
    section: dict[str, re.Pattern[str]]
    """The words that name each section, by its ref."""
    general_rule: re.Pattern[str]
    rule_exception: re.Pattern[str]
    """A negation or an exception word: the sentence that states a general rule's exception holds one."""
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    """Each kind of place with the words that name it, the kind with the longest word first."""
    absence: re.Pattern[str]
    """A condition of absence ("if no regulation says how"): the sentence about the absence answers."""
    stop_phrases: re.Pattern[str]
    """Phrases that ask nothing ("these days", "in general")."""
    absent: re.Pattern[str]
    """What a question says is not there ("no history yet"): the one or two words after the cue."""
    focus: re.Pattern[str]
    """The words after "what"/"which" (what a question asks for is among them)."""
    aside: re.Pattern[str]
    """What a question sets aside as known ("what else, besides the import data?"): the one or two words after."""
    proviso: re.Pattern[str]
    """Where a source sentence's condition starts ("provided that", "but only to the extent")."""
    describing_not: re.Pattern[str]
    """A "not" that only describes ("a place which is not a port of entry")."""
    unlimited: re.Pattern[str]
    """No limit in time ("at any time")."""
    limits: frozenset[str]
    """The stems of words asking about a limit in time ("deadline", "window")."""
    who: re.Pattern[str]
    """A question that asks who."""
    official: re.Pattern[str]
    """A person or an official named in a sentence."""
    pointed: re.Pattern[str]
    """Words by which a sentence speaks of the case the sentence before it described ("under these circumstances")."""
    edges: tuple[tuple[str, re.Pattern[str]], ...]
    """Words asking for the start or the end of a section ("at the very end"), by "first" or "last"."""


_CUES: dict[int, _Cues] = {}


def _set_apart(v: Vocabulary, cues: str) -> re.Pattern[str]:
    """A cue of the list ``cues`` and what it sets apart, up to the clause's verb or punctuation (group 1)."""
    return re.compile(rf"\b(?:{v.pattern(cues)})\s+([^.;:,]+?)(?=\s+(?:{v.pattern('clause_verbs')})\b|[.;:,]|$)", re.I)


def _cues(v: Vocabulary) -> _Cues:
    """The cue patterns of ``v``, compiled once per vocabulary."""
    if id(v) not in _CUES:
        _CUES[id(v)] = _Cues(
            hedges=re.compile(rf"\b(?:{v.pattern('hedges')})\s+", re.I),
            exception=_set_apart(v, "exception_cues"),
            contrast=_set_apart(v, "contrast_cues"),
            pointing=re.compile(rf"(?:{v.pattern('pointing')})\b", re.I),
            asked_verb=re.compile(
                rf"\b(?:{v.pattern('auxiliaries')})\s+(?:{v.pattern('subjects')}|(?:{v.pattern('determiners')})\s+\w+)"
                rf"\s+(?:(?:{v.pattern('hedges')})\s+)?([a-z]{{3,}})\b",
                re.I,
            ),
            bounds=re.compile(rf"\b(?:{v.pattern('bounds')})\b"),
            exclusive=re.compile(rf"\b(?:{v.pattern('exclusive')})\b"),
            article=re.compile(rf"(?:{v.pattern('article_cues')})\b", re.I),
            sections=re.compile(_alternation([c for cues in v.section_cues.values() for c in cues]), re.I),
            section={ref: re.compile(_alternation(cues), re.I) for ref, cues in v.section_cues.items()},
            general_rule=re.compile(rf"(?:{v.pattern('general_rule')})\b", re.I),
            example_asks=re.compile(rf"\b(?:{v.pattern('example_asks')})\b", re.I),
            examples=re.compile(rf"\b(?:{v.pattern('example_marks')})(?!\w)", re.I),
            series=re.compile(
                rf"\b(?:{v.pattern('series_verbs')})\s+(?:\w[^,;:()]{{0,40}}, ){{2,}}(?:or|and)\s+\w", re.I
            ),
            kinds_asked=re.compile(rf"\b(?:{v.pattern('series_terms')})\s+of\s+(\w+)", re.I),
            person=re.compile(rf"\b(?:means?|is|are)\s+(?:the\s+|an?\s+)?(?:{v.pattern('persons')})\b", re.I),
            rule_exception=re.compile(rf"\b(?:{v.pattern('negation')}|{v.pattern('exception_cues')})\b", re.I),
            absence=re.compile(_alternation(v.words("absence_cues")), re.I),
            stop_phrases=re.compile(_alternation(v.words("stop_phrases")), re.I),
            absent=re.compile(rf"\b(?:{v.pattern('none_cues')}|no|without)\s+([a-z]+(?:\s+[a-z]+)?)", re.I),
            focus=re.compile(r"\b(?:what|which|whose)\s+((?:[a-z'-]+\s*){1,3})", re.I),
            aside=re.compile(
                rf"\b(?:{v.pattern('beside_cues')})\s+(?:(?:the|a|an|my|our|their)\s+)?([a-z]+(?:\s+[a-z]+)?)", re.I
            ),
            proviso=re.compile(rf"\b(?:{v.pattern('proviso_cues')})\b"),
            describing_not=re.compile(r"\b(?:which|that|who)\s+(?:is|are|was|were)\s+not\b"),
            unlimited=re.compile(rf"\b(?:{v.pattern('unlimited')})\b", re.I),
            limits=stems(" ".join(v.words("limit_asks")), v),
            who=re.compile(rf"(?:^|\b)(?:{v.pattern('who_cues')})(?![\w'])", re.I),
            official=re.compile(rf"\b(?:{v.pattern('persons')})\b", re.I),
            pointed=re.compile(_alternation(v.words("pointed_cases")), re.I),
            edges=tuple((edge, re.compile(_alternation(v.words(f"edge_{edge}")), re.I)) for edge in ("first", "last")),
            kinds=tuple(
                (kind, re.compile(_alternation(sorted(words, key=len, reverse=True)), re.I))
                for kind, words in sorted(v.kinds.items(), key=lambda kw: -max(map(len, kw[1])))
            ),  # fmt: skip
        )
    return _CUES[id(v)]


def _cued(found: Iterable[re.Match[str]], vocabulary: Vocabulary) -> frozenset[str]:
    """The stems of the content words each cue match names (its group 1)."""
    return frozenset(_stem(w) for m in found for w in _words(m[1]) if w not in vocabulary.skip_words and len(w) > 2)


def set_aside(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The stems of what ``text`` sets aside as known ("besides the import data"): not what it asks."""
    return _cued(_cues(vocabulary).aside.finditer(text), vocabulary)


def _absent(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The stems of what ``text`` says is not there ("no history yet", "without a bond"): one or two words on.

    A word the text also uses elsewhere is not what is missing ("what import data, with no import history?").
    """
    pattern = _cues(vocabulary).absent
    found = list(pattern.finditer(text))
    return _cued(found, vocabulary) - _stems(pattern.sub(" ", text)) if found else frozenset()


def focus(question: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The stems of what a "what/which" question asks for: the words right after it.

    "what import data goes in ..." asks for import data; "what is ..." names nothing there (empty).
    """
    m = _cues(vocabulary).focus.search(question)
    if m is None:
        return frozenset()
    asked = []
    for w in _words(m[1]):
        if w in vocabulary.skip_words:
            break
        asked.append(_stem(w))
    return frozenset(asked)


def _kinds_named(text: str, cues: _Cues) -> frozenset[str]:
    """The kinds of place ``text`` names ("service ports" is a service port, not also a port)."""
    return _kinds_in(text, cues.kinds)


@functools.lru_cache(maxsize=16384)
def _kinds_in(text: str, kinds: tuple[tuple[str, re.Pattern[str]], ...]) -> frozenset[str]:
    found = set()
    for kind, pattern in kinds:
        text, n = pattern.subn(" ", text)
        found |= {kind} if n else set()
    return frozenset(found)


def _alternation(words: Sequence[str]) -> str:
    return rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b"


def names_article(text: str, vocabulary: Vocabulary) -> bool:
    """Whether ``text`` says it asks what the article says ("according to the article, ...")."""
    return _cues(vocabulary).article.search(text) is not None


def asked_verb(question: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The verb a yes/no question asks about ("can we appeal": appeal), stemmed with its synonyms; empty if none."""
    m = _cues(vocabulary).asked_verb.search(question)
    if m is None or m[1].lower() in vocabulary.skip_words:
        return frozenset()
    word = m[1].lower()
    return frozenset({_stem(word)} | {_stem(x) for syn in vocabulary.synonyms_of(word) for x in _words(syn)})


def polar_lead(keys: list[frozenset[str]], sentences: list[str], vocabulary: Vocabulary,
               verb: frozenset[str] = frozenset()) -> str:  # fmt: skip
    """The lead ("Yes", "No" or "") for a yes/no question answered by these source sentences.

    No when the sentence that holds most of the question negates ("shall not", "nor"), or says "only" while a
    key word of the question is missing from it; Yes when it holds every key word, or the verb the question asks
    about ("can we appeal?": "An importer may appeal ..."), and negates nothing; otherwise no lead: the sentences
    speak for themselves.
    """
    if not keys or not sentences:
        return ""
    # "is that action invalid?" answered by "shall be valid": asked in the opposite word, the answer turns round
    held = {w for t in sentences for w in stems(t, vocabulary)}
    opposite = [(k, base) for k in keys if not k & held and (base := _turned(k, held, vocabulary))]
    if len(opposite) == 1:
        k, base = opposite[0]
        lead = polar_lead([base if x is k else x for x in keys], sentences, vocabulary, verb)
        return {"Yes": "No", "No": "Yes"}.get(lead, "")
    best = max(sentences, key=lambda t: coverage(keys, stems(t, vocabulary)))
    cues = _cues(vocabulary)
    if any(k & cues.limits for k in keys) and cues.unlimited.search(best) and not verb & stems(best, vocabulary):
        return "No"  # "is there a deadline to appeal?" - "may appeal ... at any time" ("can i appeal ...?": Yes)
    unbounded = cues.bounds.sub(" ", best.lower())
    # a "not" that only describes ("a place which is not a port of entry") or sits in a proviso ("provided that
    # the requirements do not affect ...") leaves the rule itself a Yes
    main, *proviso = cues.proviso.split(unbounded, maxsplit=1)
    if proviso and any(k & stems(proviso[0], vocabulary) and not k & stems(main, vocabulary) for k in keys):
        main = unbounded  # "... even if it would affect revenue collection?": the proviso is what is asked
    main = cues.describing_not.sub(" ", main)
    share = coverage(keys, stems(best, vocabulary))
    # "open ... on all days of the year except Sundays": a key word only the exception holds is a No
    # ("... on sundays?"); one the rule holds too is not ("open on State holidays, other than national holidays")
    for m in [*cues.exception.finditer(best), *cues.contrast.finditer(best)]:
        rule = stems(best[: m.start()] + " " + best[m.end() :], vocabulary)
        if any(k & stems(m[1], vocabulary) and not k & rule for k in keys):
            return "No"
        if any(k & rule for k in keys):  # "... per diem, but not the salary": the rule, not what it sets apart
            main = main.replace(m[0].lower(), " ")
    words = set(re.findall(r"[a-z']+", main))
    negated = words & set(vocabulary.words("negation"))
    if negated and "unless" in words and not any("absenc" in k for k in keys):
        # "can a vessel be entered at a station?" - "shall not be ... unless authorized": Yes, on the condition the
        # sentence goes on to name ("... without permission?" is a No)
        return "Yes" if share >= vocabulary.threshold("passages_polar_no") else ""
    if negated and share >= vocabulary.threshold("passages_polar_no"):
        return "No"
    only = _cues(vocabulary).exclusive.search(main)
    if only and share < 1.0:
        # "includes only the States, ... and Puerto Rico": Yes for what the list after "only" names, else No
        listed, rule = stems(main[only.end() :], vocabulary), stems(main[: only.start()], vocabulary)
        return "Yes" if any(k & listed and not k & rule for k in keys) else "No"
    if _elsewhere(keys, held, vocabulary):
        return "No"  # "is LAX mostly for trade with europe?" - "... with the Asia-Pacific region"
    if not negated and (share >= vocabulary.threshold("passages_polar_yes") or verb & stems(best, vocabulary)):
        return "Yes"
    return ""


def _elsewhere(keys: list[frozenset[str]], held: AbstractSet[str], vocabulary: Vocabulary) -> bool:
    """Whether the question names a part of the world the sentence does not, and the sentence names another."""
    asked_words = frozenset().union(*keys)
    parts = _parts_of_world(vocabulary)
    asked = {region for region, names in parts if any(n <= asked_words for n in names)}
    said = {region for region, names in parts if any(n <= held for n in names)}
    return bool(asked and said and not asked & said)


@_per_corpus
def _parts_of_world(vocabulary: Vocabulary) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """Each part of the world the vocabulary names, with the stems of each of its names."""
    return tuple((region, tuple(n for name in r["names"] if (n := frozenset().union(*key_terms(name, vocabulary)))))
                 for region, r in vocabulary.world_regions.items())  # fmt: skip


def _turned(key: frozenset[str], held: AbstractSet[str], vocabulary: Vocabulary) -> frozenset[str]:
    """The opposite of a key word ("closed": open; "invalid": valid), when the sentences hold it; else nothing."""
    for word in key:
        for opposite in vocabulary.grammar["opposites"].get(word, ()):
            if _stem(opposite) in held:
                return frozenset({_stem(opposite)})
        for prefix in vocabulary.words("negative_prefixes"):
            base = word.removeprefix(prefix)
            if base != word and len(base) >= _MIN_DERIVED - 1 and base in held:
                return frozenset({base})
    return frozenset()


def coverage(
    keys: Sequence[frozenset[str]], text_stems: AbstractSet[str], extra: Sequence[frozenset[str]] = ()
) -> float:
    """The share of the question's key words that a text holds (1.0 when the question has none).

    A misspelt key word counts when it is one or two letters off a word of the text ("pasenger" for "passenger").
    ``extra`` key words (from statements around the question) count only when the text holds them.
    """
    words = text_stems if isinstance(text_stems, frozenset) else frozenset(text_stems)
    held = sum(1 for k in keys if k & words or _near(k, words))
    bonus = sum(1 for k in extra if k & words)
    if not keys and not bonus:
        return 1.0
    return (held + bonus) / (len(keys) + bonus)


@functools.lru_cache(maxsize=16384)
def _near(key: frozenset[str], text_stems: frozenset[str]) -> bool:
    """A key word held in a longer form or misspelt (cached: the same sentences come back question after question)."""
    return _derived(key, text_stems) or _misspelt(key, text_stems)


def _derived(key: frozenset[str], text_stems: frozenset[str]) -> bool:
    """A longer form of a key word ("supervis": supervisory, supervisor), for stems of six letters or more."""
    prefixes = _prefixes(text_stems)
    return any(k in prefixes for k in key if len(k) >= _MIN_DERIVED)


@functools.lru_cache(maxsize=4096)
def _prefixes(text_stems: frozenset[str]) -> frozenset[str]:
    """Every beginning of six letters or more of the words (a sentence's, read for question after question)."""
    return frozenset(w[:n] for w in text_stems for n in range(_MIN_DERIVED, len(w) + 1))


@functools.lru_cache(maxsize=4096)
def _fuzzy_candidates(text_stems: frozenset[str]) -> tuple[str, ...]:
    return tuple(w for w in text_stems if len(w) >= _MIN_FUZZY)


def _misspelt(key: frozenset[str], text_stems: frozenset[str]) -> bool:
    candidates = _fuzzy_candidates(text_stems)
    return any(len(k) >= _MIN_FUZZY and process.extractOne(k, candidates, scorer=fuzz.ratio, score_cutoff=_FUZZY_KEY)
               for k in key)  # fmt: skip
