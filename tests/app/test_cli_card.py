"""``wegwijs office show|set`` and ``wegwijs card-contacts list|import``: the office profile and
the card's contacts from the command line, as a coordinator, through the same services as the
window; and the card a fresh office prints from them."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from cli_login import lines, new_office

PASS = "the office passphrase of the card"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    new_office(monkeypatch, tmp_path, PASS, persons=0)
    return tmp_path


def test_set_and_show_the_office(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = lines(capsys, ["office", "set", "--name", "Stem in de Stad", "--phone",
                          "023-532 4567", "--address", "Zijlsingel 8, Haarlem", "--hours",
                          "ma-do 9:00-17:00; vr 9-12"])
    assert "Name\tStem in de Stad" in shown and "Phone\t023-532 4567" in shown
    assert ("Opening hours\tma-do 9:00-17:00; vr 9-12 (understood as: ma–do 9:00–17:00; "
            "vr 9:00–12:00)") in shown
    # only the fields given change
    lines(capsys, ["office", "set", "--hours", "op afspraak"])
    shown = lines(capsys, ["office", "show"])
    assert "Name\tStem in de Stad" in shown and "Opening hours\top afspraak" in shown
    # bad input: the field named, nothing changed
    (err,) = lines(capsys, ["office", "set", "--phone", "bel maar", "--name", "Ander"], code=1)
    assert err.startswith("wegwijs: phone: ")
    assert "Name\tStem in de Stad" in lines(capsys, ["office", "show"])
    (err,) = lines(capsys, ["office", "set"], code=1)
    assert "--phone" in err


def test_import_the_card_contacts_all_or_nothing(office: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    before = lines(capsys, ["card-contacts", "list"])
    assert [row.split("\t")[1] for row in before] == [
        "case_manager", "municipality", "refugee_council", "social_team", "civic_integration",
        "legal_aid", "gp", "gp_post", "police_officer", "shelter"]  # seed 001's card
    bad = office / "bad.csv"
    bad.write_text("role;organisation;phone;hours\n"
                   "municipality;Gemeente Haarlem;023-511 5115;ma-do 9-17\n"
                   "wizard;Toverschool;023-000 0000;\n"
                   "Huisarts;Huisarts Noord;bel maar;\n", encoding="utf-8")
    err = lines(capsys, ["card-contacts", "import", str(bad)], code=1)
    assert err[0] == "wegwijs: Nothing was imported:"
    assert err[1].strip() == "line 3: role: unknown role 'wizard'"
    assert err[2].strip().startswith("line 4: phone: ")
    assert lines(capsys, ["card-contacts", "list"]) == before
    good = office / "good.csv"
    good.write_text("\ufeffrole,organisation,name,phone,address,hours\n"
                    "municipality,\"Gemeente Haarlem, Werk & Inkomen\",S. Bakker,023-511 5115,"
                    "Zijlweg 245,ma-do 9:00-17:00\n"
                    "Huisarts,Huisarts Noord,,023-533 1234,,\n"
                    "police_officer,Politie Haarlem,K. de Boer,0900-8844,,\n",
                    encoding="utf-8")
    rows = lines(capsys, ["card-contacts", "import", str(good)])
    assert rows[0] == "Imported 3 card contacts."
    assert [r.split("\t")[1:5] for r in rows[1:]] == [
        ["municipality", "Gemeente Haarlem, Werk & Inkomen", "S. Bakker", "023-511 5115"],
        ["gp", "Huisarts Noord", "", "023-533 1234"],
        ["police_officer", "Politie Haarlem", "K. de Boer", "0900-8844"]]
    assert rows[1].endswith("(understood as: ma–do 9:00–17:00)")
    for wrong, message in ((office / "missing.csv", "cannot be read"),):
        (err,) = lines(capsys, ["card-contacts", "import", str(wrong)], code=1)
        assert message in err
    odd = office / "odd.csv"
    odd.write_text("rol;telefoon\nhuisarts;023\n", encoding="utf-8")
    (err,) = lines(capsys, ["card-contacts", "import", str(odd)], code=1)
    assert "role and phone" in err


def test_a_fresh_office_prints_what_was_set(office: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    lines(capsys, ["office", "set", "--name", "Stem in de Stad", "--phone", "023-532 4567",
                  "--hours", "ma-vr 10-16"])
    contacts = office / "contacts.csv"
    contacts.write_text("role;organisation;phone;hours\n"
                        "refugee_council;VluchtelingenWerk Haarlem;023-532 0999;di, do 10-13\n",
                        encoding="utf-8")
    lines(capsys, ["card-contacts", "import", str(contacts)])
    lines(capsys, ["demo", "--persons", "1", "--seed", "4"])
    out = office / "card.pdf"
    lines(capsys, ["card", "W-00001", "--lang", "ar", "--out", str(out)])
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Stem in de Stad" in text and "023-532 4567" in text
    assert "023-532 0999" in text and "ma–vr 10:00–16:00" in text
    assert "di, do 10:00–13:00" in text
