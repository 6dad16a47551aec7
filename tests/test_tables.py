"""The regulation's tables as typed records, pinned to what the source prints.

Every expected value below was read off 19 CFR Part 101 itself (the file in
corpus/sources), not taken from the parser's output.
"""

from __future__ import annotations

from collections import Counter

import pytest

from corpus import Corpus, PortListing

# ---------------------------------------------------------------- ports of entry


def _listing(corpus: Corpus, state: str, printed: str) -> PortListing:
    matches = [x for x in corpus.listings if x.state == state and x.printed_name == printed]
    assert len(matches) == 1, (state, printed, matches)
    return matches[0]


def test_port_listing_counts(corpus: Corpus) -> None:
    assert len(corpus.listings) == 306
    per_state = Counter(x.state for x in corpus.listings)
    assert {s: per_state[s] for s in ("Montana", "North Dakota", "Texas", "Maine", "Alaska")} == {
        "Montana": 12, "North Dakota": 19, "Texas": 21, "Maine": 19, "Alaska": 11,
    }  # fmt: skip
    # 52 headings: every state but Wyoming, plus DC, Puerto Rico and the Virgin Islands.
    assert len(per_state) == 52 and "Wyoming" not in per_state
    assert {"District of Columbia", "Puerto Rico", "Virgin Islands, U.S."} <= set(per_state)


def test_drawback_marked_ports(corpus: Corpus) -> None:
    marked = sorted((x.name, x.state) for x in corpus.listings if x.drawback)
    assert marked == [
        ("Chicago", "Illinois"),
        ("Houston-Galveston", "Texas"),
        ("New York", "New York"),
        ("San Francisco-Oakland", "California"),
    ]


@pytest.mark.parametrize(
    ("state", "printed", "name", "limits"),
    [
        ("Alabama", "Huntsville", "Huntsville", "T.D. 83-196."),
        ("Alabama", "Birmingham", "Birmingham", ""),
        ("California", "San Jose", "San Jose", "95-80"),
        ("Tennessee", "Chattanooga", "Chattanooga", "(Restated in T.D. 84-126)."),
        ("Iowa", "Davenport,IA-Moline and Rock Island, IL", "Davenport, IA-Moline and Rock Island, IL",
         "T.D.s 86-76 and 89-10."),
        ("Illinois", "Davenport, IA-Moline and Rock Island, IL", "Davenport, IA-Moline and Rock Island, IL",
         "T.D.s 86-76 and 89-10."),
        ("Tennessee", "Tri-Cities, TN/VA", "Tri-Cities, TN/VA", "CBP Dec. 06-14."),
        ("Maine", "Portsmouth, N.H", "Portsmouth", "Including Kittery, ME."),
        ("Virginia", "Alexandria, VA", "Alexandria, VA", "T.D. 68-67."),
        ("New Jersey", "Camden, Gloucester City, and Salem", "Camden, Gloucester City, and Salem",
         "Included in the Consolidated Port of the Delaware River and Bay described in T.D. 96-4."),
        ("Arkansas", "Little Rock-North Little Rock", "Little Rock-North Little Rock",
         "T.D. 70-146. (Restated in T.D. 84-126)."),
        ("North Dakota", "Northgate", "Northgate", "T.D. 37386, T.D. 37439"),
        ("Florida", "Fort Myers", "Fort Myers", "T.D. 99-9"),
    ],
)  # fmt: skip
def test_flattened_rows_split_right(corpus: Corpus, state: str, printed: str, name: str, limits: str) -> None:
    row = _listing(corpus, state, printed)
    assert (row.name, row.limits) == (name, limits)


def test_ports_listed_under_several_states_know_all_of_them(corpus: Corpus) -> None:
    multi = {p.name: p.states for p in corpus.ports if len(p.states) > 1}
    assert multi == {
        "Fernandina Beach": ("Florida", "Georgia"),
        "Davenport, IA-Moline and Rock Island, IL": ("Illinois", "Iowa"),
        "Cincinnati, OH-Lawrenceburg, IN": ("Indiana", "Ohio"),
        "Owensboro, KY-Evansville, IN": ("Indiana", "Kentucky"),
        "Portsmouth": ("Maine", "New Hampshire"),
        "Marinette": ("Michigan", "Wisconsin"),
        "Duluth, MN and Superior, WI": ("Minnesota", "Wisconsin"),
    }
    duluth = next(p for p in corpus.ports if p.name.startswith("Duluth"))
    assert [x.state for x in duluth.listings] == ["Minnesota", "Wisconsin"]  # every listing kept
    assert len(corpus.ports) == 306 - 7


