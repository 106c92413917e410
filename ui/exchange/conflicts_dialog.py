"""The conflicts screen: a field changed differently on two laptops, side by side.

For each field: every value with who typed it, when and on which laptop; one click on "Keep
this" decides, and the decision travels to the other laptops with the next exchange (the other
value stays in the record's history). Below, people who may have been registered twice on two
laptops, to merge (the merge dialog) or to mark as different people. For case managers and
coordinators.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import N_, _
from app.vocabulary import LABELS
from ui.person.merge_dialog import FIELD_LABELS
from ui.session.operations import Operations
from ui.widgets.labels import ltr
from ui.widgets.record_model import fmt_moment

TABLE_LABELS = {
    "persons": N_("Person"), "consents": N_("Consent"), "perspective_plans": N_("Plan"),
    "goals": N_("Goal"), "actions": N_("Action"), "evaluations": N_("Evaluation"),
    "intakes": N_("Intake"), "card_contacts": N_("Card contact"), "users": N_("User"),
}


def shown_value(value: Any) -> str:
    """A value as the screen shows it (choices by their label, empty as a dash)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and value in LABELS:
        return _(LABELS[value])
    if isinstance(value, dict | list):
        return _("(a list or form: {n} entries)").format(n=len(value))
    return str(value)


def field_title(table: str, field: str) -> str:
    name = _(FIELD_LABELS[field]) if table == "persons" and field in FIELD_LABELS \
        else field.replace("_", " ").capitalize()
    if table == "persons":
        return name
    return f"{_(TABLE_LABELS.get(table, table))}: {name}"


class ConflictsDialog(QDialog):
    """Signals:
        loaded(): the conflicts were (re)read.
        resolved(): a decision was saved.
    """

    loaded = Signal()
    resolved = Signal()

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflicts_dialog")
        self.setWindowTitle(_("Conflicts after an exchange"))
        self._ops = ops
        self.conflicts: list = []
        self.duplicates: list = []
        self.keep_buttons: list[tuple[QPushButton, Any, Any]] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.message = QLabel()
        self.message.setObjectName("conflicts_message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(860, 560)
        ops.changed.connect(self._changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        from app.exchange import conflicts

        by = self._ops.user_id

        def work(db):  # noqa: ANN001, ANN202
            return conflicts.waiting(db, by), conflicts.possible_duplicates(db, by)

        self._ops.run_in(self, work, self._fill, self._failed, read_only=False)

    def keep(self, conflict: Any, side: Any) -> None:
        """One click: keep ``side``'s value for ``conflict``'s field."""
        from app.exchange import conflicts

        by = self._ops.user_id
        changes = {"exchange", "people"} | ({f"person:{conflict.person_id}"}
                                            if conflict.person_id else set())

        def work(db):  # noqa: ANN001, ANN202
            conflicts.resolve(db, by, conflict.table, conflict.row_id, conflict.field,
                              side.change_id)

        def done(_result: object) -> None:
            self.message.setText(_("Kept: {value}. The other laptops take this decision at "
                                   "their next exchange.").format(value=shown_value(side.value)))
            self.resolved.emit()

        self._ops.run_in(self, work, done, self._failed, changes=changes)

    def not_the_same(self, pair: Any) -> None:
        from app.exchange import conflicts

        by = self._ops.user_id
        self._ops.run_in(self, lambda db: conflicts.dismiss_duplicate(
            db, by, pair.first_id, pair.second_id), lambda _r: self.refresh(),
            self._failed)

    def merge(self, pair: Any) -> None:
        from ui.person.merge_dialog import MergeDialog

        dialog = MergeDialog(self._ops, pair.first_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(lambda _m: self.refresh())
        dialog.open()

    # helpers

    @Slot(object)
    def _failed(self, err: WegwijsError) -> None:
        self.message.setText(err.message)
        if self.conflicts:
            self.refresh()

    @Slot(set)
    def _changed(self, keys: set) -> None:
        if "exchange" in keys:
            self.refresh()

    def _fill(self, result: tuple) -> None:
        self.conflicts, self.duplicates = result
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.keep_buttons = []
        if not self.conflicts and not self.duplicates:
            self.intro.setText(_("No conflicts wait for a decision."))
        else:
            self.intro.setText(_("The same field was changed differently on two laptops. Each "
                                 "value is shown with who typed it, when and on which laptop; "
                                 "the record shows the upper one until you decide. Choose the "
                                 "value to keep: the other stays in the record's history."))
        for conflict in self.conflicts:
            self.body_layout.addWidget(self._conflict_box(conflict))
        if self.duplicates:
            self.body_layout.addWidget(self._duplicates_box())
        self.body_layout.addStretch(1)
        self.loaded.emit()

    def _conflict_box(self, conflict: Any) -> QGroupBox:
        box = QGroupBox(f"{ltr(conflict.record_code)} {conflict.person_name} — "
                        f"{field_title(conflict.table, conflict.field)}")
        box.setObjectName("conflict_box")
        grid = QGridLayout(box)
        for col, head in enumerate((_("Value"), _("Typed by"), _("When"), _("Laptop"))):
            title = QLabel(f"<b>{head}</b>")
            grid.addWidget(title, 0, col)
        for row, side in enumerate(reversed(conflict.sides), start=1):  # the one shown first
            value = QLabel(shown_value(side.value))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            grid.addWidget(value, row, 0)
            grid.addWidget(QLabel(side.user), row, 1)
            grid.addWidget(QLabel(fmt_moment(side.at) if side.at else "—"), row, 2)
            grid.addWidget(QLabel(_("this laptop") if side.here
                                  else _("laptop {id}").format(id=side.laptop)), row, 3)
            keep = QPushButton(_("Keep this"))
            keep.setObjectName("conflict_keep")
            keep.clicked.connect(lambda _c=False, c=conflict, s=side: self.keep(c, s))
            grid.addWidget(keep, row, 4)
            self.keep_buttons.append((keep, conflict, side))
        grid.setColumnStretch(0, 3)
        return box

    def _duplicates_box(self) -> QGroupBox:
        box = QGroupBox(_("Perhaps registered twice, on two laptops"))
        box.setObjectName("duplicates_box")
        inner = QVBoxLayout(box)
        for pair in self.duplicates:
            row = QHBoxLayout()
            row.addWidget(QLabel(f"{pair.first}  ↔  {pair.second}"), 1)
            merge = QPushButton(_("Merge…"))
            merge.clicked.connect(lambda _c=False, p=pair: self.merge(p))
            different = QPushButton(_("Not the same person"))
            different.clicked.connect(lambda _c=False, p=pair: self.not_the_same(p))
            row.addWidget(merge)
            row.addWidget(different)
            inner.addLayout(row)
        return box
