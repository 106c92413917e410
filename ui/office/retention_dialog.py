"""Records past retention: review the people whose last contact is older than the period the
office keeps records, open one to check, or erase them for good (coordinators only).

Erasure runs off the GUI thread (``app.privacy.erasure.erase_people``: secure_delete, then VACUUM);
only an anonymous line in the audit trail remains.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.access.permissions import Permission, allowed, require_user
from app.dates import add_months
from app.errors import WegwijsError
from app.i18n import N_, _, ngettext
from app.privacy import erasure
from app.services.search import search_rows_by_id
from ui.office.today import record_table
from ui.session.operations import Operations, person_change
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, fmt_date


@dataclass(frozen=True)
class RetentionRow:
    """One person past retention, as the review list shows them."""

    person_id: uuid.UUID
    record_code: str
    name: str
    last_contact_on: date | None
    kept_until: date | None  # the end of the retention period
    today: date  # the day the list was made


@dataclass(frozen=True)
class Review:
    years: int
    today: date
    rows: list[RetentionRow]


def load_review(db: Session, by: uuid.UUID | None, today: date) -> Review:
    """The retention period in use and the people past it, oldest last contact first."""
    years = int(settings.get(db, "retention_years"))
    cases = erasure.past_retention(db, today=today)
    names = {r.id: r.name for r in search_rows_by_id(db, by, [c.person_id for c in cases])}
    rows = [RetentionRow(c.person_id, c.record_code, names.get(c.person_id, ""),
                         c.last_contact_on,
                         add_months(c.last_contact_on, 12 * years) if c.last_contact_on else None,
                         today)
            for c in cases]
    return Review(years, today, rows)


def overdue_text(kept_until: date | None, today: date) -> str:
    """How long ago the retention period ended, in years and months (or days)."""
    if kept_until is None:
        return ""
    months = (today.year - kept_until.year) * 12 + today.month - kept_until.month
    if today.day < kept_until.day:
        months -= 1
    if months < 1:
        days = (today - kept_until).days
        return ngettext("{n} day", "{n} days", days).format(n=days)
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("{n} year", "{n} years", years).format(n=years))
    if months:
        parts.append(ngettext("{n} month", "{n} months", months).format(n=months))
    return " ".join(parts)


COLUMNS = (
    Column(N_("Number"), lambda r: r.record_code),
    Column(N_("Name"), lambda r: r.name, natural_direction=True),
    Column(N_("Last contact"), lambda r: fmt_date(r.last_contact_on),
           sort=lambda r: r.last_contact_on.isoformat() if r.last_contact_on else ""),
    Column(N_("Past the period by"), lambda r: overdue_text(r.kept_until, r.today),
           sort=lambda r: r.kept_until.isoformat() if r.kept_until else ""),
)

if TYPE_CHECKING:  # typing only: screens hold no SQL
    from sqlalchemy.orm import Session


class ConfirmEraseDialog(QDialog):
    """Asks once more, naming how many people; the number must be typed to go on."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirm_erase")
        self.setWindowTitle(_("Erase for good"))
        self.count = count
        question = QLabel(ngettext(
            "Erase {n} person and everything attached to them (contacts, intakes, plans, "
            "consents, history)?",
            "Erase {n} people and everything attached to them (contacts, intakes, plans, "
            "consents, history)?", count).format(n=count))
        question.setWordWrap(True)
        warning = QLabel(_("This cannot be undone: the data is overwritten in the database "
                           "file. Only an anonymous line remains in the audit trail."))
        warning.setWordWrap(True)
        warning.setObjectName("erase_warning")
        prompt = QLabel(_("Type the number of people ({n}) to confirm:").format(n=count))
        prompt.setWordWrap(True)
        self.typed = QLineEdit()
        self.typed.setObjectName("erase_count")
        self.typed.setMaximumWidth(120)
        prompt.setBuddy(self.typed)
        self.buttons = QDialogButtonBox()
        self.erase_button = self.buttons.addButton(
            ngettext("Erase {n} person", "Erase {n} people", count).format(n=count),
            QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("erase_confirm")
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setAutoDefault(False)  # Enter never erases by accident, nor cancels the typing
        self.erase_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.typed.textChanged.connect(
            lambda text: self.erase_button.setEnabled(text.strip() == str(count)))
        self.typed.returnPressed.connect(
            lambda: self.erase_button.click() if self.erase_button.isEnabled() else None)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(warning)
        layout.addWidget(prompt)
        layout.addWidget(self.typed)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)


