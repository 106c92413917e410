"""One person's file in its own window, with a tab per part of the work.

The window loads the person's file through the operations and hands it to every tab; after
any change that concerns this person it reloads. Closing with unsaved changes asks first.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from app import operations as reads
from app.errors import WegwijsError
from app.i18n import _
from app.operations import PersonFile
from app.vocabulary import LABELS
from ui.card_tab import CardTab
from ui.consent_tab import ConsentTab
from ui.evaluations_tab import EvaluationsTab
from ui.forms import ask_discard, show_error
from ui.history_tab import HistoryTab
from ui.intake_tab import IntakeTab
from ui.operations import Operations, person_change
from ui.overview_tab import OverviewTab
from ui.person_tab import PersonTab
from ui.plan_tab import PlanTab


class PersonWindow(QWidget):
    """The tabs of one person.

    Signals:
        closed(object): the window closed (the person's id).
        loaded(): the person's file was (re)loaded into every tab.
    """

    closed = Signal(object)
    loaded = Signal()

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("person_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ops = ops
        self.person_id = person_id
        self.file: PersonFile | None = None
        self._dropping = False
        self.header = QLabel(_("Loading…"))
        self.header.setObjectName("person_header")
        self.header.setStyleSheet("font-size: 14pt; font-weight: 600; padding: 4px;")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("person_tabs")
        self.overview = OverviewTab(ops, person_id)
        self.card = CardTab(ops, person_id)
        self.intake = IntakeTab(ops, person_id)
        self.plan = PlanTab(ops, person_id)
        self.evaluations = EvaluationsTab(ops, person_id)
        self.consent = ConsentTab(ops, person_id)
        self.history = HistoryTab(ops, person_id)
        self._tabs: list[PersonTab] = [self.overview, self.card, self.intake, self.plan,
                                       self.evaluations, self.consent, self.history]
        for tab, title in zip(self._tabs, (_("&Overview"), _("Contact &card"), _("&Intake"),
                                           _("Perspective &plan"), _("&Evaluations"),
                                           _("Co&nsent"), _("&History")), strict=True):
            self.tabs.addTab(tab, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save_current)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        for n in range(len(self._tabs)):
            QShortcut(QKeySequence(f"Alt+{n + 1}"), self,
                      lambda n=n: self.tabs.setCurrentIndex(n))
        ops.changed.connect(self._changed)
        self.resize(1100, 720)
        self.reload(first=True)

    def reload(self, *, first: bool = False) -> None:
        by, pid = self.ops.user_id, self.person_id
        self.ops.run_in(self, lambda db: reads.load_person_file(db, by, pid, first=first), self._fill,
                     self._failed, changes={"recent"} if first else ())

    def drop(self) -> None:
        """Close at once, without asking (lock): drafts are written, every widget is deleted."""
        for tab in self._tabs:
            tab.keep_draft()
        self._dropping = True
        self.close()

    def dirty_tabs(self) -> list[PersonTab]:
        return [t for t in self._tabs if t.is_dirty()]

    # Qt overrides

    def closeEvent(self, event: QCloseEvent) -> None:
        dirty = [] if self._dropping else self.dirty_tabs()
        if dirty:
            what = ", ".join(t.unsaved_what() for t in dirty)
            answer = ask_discard(self, what)
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                event.ignore()
                self._save_then_close(dirty)
                return
            for tab in dirty:
                tab.discard_draft()
        self.ops.changed.disconnect(self._changed)
        self.closed.emit(self.person_id)
        event.accept()

    # helpers

    def _save_then_close(self, dirty: list[PersonTab]) -> None:
        remaining = list(dirty)

        def next_one() -> None:
            if not remaining:
                self.close()
                return
            tab = remaining.pop(0)
            tab.save(lambda: next_one() if not tab.is_dirty() else None)

        next_one()

    def _fill(self, file: PersonFile) -> None:
        self.file = file
        p = file.person
        original = f"  ·  {p.name_original}" if p.name_original and \
            p.name_original != p.display_name else ""
        self.header.setText(f"{p.display_name}{original}  ·  {p.record_code}  ·  "
                            f"{_(LABELS.get(p.status.value, p.status.value))}")
        self.setWindowTitle(f"{p.record_code} {p.display_name} – Wegwijs")
        for tab in self._tabs:
            tab.load(file)
        self.loaded.emit()

    def _failed(self, err: WegwijsError) -> None:
        show_error(self, err)

    @Slot(set)
    def _changed(self, keys: set) -> None:
        if person_change(self.person_id) in keys:
            self.reload()

    @Slot()
    def _save_current(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, PersonTab) and tab.is_dirty():
            tab.save()
