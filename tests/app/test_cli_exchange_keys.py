"""The exchange key on the command line: ``users deactivate`` and ``keys rotate`` change it (or
keep it with ``--keep-exchange-key``), ``exchange key-file`` and ``exchange take-key`` bring the
new one to another laptop; coordinators only."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_login import CORA, lines, new_office

from app.cli import main

OFFICE = "office passphrase of the key tests"
VERA = "Vera's own password"


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """Laptop A (``wegwijs init``: cora, vera the volunteer, two people) and laptop B, joined
    from A's join file with cora's own password."""
    new_office(monkeypatch, tmp_path, OFFICE, persons=2)
    a = tmp_path / "data" / "wegwijs.db"
    (tmp_path / "vera.pw").write_text(VERA + "\n", encoding="utf-8")
    assert main(["users", "add", "vera", "--role", "volunteer", "--password-file",
                 str(tmp_path / "vera.pw")]) == 0
    join_file = tmp_path / "b.wegwijs-join"
    code = lines(capsys, ["exchange", "join-file", "--out", str(join_file)])[-1]
    (tmp_path / "join.code").write_text(code + "\n", encoding="utf-8")
    b = tmp_path / "b.db"
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", "the second laptop's office passphrase")
    monkeypatch.delenv("WEGWIJS_USER")
    monkeypatch.setenv("WEGWIJS_PASSWORD", CORA)
    lines(capsys, ["--db", str(b), "join", str(join_file), "--code-file",
                   str(tmp_path / "join.code"), "--me", "cora"])
    monkeypatch.delenv("WEGWIJS_PASSWORD")
    _as(monkeypatch, "cora")
    return a, b


def _as(mp: pytest.MonkeyPatch, name: str) -> None:
    mp.setenv("WEGWIJS_USER", name)
    mp.setenv("WEGWIJS_PASSPHRASE", CORA if name == "cora" else VERA)


def _export(capsys, db: Path, out: Path) -> Path:  # noqa: ANN001
    lines(capsys, ["--db", str(db), "exchange", "export", "--out", str(out)])
    return out


def _persons(capsys, db: Path) -> int:  # noqa: ANN001
    return len(lines(capsys, ["--db", str(db), "persons"]))


def test_deactivating_changes_the_exchange_key_and_a_key_file_brings_it_back(
        two: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two
    said = " ".join(lines(capsys, ["--db", str(a), "users", "deactivate", "vera"]))
    assert "exchange key was changed too" in said and "exchange key-file" in said
    lines(capsys, ["--db", str(b), "demo", "--persons", "1", "--seed", "9"])  # B's own work
    from_b = _export(capsys, b, tmp_path / "b1.wegwijs-exchange")
    before = _persons(capsys, a)
    refused = " ".join(lines(capsys, ["--db", str(a), "exchange", "import", str(from_b)], 1))
    assert "older exchange key" in refused and "take-key" in refused
    assert _persons(capsys, a) == before
    from_a = _export(capsys, a, tmp_path / "a1.wegwijs-exchange")
    refused = " ".join(lines(capsys, ["--db", str(b), "exchange", "import", str(from_a)], 1))
    assert "newer exchange key" in refused

    key = tmp_path / "office.wegwijs-key"
    out = lines(capsys, ["--db", str(a), "exchange", "key-file", "--out", str(key)])
    assert "generation 1" in out[0]
    (tmp_path / "key.code").write_text("AAAA-BBBB-CCCC\n", encoding="utf-8")
    wrong = " ".join(lines(capsys, ["--db", str(b), "exchange", "take-key", str(key),
                                    "--code-file", str(tmp_path / "key.code")], 1))
    assert "code does not fit this key file" in wrong
    monkeypatch.setenv("WEGWIJS_KEY_CODE", out[-1])
    taken = " ".join(lines(capsys, ["--db", str(b), "exchange", "take-key", str(key)]))
    assert "took the office's new exchange key (generation 1)" in taken

    lines(capsys, ["--db", str(a), "exchange", "import",
                   str(_export(capsys, b, tmp_path / "b2.wegwijs-exchange"))])
    lines(capsys, ["--db", str(b), "exchange", "import",
                   str(_export(capsys, a, tmp_path / "a2.wegwijs-exchange"))])
    assert _persons(capsys, a) == before + 1 == _persons(capsys, b)


def test_keep_exchange_key_and_keep_data_key_leave_the_exchange_working(
        two: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two
    said = " ".join(lines(capsys, ["--db", str(a), "keys", "rotate", "--keep-exchange-key"]))
    assert "data key was changed" in said and "exchange key" not in said
    said = " ".join(lines(capsys, ["--db", str(a), "users", "deactivate", "vera",
                                   "--keep-data-key"]))
    assert "exchange key" not in said
    lines(capsys, ["--db", str(b), "exchange", "import",
                   str(_export(capsys, a, tmp_path / "a.wegwijs-exchange"))])
    said = " ".join(lines(capsys, ["--db", str(a), "keys", "rotate"]))
    assert "exchange key was changed too" in said


def test_a_volunteer_makes_or_takes_no_key_file(
        two: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    a, _b = two
    key = tmp_path / "office.wegwijs-key"
    code = lines(capsys, ["--db", str(a), "exchange", "key-file", "--out", str(key)])[-1]
    (tmp_path / "key.code").write_text(code + "\n", encoding="utf-8")
    _as(monkeypatch, "vera")
    refused = lines(capsys, ["--db", str(a), "exchange", "key-file", "--out",
                             str(tmp_path / "mine.wegwijs-key")], 1)
    assert "may not manage users" in " ".join(refused)
    assert not (tmp_path / "mine.wegwijs-key").exists()
    refused = lines(capsys, ["--db", str(a), "exchange", "take-key", str(key),
                             "--code-file", str(tmp_path / "key.code")], 1)
    assert "may not manage users" in " ".join(refused)


def test_the_key_file_is_never_written_onto_the_programs_own_files(
        two: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    a, _b = two
    for own in (a, Path(f"{a}.keyring")):
        before = own.read_bytes()
        lines(capsys, ["--db", str(a), "exchange", "key-file", "--out", str(own)], 1)
        assert own.read_bytes() == before


def test_a_file_that_is_no_key_file_is_refused_before_the_code_is_asked(
        two: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _a, b = two
    monkeypatch.delenv("WEGWIJS_KEY_CODE", raising=False)
    refused = " ".join(lines(capsys, ["--db", str(b), "exchange", "take-key",
                                      str(tmp_path / "b.wegwijs-join")], 1))
    assert "not a key file" in refused and "one-time code" not in refused
