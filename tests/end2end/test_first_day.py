"""A volunteer's first day with the real program: set-up, the recovery key, unlocking with
one's own password, an office database made on the command line, locking and quitting.

Every step is typed or clicked in a real window; what is checked is what the screen shows
(window titles) and, afterwards, what the database holds.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from sqlalchemy import func, select

from app.access.workspace import open_for
from app.i18n import _, interface_language, set_interface_language
from app.services import users
from app.store import Target
from app.store.models import Person
from tests.end2end.conftest import Program

OFFICE_PASSPHRASE = "kantoor-geheim-2026"
PASSWORD = "anna-eigen-wachtwoord"


def title(msgid: str) -> str:
    """The Dutch window title (the interface of a fresh data folder), as a regex."""
    before = interface_language()
    set_interface_language("nl")
    try:
        return "^" + re.escape(_(msgid)) + "$"
    finally:
        set_interface_language(before)


SETUP = title("Wegwijs – first start")
RECOVERY = title("Wegwijs – your recovery key")
MAIN = title("Wegwijs – Stem in de Stad")
UNLOCK = title("Wegwijs – unlock")
LOCKED = title("Wegwijs – locked")


def check_database(data: Path, username: str, password: str, people: int = 0) -> None:
    """The file opens with the user's own password, holds the user, and is whole."""
    opened = open_for(Target(path=data / "wegwijs.db"), username, password)
    try:
        assert opened.user is not None and opened.user.username == username
        with opened.store.session() as db:
            assert [u.username for u in users.list_users(db, opened.user.id)] == [username]
            assert db.scalar(select(func.count()).select_from(Person)) == people
        with opened.store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        opened.store.close()


def set_up(program: Program, office_phone: str = "") -> str:
    """The set-up wizard, typed through; returns the recovery key window's id. With
    ``office_phone``, the office's number is typed on its page (name, address, phone)."""
    program.start()
    program.wait_window(SETUP)
    program.type(OFFICE_PASSPHRASE)
    program.key("Tab")
    program.type(OFFICE_PASSPHRASE)
    program.key("Return")  # → the office
    if office_phone:
        time.sleep(0.5)
        program.key("Tab", "Tab")  # the name has the focus; the address; the phone
        program.type(office_phone)
    program.key("Return")  # → the card's contacts
    program.key("Return")  # → the first user
    program.type("Anna de Vries")  # the user name is suggested from the name
    program.key("Tab", "Tab")
    program.type(PASSWORD)
    program.key("Tab")
    program.type(PASSWORD)
    program.key("Return")  # Finish
    return program.wait_window(RECOVERY, timeout=60)


def confirm_recovery_key(program: Program) -> None:
    program.key("space")  # the tick box has the focus
    program.key("Return")  # Continue
    program.wait_window(MAIN, timeout=60)
    program.wait_gone(RECOVERY)


def still_up(program: Program, seconds: float = 10) -> None:
    """The main window is still there ``seconds`` later (the program did not end itself)."""
    time.sleep(seconds)
    assert program.alive(), f"wegwijs ended by itself:\n{program.output()}"
    assert any(re.search(MAIN, name) for name in program.windows().values()), \
        program.windows()
    program.shot("still-up")


def quit_with_ctrl_q(program: Program) -> None:
    program.key("ctrl+q")
    assert program.wait_exit() == 0, program.output()
    assert "Traceback" not in program.output()


def test_first_start_shows_the_recovery_key_then_stays_open(program: Program) -> None:
    set_up(program)
    # Escape and the recovery key's tick box: nothing opens before the tick
    program.key("Escape")
    time.sleep(1)
    assert program.alive()
    assert not any(re.search(MAIN, n) for n in program.windows().values())
    confirm_recovery_key(program)
    still_up(program)
    quit_with_ctrl_q(program)
    check_database(program.data, "anna", PASSWORD)


def test_restart_logs_in_with_ones_own_password(program: Program) -> None:
    set_up(program)
    confirm_recovery_key(program)
    quit_with_ctrl_q(program)

    program.start()
    program.wait_window(UNLOCK)  # the user name is remembered; the password has the focus
    program.type(PASSWORD)
    program.key("Return")
    program.wait_window(MAIN, timeout=60)
    program.wait_gone(UNLOCK)
    still_up(program)
    # lock, then unlock with the keyboard
    program.key("ctrl+l")
    program.wait_window(LOCKED)
    assert not any(re.search(MAIN, n) for n in program.windows().values())
    program.type(PASSWORD)
    program.key("Return")
    program.wait_window(MAIN)
    still_up(program, 2)
    quit_with_ctrl_q(program)
    check_database(program.data, "anna", PASSWORD)


def test_a_wrong_password_keeps_the_unlock_screen(program: Program) -> None:
    set_up(program)
    confirm_recovery_key(program)
    quit_with_ctrl_q(program)
    program.start()
    program.wait_window(UNLOCK)
    program.type("not-my-password")
    program.key("Return")
    time.sleep(3)
    assert program.alive()
    assert any(re.search(UNLOCK, n) for n in program.windows().values())
    # Ctrl+Q on the unlock screen ends the process too
    quit_with_ctrl_q(program)


def test_database_made_on_the_command_line_gets_its_first_coordinator(
        program: Program) -> None:
    made = program.run("init", extra_env={"WEGWIJS_PASSPHRASE": OFFICE_PASSPHRASE})
    assert made.returncode == 0, made.stderr
    assert (program.data / "wegwijs.db").exists()

    program.start()
    program.wait_window(UNLOCK)
    program.key("Tab")  # no user yet: past the user name, the office passphrase
    program.type(OFFICE_PASSPHRASE)
    program.key("Return")
    time.sleep(2)  # the first-user page of the same window
    program.shot("first-user")
    program.type("anna")
    program.key("Tab")
    program.type("Anna de Vries")
    program.key("Tab")
    program.type(PASSWORD)
    program.key("Tab")
    program.type(PASSWORD)
    program.key("Return")
    program.wait_window(MAIN, timeout=60)
    program.wait_gone(UNLOCK)
    still_up(program)
    quit_with_ctrl_q(program)
    check_database(program.data, "anna", PASSWORD)


def test_cancel_on_the_first_screen_ends_the_program(program: Program) -> None:
    program.start()
    program.wait_window(SETUP)
    program.key("Escape")
    assert program.wait_exit() == 0, program.output()
    assert not (program.data / "wegwijs.db").exists()
