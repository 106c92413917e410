"""The person form: required names marked, and errors that go once the field is edited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.i18n import _
from tests.ui.helpers import wait_idle
from ui.person.new_person import NewPersonDialog
from ui.person.person_form import NAMES_LEGEND, PersonForm
from ui.session.translations import apply_language
from ui.widgets.forms import REQUIRED_MARK

pytestmark = pytest.mark.gui


def test_the_fields_the_services_require_are_marked(qtbot) -> None:  # noqa: ANN001
    form = PersonForm()
    qtbot.addWidget(form)
    # persons.create_person: a name (any of the four); _validated: a card language, a status
    assert form.errors.required() == ["given_names", "family_name", "name_original",
                                      "nickname", "status", "document_language"]
    assert form.findChild(QLabel, "label_nickname").text().endswith(REQUIRED_MARK)
    assert not form.findChild(QLabel, "label_phone").text().endswith(REQUIRED_MARK)
    assert form.findChild(QLabel, "required_legend").text() == _(NAMES_LEGEND)


@pytest.mark.parametrize("field", ["given_names", "nickname"])
def test_the_name_error_goes_once_a_name_is_typed(qtbot, ops, field: str) -> None:  # noqa: ANN001
    dialog = NewPersonDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ops)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form.errors.text("given_names") != "")
    qtbot.keyClicks(getattr(dialog.form, field), "Amal")
    assert dialog.form.errors.text("given_names") == ""
    assert dialog.form.errors.label("given_names").isHidden()
    dialog.form.watch.reset()  # closes without asking about the typed name
    dialog.close()


def test_a_bad_birth_date_error_goes_when_the_date_is_edited(qtbot, ops) -> None:  # noqa: ANN001
    dialog = NewPersonDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ops)
    qtbot.keyClicks(dialog.form.given_names, "Amal")
    qtbot.keyClicks(dialog.form.birth_date, "32-13-1990")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form.errors.text("birth_date") != "")
    qtbot.keyClick(dialog.form.birth_date, Qt.Key.Key_Backspace)
    assert dialog.form.errors.text("birth_date") == ""
    dialog.form.watch.reset()
    dialog.close()


def test_enter_in_a_field_of_the_new_person_saves(qtbot, ops) -> None:  # noqa: ANN001
    dialog = NewPersonDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, ops)
    assert dialog.save_button.isDefault()
    qtbot.keyClicks(dialog.form.given_names, "Amal")
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        qtbot.keyClick(dialog.form.given_names, Qt.Key.Key_Return)
    wait_idle(qtbot, ops)


def test_the_born_label_s_alt_letter_goes_to_the_date(qtbot) -> None:  # noqa: ANN001
    apply_language("nl")  # no letter twice in Dutch
    form = PersonForm()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.given_names.setFocus()
    text = form.findChild(QLabel, "label_birth_date").text()
    key = getattr(Qt.Key, f"Key_{text[text.index('&') + 1].upper()}")
    qtbot.keyClick(form.given_names, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.birth_date.hasFocus)
