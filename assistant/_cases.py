"""Lists written case by case: which of their items fit the asker.

Some lists answer differently for each case, every item opening with whom it is for (101.10(c)(5): "For new
importers." / "For importers with less than one year of prior import history." / "... more than one year ...").
What the question and its statements say about the asker pick the items: a word that only one case uses
("new"), a span of time compared with a case's bound (8 months is less than one year, "3+ yrs" more), and what
the asker says they lack ("no history yet" rules out the cases about history).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from corpus import Corpus, Passage

from ._data import Vocabulary
from ._matching import _absent, _per_corpus, stems

__all__ = ["Span", "case_fits", "case_lists", "fitting", "is_case", "spans"]


_EPSILON = 1e-6


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time in months, ends included ("over a year" starts just above 12)."""

    low: float
    """Its least value."""
    high: float
    """Its greatest value (infinite when only a floor is said)."""

    def within(self, bound: Span) -> bool:
        """Whether all of this span lies inside ``bound``."""
        return bound.low <= self.low and self.high <= bound.high


def is_case(heading: str, vocabulary: Vocabulary) -> bool:
    """Whether a heading says whom its item is for ("For new importers")."""
    return bool(heading) and re.match(rf"(?:{vocabulary.pattern('case_openers')})\s", heading, re.I) is not None


def _span_pattern(vocabulary: Vocabulary) -> re.Pattern[str]:
    """A span of time and how it is bounded: "3+ yrs", "over a year", "about 8 months", "a year and a half"."""
    key = ("span", "pattern")
    if key not in vocabulary._memo:
        units = "|".join(sorted(map(re.escape, vocabulary.grammar["time_units"]), key=len, reverse=True))
        numbers = "|".join(sorted(map(re.escape, vocabulary.numbers), key=len, reverse=True))
        more, less = vocabulary.pattern("span_more"), vocabulary.pattern("span_less")
        vocabulary._memo[key] = re.compile(
            rf"(?:\b(?P<more>{more})\s+|\b(?P<less>{less})\s+)?(?:\w+\s+)??\b(?P<n>\d+(?:\.\d+)?|{numbers})"
            rf"\s*(?P<plus>\+)?\s*(?P<unit>{units})\b(?P<half>\s+and\s+a\s+half)?",
            re.I,
        )
    return vocabulary._memo[key]  # type: ignore[no-any-return]


def spans(text: str, vocabulary: Vocabulary) -> tuple[Span, ...]:
    """The spans of time ``text`` states ("8 months", "3+ yrs", "over a year", "less than one year")."""
    units, numbers = vocabulary.grammar["time_units"], vocabulary.numbers
    found = []
    for m in _span_pattern(vocabulary).finditer(" ".join(text.split())):
        n = float(m["n"]) if m["n"][0].isdigit() else float(numbers[m["n"].lower()])
        value = (n + (0.5 if m["half"] else 0.0)) * float(units[m["unit"].lower()])
        if m["more"] or m["plus"]:
            found.append(Span(value + _EPSILON, math.inf))
        elif m["less"]:
            found.append(Span(0.0, value - _EPSILON))
        else:
            found.append(Span(value, value))
    return tuple(found)


def _bound(heading: str, vocabulary: Vocabulary) -> Span | None:
    """The span a case heading is bounded by ("less than one year": under 12 months), if it says one."""
    said = spans(heading, vocabulary)
    return said[0] if len(said) == 1 else None


def fitting(headings: Sequence[str], text: str, vocabulary: Vocabulary) -> frozenset[int]:
    """The cases (indexes into ``headings``) that ``text`` says the asker is; empty when it does not say.

    A case fits when the asker states a span of time inside its bound, or uses a word no other case uses; a case
    about something the asker says they lack ("no history") does not, and when that leaves one case, it fits.
    """
    said = stems(text, vocabulary)
    absent = _absent(text, vocabulary)
    stated = spans(text, vocabulary)
    openers = stems(" ".join(vocabulary.words("case_openers")), vocabulary)
    bounds = [_bound(h, vocabulary) for h in headings]
    # the words of each case beside its bound: only a word one case alone uses tells the cases apart
    own = [stems(_span_pattern(vocabulary).sub(" ", h), vocabulary) - openers for h in headings]
    fits = set()
    for i in range(len(headings)):
        unique = own[i] - frozenset().union(*(w for j, w in enumerate(own) if j != i))
        bound = bounds[i]
        if unique & said or bound is not None and any(s.within(bound) for s in stated):
            fits.add(i)
    words = [stems(h, vocabulary) for h in headings]
    common = frozenset.intersection(*words) if words else frozenset()  # "importers": every case has it
    ruled_out = {i for i, w in enumerate(words) if absent & (w - common)}
    left = set(range(len(headings))) - ruled_out
    if not fits and ruled_out and len(left) == 1:
        return frozenset(left)  # "first-time importer, no import history": the one case not about history
    return frozenset(fits - ruled_out)


@_per_corpus
def case_lists(corpus: Corpus, vocabulary: Vocabulary) -> dict[str, tuple[Passage, ...]]:
    """The lists written case by case, by the ref of the passage that announces them."""
    children: dict[str, list[Passage]] = defaultdict(list)
    for passage in corpus.passages:
        if passage.parent:
            children[passage.parent].append(passage)
    return {
        ref: tuple(items)
        for ref, items in children.items()
        if len(items) > 1 and all(is_case(p.heading, vocabulary) for p in items)
    }


def case_fits(text: str, corpus: Corpus, vocabulary: Vocabulary) -> dict[str, frozenset[str]]:
    """For each case-by-case list ``text`` says which cases the asker is, the refs of those cases."""
    out = {}
    for ref, items in case_lists(corpus, vocabulary).items():
        fit = fitting([p.heading for p in items], text, vocabulary)
        if fit:
            out[ref] = frozenset(items[i].ref for i in fit)
    return out
