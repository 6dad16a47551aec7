"""`portentry tables` and `portentry sources` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ui import main

PORTENTRY = Path(sys.executable).with_name("portentry")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_holidays_2027_json_gives_observed_dates() -> None:
    code, out = run("tables", "holidays", "--year", "2027", "--format", "json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0 and len(rows) == 10
    assert (rows["Independence Day"]["date"], rows["Independence Day"]["observed"]) == ("2027-07-04", "2027-07-05")
    assert (rows["Christmas Day"]["date"], rows["Christmas Day"]["observed"]) == ("2027-12-25", "2027-12-24")
    assert rows["Columbus Day"]["rule"] == "The second Monday of October."
    assert rows["Columbus Day"]["ref"] == "19 CFR 101.6(a)(7)"


def test_ports_json_by_state() -> None:
    code, out = run("tables", "ports", "--state", "MT", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 12
    assert {"name", "states", "limits", "drawback", "ref"} <= set(rows[0])
    sweetgrass = next(r for r in rows if r["name"] == "Sweetgrass")
    assert sweetgrass["states"] == ["Montana"] and sweetgrass["ref"] == "19 CFR 101.3(b)(1)"
    code, out = run("tables", "ports", "--state", "Wisconsin", "--format", "json")
    duluth = next(r for r in json.loads(out) if r["name"].startswith("Duluth"))
    assert duluth["states"] == ["Minnesota", "Wisconsin"] and duluth["drawback"] is False


def test_stations_json_contract() -> None:
    code, out = run("tables", "stations", "--format", "json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0 and len(rows) == 74
    assert rows["Lancaster"]["supervisory_port"] == "Noyes" and rows["Lancaster"]["supervisory_port_listed"] is False
    assert rows["Otay Mesa"]["supervisory_port_listed"] is True and rows["Otay Mesa"]["state"] == "California"


@pytest.mark.parametrize(
    ("name", "keys", "count"),
    [
        ("service-ports", {"name", "state"}, 46),
        ("preclearance", {"country", "office"}, 15),
        ("centers", {"name", "office"}, 10),
        ("definitions", {"term", "definition", "ref"}, 21),
    ],
)
def test_other_tables_json(name: str, keys: set[str], count: int) -> None:
    code, out = run("tables", name, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == count and keys <= set(rows[0])


def test_csv_export_opens_as_a_spreadsheet() -> None:
    code, out = run("tables", "ports", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 306
    davenport = next(r for r in rows if r["printed_name"] == "Davenport,IA-Moline and Rock Island, IL")
    assert davenport["states"] == "Illinois; Iowa" and davenport["limits"] == "T.D.s 86-76 and 89-10."
    assert sum(r["drawback"] == "yes" for r in rows) == 4


def test_table_format_for_people() -> None:
    code, out = run("tables", "service-ports", "--state", "california")
    assert code == 0
    assert "LAX" in out and "Customs service ports (19 CFR 101.3(b)(2))" in out and "4 rows" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tables", "ports", "--state", "Narnia"], "unknown state 'Narnia'"),
        (["tables", "centers", "--state", "TX"], "--state applies to"),
        (["tables", "ports", "--year", "2027"], "--year applies to holidays"),
        (["tables", "holidays", "--year", "0"], "year must be between"),
    ],
)
def test_bad_options_give_one_clear_error(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(*argv)
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert err.startswith("portentry: error: ") and message in err and "Traceback" not in err


def test_sources_summary() -> None:
    code, out = run("sources")
    assert code == 0
    assert "306 port listings (299 ports)" in out and "74 Customs stations" in out
    assert "Ted Sorrell" in out and "2024-05-06" in out


@pytest.mark.slow
def test_installed_console_script() -> None:
    done = subprocess.run(
        [str(PORTENTRY), "tables", "holidays", "--year", "2027", "--format", "csv"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Christmas Day,The twenty-fifth day of December.,2027-12-25,2027-12-24,Saturday,Friday" in done.stdout
