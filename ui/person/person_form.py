"""The fields of a person, as one form: used to register someone and on the Overview tab.

Everything is handed to the services as typed (``PersonFields``); their problems come back
next to each field.
"""

from __future__ import annotations

import uuid
from functools import cache

from babel import Locale
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.countries import DOCUMENT_LANGUAGES, STATELESS
from app.i18n import N_, _, interface_language
from app.services.persons import PersonFields
from app.vocabulary import LABELS, ResidenceStatus, Sex
from ui.widgets.forms import ChangeWatch, FieldErrors, combo_value, select_data
from ui.widgets.labels import language_label

_LINES = ("given_names", "family_name", "name_original", "nickname", "birth_date", "phone",
          "v_number")
_COMBOS = ("sex", "document_language", "status", "case_manager")
# The services need one of the names (any), a card language and a status.
NAMES_LEGEND = N_("* required; of the names, one is enough")


@cache
def countries(lang: str) -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by name in the interface language."""
    try:
        names = Locale.parse(lang).territories
    except Exception:  # noqa: BLE001 - an unknown locale falls back to English
        names = Locale("en").territories
    rows = [(code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()
            and code not in {"ZZ", "EU", "EZ", "UN", "QO"}]
    rows.append((STATELESS, _("Stateless")))
    return sorted(rows, key=lambda r: r[1].casefold())


def country_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", "")
    for code, label in countries(interface_language()):
        combo.addItem(label, code)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def country_value(combo: QComboBox) -> str:
    """The code of the chosen country; typed text that names one is accepted too."""
    text = combo.currentText().strip()
    if not text:
        return ""
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index >= 0:
        return str(combo.itemData(index))
    return text.upper() if len(text) in (2, 3) else text


class PersonForm(QWidget):
    """All editable fields of a person, each with its error line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self.watch = ChangeWatch(self)
        self.given_names = self._line("given_names")
        self.family_name = self._line("family_name")
        self.name_original = self._line("name_original")
        self.name_original.setToolTip(_("The name as the person writes it, in any script"))
        self.nickname = self._line("nickname")
        self.birth_date = self._line("birth_date")
        self.birth_date.setPlaceholderText(_("day-month-year, month-year or year"))
        self.birth_date.setToolTip(_("Write the date as day-month-year (17-05-1990), month-year "
                                     "(05-1990) or only the year (1990)."))
        self.birth_estimated = QCheckBox(_("Estimated"))
        self.birth_estimated.setObjectName("birth_date_estimated")
        self.sex = QComboBox()
        self.sex.setObjectName("sex")
        for sex in Sex:
            self.sex.addItem(_(LABELS[sex.value]), sex.value)
        select_data(self.sex, Sex.UNKNOWN.value)
        self.nationality = country_combo("nationality")
        self.country_of_birth = country_combo("country_of_birth")
        self.document_language = QComboBox()
        self.document_language.setObjectName("document_language")
        for code in DOCUMENT_LANGUAGES:
            self.document_language.addItem(language_label(code), code)
        self.phone = self._line("phone")
        self.address = QPlainTextEdit()
        self.address.setObjectName("address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.v_number = self._line("v_number")
        self.v_number.setPlaceholderText(_("10 digits"))
        self.status = QComboBox()
        self.status.setObjectName("status")
        for status in ResidenceStatus:
            self.status.addItem(_(LABELS[status.value]), status.value)
        self.case_manager = QComboBox()
        self.case_manager.setObjectName("case_manager")
        self.case_manager.addItem(_("(nobody yet)"), None)

        left, right = QFormLayout(), QFormLayout()
        e = self.errors
        e.add(left, _("&Given names"), self.given_names, "given_names", required=True)
        e.add(left, _("&Family name"), self.family_name, "family_name", required=True)
        e.add(left, _("Name in own &script"), self.name_original, "name_original", required=True)
        e.add(left, _("Nic&kname"), self.nickname, "nickname", required=True)
        birth = QWidget()
        row = QGridLayout(birth)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.birth_date, 0, 0)
        row.addWidget(self.birth_estimated, 0, 1)
        e.add(left, _("&Born"), birth, "birth_date")
        e.add(left, _("Se&x"), self.sex, "sex")
        e.add(left, _("Nationa&lity"), self.nationality, "nationality")
        e.add(left, _("Country of &birth"), self.country_of_birth, "country_of_birth")
        e.add(right, _("&Phone"), self.phone, "phone")
        e.add(right, _("A&ddress"), self.address, "address")
        e.add(right, _("&V-number"), self.v_number, "v_number")
        e.add(right, _("S&tatus"), self.status, "status", required=True)
        e.add(right, _("&Case manager"), self.case_manager, "case_manager_id")
        e.add(right, _("Card &language"), self.document_language, "document_language",
              required=True)
        # a name typed in any of the four name fields clears the error under the first
        e.hide_on_edit(e.label("given_names"), self.family_name, self.name_original,
                       self.nickname)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(e.general, 1, 0, 1, 2)
        grid.addWidget(e.legend(_(NAMES_LEGEND)), 2, 0, 1, 2)
        grid.setRowStretch(3, 1)  # spare height goes below the form, not between its rows
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        # The Born row holds the date and its tick box: its Alt letter goes to the date (a
        # label gives the focus only to a buddy that takes it, never to a plain container).
        self.findChild(QLabel, "label_birth_date").setBuddy(self.birth_date)
        self.watch.watch(self.given_names, self.family_name, self.name_original, self.nickname,
                         self.birth_date, self.birth_estimated, self.sex, self.nationality,
                         self.country_of_birth, self.document_language, self.phone,
                         self.address, self.v_number, self.status, self.case_manager)

    def set_managers(self, managers: list[tuple[uuid.UUID, str]]) -> None:
        current = self.case_manager.currentData()
        self.case_manager.blockSignals(True)
        while self.case_manager.count() > 1:
            self.case_manager.removeItem(1)
        for user_id, name in managers:
            self.case_manager.addItem(name, str(user_id))  # text: QVariant compares it by value
        select_data(self.case_manager, current)
        self.case_manager.blockSignals(False)

    def fields(self) -> PersonFields:
        return PersonFields(
            given_names=self.given_names.text(), family_name=self.family_name.text(),
            name_original=self.name_original.text(), nickname=self.nickname.text(),
            birth_date=self.birth_date.text(),
            birth_date_estimated=self.birth_estimated.isChecked(),
            sex=combo_value(self.sex), nationality=country_value(self.nationality),
            country_of_birth=country_value(self.country_of_birth),
            document_language=combo_value(self.document_language), phone=self.phone.text(),
            address=self.address.toPlainText(), v_number=self.v_number.text(),
            status=combo_value(self.status), case_manager_id=self._manager_id())

    def set_person(self, person) -> None:  # noqa: ANN001 - a loaded Person
        from app.dates import PartialDate

        self.watch.pause(True)
        self.given_names.setText(person.given_names)
        self.family_name.setText(person.family_name)
        self.name_original.setText(person.name_original)
        self.nickname.setText(person.nickname)
        born = PartialDate.from_iso(person.birth_date)
        self.birth_date.setText(born.display() if born else "")
        self.birth_estimated.setChecked(person.birth_date_estimated)
        select_data(self.sex, person.sex.value)
        self._set_country(self.nationality, person.nationality)
        self._set_country(self.country_of_birth, person.country_of_birth)
        select_data(self.document_language, person.document_language)
        self.phone.setText(person.phone)
        self.address.setPlainText(person.address)
        self.v_number.setText(person.v_number or "")
        select_data(self.status, person.status.value)
        select_data(self.case_manager, str(person.case_manager_id) if person.case_manager_id
                    else None)
        self.watch.pause(False)
        self.watch.reset()

    def draft(self) -> dict:
        """The typed values, JSON-ready, to keep as a draft."""
        data: dict = {name: getattr(self, name).text() for name in _LINES}
        data["address"] = self.address.toPlainText()
        data["birth_date_estimated"] = self.birth_estimated.isChecked()
        for name in _COMBOS:
            data[name] = getattr(self, name).currentData()
        for name in ("nationality", "country_of_birth"):
            data[name] = getattr(self, name).currentText()
        return data

    def set_draft(self, data: dict) -> None:
        """Put a draft back into the fields; the form counts as changed afterwards."""
        self.watch.pause(True)
        for name in _LINES:
            if isinstance(data.get(name), str):
                getattr(self, name).setText(data[name])
        if isinstance(data.get("address"), str):
            self.address.setPlainText(data["address"])
        self.birth_estimated.setChecked(bool(data.get("birth_date_estimated")))
        for name in _COMBOS:
            if name in data:
                select_data(getattr(self, name), data[name])
        for name in ("nationality", "country_of_birth"):
            if isinstance(data.get(name), str):
                getattr(self, name).setEditText(data[name])
        self.watch.pause(False)
        self.watch.dirty = True
        self.watch.edited.emit()

    # helpers

    def _manager_id(self) -> uuid.UUID | None:
        data = self.case_manager.currentData()
        return uuid.UUID(data) if data else None

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        return edit

    @staticmethod
    def _set_country(combo: QComboBox, code: str) -> None:
        index = combo.findData(code or "")
        combo.setCurrentIndex(max(0, index))
