"""``wegwijs contact/contacts/followup/followups/referral/referrals``: the casework commands,
as a user, through the same services as the window."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_login import first_coordinator

from app.cli import main

PASS = "the office passphrase of casework"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    assert main(["init"]) == 0
    first_coordinator(monkeypatch, tmp_path)
    assert main(["demo", "--persons", "2", "--seed", "3"]) == 0
    return tmp_path


def _out(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 0) -> list[str]:
    capsys.readouterr()
    assert main(argv) == code
    captured = capsys.readouterr()
    return (captured.out if code == 0 else captured.err).splitlines()


def test_log_and_list_contacts(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (line,) = _out(capsys, ["--lang", "en", "contact", "W-00001", "--kind", "accompanied",
                            "--interpreter", "--with", "GP Zuid", "--note", "Went along",
                            "--date", "02-11-2026"])
    assert line == "Logged: Accompanied appointment with W-00001 on 02-11-2026"
    rows = _out(capsys, ["--lang", "en", "contacts", "W-00001"])
    assert [r.split("\t")[:5] for r in rows] == [
        ["02-11-2026", "Accompanied appointment", "interpreter", "GP Zuid", "Went along"]]
    # Bad input: one line naming the problem, nothing logged.
    (err,) = _out(capsys, ["--lang", "en", "contact", "W-00001", "--kind", "visit", "--date",
                           "31-02-2026"], code=1)
    assert err.startswith("wegwijs: ")
    assert len(_out(capsys, ["contacts", "W-00001"])) == 1


def test_follow_ups(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yesterday = (date.today() - timedelta(days=1)).strftime("%d-%m-%Y")
    (added,) = _out(capsys, ["--lang", "en", "followup", "W-00002", "--due", yesterday,
                             "--what", "Lawyer appointment"])
    short = added.split()[1].rstrip(":")
    (row,) = _out(capsys, ["--lang", "en", "followups"])
    assert row.split("\t")[:6] == [short, yesterday, "overdue", "W-00002", row.split("\t")[4],
                                   "Lawyer appointment"]
    assert _out(capsys, ["followup", "--done", short])
    assert _out(capsys, ["followups"]) == []
    (err,) = _out(capsys, ["--lang", "en", "followup", "W-00002", "--what", "x"], code=1)
    assert "date" in err


def test_referrals(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_ago = (date.today() - timedelta(days=20)).strftime("%d-%m-%Y")
    (made,) = _out(capsys, ["--lang", "en", "referral", "W-00001", "--partner", "ASKV",
                            "--purpose", "Asylum advice", "--date", long_ago])
    short = made.rsplit("(", 1)[1].rstrip(")")
    _out(capsys, ["referral", "W-00002", "--partner", "Taalhuis"])
    (late,) = _out(capsys, ["--lang", "en", "referrals", "--unanswered"])
    assert late.split("\t")[4:7] == ["ASKV", "Asylum advice", "Sent"]
    assert _out(capsys, ["--lang", "en", "referral", "--set", short, "--status", "refused"]) == [
        "ASKV: Refused"]
    rows = _out(capsys, ["--lang", "en", "referrals", "--open"])
    assert [r.split("\t")[4] for r in rows] == ["Taalhuis"]
    assert len(_out(capsys, ["referrals"])) == 2
    (err,) = _out(capsys, ["--lang", "en", "referral", "--set", short, "--status", "accepted"],
                  code=1)
    assert "refused" in err