@pytest.mark.parametrize(
    ("name", "states"),
    [
        ("Portland", {"Maine", "Oregon"}),
        ("Newport", {"Oregon", "Rhode Island"}),
        ("Wilmington", {"Delaware", "North Carolina"}),
        ("Charleston", {"South Carolina", "West Virginia"}),
        ("Springfield", {"Massachusetts", "Missouri"}),
        ("Columbus", {"New Mexico", "Ohio"}),
        ("Eastport", {"Idaho", "Maine"}),
    ],
)
def test_same_name_in_different_states_is_never_merged(corpus: Corpus, name: str, states: set[str]) -> None:
    ports = [p for p in corpus.ports if p.name == name]
    assert len(ports) == 2
    assert {p.states for p in ports} == {(s,) for s in states}
    assert len({p.id for p in ports}) == 2


def test_virgin_islands_ports_are_outside_the_customs_territory(corpus: Corpus) -> None:
    vi = [p for p in corpus.ports if "Virgin Islands, U.S." in p.states]
    assert [p.name for p in vi] == [
        "Charlotte Amalie, St. Thomas", "Christiansted, St. Croix", "Coral Bay, St. John",
        "Cruz Bay, St. John", "Frederiksted, St. Croix",
    ]  # fmt: skip
    assert not any(p.in_customs_territory for p in vi)
    assert sum(p.in_customs_territory for p in corpus.ports) == len(corpus.ports) - 5


def test_every_record_quotes_its_printed_row(corpus: Corpus, regulation_lines: list[str]) -> None:
    cites = [x.cite for x in corpus.listings] + [x.cite for x in corpus.stations]
    cites += [x.cite for x in corpus.service_ports] + [x.cite for x in corpus.preclearance]
    cites += [x.cite for x in corpus.centers]
    assert all(regulation_lines[c.lineno - 1] == c.line for c in cites)  # table rows: the whole line
    cites += [h.cite for h in corpus.holidays]
    for cite in cites:
        assert regulation_lines[cite.lineno - 1].endswith(cite.line)  # a paragraph marker may precede it
        assert cite.line in corpus.passage(cite.ref).text
        assert cite.url == corpus.passage(cite.ref).url
    assert {c.ref for c in cites} >= {"19 CFR 101.3(b)(1)", "19 CFR 101.4(c)(2)", "19 CFR 101.5", "19 CFR 101.10(a)"}


# ---------------------------------------------------------------- service ports


def test_service_ports(corpus: Corpus) -> None:
    assert len(corpus.service_ports) == 46
    by_state: dict[str, list[str]] = {}
    for s in corpus.service_ports:
        by_state.setdefault(s.state, []).append(s.name)
    assert by_state["California"] == ["Los Angeles", "LAX", "San Diego", "San Francisco"]
    assert by_state["New York"] == ["Buffalo", "Champlain", "JFK", "New York/Newark"]
    assert by_state["New Jersey"] == ["New York/Newark"]
    assert by_state["Texas"] == ["Dallas", "El Paso", "Houston", "Laredo"]
    assert by_state["Virginia"] == ["Dulles", "Norfolk"]
    assert by_state["Virgin Islands, U.S."] == ["Charlotte Amalie"]
    assert by_state["Minnesota"] == ["Duluth", "Minneapolis"]
    assert len(by_state) == 33  # state-start rows in 101.3(b)(2)


# ---------------------------------------------------------------- customs stations


