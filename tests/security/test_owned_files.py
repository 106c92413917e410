"""Issue 12, point 3: files the program owns are never an output.

``--out`` (and every save dialog) refuses the database, its ``-wal``/``-shm``/``-journal``, its
key file, its slow-down and lock files, the backups and every file in the backup folder, and
an existing folder: one line, exit code 1, the owned file unchanged to the byte.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_login import CORA, new_office

from app.cli import main
from app.errors import WegwijsError
from app.files import check_output, check_output_folder

PASS = "a passphrase for the owned files"

COMMANDS = {
    "card": ["card", "W-00001", "--lang", "nl"],
    "blank card": ["card", "--blank", "--lang", "nl"],
    "plan": ["plan", "W-00001", "--lang", "nl"],
    "handover": ["handover", "W-00001", "--partner", "Taalhuis"],
    "access": ["access", "W-00001"],
    "export": ["export", "--format", "csv"],
    "report": ["report", "--from", "2020-01-01", "--to", "2030-12-31"],
}
OWNED = ["wegwijs.db", "wegwijs.db-wal", "wegwijs.db-shm", "wegwijs.db-journal",
         "wegwijs.db.keyring", "wegwijs.db.unlock", "wegwijs.db.unlock.lock"]


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database with people and a backup, held open (so -wal and -shm exist) and with one
    wrong try behind it (so the slow-down files exist)."""
    from app import settings
    from app.access.workspace import unlock
    from app.store.target import resolve_target

    root = tmp_path_factory.mktemp("owned")
    with pytest.MonkeyPatch.context() as mp:
        new_office(mp, root, PASS, persons=2)
        assert main(["backup"]) == 0
        usb = root / "usb"
        usb.mkdir()
        store = unlock(resolve_target(None), PASS)
        try:
            with store.session() as db:
                settings.set_value(db, None, "backup_folder", str(usb))
            mp.setenv("WEGWIJS_PASSPHRASE", "not the passphrase")
            assert main(["persons"]) == 1
            mp.setenv("WEGWIJS_PASSPHRASE", CORA)
            data = root / "data"
            assert (data / "wegwijs.db-wal").exists() and (data / "wegwijs.db-shm").exists()
            yield root
        finally:
            store.close()


@pytest.fixture
def env(office: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(office / "data"))
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", CORA)
    monkeypatch.setenv("WEGWIJS_USER", "cora")
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    return office


def _backup_files(root: Path) -> list[Path]:
    files = sorted((root / "data" / "backups").iterdir())
    assert any(f.name.endswith(".wegwijs-backup") for f in files)
    assert any(f.name.endswith(".wegwijs-backup.keyring") for f in files)
    return files