class RetentionDialog(QDialog):
    """The people past the retention period, to open, or to erase (coordinators).

    Signals:
        open_person(object): the id of a person to open in their own window.
    """

    open_person = Signal(object)

    def __init__(self, ops: Operations, user, parent: QWidget | None = None,  # noqa: ANN001
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retention_dialog")
        self.setWindowTitle(_("Records past retention"))
        self.ops = ops
        self.today = today or date.today()
        self.review: Review | None = None
        self._note = ""  # said once more after the list is reloaded ("Erased 2 people.")
        self._listening = True
        self.confirm: ConfirmEraseDialog | None = None
        self._may_erase = allowed(getattr(user, "role", None), Permission.ERASE)
        self.period = QLabel()
        self.period.setObjectName("retention_period")
        self.period.setWordWrap(True)
        self.years = QSpinBox()
        self.years.setObjectName("retention_years")
        option = settings.OPTIONS["retention_years"]
        self.years.setRange(option.minimum or 1, option.maximum or 30)
        self.years.valueChanged.connect(
            lambda n: self.years.setSuffix(" " + ngettext("year", "years", n)))
        self.change_button = QPushButton(_("C&hange period"))
        self.change_button.setObjectName("retention_change")
        self.change_button.clicked.connect(self.change_period)
        change = QHBoxLayout()
        change_label = QLabel(_("Keep records after the last contact for"))
        change_label.setBuddy(self.years)
        change.addWidget(change_label)
        change.addWidget(self.years)
        change.addWidget(self.change_button)
        change.addStretch(1)
        hint = QLabel(_("The period is an office setting, the same on every laptop; a "
                        "coordinator changes it here. People whose perspective plan has not "
                        "ended are not listed. The last contact is the latest of any kind: an "
                        "intake, a plan change or evaluation, a printed card or plan, a "
                        "handover or referral, a logged contact."))
        hint.setObjectName("retention_hint")
        hint.setWordWrap(True)
        self.model = RecordTableModel(COLUMNS, self)
        self.table = record_table(self.model, "retention_table", sort_column=2)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.message = QLabel()
        self.message.setObjectName("retention_message")
        self.message.setWordWrap(True)
        self.open_button = QPushButton(_("&Open person"))
        self.open_button.setObjectName("retention_open")
        self.open_button.clicked.connect(self.open_selected)
        self.erase_button = QPushButton(_("&Erase…"))
        self.erase_button.setObjectName("retention_erase")
        self.erase_button.clicked.connect(self.ask_erase)
        close = QPushButton(_("Close"))
        close.setObjectName("retention_close")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.erase_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period)
        layout.addLayout(change)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        for widget in (self.years, self.change_button):
            widget.setEnabled(self._may_erase)
        if not self._may_erase:
            self.erase_button.setToolTip(_("Your role does not allow this; ask a coordinator."))
        self._selection_changed()
        ops.changed.connect(self._changed)
        self.finished.connect(self._forget)
        self.resize(820, 520)
        self.reload()

    def reload(self) -> None:
        today = self.today
        self.message.setText(_("Looking…"))
        by = self.ops.user_id
        self.ops.run_in(self, lambda db: load_review(db, by, today), self._show, self._failed,
                        read_only=True)

    def selected_ids(self) -> list[uuid.UUID]:
        rows = self.table.selectionModel().selectedRows()
        return [index.data(RECORD_ROLE).person_id for index in rows]

    @Slot()
    def open_selected(self) -> None:
        for person_id in self.selected_ids():
            self.open_person.emit(person_id)

    @Slot()
    def ask_erase(self) -> ConfirmEraseDialog | None:
        """Ask with the number of people typed; erase when confirmed."""
        ids = self.selected_ids()
        if not ids or not self._may_erase:
            return None
        self.confirm = ConfirmEraseDialog(len(ids), self)
        self.confirm.accepted.connect(lambda: self.erase(ids))
        self.confirm.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm.open()
        return self.confirm

    def erase(self, ids: list[uuid.UUID]) -> None:
        store, by = self.ops.store, self.ops.user_id
        self.erase_button.setEnabled(False)
        self.message.setText(ngettext("Erasing {n} person…", "Erasing {n} people…",
                                      len(ids)).format(n=len(ids)))

        def work(_db: None) -> int:
            return erasure.erase_people(store, by, ids)  # the service checks the user's role

        self.ops.run_in(self, work, self._erased, self._failed, session=False,
                        changes={"people", "recent", *(person_change(i) for i in ids)})

    @Slot()
    def change_period(self) -> None:
        years, by = self.years.value(), self.ops.user_id

        def work(db: Session) -> int:
            require_user(db, by, Permission.ERASE)
            return settings.set_value(db, by, "retention_years", years)

        self.ops.run_in(self, work, lambda _v: None, self._failed, changes={"settings"})

    # helpers

    def _show(self, review: Review) -> None:
        self.review = review
        self.model.set_records(review.rows)
        self.years.setValue(review.years)
        self.period.setText(ngettext(
            "Records are kept for {n} year after the last contact. {count} listed below "
            "are past that period (last contact before {day}).",
            "Records are kept for {n} years after the last contact. {count} listed below "
            "are past that period (last contact before {day}).", review.years).format(
                n=review.years, day=fmt_date(add_months(review.today, -12 * review.years)),
                count=ngettext("{n} person", "{n} people", len(review.rows)).format(
                    n=len(review.rows))))
        note, self._note = self._note, ""
        self.message.setText(note or ("" if review.rows else _("Nobody is past the period.")))
        self._selection_changed()

    def _erased(self, count: int) -> None:
        self._note = ngettext("Erased {n} person.", "Erased {n} people.", count).format(n=count)
        self.message.setText(self._note)  # the list reloads on the "people" change

    def _failed(self, err: WegwijsError) -> None:
        self.message.setText(err.message)
        self._selection_changed()

    @Slot(set)
    def _changed(self, keys: set) -> None:
        if keys & {"people", "settings"} and self.isVisible():
            self.reload()

    @Slot()
    def _selection_changed(self, *_args: QItemSelection) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.open_button.setEnabled(chosen)
        self.erase_button.setEnabled(chosen and self._may_erase)

    @Slot()
    def _forget(self) -> None:
        """Closed (or locked away): no names stay in memory."""
        self.model.set_records([])
        if self._listening:
            self._listening = False
            self.ops.changed.disconnect(self._changed)
