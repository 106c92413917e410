"""``wegwijs deadlines/caseload/stay/team/merge``: the source's deadlines, caseloads, team
decisions and merging records, as a user, through the same services as the window."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from cli_login import lines, new_office

from app.dates import add_months

PASS = "the office passphrase of deadlines"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    new_office(monkeypatch, tmp_path, PASS, persons=3)
    return tmp_path


def test_a_stay_warns_from_15_months_and_is_extended(office: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    start = add_months(date.today(), -16)
    (line,) = lines(capsys, ["stay", "W-00001", "--start", start.strftime("%d-%m-%Y")])
    assert line.startswith("W-00001: in 24-hour shelter from")
    rows = lines(capsys, ["deadlines"])
    stays = rows[rows.index(next(r for r in rows if r.startswith("Stays"))) + 1:]
    (alert,) = stays
    assert "W-00001" in alert and "16 months" in alert
    (err,) = lines(capsys, ["stay", "W-00001", "--extend-until", "01-01-2020"], code=1)
    assert err.startswith("wegwijs: ")
    until = add_months(date.today(), 6).strftime("%d-%m-%Y")
    (line,) = lines(capsys, ["stay", "W-00001", "--extend-until", until, "--decided-by",
                            "The mayor, with the GGD", "--reason", "Serious medical problems."])
    assert line == f"W-00001: stay extended until {until}"
    # Extended by six months: no warning until three months before the new end.
    assert lines(capsys, ["deadlines"])[-1].startswith("Stays")
    (line,) = lines(capsys, ["stay", "W-00001", "--end", date.today().strftime("%d-%m-%Y")])
    assert "left the shelter" in line


def test_caseload_and_assigning(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (line,) = lines(capsys, ["caseload", "--assign", "W-00002", "--to", "cora"])
    assert line == "W-00002: case manager cora"
    rows = lines(capsys, ["caseload"])
    assert any(r.startswith("Waiting list") for r in rows)
    (err,) = lines(capsys, ["caseload", "--assign", "W-00002", "--to", "nobody"], code=1)
    assert "nobody" in err


def test_team_decision_and_pending_refusals(office: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (line,) = lines(capsys, ["team", "W-00001", "--outcome", "admit", "--participants",
                            "Cora, GGD doctor", "--reason", "Very vulnerable; admit anyway."])
    assert line.startswith("Recorded (")
    (err,) = lines(capsys, ["team", "W-00001", "--outcome", "admit", "--reason", "x"], code=1)
    assert err.startswith("wegwijs: ")
    assert lines(capsys, ["team"]) == []  # nothing waits for a second person
    (err,) = lines(capsys, ["team", "--confirm", "zzzz"], code=1)
    assert "id" in err


def test_merge_preview_merge_undo_and_confirm(office: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    preview = lines(capsys, ["merge", "W-00001", "W-00002", "--preview"])
    assert {r.split("\t")[0] for r in preview} >= {"given_names", "v_number", "languages"}
    (line,) = lines(capsys, ["merge", "W-00001", "W-00002", "--take", "given_names=duplicate"])
    merge_id = re.search(r"--undo (\w+)", line).group(1)
    assert "W-00002 is now part of W-00001" in line
    assert "W-00002" not in "\n".join(lines(capsys, ["persons"]))
    (line,) = lines(capsys, ["merge", "--undo", merge_id])
    assert line == "Split again: W-00002 is back"
    assert "W-00002" in "\n".join(lines(capsys, ["persons"]))
    (err,) = lines(capsys, ["merge", "W-00001", "W-00002", "--take", "phone=both"], code=1)
    assert "FIELD=survivor" in err
    (line,) = lines(capsys, ["merge", "W-00001", "W-00002"])
    merge_id = re.search(r"--undo (\w+)", line).group(1)
    assert lines(capsys, ["merge"])[0].startswith(merge_id)  # pending
    (line,) = lines(capsys, ["merge", "--confirm", merge_id])
    assert line.startswith("The merge is final")
    assert lines(capsys, ["merge"]) == []