def _refused(argv: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = _digest(out)
    assert main([*argv, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("wegwijs: ") and err.strip().count("\n") == 0
    assert _digest(out) == before
    return err


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", OWNED)
def test_out_never_names_the_database_or_its_files(env: Path, command: str, name: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = env / "data"
    everything = {p: _digest(p) for p in [data / n for n in OWNED]}
    err = _refused(COMMANDS[command], data / name, capsys)
    assert str(data / name) in err
    assert {p: _digest(p) for p in everything} == everything


@pytest.mark.parametrize("command", COMMANDS)
def test_out_never_names_a_backup_or_a_file_in_the_backup_folder(
        env: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    for backup in _backup_files(env):
        assert str(backup) in _refused(COMMANDS[command], backup, capsys)
    new = env / "data" / "backups" / "overzicht.pdf"
    assert "backup" in _refused(COMMANDS[command], new, capsys)
    assert not new.exists()


@pytest.mark.parametrize("command", ["export", "report", "access", "plan", "handover"])
def test_the_backup_folder_in_the_settings_is_no_output(
        env: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = env / "usb" / "mensen.pdf"
    assert str(out) in _refused(COMMANDS[command], out, capsys)
    assert not out.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_symlinks_dotdot_and_folders_are_seen_through(
        env: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = env / "data"
    link = env / f"link-{command.replace(' ', '-')}.pdf"
    if not link.is_symlink():
        link.symlink_to(data / "wegwijs.db.keyring")
    _refused(COMMANDS[command], link, capsys)
    assert link.is_symlink()
    _refused(COMMANDS[command], data / "nowhere" / ".." / "wegwijs.db", capsys)
    assert "folder" in _refused(COMMANDS[command], data, capsys)


def test_a_name_that_only_begins_like_the_database_is_allowed(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = env / "data" / "wegwijs.db.pdf"
    assert main(["card", "--blank", "--lang", "nl", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    out.unlink()


def test_check_output_refuses_any_key_file_and_owned_names(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from app.access import keyring, lockout

    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "office.db"
    # the names the key file and the slow-down files really have
    throttle = lockout.for_database(db)
    owned_names = [keyring.keyring_path(db), db.with_name("office.db.unlock"),
                   *(p for p in (getattr(throttle, "state_file", None),
                                 getattr(throttle, "lock_file", None),
                                 getattr(keyring, "tries_lock_path", lambda d: None)(db))
                     if p is not None)]
    for owned in owned_names:
        with pytest.raises(WegwijsError, match=owned.name):
            check_output(owned, db)
    # the database named through a symlinked folder
    (tmp_path / "alias").symlink_to(tmp_path)
    with pytest.raises(WegwijsError):
        check_output(tmp_path / "alias" / "office.db-wal", db)
    with pytest.raises(WegwijsError):
        check_output(tmp_path / "office.db.before-restore-20250101-120000", db)
    # a key file of another database (an old backup's), wherever it lies
    stray = tmp_path / "old.json"
    stray.write_text('{\n "format": "wegwijs-keyring/1",\n "entries": []}', encoding="utf-8")
    with pytest.raises(WegwijsError):
        check_output(stray, db)
    assert check_output(tmp_path / "card.pdf", db) == tmp_path / "card.pdf"
    assert check_output(tmp_path / "card.pdf", None) == tmp_path / "card.pdf"
    with pytest.raises(WegwijsError):
        check_output_folder(tmp_path / "data" / "backups", None)
    assert check_output_folder(tmp_path, None) == tmp_path


# The window: the save dialogs refuse the same files and write nothing.

@pytest.fixture
def window_ops(qapp, sqlite_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    from app.services import users
    from app.vocabulary import UserRole
    from ui.session.operations import Operations

    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(tmp_path / "data"))
    with sqlite_store.session() as db:
        anna = users.create_user(db, None, "anna", "Anna de Vries", UserRole.COORDINATOR,
                                 "Anna's own password 1")
    ops = Operations(sqlite_store, anna.id)
    yield ops, anna
    ops.shutdown()


def _idle(qtbot, ops) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=15000)


@pytest.mark.gui
def test_the_export_dialog_refuses_owned_files(qtbot, window_ops, sqlite_store,  # noqa: ANN001
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QWidget  # noqa: TID251 - a window test

    from app import settings
    from ui.office.export_action import Exporter

    ops, anna = window_ops
    database = sqlite_store.target.path
    usb = tmp_path / "usb"
    usb.mkdir()
    with sqlite_store.session() as db:
        settings.set_value(db, None, "backup_folder", str(usb))
    link = tmp_path / "mensen.csv"
    link.symlink_to(database)
    parent = QWidget()
    qtbot.addWidget(parent)
    exporter = Exporter(ops, anna, parent)
    for chosen in (link, usb / "mensen.xlsx", tmp_path / "data" / "backups" / "mensen.xlsx"):
        before = _digest(database)
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, c=chosen, **k: (str(c), "")))
        with qtbot.waitSignal(exporter.refused, timeout=5000) as said:
            exporter.start()
        _idle(qtbot, ops)
        assert str(chosen) in said.args[0]
        assert exporter.message_box.text() == said.args[0]
        exporter.message_box.close()
        assert _digest(database) == before and link.is_symlink()
        assert not (usb / "mensen.xlsx").exists()
        assert not (tmp_path / "data" / "backups" / "mensen.xlsx").exists()


@pytest.mark.gui
def test_the_card_save_dialog_refuses_the_database(qtbot, window_ops, sqlite_store,  # noqa: ANN001
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: TID251 - a window test

    from app.services import persons
    from ui.person.person_window import PersonWindow

    ops, anna = window_ops
    with sqlite_store.session() as db:
        pid = persons.create_person(db, anna.id, persons.PersonFields(
            given_names="Selam", family_name="Tesfay", document_language="ti")).id
    window = PersonWindow(ops, pid)  # deletes itself when closed
    window.show()
    qtbot.waitUntil(lambda: window.file is not None, timeout=15000)
    _idle(qtbot, ops)
    database = sqlite_store.target.path
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text, *a: warned.append(text)))
    saved: list[str] = []
    window.card.saved.connect(saved.append)
    for chosen in (database, Path(str(database) + "-wal"), tmp_path):
        before = _digest(chosen) if chosen.is_file() else None
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, c=chosen, **k: (str(c), "")))
        window.card._save_as()
        _idle(qtbot, ops)
        assert warned and str(chosen) in warned[-1]
        assert window.card.status.text() == warned[-1]
        assert (_digest(chosen) if chosen.is_file() else None) == before
    assert saved == []
    window.close()
    _idle(qtbot, ops)


def test_no_file_left_behind_by_a_refusal(env: Path) -> None:
    """Nothing half-written (``.part``) next to an owned file after the refusals."""
    leftovers = [p for p in (env / "data").rglob("*.part")]
    assert leftovers == []
    assert os.listdir(env / "data" / "backups")
