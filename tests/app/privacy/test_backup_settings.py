"""The backups the window makes: a checked folder from the settings, on close and daily."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from acting import acting

from app import settings
from app.errors import NotAllowed, StoreError
from app.privacy import backup
from app.services import users
from app.store import Store
from app.vocabulary import UserRole


def test_usable_folder_explains_what_is_wrong(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert backup.usable_folder(f"  {tmp_path}  ") == tmp_path
    cases = {"": "Choose a backup folder",
             "relative/folder": "whole path",
             str(tmp_path / "usb-stick" / "backups"): "USB stick",
             str(_file(tmp_path)): "is a file"}
    for text, words in cases.items():
        with pytest.raises(StoreError, match=words) as err:
            backup.usable_folder(text)
        assert err.value.field == "backup_folder"

    def read_only(folder: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backup, "_probe", read_only)
    with pytest.raises(StoreError, match="may not write"):
        backup.usable_folder(str(tmp_path))
    assert not list(tmp_path.glob(".wegwijs-probe*"))


def _coordinator(db):  # noqa: ANN001, ANN202
    """The coordinator who may say where backups go."""
    return users.create_user(db, acting(db), "cora", "Cora", UserRole.COORDINATOR,
                             "Cora's own password").id


def test_automatic_backups_use_the_settings(sqlite_store: Store, tmp_path: Path) -> None:
    assert backup.automatic(sqlite_store) is None  # no folder set: nothing happens
    folder = tmp_path / "usb"
    folder.mkdir()
    with sqlite_store.session() as db:
        backup.save_settings(db, _coordinator(db), str(folder), 2)
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    first = backup.automatic(sqlite_store, now=start)
    assert first is not None and first.parent == folder
    assert backup.automatic(sqlite_store, now=start + timedelta(hours=2)) is None  # not due
    made = [backup.automatic(sqlite_store, every=None, now=start + timedelta(hours=h))
            for h in (3, 4)]  # on close: always
    assert backup.backups_in(folder) == made  # two generations kept
    backup.verify(made[-1], sqlite_store.key)


def test_automatic_backup_to_a_missing_folder_fails_plainly(sqlite_store: Store,
                                                           tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with sqlite_store.session() as db:
        backup.save_settings(db, _coordinator(db), str(stick), 5)
    stick.rmdir()  # the USB stick was pulled out
    with pytest.raises(StoreError, match="USB stick"):
        backup.automatic(sqlite_store)
    assert not stick.exists()  # never quietly made on this computer's own disk


def test_only_a_coordinator_changes_the_backup_folder(sqlite_store: Store,
                                                      tmp_path: Path) -> None:
    with sqlite_store.session() as db:
        cora = users.create_user(db, acting(db), "cora", "Cora", UserRole.COORDINATOR, "cora pass 123")
        bram = users.create_user(db, acting(db), "bram", "Bram", UserRole.CASE_MANAGER, "bram pass 12")
    with sqlite_store.session() as db, pytest.raises(NotAllowed):
        backup.save_settings(db, bram.id, str(tmp_path), 3)
    with sqlite_store.session() as db:
        assert backup.save_settings(db, cora.id, str(tmp_path), 3) == str(tmp_path)
    with sqlite_store.session() as db:
        assert settings.get(db, "backup_folder") == str(tmp_path)
        assert settings.get(db, "backup_generations") == 3
        backup.save_settings(db, cora.id, "", 3)  # empty: automatic backups off
        assert settings.get(db, "backup_folder") == ""


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file.txt"
    path.write_text("not a folder")
    return path
