"""US state and territory names and postal codes, for reading and filtering tables.

Reference data, not from the sources: Part 101 prints state headings in full
("North Dakota") and postal codes inside names ("Mobile, AL", "Portsmouth, N.H").
Canonical names are the spelling of the 101.3(b)(1) headings.
"""

from __future__ import annotations

__all__ = ["STATES", "postal_code", "resolve_state"]

STATES: dict[str, str] = {
    "Alabama": "AL",
    "Alaska": "AK",
    "Arizona": "AZ",
    "Arkansas": "AR",
    "California": "CA",
    "Colorado": "CO",
    "Connecticut": "CT",
    "Delaware": "DE",
    "District of Columbia": "DC",
    "Florida": "FL",
    "Georgia": "GA",
    "Hawaii": "HI",
    "Idaho": "ID",
    "Illinois": "IL",
    "Indiana": "IN",
    "Iowa": "IA",
    "Kansas": "KS",
    "Kentucky": "KY",
    "Louisiana": "LA",
    "Maine": "ME",
    "Maryland": "MD",
    "Massachusetts": "MA",
    "Michigan": "MI",
    "Minnesota": "MN",
    "Mississippi": "MS",
    "Missouri": "MO",
    "Montana": "MT",
    "Nebraska": "NE",
    "Nevada": "NV",
    "New Hampshire": "NH",
    "New Jersey": "NJ",
    "New Mexico": "NM",
    "New York": "NY",
    "North Carolina": "NC",
    "North Dakota": "ND",
    "Ohio": "OH",
    "Oklahoma": "OK",
    "Oregon": "OR",
    "Pennsylvania": "PA",
    "Puerto Rico": "PR",
    "Rhode Island": "RI",
    "South Carolina": "SC",
    "South Dakota": "SD",
    "Tennessee": "TN",
    "Texas": "TX",
    "Utah": "UT",
    "Vermont": "VT",
    "Virgin Islands, U.S.": "VI",
    "Virginia": "VA",
    "Washington": "WA",
    "West Virginia": "WV",
    "Wisconsin": "WI",
    "Wyoming": "WY",
}
"""Canonical name -> postal code."""

_ALIASES = {
    "virgin islands": "Virgin Islands, U.S.",
    "us virgin islands": "Virgin Islands, U.S.",
    "u.s. virgin islands": "Virgin Islands, U.S.",
    "n.h": "New Hampshire",
    "n.h.": "New Hampshire",
    "washington dc": "District of Columbia",
    "washington, dc": "District of Columbia",
    "washington d.c.": "District of Columbia",
}
_BY_KEY = {name.lower(): name for name in STATES} | {c.lower(): n for n, c in STATES.items()}


def resolve_state(text: str) -> str | None:
    """Canonical state name for a name, postal code or alias ("nd", "N.H"), else None."""
    key = " ".join(text.strip().lower().split())
    return _ALIASES.get(key) or _BY_KEY.get(key)


def postal_code(state: str) -> str:
    """Postal code of a canonical state name."""
    return STATES[state]
