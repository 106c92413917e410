"""File → Exchange after the data key was changed: a coordinator makes the key file (its code
shown once) on the laptop with the new key, and takes it in on the other one with the code;
then the two exchange again. Volunteers see neither action. Real laptops, real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from acting import acting
from exchange_replicas import first_laptop, join_from
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.access import rotation
from app.services import persons
from app.store.models import Person
from tests.ui.helpers import wait_idle
from ui.exchange.exchange_dialog import ExchangeDialog
from ui.session.operations import Operations

pytestmark = pytest.mark.gui
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@pytest.fixture
def laptops(qapp, tmp_path: Path):  # noqa: ANN001, ANN201
    """Laptop A, whose data key (and exchange key) was just changed, and laptop B, which made a
    person meanwhile and still has the old exchange key."""
    a = first_laptop(tmp_path / "a.db")
    b = join_from(a, tmp_path / "b.db")
    with a.session() as db:
        by = acting(db)
    rotation.rotate(a, by)
    with b.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Yonas",
                                                                   family_name="Tesfay"))
    ops_a, ops_b = Operations(a, by), Operations(b, by)
    yield ops_a, ops_b
    for ops in (ops_a, ops_b):
        ops.shutdown()
    a.close()
    b.close()


def _said(qtbot, dialog: ExchangeDialog, step) -> str:  # noqa: ANN001
    with qtbot.waitSignal(dialog.finished_work, timeout=30000) as said:
        step()
    return str(said.args[0])


def test_the_key_file_made_on_one_laptop_and_taken_on_the_other(
        qtbot, laptops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    ops_a, ops_b = laptops
    maker = ExchangeDialog(ops_a, "coordinator")
    qtbot.addWidget(maker)
    maker.show()
    assert maker.key_file_button.isVisible() and maker.take_key_button.isVisible()
    key = tmp_path / "stick" / "office.wegwijs-key"
    key.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(key), ""))
    with qtbot.waitSignal(maker.finished_work, timeout=30000) as made:
        qtbot.mouseClick(maker.key_file_button, Qt.MouseButton.LeftButton)
    code = str(made.args[0]).splitlines()[-1]
    assert key.is_file() and len(code) == 14 and code in maker.result.text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    maker.grab().save(str(SCREENSHOTS / "33-exchange-key-file.png"))

    taker = ExchangeDialog(ops_b, "coordinator")
    qtbot.addWidget(taker)
    taker.show()
    old_file = tmp_path / "from-b.wegwijs-exchange"
    _said(qtbot, taker, lambda: taker.make_file(old_file))
    refused = _said(qtbot, maker, lambda: maker.read_file(old_file))
    assert "older exchange key" in refused

    wrong = _said(qtbot, taker, lambda: taker.take_key_file(key, "AAAA-BBBB-CCCC"))
    assert "code does not fit" in wrong
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(key), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (code.lower(), True))
    with qtbot.waitSignal(taker.finished_work, timeout=30000) as taken:
        qtbot.mouseClick(taker.take_key_button, Qt.MouseButton.LeftButton)
    assert "took the office's new exchange key" in str(taken.args[0])

    new_file = tmp_path / "from-b-again.wegwijs-exchange"
    _said(qtbot, taker, lambda: taker.make_file(new_file))
    _said(qtbot, maker, lambda: maker.read_file(new_file))
    with ops_a.store.session(read_only=True) as db:
        assert db.query(Person).filter(Person.given_names == "Yonas").count() == 1
    wait_idle(qtbot, ops_a)
    wait_idle(qtbot, ops_b)


def test_volunteers_see_no_key_file_actions(qtbot, laptops) -> None:  # noqa: ANN001
    ops_a, _ops_b = laptops
    dialog = ExchangeDialog(ops_a, "volunteer")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.make_button.isVisible()
    assert not dialog.key_file_button.isVisible() and not dialog.take_key_button.isVisible()
