"""Settings → Backups: choose a folder, back up now, see the verified result; automatic backups
at unlock and on close; plain messages when the folder cannot be used."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app import settings
from app.privacy import backup
from app.services import users
from tests.ui.helpers import SECOND_PASSWORD, wait_idle
from ui.session.controller import Controller
from ui.settings.backup_page import BackupPage
from ui.settings.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, ops, anna):  # noqa: ANN001, ANN201
    d = SettingsDialog(ops, anna)
    qtbot.addWidget(d)
    d.show()
    wait_idle(qtbot, ops)
    d.tabs.setCurrentWidget(d.backup_page)
    yield d
    wait_idle(qtbot, ops)


def _type_folder(qtbot, page: BackupPage, folder: Path) -> None:  # noqa: ANN001
    page.folder.clear()
    qtbot.keyClicks(page.folder, str(folder))


def test_back_up_now_to_a_typed_folder(qtbot, dialog, ops, people_store, tmp_path) -> None:  # noqa: ANN001
    page = dialog.backup_page
    assert page.list_note.text().startswith("No backup folder is set")  # nothing set yet
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    _type_folder(qtbot, page, stick)
    page.generations.setFocus()
    page.generations.selectAll()
    qtbot.keyClicks(page.generations, "3")
    with qtbot.waitSignal(page.backed_up, timeout=20000) as made:
        qtbot.mouseClick(page.back_up_now, Qt.MouseButton.LeftButton)
    path = made.args[0]
    assert path.parent == stick and path.exists()
    backup.verify(path, people_store.key)
    assert page.result.isVisible() and path.name in page.result.text()
    assert "verified" in page.result.text()
    assert page.backups.stringList()[0].split()[2] == path.name
    with people_store.session() as db:  # the typed folder was kept in the settings
        assert settings.get(db, "backup_folder") == str(stick)
        assert settings.get(db, "backup_generations") == 3

    for _i in range(3):  # three more: only the newest three stay
        with qtbot.waitSignal(page.backed_up, timeout=20000):
            qtbot.mouseClick(page.back_up_now, Qt.MouseButton.LeftButton)
    assert len(backup.backups_in(stick)) == 3
    assert page.backups.rowCount() == 3


@pytest.mark.parametrize("problem", ["file", "missing", "read-only"])
def test_a_folder_that_cannot_be_used_is_explained(qtbot, dialog, ops, tmp_path,  # noqa: ANN001
                                                   monkeypatch, problem) -> None:  # noqa: ANN001
    page = dialog.backup_page
    folder = tmp_path / "backups"
    expected = {"file": "is a file", "missing": "USB stick", "read-only": "may not write"}
    if problem == "file":
        folder.write_text("not a folder")
    elif problem == "read-only":
        folder.mkdir()

        def refuse(where: Path) -> None:  # what a read-only or full folder does (even for root)
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(backup, "_probe", refuse)
    _type_folder(qtbot, page, folder)
    qtbot.mouseClick(page.back_up_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.errors.text("backup_folder") != "")
    wait_idle(qtbot, ops)
    assert expected[problem] in page.errors.text("backup_folder")
    assert "Traceback" not in page.errors.text("backup_folder")
    assert not page.result.isVisible() and page.back_up_now.isEnabled()
    assert page.folder.text() == str(folder)  # what was typed stays
    assert not list(tmp_path.rglob("*.wegwijs-backup"))


def test_a_case_manager_sees_the_folder_read_only(qtbot, ops, people_store, tmp_path) -> None:  # noqa: ANN001
    with people_store.session() as db:
        settings.set_value(db, None, "backup_folder", str(tmp_path))
        bram = users.authenticate(db, "bram", SECOND_PASSWORD)
    page = BackupPage(ops, bram)
    qtbot.addWidget(page)
    wait_idle(qtbot, ops)
    assert page.folder.text() == str(tmp_path)
    assert page.folder.isReadOnly()
    assert not page.choose.isEnabled() and not page.save.isEnabled()
    assert page.back_up_now.isEnabled()  # backing up to the office's folder is for everyone
    with qtbot.waitSignal(page.backed_up, timeout=20000) as made:
        qtbot.mouseClick(page.back_up_now, Qt.MouseButton.LeftButton)
    assert made.args[0].parent == tmp_path


@pytest.fixture
def controller(qtbot, people_store, anna):  # noqa: ANN001, ANN201
    c = Controller(people_store.target)
    yield c
    if c.ops is not None:
        c.ops.shutdown()


def _unlock(qtbot, c, store, user) -> None:  # noqa: ANN001
    c._unlocked(store, user)
    qtbot.waitUntil(lambda: c.window is not None and c.window.isVisible())
    wait_idle(qtbot, c.ops, 20000)


def test_daily_backup_at_unlock_and_one_on_close(qtbot, controller, people_store, anna,  # noqa: ANN001
                                                 tmp_path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with people_store.session() as db:
        backup.save_settings(db, anna.id, str(stick), 5)
    key = people_store.key
    _unlock(qtbot, controller, people_store, anna)
    daily = backup.backups_in(stick)
    assert len(daily) == 1  # none was there: the daily backup ran at unlock
    notice = controller.window.statusBar().findChild(QLabel, "backup_notice")
    assert notice is not None and notice.isVisible()

    controller.auto_backup.check()  # the hourly check: not due again today
    wait_idle(qtbot, controller.ops)
    assert backup.backups_in(stick) == daily

    controller.window.close()  # the last window: the event loop ends, then (as in ui/session/start.py)
    controller.shutdown()      # the session ends with a backup
    assert controller.store is None
    made = backup.backups_in(stick)
    assert len(made) == 2
    backup.verify(made[-1], key)


def test_failed_automatic_backups_never_stop_the_window(qtbot, controller, people_store, anna,  # noqa: ANN001
                                                        tmp_path, caplog) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with people_store.session() as db:
        backup.save_settings(db, anna.id, str(stick), 5)
    stick.rmdir()  # the USB stick was pulled out
    caplog.set_level(logging.INFO, logger="wegwijs")
    _unlock(qtbot, controller, people_store, anna)
    notice = controller.window.statusBar().findChild(QLabel, "backup_notice")
    qtbot.waitUntil(lambda: notice.isVisible())
    assert "mislukt" in notice.text() and "USB-stick" in notice.toolTip()

    controller.window.close()
    controller.shutdown()
    assert controller.store is None  # closed all the same
    assert not stick.exists()
    logged = caplog.text
    assert "automatic backup failed: StoreError" in logged
    assert "backup on close failed: StoreError" in logged
    assert str(tmp_path) not in logged  # no folder names (or anything personal) in the log
