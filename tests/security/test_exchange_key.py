"""The office exchange key is taken away with the data key (issue 12, point 2, for exchange
files), replayed from the command line.

Vera, a volunteer, takes a copy of the coordinator's laptop (database and key file) home, then
is deactivated. Her copy opens with her password as it did that day, so it holds the exchange
key of that day. The test first shows the break (her copy reads the office's exchange files),
then that after ``users deactivate`` she reads none made later and the files she makes are
refused, on the rotated laptop and on every laptop that took the new key file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_login import CORA, lines, new_office

from app.cli import main

OFFICE = "the office passphrase of the exchange key"
VERA = "Vera's own password"


def _as(mp: pytest.MonkeyPatch, name: str) -> None:
    mp.setenv("WEGWIJS_USER", name)
    mp.setenv("WEGWIJS_PASSPHRASE", CORA if name == "cora" else VERA)


def _reads(copy: Path, exchange: Path) -> bool:
    """Whether the copy, opened with Vera's password, decrypts the exchange file."""
    from app.access.workspace import open_for
    from app.exchange import transfer
    from app.exchange.exchange_file import ExchangeError
    from app.store import Target

    store = open_for(Target(path=copy), "vera", VERA).store
    try:
        with store.session(read_only=True) as db:
            transfer.unseal(db, exchange.read_bytes())
    except ExchangeError as err:
        assert "newer exchange key" in err.message
        return False
    finally:
        store.close()
    return True


def _persons(capsys: pytest.CaptureFixture[str], db: Path) -> list[str]:
    return lines(capsys, ["--db", str(db), "persons"])


def test_a_copy_taken_before_deactivation_reads_and_forges_no_later_exchange_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    new_office(monkeypatch, tmp_path, OFFICE, persons=2)
    a = tmp_path / "data" / "wegwijs.db"
    (tmp_path / "vera.pw").write_text(VERA + "\n", encoding="utf-8")
    assert main(["users", "add", "vera", "--role", "volunteer", "--password-file",
                 str(tmp_path / "vera.pw")]) == 0
    code = lines(capsys, ["exchange", "join-file", "--out", str(tmp_path / "b.join")])[-1]
    (tmp_path / "join.code").write_text(code + "\n", encoding="utf-8")
    b = tmp_path / "b.db"
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", "the second laptop's passphrase")
    monkeypatch.delenv("WEGWIJS_USER")
    monkeypatch.setenv("WEGWIJS_PASSWORD", CORA)
    lines(capsys, ["--db", str(b), "join", str(tmp_path / "b.join"), "--code-file",
                   str(tmp_path / "join.code"), "--me", "cora"])
    monkeypatch.delenv("WEGWIJS_PASSWORD")

    stolen = tmp_path / "home" / "wegwijs.db"  # Vera's copy: database and key file
    stolen.parent.mkdir()
    for suffix in ("", "-wal", ".keyring"):
        if Path(f"{a}{suffix}").exists():
            shutil.copy(f"{a}{suffix}", f"{stolen}{suffix}")

    # The break: her copy reads what the office exchanges (and could make files it takes).
    _as(monkeypatch, "cora")
    lines(capsys, ["--db", str(a), "demo", "--persons", "1", "--seed", "7"])
    before = tmp_path / "before.wegwijs-exchange"
    lines(capsys, ["--db", str(a), "exchange", "export", "--out", str(before)])
    assert _reads(stolen, before)

    _as(monkeypatch, "cora")
    lines(capsys, ["--db", str(a), "users", "deactivate", "vera"])
    lines(capsys, ["--db", str(a), "demo", "--persons", "1", "--seed", "8"])
    after = tmp_path / "after.wegwijs-exchange"
    lines(capsys, ["--db", str(a), "exchange", "export", "--out", str(after)])

    assert not _reads(stolen, after)  # her copy reads nothing made after
    _as(monkeypatch, "vera")
    lines(capsys, ["--db", str(stolen), "demo", "--persons", "1", "--seed", "9"])
    forged = tmp_path / "forged.wegwijs-exchange"
    lines(capsys, ["--db", str(stolen), "exchange", "export", "--out", str(forged)])

    _as(monkeypatch, "cora")  # the rotated laptop refuses what her copy makes
    people = _persons(capsys, a)
    lines(capsys, ["--db", str(a), "exchange", "import", str(forged)], 1)
    assert _persons(capsys, a) == people
    # So does the other laptop once it took the key file (a file it has no code for: nothing).
    key = tmp_path / "office.wegwijs-key"
    code = lines(capsys, ["--db", str(a), "exchange", "key-file", "--out", str(key)])[-1]
    (tmp_path / "key.code").write_text(code + "\n", encoding="utf-8")
    lines(capsys, ["--db", str(b), "exchange", "take-key", str(key), "--code-file",
                   str(tmp_path / "key.code")])
    people_b = _persons(capsys, b)
    lines(capsys, ["--db", str(b), "exchange", "import", str(forged)], 1)
    assert _persons(capsys, b) == people_b
    lines(capsys, ["--db", str(b), "exchange", "import", str(after)])
    assert len(_persons(capsys, b)) == len(people)
