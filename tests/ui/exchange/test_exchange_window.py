"""File → Exchange, the conflicts screen and Today's "conflicts waiting", on two real laptops
of one office (encrypted databases joined through a real join file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from acting import acting
from exchange_replicas import first_laptop, join_from
from PySide6.QtCore import Qt

from app.services import persons
from app.store.models import Person
from tests.ui.helpers import wait_idle
from ui.exchange.conflicts_dialog import ConflictsDialog
from ui.exchange.exchange_dialog import ExchangeDialog
from ui.office.today import TodayView
from ui.session.operations import Operations

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.fixture
def laptops(qapp, tmp_path: Path):  # noqa: ANN001, ANN201
    a = first_laptop(tmp_path / "a.db")
    with a.session() as db:
        by = acting(db)
        pid = persons.create_person(db, by, persons.PersonFields(
            given_names="Amal", family_name="Haddad", phone="0600000000")).id
    b = join_from(a, tmp_path / "b.db")
    for store, phone in ((a, "0611111111"), (b, "0622222222")):
        with store.session() as db:
            person = db.get(Person, pid)
            persons.update_person(db, acting(db), pid, person.version,
                                  persons.PersonFields(phone=phone))
    with b.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Yonas",
                                                                   family_name="Tesfay"))
    ops_a, ops_b = Operations(a, by), Operations(b, by)
    yield ops_a, ops_b, pid
    for ops in (ops_a, ops_b):
        ops.shutdown()
    a.close()
    b.close()


@pytest.fixture
def dutch() -> None:
    """The screens in the default interface language (Dutch), for the screenshots."""
    from app.i18n import set_interface_language

    set_interface_language("nl")


def test_a_file_made_on_one_laptop_is_read_on_the_other_with_counts_only(
        qtbot, laptops, tmp_path: Path, dutch) -> None:  # noqa: ANN001
    ops_a, ops_b, pid = laptops
    sender = ExchangeDialog(ops_b, "coordinator")
    qtbot.addWidget(sender)
    path = tmp_path / "stick" / "van-bram.wegwijs-exchange"
    path.parent.mkdir()
    with qtbot.waitSignal(sender.finished_work, timeout=20000):
        sender.make_file(path)
    assert path.is_file() and b"Yonas" not in path.read_bytes()
    receiver = ExchangeDialog(ops_a, "coordinator")
    qtbot.addWidget(receiver)
    receiver.show()
    with qtbot.waitSignal(receiver.finished_work, timeout=20000) as said:
        receiver.read_file(path)
    assert not receiver.progress.isVisible()
    text = said.args[0]
    assert "Yonas" not in text and "Amal" not in text and "06" not in text
    assert receiver.conflicts_button.isVisible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    receiver.grab().save(str(SCREENSHOTS / "30-exchange-read.png"))
    with ops_a.store.session(read_only=True) as db:
        assert db.get(Person, pid).phone in ("0611111111", "0622222222")
    # The same file again: nothing new.
    with qtbot.waitSignal(receiver.finished_work, timeout=20000) as again:
        receiver.read_file(path)
    assert again.args[0] != text
    # A file that is not an exchange file: the message, nothing changed.
    junk = tmp_path / "junk.wegwijs-exchange"
    junk.write_bytes(b"not a file of ours")
    with qtbot.waitSignal(receiver.finished_work, timeout=20000) as refused:
        receiver.read_file(junk)
    assert refused.args[0]
    wait_idle(qtbot, ops_a)


def test_conflicts_screen_decides_with_one_click_and_today_counts(
        qtbot, laptops, tmp_path: Path, dutch) -> None:  # noqa: ANN001
    ops_a, ops_b, pid = laptops
    from app.exchange import transfer

    with ops_b.store.session() as db:
        sealed, _ = transfer.export_bytes(db, acting(db))
    with ops_a.store.session() as db:
        transfer.import_bytes(db, acting(db), sealed)
    today = TodayView(ops_a)
    qtbot.addWidget(today)
    with qtbot.waitSignal(today.loaded, timeout=20000):
        today.refresh()
    assert today.conflicts.count == 1 and not today.conflicts.button.isHidden()
    assert "1" in today.conflicts.button.text()
    today.resize(1100, 700)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    today.grab().save(str(SCREENSHOTS / "32-today-conflicts-waiting.png"))

    dialog = ConflictsDialog(ops_a)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.keep_buttons) == 2, timeout=20000)
    values = {side.value for _button, _c, side in dialog.keep_buttons}
    assert values == {"0611111111", "0622222222"}
    qtbot.waitUntil(lambda: all(b.isVisible() for b, _c, _s in dialog.keep_buttons)
                    and dialog.intro.height() >= dialog.intro.heightForWidth(
                        dialog.intro.width()), timeout=10000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "31-exchange-conflicts.png"))
    button = next(b for b, _c, side in dialog.keep_buttons if side.value == "0622222222")
    with qtbot.waitSignal(dialog.resolved, timeout=20000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.keep_buttons, timeout=20000)
    with ops_a.store.session(read_only=True) as db:
        assert db.get(Person, pid).phone == "0622222222"
    with qtbot.waitSignal(today.loaded, timeout=20000):
        today.refresh()
    assert today.conflicts.button.isHidden()
    wait_idle(qtbot, ops_a)


@pytest.mark.pg
def test_sync_with_the_office_server_from_the_window(qtbot, laptops,  # noqa: ANN001
                                                     pg_server_url: str) -> None:
    import uuid as uuid_module

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.exchange import join
    from app.store import Target

    ops_a, _ops_b, pid = laptops
    name = f"wegwijs_ui_sync_{uuid_module.uuid4().hex[:10]}"
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_server_url).set(database=name).render_as_string(False)
    try:
        with ops_a.store.session() as db:
            sealed, made = join.make_join_bytes(db, acting(db))
        server, _recovery, _summary = join.join(Target(url=url), "", sealed, made.code)
        with server.session() as db:
            person = db.get(Person, pid)
            persons.update_person(db, acting(db), pid, person.version,
                                  persons.PersonFields(nickname="from the server"))
        dialog = ExchangeDialog(ops_a, "coordinator")
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.finished_work, timeout=30000):
            dialog.sync_with_server(url)
        with ops_a.store.session(read_only=True) as db:
            assert db.get(Person, pid).nickname == "from the server"
        server.close()
        with qtbot.waitSignal(dialog.finished_work, timeout=30000) as said:
            dialog.sync_with_server("postgresql+psycopg://nobody@127.0.0.1:1/none")
        assert said.args[0]  # a message, nothing changed
        wait_idle(qtbot, ops_a)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
