"""Merging a person registered twice into this record.

Step 1: choose the other record: the people Wegwijs thinks may be the same (names that sound
alike, a date of birth that fits) are listed first; a search finds anyone else. Step 2: both
records side by side, field by field, with the suggested value chosen; the volunteer changes
what is wrong and merges. Everything attached to the other record (intakes, plans, consents,
contacts, stays, decisions, history) comes along. Until the merge is made final on the Shelter
and decisions tab it can be undone.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.countries import country_name
from app.dates import PartialDate
from app.errors import WegwijsError
from app.i18n import N_, _, interface_language
from app.services import merge, search
from app.services.merge import DUPLICATE, SURVIVOR, Preview
from ui.session.operations import Operations, person_change
from ui.widgets.forms import FieldErrors
from ui.widgets.labels import label, language_label, ltr
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, fmt_date

FIELD_LABELS = {
    "given_names": N_("Given names"), "family_name": N_("Family name"),
    "name_original": N_("Name in own script"), "nickname": N_("Nickname"),
    "birth_date": N_("Date of birth"), "birth_date_estimated": N_("Date of birth estimated"),
    "sex": N_("Sex"), "nationality": N_("Nationality"), "country_of_birth": N_("Country of birth"),
    "document_language": N_("Language of the documents"), "phone": N_("Phone"),
    "address": N_("Address"), "v_number": N_("V-number"), "status": N_("Residence status"),
    "case_manager_id": N_("Case manager"), "last_contact_on": N_("Last contact"),
    "languages": N_("Languages"),
}
CANDIDATE_COLUMNS = (
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.name, natural_direction=True),
    Column(N_("Name in own script"), lambda r: r.name_original if r.name_original != r.name
           else "", natural_direction=True),
    Column(N_("Born"), lambda r: r.birth_date),
)


def _shown(name: str, value: Any, users: dict[str, str]) -> str:
    """A field's value as the volunteer reads it elsewhere: names, not codes."""
    if value in (None, "", []):
        return "—"
    if name == "languages":
        return ", ".join(language_label(lang) for lang, _reading, _pos in value)
    if name == "document_language":
        return language_label(value)
    if name in ("nationality", "country_of_birth"):
        return country_name(value, interface_language()) or value
    if name in ("sex", "status"):
        return label(name, value)
    if name == "case_manager_id":
        return users.get(str(value), "?")
    if name == "birth_date":
        born = PartialDate.from_iso(value)
        return ltr(born.display() if born else value)
    if name == "last_contact_on":
        return ltr(fmt_date(date.fromisoformat(value)))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return ltr(str(value)) if name in ("phone", "v_number") else str(value)


