"""The command line's handover and subject access commands: same services, one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
import pytest

from app.cli import main

PASS = "a passphrase for the tests"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    assert main(["init"]) == 0
    assert main(["demo", "--persons", "3", "--seed", "2"]) == 0
    return tmp_path


def _give_consent(scope: list[str]) -> None:
    from app.services import consents, persons
    from app.workspace import resolve_target, unlock

    store = unlock(resolve_target(None), PASS)
    try:
        with store.session() as db:
            person = persons.resolve(db, "W-00001")
            consents.give_consent(db, None, person.id, purpose="Taalcursus", partner="Taalhuis",
                                  scope=scope)
    finally:
        store.close()


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def test_handover_with_consent(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _give_consent(["contact"])
    out = env / "overdracht.pdf"
    assert main(["handover", "W-00001", "--partner", "Taalhuis", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = _pdf_text(out)
    assert "Warme overdracht aan Taalhuis" in text and "contactgegevens" in text
    assert "V-nummer" not in text and "Nationaliteit" not in text


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


@pytest.mark.parametrize("suffix", [".json", ".pdf"])
def test_subject_access(env: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    out = env / f"inzage{suffix}"
    assert main(["access", "W-00001", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    if suffix == ".json":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["person"]["record_number"] and data["format"].startswith("wegwijs")
    else:
        text = _pdf_text(out)
        assert "Persoonsgegevens" in text and "Geschiedenis" in text


def test_access_errors_are_one_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["access", "W-09999", "--out", str(env / "x.json")]) == 1
    assert main(["access", "W-00001", "--out", str(env / "x.docx")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and all(line.startswith("wegwijs: ")
                                        for line in err.splitlines())