def test_station_count_and_headings(corpus: Corpus) -> None:
    assert len(corpus.stations) == 74
    per_state = Counter(s.state for s in corpus.stations)
    assert per_state["Alaska"] == 11 and per_state["Maine"] == 7 and per_state["Texas"] == 6
    # Printed under "New Hampshire" in the regulation, although Monticello and Orient supervise from Maine.
    assert [s.name for s in corpus.stations if s.state == "New Hampshire"] == [
        "Pittsburg", "Monticello", "Orient", "Ste. Aurelie", "St. Pamphile",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("station", "written", "port_name", "port_states"),
    [
        ("Otay Mesa", "San Diego", "San Diego", ("California",)),
        ("San Ysidro", "San Diego", "San Diego", ("California",)),
        ("Kaktovik (Barter Island)", "Fairbanks", "Fairbanks", ("Alaska",)),
        ("Lewes", "Philadelphia, PA", "Philadelphia", ("Pennsylvania",)),
        ("Biloxi", "Mobile, AL", "Mobile", ("Alabama",)),
        ("Antelope Wells (Mail: Hachita, NM)", "Columbus, NM", "Columbus", ("New Mexico",)),
        ("Monticello", "Houlton, ME", "Houlton", ("Maine",)),
        ("Pittsburg", "Beecher Falls, VT", "Beecher Falls", ("Vermont",)),
        ("Alpena", "Saginaw-Bay City-Flint", "Saginaw-Bay City-Flint", ("Michigan",)),
        ("Newport", "Derby Line", "Derby Line", ("Vermont",)),
    ],
)
def test_listed_supervisory_ports_link_to_the_port(
    corpus: Corpus, station: str, written: str, port_name: str, port_states: tuple[str, ...]
) -> None:
    s = next(s for s in corpus.stations if s.name == station)
    assert s.supervisory_port == written and s.supervisory_port_listed
    assert s.supervisory_port_id is not None
    port = corpus.port(s.supervisory_port_id)
    assert (port.name, port.states) == (port_name, port_states)


@pytest.mark.parametrize(
    ("station", "written", "related"),
    [
        ("Lancaster", "Noyes", set()),
        ("Lorain", "Sandusky", {"Toledo-Sandusky"}),
        ("Put-in-Bay", "Sandusky", {"Toledo-Sandusky"}),
        ("Crane Lake", "Duluth, MN-Superior, WI", {"Duluth, MN and Superior, WI"}),
        ("Atlantic City", "Philadelphia-Chester, PA and Wilmington, DE", {"Philadelphia", "Chester", "Wilmington"}),
    ],
)
def test_unlisted_supervisors_are_recorded_honestly(
    corpus: Corpus, station: str, written: str, related: set[str]
) -> None:
    s = next(s for s in corpus.stations if s.name == station)
    assert s.supervisory_port == written
    assert not s.supervisory_port_listed and s.supervisory_port_id is None
    ports = [corpus.port(i) for i in s.related_port_ids]
    assert {p.name for p in ports} == related
    assert all("North Carolina" not in p.states for p in ports)  # Wilmington, DE, not Wilmington, NC
    assert sum(not x.supervisory_port_listed for x in corpus.stations) == 9


def test_station_names_keep_their_printed_second_names(corpus: Corpus) -> None:
    names = {s.name for s in corpus.stations}
    assert {"Kaktovik (Barter Island)", "Kenai (Nikiski)", "Antelope Wells (Mail: Hachita, NM)"} <= names
    antelope = next(s for s in corpus.stations if s.name.startswith("Antelope Wells"))
    assert (antelope.state, antelope.supervisory_port) == ("New Mexico", "Columbus, NM")


# ---------------------------------------------------------------- preclearance and Centers


def test_preclearance_offices(corpus: Corpus) -> None:
    offices = [(p.country, p.office) for p in corpus.preclearance]
    assert len(offices) == 15
    assert Counter(c for c, _ in offices) == {
        "Canada": 8, "The Bahamas": 2, "Ireland": 2, "Aruba": 1, "Bermuda": 1, "United Arab Emirates": 1,
    }  # fmt: skip
    assert ("Bermuda", "Kindley Field") in offices
    assert ("United Arab Emirates", "Abu Dhabi") in offices
    assert ("Canada", "Vancouver, British Columbia") in offices
    assert ("The Bahamas", "Nassau") in offices


def test_centers_and_their_offices(corpus: Corpus) -> None:
    assert [(c.name, c.office) for c in corpus.centers] == [
        ("Agriculture & Prepared Products", "Miami, Florida"),
        ("Apparel, Footwear & Textiles", "San Francisco, California"),
        ("Automotive & Aerospace", "Detroit, Michigan"),
        ("Base Metals", "Chicago, Illinois"),
        ("Consumer Products & Mass Merchandising", "Atlanta, Georgia"),
        ("Electronics", "Long Beach, California"),
        ("Industrial & Manufacturing Materials", "Buffalo, New York"),
        ("Machinery", "Laredo, Texas"),
        ("Petroleum, Natural Gas & Minerals", "Houston, Texas"),
        ("Pharmaceuticals, Health & Chemicals", "New York, New York"),
    ]
