"""Today: due and overdue evaluations, unfinished intakes, recent people; one click opens."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from app.services import evaluations
from tests.ui.helpers import wait_idle
from ui.office.demo_dialog import DemoDialog
from ui.office.today import DUE_COLUMNS, TodayView
from ui.session.translations import apply_language
from ui.widgets.labels import ltr
from ui.widgets.record_model import Column, RecordTableModel, fmt_date

pytestmark = pytest.mark.gui


def test_due_evaluations_and_one_click_opens(qtbot, demo_ops, demo_store) -> None:  # noqa: ANN001
    today = TodayView(demo_ops)
    qtbot.addWidget(today)
    today.resize(1200, 760)
    today.show()
    qtbot.waitUntil(lambda: today.due_model.rowCount() > 0, timeout=10000)
    with demo_store.session() as db:
        due = evaluations.due_evaluations(db, demo_ops.user_id, within_days=30)
    assert today.due_model.rowCount() == len(due)
    assert any(d.overdue for d in due)
    assert today.intake_model.rowCount() > 0
    assert str(sum(1 for d in due if d.overdue)) in today.headline.text()

    view = today.due_view
    first = view.model().index(0, 2)
    rect = view.visualRect(first)
    with qtbot.waitSignal(today.open_person) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    record = view.model().index(0, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert opened.args == [record.person_id]
    assert record.due_on <= date.today().replace(year=date.today().year + 1)
    wait_idle(qtbot, demo_ops)


def test_record_models_pass_the_model_tester(qtmodeltester) -> None:  # noqa: ANN001
    model = RecordTableModel((Column("Name", lambda r: r["name"]),
                              Column("Age", lambda r: str(r["age"]), lambda r: r["age"])))
    model.set_records([{"name": "Amal", "age": 31}, {"name": "Yonas", "age": 24}])
    qtmodeltester.check(model)
    qtmodeltester.check(RecordTableModel(DUE_COLUMNS))


def test_demo_people_with_progress_and_cancel(qtbot, ops, people_store) -> None:  # noqa: ANN001
    dialog = DemoDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.count.setValue(5000)
    with qtbot.waitSignal(dialog.finished_adding, timeout=60000) as finished:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.bar.value() >= 1000, timeout=30000)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    added = finished.args[0]
    assert 1000 <= added < 5000
    from app.services import search

    with people_store.session() as db:
        assert search.count(db, ops.user_id) == added


def test_unsaved_drafts_are_listed_and_open_their_form(qtbot, ops, anna, people_store) -> None:  # noqa: ANN001
    from app.i18n import _
    from app.services import drafts, persons

    today = TodayView(ops)
    qtbot.addWidget(today)
    today.resize(1200, 760)
    today.show()
    wait_idle(qtbot, ops)
    assert not today.drafts_box.isVisible()  # nothing to finish: no empty box

    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, persons.PersonFields(
            given_names="Selam", family_name="Tesfaye")).id
        drafts.save(db, anna.id, "goal", {"description": "Nederlands leren"}, pid)
        drafts.save(db, anna.id, "new_person", {"given_names": "Sab"})
    today.refresh()
    qtbot.waitUntil(lambda: today.draft_model.rowCount() == 2)
    assert today.drafts_box.isVisible()
    texts = {today.draft_model.index(r, 3).data() for r in range(2)}
    goal, new = _("Goal"), _("New person")
    assert texts == {goal, new}

    view = today.draft_view
    rows = {view.model().index(r, 3).data(): r for r in range(2)}
    with qtbot.waitSignal(today.open_person) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(view.model().index(rows[goal], 2)).center())
    assert opened.args == [pid]
    with qtbot.waitSignal(today.open_new_person):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(view.model().index(rows[new], 2)).center())
    today.clear_data()
    assert today.draft_model.rowCount() == 0
    wait_idle(qtbot, ops)


def _changed_columns(before: QImage, after: QImage) -> tuple[int, int]:
    """The leftmost and rightmost pixel column that differs between two grabs."""
    before = before.convertToFormat(QImage.Format.Format_RGB32)
    after = after.convertToFormat(QImage.Format.Format_RGB32)
    columns = [x for x in range(min(before.width(), after.width()))
               if any(before.pixel(x, y) != after.pixel(x, y)
                      for y in range(min(before.height(), after.height())))]
    assert columns, "changing the digits changed no pixels"
    return columns[0], columns[-1]


def _day_left_of_year(label: QLabel, text: str, day_text: str) -> bool:
    """Whether ``label`` paints the day of ``day_text`` (dd-mm-yyyy) left of its year.

    The label is grabbed with ``text``, then with the day's digits and then the year's
    replaced by 8s (digits are equally wide, so nothing else moves): the columns that change
    are where the day and the year are drawn.
    """
    def grab(date_text: str) -> QImage:
        label.setText(text.replace(day_text, date_text, 1))
        return label.grab().toImage()

    plain = grab(day_text)
    day = _changed_columns(plain, grab("88" + day_text[2:]))
    year = _changed_columns(plain, grab(day_text[:-4] + "8888"))
    label.setText(text)
    assert day[1] < year[0] or year[1] < day[0], (day, year)
    return day[1] < year[0]


def test_arabic_headline_paints_the_date_left_to_right(qtbot, ops) -> None:  # noqa: ANN001
    apply_language("ar")  # the data_dir fixture switches back to Dutch
    today = TodayView(ops)
    qtbot.addWidget(today)
    today.resize(1200, 760)
    today.show()
    wait_idle(qtbot, ops)
    text = today.headline.text()
    day_text = fmt_date(date.today())
    assert ltr(day_text) in text
    assert today.headline.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # 01-12-2026 as written, not the groups in right-to-left order (2026-12-01).
    assert _day_left_of_year(today.headline, text, day_text)
    # The check can tell: without the isolate the same sentence paints the groups reversed.
    bare = text.replace(ltr(day_text), day_text)
    assert not _day_left_of_year(today.headline, bare, day_text)


def test_today_reads_nothing_until_it_shows(qtbot, demo_ops) -> None:  # noqa: ANN001
    """Issue 17: the main window opens on People; Today's lists (thousands of rows on a large
    office) are read when Today first shows, not at start-up beside People's first page."""
    today = TodayView(demo_ops)
    qtbot.addWidget(today)
    assert demo_ops.pending == 0
    wait_idle(qtbot, demo_ops)
    assert today.due_model.rowCount() == 0 and not today.headline.text()
    today.resize(1200, 760)
    with qtbot.waitSignal(today.loaded, timeout=20000):
        today.show()
    assert today.due_model.rowCount() > 0
