"""The main window: Today and People, the menus, and the open person windows.

It shows with the People list before the database layer is loaded (issue 17): this module and
what it imports need no SQLAlchemy. Today is built when it is first shown; a person's window,
the New person dialog and every dialog of the menus load their modules when they are asked
for, after ``preload.wait()`` (the database layer may still be loading in the background).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.access.permissions import Permission, allowed
from app.i18n import _
from ui.office.export_action import Exporter
from ui.office.people import PeopleView
from ui.session import preload
from ui.session.operations import Operations
from ui.widgets.forms import show_error
from ui.widgets.screen_fit import centre, fit_size, place_beside

if TYPE_CHECKING:
    from ui.office.today import TodayView
    from ui.person.new_person import NewPersonDialog
    from ui.person.person_window import PersonWindow


@dataclass
class WindowState:
    """Where the volunteer was, to rebuild the main window in another language.

    ``people`` holds each open person's id, window geometry and tab, in the order opened;
    ``settings_tab`` the tab of an open Settings dialog (None: it was not open);
    ``new_person`` whether the New person dialog was open (its typing comes back as a draft).
    """

    geometry: QByteArray
    tab: int
    people: list[tuple[uuid.UUID, QByteArray, int]] = field(default_factory=list)
    settings_tab: int | None = None
    new_person: bool = False


class AppWindow(QMainWindow):
    """Today and People in tabs; each person opens in a window of their own.

    Signals:
        language_changed(str): the interface language was changed in Settings.
        auto_lock_changed(int): the auto-lock minutes were changed in Settings.
        lock_requested(): the volunteer locked the window (Ctrl+L).
        closed(): the main window closed (the application ends).
    """

    language_changed = Signal(str)
    auto_lock_changed = Signal(int)
    lock_requested = Signal()
    closed = Signal()

    #: Set by ``carry_over``: the next main window built takes this place, tab and windows.
    _carried: WindowState | None = None

    def __init__(self, ops: Operations, user, parent: QWidget | None = None, *,  # noqa: ANN001
                 people_page: list | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("app_window")
        self.ops = ops
        self.user = user
        self.people_windows: dict[uuid.UUID, PersonWindow] = {}
        self._hidden: list[QWidget] = []
        # Person windows closed by the lock, to reopen on their tab: (id, geometry, tab).
        self._reopen: list[tuple[uuid.UUID, QByteArray, int]] = []
        self.setWindowTitle(_("Wegwijs – Stem in de Stad"))
        self._today: TodayView | None = None
        self._today_page = QWidget()  # holds Today once it is first shown
        self._today_page.setObjectName("today_page")
        QVBoxLayout(self._today_page).setContentsMargins(0, 0, 0, 0)
        self.people = PeopleView(ops, first_page=people_page)  # None: People reads it
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._today_page, _("&Today"))
        self.tabs.addTab(self.people, _("&People"))
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.people.open_person.connect(self.open_person)
        self.people.new_person.connect(self.new_person)
        self.status_user = QLabel(_("Logged in as {name}").format(name=user.display_name))
        self.statusBar().addPermanentWidget(self.status_user)
        ops.busy.connect(self._busy)
        ops.bug.connect(lambda text: show_error(self, text))
        self._menus()
        fit_size(self, 1280, 720)
        centre(self)
        self.tabs.setCurrentIndex(1)
        self.people.focus_search()
        # Another language: the window before this one handed over where the volunteer was.
        self._taken_over, AppWindow._carried = AppWindow._carried, None
        if self._taken_over is not None:
            self.restoreGeometry(self._taken_over.geometry)
            self.tabs.setCurrentIndex(self._taken_over.tab)

    @property
    def today(self) -> TodayView:
        """The Today tab, built the first time it is shown or asked for."""
        if self._today is None:
            preload.wait()
            from ui.office.today import TodayView

            today = TodayView(self.ops)
            today.open_person.connect(self.open_person)
            today.open_new_person.connect(self.new_person)
            today.conflicts.open_conflicts.connect(self.show_conflicts)
            self._today_page.layout().addWidget(today)
            self._today = today
        return self._today

    @classmethod
    def carry_over(cls, state: WindowState | None) -> None:
        """The next ``AppWindow`` built takes over ``state`` (from ``hand_over``): its geometry
        and tab before it shows, then the person windows and dialogs as it shows."""
        cls._carried = state

    @Slot(object)
    def open_person(self, person_id: uuid.UUID) -> PersonWindow:
        window = self._person_window(person_id)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _person_window(self, person_id: uuid.UUID) -> PersonWindow:
        """The person's window (made, sized and placed, not yet shown, when not open)."""
        window = self.people_windows.get(person_id)
        if window is None:
            preload.wait()
            from ui.person.person_window import PersonWindow

            window = PersonWindow(self.ops, person_id)
            window.closed.connect(self._person_closed)
            # Beside the main window, not over its menu, tabs and search; within the screen.
            place_beside(window, self, len(self.people_windows))
            self.people_windows[person_id] = window
        return window

    @Slot()
    def new_person(self) -> NewPersonDialog:
        preload.wait()
        from ui.person.new_person import NewPersonDialog

        dialog = NewPersonDialog(self.ops, self)
        dialog.created.connect(self.open_person)
        dialog.open_existing.connect(self.open_person)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def open_settings(self):  # noqa: ANN201
        from ui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ops, self.user, self)
        dialog.language_changed.connect(self.language_changed)
        dialog.auto_lock_changed.connect(self.auto_lock_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def change_password(self):  # noqa: ANN201
        from ui.settings.password_dialog import PasswordDialog

        dialog = PasswordDialog(self.ops, self.user.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def overview(self):  # noqa: ANN201
        """The anonymous overview of a period (counts only), to save as PDF or XLSX."""
        from ui.office.report_dialog import ReportDialog

        dialog = ReportDialog(self.ops, self)
        dialog.open()
        return dialog

    @Slot()
    def blank_questionnaire(self):  # noqa: ANN201
        """A blank intake questionnaire to print, for an intake without the laptop."""
        from ui.office.blank_questionnaire_dialog import open_blank_questionnaire

        return open_blank_questionnaire(self.ops, self)

    @Slot()
    def retention_review(self):  # noqa: ANN201
        """The people past the retention period, to open or erase (coordinators)."""
        from ui.office.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.ops, self.user, self)
        dialog.open_person.connect(self.open_person)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def exchange(self):  # noqa: ANN201
        """File → Exchange: make or read a file for another laptop of the office."""
        from ui.exchange.exchange_dialog import ExchangeDialog

        dialog = ExchangeDialog(self.ops, getattr(self.user, "role", None), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show_conflicts.connect(self.show_conflicts)
        dialog.open()
        return dialog

    def show_conflicts(self):  # noqa: ANN201
        """The conflicts after an exchange (case managers and coordinators decide)."""
        from ui.exchange.conflicts_dialog import ConflictsDialog

        if not allowed(getattr(self.user, "role", None), Permission.SEE_SENSITIVE):
            show_error(self, _("A case manager or coordinator decides the conflicts after an "
                               "exchange; ask one of them."))
            return None
        dialog = ConflictsDialog(self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def caseloads(self):  # noqa: ANN201
        """People per case manager against the caseload, and the waiting list."""
        from ui.office.caseload_dialog import CaseloadDialog

        dialog = CaseloadDialog(self.ops, self.user, self)
        dialog.open_person.connect(self.open_person)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def demo_data(self):  # noqa: ANN201
        from ui.office.demo_dialog import DemoDialog

        dialog = DemoDialog(self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def close_people(self) -> bool:
        """Close every person window (each asks about unsaved changes); False if one stays."""
        for window in list(self.people_windows.values()):
            if not window.close():
                return False
        return not self.people_windows

    def hand_over(self) -> WindowState:
        """Before this window is replaced (a language switch): what is typed is written as
        drafts, the person windows and dialogs close without a question; returns where the
        volunteer was, for ``carry_over``."""
        preload.wait()
        from ui.person.new_person import NewPersonDialog
        from ui.settings.settings_dialog import SettingsDialog

        state = WindowState(self.saveGeometry(), self.tabs.currentIndex())
        for dialog in self.findChildren(QDialog):
            if not dialog.isVisible():
                continue
            if isinstance(dialog, SettingsDialog):
                state.settings_tab = dialog.tabs.currentIndex()
            elif isinstance(dialog, NewPersonDialog):
                state.new_person = True
        for person_id, window in list(self.people_windows.items()):
            state.people.append((person_id, window.saveGeometry(), window.tabs.currentIndex()))
            window.drop()
        self.people_windows.clear()
        self.close_dialogs()
        return state

    def hide_all(self) -> None:
        """Lock: close every person's window (drafts kept) and empty the lists of names."""
        self._reopen = [(person_id, window.saveGeometry(), window.tabs.currentIndex())
                        for person_id, window in self.people_windows.items()]
        for window in list(self.people_windows.values()):
            window.drop()
        self.people_windows.clear()
        if self._today is not None:
            self._today.clear_data()
        self.people.clear_data()
        self.close_dialogs()
        self._hidden = [self] if self.isVisible() else []
        for w in self._hidden:
            w.hide()

    def close_dialogs(self) -> None:
        """Close the open dialogs without a question; what was typed is kept as a draft."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                keeper = getattr(dialog, "drafts", None)
                if keeper is not None and keeper.pending:
                    keeper.save_now()
                dialog.done(QDialog.DialogCode.Rejected)

    def show_all(self) -> None:
        """Unlocked: back to where the user was, the person windows reopened with their drafts."""
        for w in self._hidden:
            w.show()
        self._hidden = []
        if self._today is not None:
            self._today.refresh()
        self.people.reload_data()
        for person_id, geometry, tab in self._reopen:
            window = self._person_window(person_id)
            window.restoreGeometry(geometry)
            window.tabs.setCurrentIndex(tab)  # on the tab the volunteer was on
            self.open_person(person_id)
        self._reopen = []

    # Qt overrides

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        state, self._taken_over = self._taken_over, None
        if state is None:
            return
        # The person windows come back in this language, each with its drafts (they are
        # restored as the file loads), on top of this window; then the dialogs that were open.
        for person_id, geometry, tab in state.people:
            window = self._person_window(person_id)
            window.restoreGeometry(geometry)
            window.tabs.setCurrentIndex(tab)
            window.show()
        if state.new_person:
            self.new_person()
        if state.settings_tab is not None:
            self.open_settings().tabs.setCurrentIndex(state.settings_tab)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_people():
            event.ignore()
            return
        event.accept()
        self.closed.emit()

    # helpers

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        # Everywhere, also from a person's window: new person, find, today.
        for text, slot, key in ((_("&New person…"), self.new_person, QKeySequence.StandardKey.New),
                                (_("&Find a person"), self._find, QKeySequence.StandardKey.Find),
                                (_("&Today"), self._today, "Ctrl+T")):
            action = self._action(file_menu, text, slot, key)
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addSeparator()
        self._action(file_menu, _("E&xchange with another laptop…"), self.exchange)
        self._action(file_menu, _("Con&flicts after an exchange…"), self.show_conflicts)
        file_menu.addSeparator()
        self._action(file_menu, _("&Settings…"), self.open_settings, "Ctrl+,")
        self._action(file_menu, _("Change my &password…"), self.change_password)
        lock = self._action(file_menu, _("&Lock"), self.lock_requested.emit, "Ctrl+L")
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # from a person's window too
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, "Ctrl+Q")  # also on Windows
        tools = bar.addMenu(_("&Tools"))
        self._action(tools, _("Anonymous &overview…"), self.overview)
        self._action(tools, _("&Blank questionnaire on paper…"), self.blank_questionnaire)
        self.exporter = Exporter(self.ops, self.user, self)
        tools.addAction(self.exporter.action)
        self.retention_action = self._action(tools, _("&Records past retention…"),
                                             self.retention_review)
        self.retention_action.setEnabled(allowed(self.user.role, Permission.ERASE))
        self._action(tools, _("&Caseloads and waiting list…"), self.caseloads)
        self._action(tools, _("Add &demo people…"), self.demo_data)
        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&Keyboard shortcuts"), self._shortcuts, "F1")
        self._action(help_menu, _("&About Wegwijs"), self._about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut) if isinstance(shortcut, str) else shortcut)
        action.triggered.connect(lambda checked=False: self._run(slot))
        menu.addAction(action)
        self.addAction(action)
        return action

    @staticmethod
    def _run(slot) -> None:  # noqa: ANN001
        """A menu's action: what it opens may need the database layer, perhaps still loading."""
        preload.wait()
        slot()

    @Slot(int)
    def _tab_shown(self, index: int) -> None:
        if index == 0:
            self.today  # noqa: B018 - builds Today as it first shows

    @Slot()
    def _find(self) -> None:
        self._front()
        self.tabs.setCurrentIndex(1)
        self.people.focus_search()

    @Slot()
    def _today(self) -> None:
        self._front()
        self.tabs.setCurrentIndex(0)
        self.today.setFocus()

    def _front(self) -> None:
        self.raise_()
        self.activateWindow()

    @Slot(object)
    def _person_closed(self, person_id: uuid.UUID) -> None:
        self.people_windows.pop(person_id, None)

    @Slot(bool)
    def _busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(_("Working…"))
        else:
            self.statusBar().clearMessage()

    def _shortcuts(self) -> None:
        QMessageBox.information(self, _("Keyboard shortcuts"), "\n".join((
            _("Ctrl+F  find a person"), _("Ctrl+N  new person"), _("Ctrl+T  today"),
            _("Enter  open the selected person"), _("Ctrl+S  save the open tab"),
            _("Alt+1 … Alt+7  tabs of a person"), _("Ctrl+W, Esc  close a person's window"),
            _("Ctrl+L  lock"), _("Ctrl+Q  quit"))))

    def _about(self) -> None:
        from ui.office.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self)  # the version and the third-party licences
        self.about_dialog.open()
