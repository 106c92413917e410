"""Issue 12, point 6: everything Wegwijs writes is readable by its owner only.

With the usual umask 0o022 (which would give 0644 files), the database and its -wal and -shm,
the key file, the slow-down files, backups, exports and PDFs are 0600, and the folders
Wegwijs creates 0700.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from acting import acting
from cli_login import first_coordinator

from app.cli import main

PASS = "a passphrase for the file modes"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no POSIX modes on Windows")


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_every_file_wegwijs_writes_is_private(tmp_path: Path, umask_022: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from app.access.workspace import unlock
    from app.services import persons
    from app.store.target import resolve_target

    data = tmp_path / "data"
    out = tmp_path / "out"  # made by Wegwijs for the first output
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(data))
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    assert main(["init"]) == 0
    first_coordinator(monkeypatch, tmp_path)
    store = unlock(resolve_target(None), PASS)  # held open: -wal and -shm exist
    try:
        with store.session() as db:
            persons.create_person(db, acting(db), persons.PersonFields(given_names="Amina",
                                                                 family_name="Yusuf"))
        assert main(["backup"]) == 0
        assert main(["export", "--format", "csv", "--out", str(out / "mensen.csv")]) == 0
        assert main(["export", "--format", "xlsx", "--out", str(out / "mensen.xlsx")]) == 0
        assert main(["card", "W-00001", "--lang", "nl", "--out", str(out / "kaart.pdf")]) == 0
        assert main(["access", "W-00001", "--out", str(out / "alles.json")]) == 0
        assert main(["report", "--from", "2020-01-01", "--to", "2030-12-31",
                     "--out", str(out / "overzicht.pdf")]) == 0
        existing = tmp_path / "bestaand.pdf"  # an output that replaces a 0644 file
        existing.write_bytes(b"old")
        assert _mode(existing) == 0o644
        assert main(["card", "--blank", "--lang", "nl", "--out", str(existing)]) == 0
        monkeypatch.setenv("WEGWIJS_PASSPHRASE", "not the passphrase")
        assert main(["persons"]) == 1  # a wrong try: the slow-down count is written
        assert (data / "wegwijs.db-wal").exists() and (data / "wegwijs.db-shm").exists()

        files = [p for p in [*data.rglob("*"), *out.rglob("*"), existing] if p.is_file()]
        names = {p.name for p in files}
        assert {"wegwijs.db", "wegwijs.db-wal", "wegwijs.db-shm", "wegwijs.db.keyring",
                "mensen.csv", "mensen.xlsx", "kaart.pdf", "alles.json", "overzicht.pdf",
                "bestaand.pdf"} <= names
        assert any(n.endswith(".wegwijs-backup") for n in names)
        assert any(n.endswith(".wegwijs-backup.keyring") for n in names)
        assert {p.name: oct(_mode(p)) for p in files} == {p.name: oct(0o600) for p in files}
        folders = [data, data / "backups", out]
        assert {str(f): oct(_mode(f)) for f in folders} == {str(f): oct(0o700) for f in folders}
    finally:
        store.close()


def test_a_restored_database_is_private(tmp_path: Path, umask_022: None,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(data))
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    assert main(["init"]) == 0
    first_coordinator(monkeypatch, tmp_path)
    assert main(["backup"]) == 0
    (backup,) = (data / "backups").glob("*.wegwijs-backup")
    os.chmod(backup, 0o644)  # a copy brought back from a USB stick
    assert main(["restore", str(backup)]) == 0
    assert _mode(data / "wegwijs.db") == 0o600
    assert _mode(data / "wegwijs.db.keyring") == 0o600
