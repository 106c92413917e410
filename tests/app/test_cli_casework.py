"""``wegwijs contact/contacts/followup/followups/referral/referrals``: the casework commands,
as a user, through the same services as the window."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_login import lines, new_office

PASS = "the office passphrase of casework"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    new_office(monkeypatch, tmp_path, PASS, persons=2)
    return tmp_path


def test_log_and_list_contacts(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (line,) = lines(capsys, ["contact", "W-00001", "--kind", "accompanied",
                            "--interpreter", "--with", "GP Zuid", "--note", "Went along",
                            "--date", "02-11-2026"])
    assert line == "Logged: Accompanied appointment with W-00001 on 02-11-2026"
    rows = lines(capsys, ["contacts", "W-00001"])
    assert [r.split("\t")[:5] for r in rows] == [
        ["02-11-2026", "Accompanied appointment", "interpreter", "GP Zuid", "Went along"]]
    # Bad input: one line naming the problem, nothing logged.
    (err,) = lines(capsys, ["contact", "W-00001", "--kind", "visit", "--date",
                           "31-02-2026"], code=1)
    assert err.startswith("wegwijs: ")
    assert len(lines(capsys, ["contacts", "W-00001"])) == 1


def test_follow_ups(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yesterday = (date.today() - timedelta(days=1)).strftime("%d-%m-%Y")
    (added,) = lines(capsys, ["followup", "W-00002", "--due", yesterday,
                             "--what", "Lawyer appointment"])
    short = added.split()[1].rstrip(":")
    (row,) = lines(capsys, ["followups"])
    assert row.split("\t")[:6] == [short, yesterday, "overdue", "W-00002", row.split("\t")[4],
                                   "Lawyer appointment"]
    assert lines(capsys, ["followup", "--done", short])
    assert lines(capsys, ["followups"]) == []
    (err,) = lines(capsys, ["followup", "W-00002", "--what", "x"], code=1)
    assert "date" in err


def test_referrals(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_ago = (date.today() - timedelta(days=20)).strftime("%d-%m-%Y")
    (made,) = lines(capsys, ["referral", "W-00001", "--partner", "ASKV",
                            "--purpose", "Asylum advice", "--date", long_ago])
    short = made.rsplit("(", 1)[1].rstrip(")")
    lines(capsys, ["referral", "W-00002", "--partner", "Taalhuis"])
    (late,) = lines(capsys, ["referrals", "--unanswered"])
    assert late.split("\t")[4:7] == ["ASKV", "Asylum advice", "Sent"]
    assert lines(capsys, ["referral", "--set", short, "--status", "refused"]) == [
        "ASKV: Refused"]
    rows = lines(capsys, ["referrals", "--open"])
    assert [r.split("\t")[4] for r in rows] == ["Taalhuis"]
    assert len(lines(capsys, ["referrals"])) == 2
    (err,) = lines(capsys, ["referral", "--set", short, "--status", "accepted"],
                  code=1)
    assert "refused" in err
