"""One person's file in its own window, with a tab per part of the work.

The window loads the person's file through the operations and hands it to every tab; after
any change that concerns this person it reloads. Closing with unsaved changes asks first.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.access.permissions import Permission
from app.errors import NotFound, WegwijsError
from app.i18n import _
from app.services import operations as reads
from app.services.operations import PersonFile
from app.vocabulary import LABELS
from ui.person.card_tab import CardTab
from ui.person.casework_tab import CaseworkTab
from ui.person.consent_tab import ConsentTab
from ui.person.evaluations_tab import EvaluationsTab
from ui.person.handover_dialog import HandoverDialog, open_handover
from ui.person.history_tab import HistoryTab
from ui.person.intake_tab import IntakeTab
from ui.person.overview_tab import OverviewTab
from ui.person.person_tab import PersonTab
from ui.person.plan_tab import PlanTab
from ui.person.shelter_tab import ShelterTab
from ui.session.operations import Operations, person_change
from ui.widgets.forms import ask_discard, show_error
from ui.widgets.labels import ltr
from ui.widgets.save_check import check_save_folder
from ui.widgets.screen_fit import fit_size

AskFolder = Callable[[QWidget], Path | None]


def ask_export_folder(parent: QWidget) -> Path | None:
    """The folder dialog for a subject access export; None when the volunteer cancels."""
    path = QFileDialog.getExistingDirectory(parent, _("Choose the folder for the export"),
                                            str(Path.home()))
    return Path(path) if path else None


class PersonWindow(QWidget):
    """The tabs of one person.

    Signals:
        closed(object): the window closed (the person's id).
        loaded(): the person's file was (re)loaded into every tab.
        exported(object): the subject access export was written (its list of paths).
    """

    closed = Signal(object)
    loaded = Signal()
    exported = Signal(object)

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None, *,
                 ask_folder: AskFolder | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("person_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ops = ops
        self.person_id = person_id
        self.file: PersonFile | None = None
        self._dropping = False
        #: Asks for the export folder (the folder dialog unless a test puts another here).
        self.ask_folder: AskFolder = ask_folder or ask_export_folder
        self.header = QLabel(_("Loading…"))
        self.header.setObjectName("person_header")
        self.header.setStyleSheet("font-size: 14pt; font-weight: 600; padding: 4px;")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setWordWrap(True)  # a long name wraps; it never widens the window
        self.tabs = QTabWidget()
        self.tabs.setObjectName("person_tabs")
        self.overview = OverviewTab(ops, person_id)
        self.card = CardTab(ops, person_id)
        self.intake = IntakeTab(ops, person_id)
        self.plan = PlanTab(ops, person_id)
        self.evaluations = EvaluationsTab(ops, person_id)
        self.consent = ConsentTab(ops, person_id)
        self.casework = CaseworkTab(ops, person_id)
        self.shelter = ShelterTab(ops, person_id)
        self.history = HistoryTab(ops, person_id)
        self._tabs: list[PersonTab] = [self.overview, self.card, self.intake, self.plan,
                                       self.evaluations, self.consent, self.casework,
                                       self.shelter, self.history]
        self.overview.log_contact.connect(self.casework.log_contact)
        for tab, title in zip(self._tabs, (_("&Overview"), _("Contact &card"), _("&Intake"),
                                           _("Perspective &plan"), _("&Evaluations"),
                                           _("Co&nsent"), _("Contacts and follow-up"),
                                           _("Shelter and deci&sions"), _("&History")),
                              strict=True):
            self.tabs.addTab(tab, title)
        self.share_menu = QMenu(self)
        self.handover_action = self.share_menu.addAction(_("&Handover document…"))
        self.handover_action.triggered.connect(self.handover)
        self.export_action = self.share_menu.addAction(
            _("&Everything we hold about this person…"))
        self.export_action.setToolTip(_("Subject access: a PDF and a JSON file with all data "
                                        "about this person (coordinators only)"))
        self.export_action.triggered.connect(self.export_everything)
        self.export_action.setVisible(False)
        self.share_button = QPushButton(_("&Share or export"))
        self.share_button.setObjectName("share_button")
        self.share_button.setMenu(self.share_menu)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.share_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save_current)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)  # asks when unsaved
        for n in range(len(self._tabs)):
            QShortcut(QKeySequence(f"Alt+{n + 1}"), self,
                      lambda n=n: self.tabs.setCurrentIndex(n))
        ops.changed.connect(self._changed)
        fit_size(self, 1100, 720)
        self.reload(first=True)

    def reload(self, *, first: bool = False) -> None:
        by, pid = self.ops.user_id, self.person_id
        self.ops.run_in(self, lambda db: reads.load_person_file(db, by, pid, first=first), self._fill,
                        self._reload_failed, changes={"recent"} if first else ())

    def drop(self) -> None:
        """Close at once, without asking (lock): drafts are written, every widget is deleted."""
        for tab in self._tabs:
            tab.keep_draft()
        self._dropping = True
        self.close()

    @Slot()
    def handover(self) -> HandoverDialog | None:
        """Open the handover dialog (a summary for a partner, limited by consent)."""
        return open_handover(self.ops, self.file, self)

    @Slot()
    def export_everything(self, folder: Path | None = None) -> None:
        """Subject access: write a PDF and a JSON file with all data about this person.

        Coordinators only (the service checks it too); asks for the folder unless given.
        """
        if self.file is None or not self._may_export(self.file):
            return
        folder = folder or self.ask_folder(self)
        if folder is None:
            return
        try:
            check_save_folder(self.ops, folder)  # never into the backup folder
        except WegwijsError as err:
            self._failed(err)
            return
        by, pid = self.ops.user_id, self.person_id

        def work(db):  # noqa: ANN001, ANN202
            from app.privacy import subject_access

            return subject_access.export_to_folder(db, by, pid, folder)

        def done(paths: tuple[Path, Path]) -> None:
            box = QMessageBox(QMessageBox.Icon.Information, _("Everything we hold"),
                              _("Everything Wegwijs holds about {name} is saved in {folder}:"
                                "\n\n{pdf}\n{json}\n\nThe PDF is for reading; the JSON file "
                                "holds the same data for a computer. Hand them over in "
                                "person or encrypted.").format(
                                    name=self.file.person.display_name if self.file else "",
                                    folder=ltr(folder), pdf=ltr(paths[0].name), json=ltr(paths[1].name)),
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("export_done")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.open()
            self.exported.emit(list(paths))

        self.ops.run_in(self, work, done, self._failed, changes={person_change(pid)})

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
        self.export_action.setVisible(self._may_export(file))
        for tab in self._tabs:
            tab.load(file)
        self.loaded.emit()

    @staticmethod
    def _may_export(file: PersonFile) -> bool:
        return file.may(Permission.EXPORT) and file.may(Permission.READ_AUDIT)

    def _failed(self, err: WegwijsError) -> None:
        show_error(self, err)

    def _reload_failed(self, err: WegwijsError) -> None:
        if isinstance(err, NotFound) and self.file is not None:
            # Erased while open (retention review): nothing of them is left to show or save.
            self._dropping = True
            self.close()
            return
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
