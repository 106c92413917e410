"""The smaller breaks of issue 12 (point 6), each replayed: they must stay fixed.

CSV formulas behind a separator, a passphrase file that never ends, invisible characters in
names, ``demo`` twice, drafts left behind by erasure, and the handover override reason.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from acting import acting
from cli_login import new_office
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.errors import InvalidInput
from app.privacy import erasure, export, handover, subject_access
from app.services import drafts, persons, plans, search, users
from app.store.models import Draft, HandoverRecord, Person

FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
PASS = "a good passphrase for the command line"


# --- 1. CSV: a formula behind any separator a spreadsheet may split on -----------------------

EVIL_CELLS = ["Ali;=cmd|' /C calc'!A0", "Ali,=1+1", "Ali|=cmd|' /C calc'!A0",
              "Ali; -2+3", "Ali;＝1+1", "＋31 6 1234", 'Ali;"=1+1"', "Ali;@SUM(A1)"]


@pytest.fixture
def evil_people(store, user):
    with store.session() as db:
        for i, cell in enumerate(EVIL_CELLS):
            persons.create_person(db, user, persons.PersonFields(
                given_names=cell, family_name=f"Evil{i}", nickname="x;=1+1",
                address="Straat 1\n=IMPORTXML(x)"))


def test_csv_has_no_formula_for_any_separator(store, user, evil_people, tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    with store.session() as db:
        assert export.export(db, acting(db), "csv", out) == len(EVIL_CELLS)
    text = out.read_text(encoding="utf-8-sig")
    for delimiter in (";", ",", "\t", "|"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for field in row:
                assert not field.lstrip(' "').startswith(FORMULA), (delimiter, field)
    # Read as intended (commas), every cell is still there, only prefixed.
    rows = list(csv.reader(io.StringIO(text, newline="")))
    given = [r[1] for r in rows[1:]]
    assert sorted(g.replace("'", "") for g in given) == sorted(c.replace("'", "")
                                                             for c in EVIL_CELLS)


def test_xlsx_cells_are_text(store, user, evil_people, tmp_path: Path) -> None:
    out = tmp_path / "export.xlsx"
    with store.session() as db:
        export.export(db, acting(db), "xlsx", out)
    sheet = load_workbook(out).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.value is None or cell.data_type in ("s", "inlineStr"), cell.value
            assert not str(cell.value or "").startswith(FORMULA)


# --- 2. A passphrase file that never ends -------------------------------------------------------

def _read_passphrase_limited(path: str) -> subprocess.CompletedProcess[str]:
    """``read_passphrase`` in a child with 1 GiB of address space and 60 seconds."""
    code = ("import argparse, resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from app.cli import read_passphrase\n"
            "from app.errors import WegwijsError\n"
            "from app.i18n import set_interface_language\n"
            "set_interface_language('en')\n"
            "try:\n"
            "    p = read_passphrase(argparse.Namespace(passphrase_file=__import__('pathlib')"
            ".Path(sys.argv[1])))\n"
            "    print('read', len(p))\n"
            "except WegwijsError as err:\n"
            "    print('refused', err)\n")
    return subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).resolve().parents[2],
                          env={**os.environ, "WEGWIJS_LOG_LEVEL": "WARNING"})


def test_passphrase_file_dev_zero_is_refused_quickly() -> None:
    started = time.monotonic()
    result = _read_passphrase_limited("/dev/zero")
    assert result.stdout.startswith("refused"), result.stderr[-500:]
    assert "too long" in result.stdout
    assert time.monotonic() - started < 30


def test_passphrase_file_long_first_line_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (8 * 1024 * 1024))
    result = _read_passphrase_limited(str(big))
    assert result.stdout.startswith("refused") and "too long" in result.stdout
    # A passphrase on the first line, whatever follows, is still read (and only it).
    big.write_bytes(PASS.encode() + b"\n" + b"\0" * (8 * 1024 * 1024))
    assert _read_passphrase_limited(str(big)).stdout.strip() == f"read {len(PASS)}"


# --- 3. Invisible characters in names ----------------------------------------------------------

INVISIBLE = ["\u00ad", "\u200b", "\u200e", "\u2060", "\u2063", "\u2064", "\ufeff", "\u202e",
             "\u2066", "\u3164", "\u115f", "\u1160", "\uffa0", "\U000e0020", "\U000e0001",
             "\ufff9", "\ufffb"]


def test_invisible_characters_are_not_stored(store, user) -> None:
    with store.session() as db:
        typed = "Ali\u00adyah" + "".join(INVISIBLE)
        p = persons.create_person(db, user, persons.PersonFields(
            given_names=typed, family_name="Ham\u2063\U000e0020di\ufffa"))
        assert p.given_names == "Aliyah"
        assert not any(c in p.given_names + p.family_name for c in INVISIBLE)
        soft = persons.create_person(db, user, persons.PersonFields(given_names="Ali\u00adyah",
                                                                    family_name="Soft"))
        found = {r.id for r in search.search(db, user, "Aliyah")}
        assert {p.id, soft.id} <= found
        assert soft.id in {r.id for r in search.search(db, user, "Ali\u00adyah")}


def test_a_name_of_hangul_fillers_is_refused(store, user) -> None:
    with store.session() as db, pytest.raises(InvalidInput) as refused:
        persons.create_person(db, user, persons.PersonFields(
            given_names="\u3164\u3164", family_name="\u3164", nickname="\u200b\u00ad"))
    assert "given_names" in refused.value.problems


def test_joiners_inside_words_are_kept(store, user) -> None:
    with store.session() as db:
        p = persons.create_person(db, user, persons.PersonFields(
            given_names="Mohammad\u200creza", name_original="می\u200cخواهم क्\u200dष"))
        # kept where the script needs them (Persian, Devanagari); in Latin letters they only
        # hide a difference, so they go
        assert p.name_original == "می\u200cخواهم क्\u200dष" and p.given_names == "Mohammadreza"


# --- 4. demo twice -----------------------------------------------------------------------------

def test_demo_twice_adds_more_people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    new_office(monkeypatch, tmp_path, PASS)
    assert main(["demo", "--persons", "12"]) == 0
    assert main(["demo", "--persons", "12"]) == 0
    assert main(["demo", "--persons", "5", "--seed", "1"]) == 0
    capsys.readouterr()
    assert main(["persons"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 29
    assert len({line.split("\t")[0] for line in lines}) == 29


# --- 5. Erasure leaves no drafts -------------------------------------------------------------

def test_erasure_removes_every_users_drafts(store, user) -> None:
    with store.session() as db:
        cora = users.create_user(db, acting(db), "cora", "Cora", "coordinator", "cora's password").id
        p = persons.create_person(db, user, persons.PersonFields(
            given_names="Xanthippe", family_name="Quortleberry", phone="0611122233",
            v_number="2612345678"))
        plan = plans.create_plan(db, user, p.id, plans.PlanFields(perspective="return"))
        other = persons.create_person(db, user, persons.PersonFields(given_names="Other",
                                                                     family_name="Person"))
        for who in (user, cora):
            for form in ("overview", "consent", "plan", "evaluation", "end_plan",
                         drafts.record_form("goal", None), drafts.new_action_form(plan.id),
                         drafts.record_form("contact", None)):
                drafts.save(db, who, form, {"notes": "Quortleberry"}, p.id)
            drafts.save(db, who, "overview", {"given_names": "Other"}, other.id)
        # A registration whose draft was never discarded (a crash between save and discard).
        drafts.save(db, user, "new_person", {"given_names": " xanthippe ",
                                             "family_name": "QUORTLEBERRY"})
        drafts.save(db, cora, "new_person", {"given_names": "", "v_number": "26 1234 5678"})
        drafts.save(db, cora, "new_person:2", {"given_names": "Someone", "family_name": "Else"})
    erasure.erase_person(store, _coordinator(store), p.id)
    with store.session() as db:
        left = db.execute(select(Draft.user_id, Draft.person_id, Draft.form)).all()
        assert sorted((f, pid) for _u, pid, f in left) == [
            ("new_person:2", None), ("overview", other.id), ("overview", other.id)]


# --- 6. The handover override reason is kept, and erased with the person ----------------------

REASON = "Acute danger to life; consent cannot be asked tonight."


def test_override_reason_is_kept_then_erased(store, user) -> None:
    with store.session() as db:
        cora = users.create_user(db, acting(db), "cora", "Cora", "coordinator", "cora's password").id
        p = persons.create_person(db, user, persons.PersonFields(given_names="Helen",
                                                                 family_name="Berhane"))
        h = handover.prepare(db, cora, p.id, "GGD", override_reason=REASON)
        assert h.override_reason == REASON
    with store.session() as db:
        kept = db.scalars(select(HandoverRecord).where(HandoverRecord.person_id == p.id)).all()
        assert [(k.partner, k.override_reason, k.made_by) for k in kept] == [("GGD", REASON, cora)]
        assert "identity" in kept[0].scope and kept[0].made_at is not None
        data = subject_access.collect(db, cora, p.id)
        assert [x["override_reason"] for x in data["handovers"]] == [REASON]
    erasure.erase_person(store, _coordinator(store), p.id)
    with store.session() as db:
        assert db.scalar(select(func.count()).select_from(HandoverRecord)) == 0
        assert db.scalar(select(func.count()).select_from(Person)) == 0


def _coordinator(store) -> object:  # noqa: ANN001 - a Store; returns a user id
    with store.session() as db:
        return acting(db)
