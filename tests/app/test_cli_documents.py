"""The command line's document commands (card, plan, handover, subject access): the same
services, PDFs read back, one-line errors."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pdfplumber
import pytest
from acting import acting, acting_in

from app.cli import main

PASS = "a passphrase for the tests"
CORA = "Cora's own password"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with demo people; commands run as its coordinator, with her own password
    (the office passphrase alone opens nothing personal)."""
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    assert main(["init"]) == 0
    (tmp_path / "cora.pw").write_text(CORA + "\n", encoding="utf-8")
    assert main(["users", "add", "cora", "--role", "coordinator",
                 "--password-file", str(tmp_path / "cora.pw")]) == 0
    monkeypatch.setenv("WEGWIJS_USER", "cora")
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", CORA)
    assert main(["demo", "--persons", "3", "--seed", "2"]) == 0
    return tmp_path


def _give_consent(scope: list[str]) -> None:
    from app.access.workspace import unlock
    from app.services import consents, persons
    from app.store.target import resolve_target

    store = unlock(resolve_target(None), PASS)
    try:
        with store.session() as db:
            person = persons.resolve(db, acting(db), "W-00001")
            consents.give_consent(db, acting(db), person.id, purpose="Taalcursus", partner="Taalhuis",
                                  scope=scope)
    finally:
        store.close()


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def test_card_for_a_person(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = env / "kaart.pdf"
    assert main(["card", "W-00001", "--lang", "ar", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = _pdf_text(out)
    assert "0900-8844" in text and "112" in text
    assert main(["card", "W-00001", "--lang", "ti", "--out", str(out), "--format", "a6",
                 "--one-sided", "--show-name"]) == 0
    assert "W-00001" in _pdf_text(out)


def test_card_with_a_users_own_password(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.access.workspace import add_user, unlock
    from app.store.target import resolve_target

    store = unlock(resolve_target(None), PASS)
    try:
        add_user(store, acting_in(store), "sara", "Sara Jansen", "volunteer", "Sara's own password 1")
    finally:
        store.close()
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", "Sara's own password 1")
    assert main(["--user", "sara", "card", "W-00002", "--lang", "fa",
                 "--out", str(env / "sara.pdf")]) == 0
    assert "0800-2000" in _pdf_text(env / "sara.pdf")


def test_card_errors_are_one_line(env: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = env / "kaart.pdf"
    assert main(["card", "W-00077", "--lang", "nl", "--out", str(out)]) == 1
    assert "W-00077" in capsys.readouterr().err
    assert main(["card", "W-00001", "--lang", "xx", "--out", str(out)]) == 1
    assert "xx" in capsys.readouterr().err
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", "not the passphrase")
    assert main(["card", "W-00001", "--lang", "nl", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "passphrase" in err.lower() and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_blank_card_and_plan(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["card", "--blank", "--lang", "so", "--out", str(env / "blank.pdf")]) == 0
    assert _pdf_text(env / "blank.pdf")
    from sqlalchemy import select

    from app.access.workspace import unlock
    from app.store.models import PerspectivePlan
    from app.store.target import resolve_target

    store = unlock(resolve_target(None), PASS)
    try:
        with store.session() as db:
            planned = [p.person.record_code for p in db.scalars(select(PerspectivePlan))]
    finally:
        store.close()
    assert planned, "the demo makes plans"
    assert main(["plan", planned[0], "--lang", "ar", "--out", str(env / "plan.pdf")]) == 0
    assert planned[0] in _pdf_text(env / "plan.pdf")


def test_handover_with_consent(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _give_consent(["contact"])
    out = env / "overdracht.pdf"
    assert main(["handover", "W-00001", "--partner", "Taalhuis", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = _pdf_text(out)
    assert "Warme overdracht aan Taalhuis" in text and "contactgegevens" in text
    assert "V-nummer" not in text and "Nationaliteit" not in text


def test_handover_request_is_printed(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _give_consent(["contact"])
    out = env / "overdracht.pdf"
    assert main(["handover", "W-00001", "--partner", "Taalhuis", "--out", str(out),
                 "--request", "Graag een intake voor de taalcursus plannen."]) == 0
    text = " ".join(_pdf_text(out).split())
    assert "Wij vragen u Graag een intake voor de taalcursus plannen." in text
    assert "Afzender" in text and "Toestemming Gegeven op" in text


def test_handover_without_consent_is_refused_in_one_line(env: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    out = env / "overdracht.pdf"
    assert main(["handover", "W-00001", "--partner", "GGD", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("wegwijs: ") and err.count("\n") == 1
    assert not out.exists()


def test_handover_override_with_reason(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = env / "overdracht.pdf"
    assert main(["handover", "W-00001", "--partner", "GGD", "--out", str(out),
                 "--override-reason", "Acuut levensgevaar, toestemming kan niet worden gevraagd"]
                ) == 0
    text = " ".join(_pdf_text(out).split())
    assert "coördinator" in text and "Acuut levensgevaar" in text


def test_handover_needs_a_pdf_file(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["handover", "W-00001", "--partner", "X", "--out", str(env / "x.txt")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_subject_access_json(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = env / "inzage.json"
    assert main(["access", "W-00001", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["record_number"] and data["format"].startswith("wegwijs")
    assert not (env / "inzage.pdf").exists()


def test_subject_access_pdf_writes_the_json_beside_it(env: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = env / "inzage.pdf"
    assert main(["access", "W-00001", "--out", str(out), "--lang", "ar"]) == 0
    assert capsys.readouterr().out.split() == [str(out), str(env / "inzage.json")]
    text = _pdf_text(out)
    assert "Wat wij over u bewaren" in text and "Als u het er niet mee eens bent" in text
    assert "ما نحتفظ به عنك" in text or "كنع هب ظفتحن ام" in text
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text)
    assert json.loads((env / "inzage.json").read_text(encoding="utf-8"))["person"]


def test_subject_access_pdf_only(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = env / "brief.pdf"
    assert main(["access", "W-00001", "--out", str(out), "--format", "pdf"]) == 0
    assert out.exists() and not (env / "brief.json").exists()
    assert main(["access", "W-00001", "--out", str(out), "--lang", "xx"]) == 1


def test_access_errors_are_one_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["access", "W-09999", "--out", str(env / "x.json")]) == 1
    assert main(["access", "W-00001", "--out", str(env / "x.docx")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and all(line.startswith("wegwijs: ")
                                        for line in err.splitlines())


def test_blank_questionnaire_needs_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    out = tmp_path / "vragenlijst.pdf"
    assert main(["questionnaire", "--blank", "extended_screening", "--lang", "ar", "--out",
                 str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = _pdf_text(out)
    assert "Uitgebreide screening" in text
    assert main(["questionnaire", "--blank", "short_intake", "--lang", "xx", "--out",
                 str(out)]) == 1
    assert main(["questionnaire", "--blank", "short_intake", "--lang", "nl", "--out",
                 str(tmp_path / "x.txt")]) == 1


def test_translations_lists_both_catalogues(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translations"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 15
    ps = next(line for line in lines if line.startswith("ps\t"))
    assert "intake questions 100%: machine-drafted, not reviewed" in ps
    ar = next(line for line in lines if line.startswith("ar\t"))
    assert "intake questions 100%: not reviewed by a native speaker" in ar