class MergeDialog(QDialog):
    """Signals:
        merged(object): the id of the merge (undo it on the Shelter and decisions tab).
    """

    merged = Signal(object)

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("merge_dialog")
        self.setWindowTitle(_("Merge two records of the same person"))
        self._ops = ops
        self._person_id = person_id
        self.preview: Preview | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.errors = FieldErrors()
        self.pages = QStackedWidget()
        # Page 1: choose the other record.
        choose = QWidget()
        self.query = QLineEdit()
        self.query.setObjectName("merge_query")
        self.query.setPlaceholderText(_("Name, record number or phone number"))
        self.query.returnPressed.connect(self.find)
        find = QPushButton(_("&Search"))
        find.clicked.connect(lambda: self.find())
        from ui.office.today import record_table

        self.model = RecordTableModel(CANDIDATE_COLUMNS, self)
        self.view = record_table(self.model, "merge_candidates")
        self.view.activated.connect(self._chosen)
        self.list_title = QLabel(_("Possibly the same person:"))
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(find)
        page = QVBoxLayout(choose)
        intro = QLabel(_("Choose the other record of this person. This record is kept; the "
                         "other one becomes part of it, with everything attached to it."))
        intro.setWordWrap(True)
        page.addWidget(intro)
        page.addLayout(row)
        page.addWidget(self.list_title)
        page.addWidget(self.view, 1)
        self.compare_button = QPushButton(_("&Compare…"))
        self.compare_button.setObjectName("merge_compare")
        self.compare_button.clicked.connect(lambda: self.compare())
        page.addWidget(self.compare_button)
        # Page 2: field by field.
        compare = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("merge_heading")
        self.heading.setWordWrap(True)
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_box)
        self.attached = QLabel()
        self.attached.setObjectName("merge_attached")
        self.attached.setWordWrap(True)
        page2 = QVBoxLayout(compare)
        page2.addWidget(self.heading)
        page2.addWidget(scroll, 1)
        page2.addWidget(self.attached)
        self.pages.addWidget(choose)
        self.pages.addWidget(compare)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(_("&Merge"))
        self.merge_button.setObjectName("merge_ok")
        self.merge_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.resize(820, 620)
        by, pid = ops.user_id, person_id
        ops.run_in(self, lambda db: merge.candidates(db, by, pid), self.model.set_records,
                   self.errors.show, read_only=True)

    @Slot()
    def find(self) -> None:
        text, pid, by = self.query.text(), self._person_id, self._ops.user_id
        self.list_title.setText(_("Found:"))
        self._ops.run_in(self, lambda db: [r for r in search.search(db, by, text, limit=50)
                                           if r.id != pid],
                         self.model.set_records, self.errors.show, read_only=True)

    @Slot()
    def compare(self, other: uuid.UUID | None = None) -> None:
        """Show both records side by side (``other``: the record chosen in the list)."""
        if other is None:
            rows = self.view.selectionModel().selectedRows()
            if not rows:
                self.errors.show(WegwijsError(_("Choose the other record in the list first.")))
                return
            other = rows[0].data(RECORD_ROLE).id
        by, pid = self._ops.user_id, self._person_id

        def work(db):  # noqa: ANN001, ANN202
            from app.services import users

            names = {str(u.id): u.display_name
                     for u in users.list_users(db, by, active_only=False)}
            return merge.propose(db, by, pid, other), names

        self._ops.run_in(self, work, self._show_preview, self.errors.show, read_only=True)

    def choices(self) -> dict[str, str]:
        """The side chosen for each field that differs."""
        return {name: SURVIVOR if group.checkedId() == 0 else DUPLICATE
                for name, group in self.groups.items()}

    @Slot()
    def submit(self) -> None:
        if self.preview is None:
            self.compare()
            return
        self.errors.clear()
        self.merge_button.setEnabled(False)
        by, keep, other, chosen = (self._ops.user_id, self.preview.survivor_id,
                                   self.preview.duplicate_id, self.choices())

        def done(merge_id: uuid.UUID) -> None:
            self.merged.emit(merge_id)
            self.accept()

        def failed(err: WegwijsError) -> None:
            self.merge_button.setEnabled(True)
            self.errors.show(err)

        self._ops.run_in(self, lambda db: merge.merge(db, by, keep, other, chosen).id, done,
                         failed, changes={person_change(keep), person_change(other), "people",
                                          "recent"})

    # helpers

    @Slot(QModelIndex)
    def _chosen(self, index: QModelIndex) -> None:
        self.compare(index.data(RECORD_ROLE).id)

    def _show_preview(self, result: tuple) -> None:
        preview, users = result
        self.preview = preview
        self.groups.clear()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.heading.setText(_("Keep {keep} and make {other} part of it. Choose, for each "
                               "field that differs, the value that is right.").format(
            keep=preview.survivor_code, other=preview.duplicate_code))
        for column, text in enumerate((_("Field"), preview.survivor_code,
                                       preview.duplicate_code)):
            head = QLabel(f"<b>{text}</b>")
            self.grid.addWidget(head, 0, column)
        row = 1
        for field in preview.fields:
            label = QLabel(_(FIELD_LABELS.get(field.name, field.name)))
            self.grid.addWidget(label, row, 0)
            if field.same:
                same = QLabel(_shown(field.name, field.survivor, users))
                self.grid.addWidget(same, row, 1, 1, 2)
            else:
                group = QButtonGroup(self)
                for side, value in ((0, field.survivor), (1, field.duplicate)):
                    button = QRadioButton(_shown(field.name, value, users))
                    button.setObjectName(f"merge_{field.name}_{side}")
                    group.addButton(button, side)
                    self.grid.addWidget(button, row, 1 + side)
                group.button(0 if field.suggested == SURVIVOR else 1).setChecked(True)
                self.groups[field.name] = group
            row += 1
        self.grid.setRowStretch(row, 1)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        moved = [f"{n} × {_(TABLE_LABELS.get(t, t))}" for t, n in preview.attached.items()]
        self.attached.setText(_("Comes along from {other}: {what}.").format(
            other=preview.duplicate_code, what=", ".join(moved) or _("nothing else")))
        self.pages.setCurrentIndex(1)
        self.merge_button.setEnabled(True)


TABLE_LABELS = {
    "intakes": N_("intakes"), "perspective_plans": N_("plans"), "consents": N_("consents"),
    "card_contacts": N_("card contacts"), "handovers": N_("handovers"),
    "contact_log": N_("contacts"), "follow_ups": N_("appointments"),
    "referrals": N_("referrals"), "shelter_stays": N_("stays"),
    "team_decisions": N_("team decisions"), "drafts": N_("unsaved forms"),
}
