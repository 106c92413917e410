"""Small building blocks for forms: a field with its error line, message boxes, date checks.

Errors from the services (``InvalidInput.problems``) are shown next to the field they concern,
in the interface language; anything else goes into a dialog. Never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput, WegwijsError
from app.i18n import N_, _

ERROR_STYLE = "color: #b00020;"
REQUIRED_MARK = " *"
REQUIRED_LEGEND = N_("* required")


def required_label(text: str) -> str:
    """A field label with the mark that says the field must be filled in."""
    return text + REQUIRED_MARK


class RowLabel(QLabel):
    """A form row's label with two pixels of room beyond its text: a label exactly as wide as
    its text's advance clips the overhang of the last glyph ("Telefoon" showed as "Telefoor",
    an Arabic label lost part of a letter at its end)."""

    ROOM = 2

    def sizeHint(self) -> QSize:  # noqa: N802
        return super().sizeHint() + QSize(self.ROOM, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return super().minimumSizeHint() + QSize(self.ROOM, 0)


def edited_signals(widget: QWidget) -> list:
    """The signals that say a person changed ``widget`` or one of the editors inside it."""
    out = []
    for w in (widget, *widget.findChildren(QWidget)):
        if isinstance(w, QLineEdit):
            out.append(w.textEdited)  # also the line inside an editable combo or spin box
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            out.append(w.textChanged)
        elif isinstance(w, QComboBox):
            out.append(w.activated)
        elif isinstance(w, QDateTimeEdit):
            out.append(w.dateTimeChanged)
        elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
            out.append(w.valueChanged)
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            out.append(w.toggled)
    return out


def _grow_to_fit(window: QWidget, lines: Iterable[QLabel]) -> None:
    """Make ``window`` tall enough for the wrapped ``lines`` (error labels) that just appeared.

    A window's minimum height does not count word-wrapped labels at their real width, and a
    form layout's own estimate is a few pixels short, so without this a long error squeezes
    the fields above it (and is cut off) instead of growing the window.
    """
    from PySide6.QtCore import Qt  # here: the unlock window shows before Qt's enums are built

    layout = window.layout()
    if layout is None or not window.isVisible() or window.windowState() & (
            Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    screen = window.screen()
    tallest = screen.availableGeometry().height() if screen is not None else 1 << 24
    shown = [line for line in lines if line.isVisible()]
    for _attempt in range(3):
        layout.activate()
        need = (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
                else layout.totalMinimumSize().height())
        short = sum(max(0, line.heightForWidth(line.width()) - line.height()) for line in shown)
        need = min(max(need, window.height() + short), tallest)
        if need <= window.height():
            return
        window.resize(window.width(), need)  # lays the window out again at once


class FieldErrors:
    """Error labels under the fields of one form, keyed by the service's field names.

    An error line disappears as soon as the person edits its field; fields added with
    ``required=True`` get a mark after their label, explained by ``legend()``.
    """

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._required: list[str] = []
        self.general = QLabel()
        self.general.setObjectName("error_general")
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.hide()

    def add(self, form: QFormLayout, label: str, editor: QWidget, name: str, *,
            required: bool = False) -> QLabel:
        """Add ``editor`` under ``label`` with an (initially hidden) error line below it."""
        if isinstance(editor, (QLineEdit, QComboBox, QAbstractSpinBox)):
            # a one-line field keeps its height when an error appears below it
            editor.setMinimumHeight(editor.sizeHint().height())
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        layout.addWidget(error)
        self._labels[name] = error
        self.hide_on_edit(error, editor)
        if required:
            self._required.append(name)
            label = required_label(label)
        row_label = RowLabel(label)
        row_label.setObjectName(f"label_{name}")
        row_label.setBuddy(editor)
        form.addRow(row_label, box)
        return error

    def hide_on_edit(self, error: QLabel, *editors: QWidget) -> None:
        """Hide ``error`` (a field's line or ``general``) once any of ``editors`` is edited."""
        for editor in editors:
            for signal in edited_signals(editor):
                signal.connect(error.hide)

    def legend(self, text: str | None = None) -> QLabel:
        """The line that explains the required mark (``text``, translated, if the form needs
        more than "* required"); put it in the form once."""
        legend = QLabel(text if text is not None else _(REQUIRED_LEGEND))
        legend.setWordWrap(True)
        legend.setObjectName("required_legend")
        legend.setStyleSheet("color: palette(mid);")
        return legend

    def label(self, name: str) -> QLabel:
        """The error line of field ``name``."""
        return self._labels[name]

    def required(self) -> list[str]:
        """The names of the fields marked as required, in form order."""
        return list(self._required)

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()
        self.general.clear()
        self.general.hide()

    def show(self, err: WegwijsError) -> None:
        """Put each problem next to its field; the rest in the general line."""
        self.clear()
        problems = err.problems if isinstance(err, InvalidInput) else (
            {err.field: err.message} if err.field else {})
        rest = []
        for name, message in problems.items():
            label = self._labels.get(name)
            if label is None:
                rest.append(message)
            else:
                label.setText(message)
                label.show()
        if not problems:
            rest.append(err.message)
        if rest:
            self.general.setText("\n".join(rest))
            self.general.show()
        placed = [w for w in (self.general, *self._labels.values()) if w.parent() is not None]
        if placed:
            _grow_to_fit(placed[0].window(), placed)

    def text(self, name: str) -> str:
        """The error shown under ``name``; empty when none shows."""
        label = self._labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def names(self) -> Iterable[str]:
        return self._labels.keys()


class ChangeWatch(QObject):
    """Notices when a volunteer edits any of the watched fields.

    Signals:
        edited(): a watched field changed by typing or choosing.
    """

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dirty = False
        self._paused = False

    def watch(self, *widgets: QWidget) -> None:
        for w in widgets:
            if isinstance(w, QLineEdit):
                w.textEdited.connect(self._mark)
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self._mark)
            elif isinstance(w, QComboBox):
                w.activated.connect(self._mark)
                if w.isEditable():
                    w.editTextChanged.connect(self._mark)
            elif hasattr(w, "toggled"):
                w.toggled.connect(self._mark)

    def pause(self, paused: bool) -> None:
        """Stop noticing while the form is filled from the database."""
        self._paused = paused

    def reset(self) -> None:
        self.dirty = False

    def _mark(self, *args: object) -> None:
        if self._paused:
            return
        self.dirty = True
        self.edited.emit()


def show_error(parent: QWidget | None, err: WegwijsError | str, title: str | None = None) -> None:
    text = err if isinstance(err, str) else err.message
    QMessageBox.warning(parent, title or _("Wegwijs"), text)


def ask_discard(parent: QWidget | None, what: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for unsaved changes in ``what``."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved changes"),
                      _("You changed {what} without saving. Save the changes?").format(what=what),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.button(QMessageBox.StandardButton.Save).setText(_("Save"))
    box.button(QMessageBox.StandardButton.Discard).setText(_("Don't save"))
    box.button(QMessageBox.StandardButton.Cancel).setText(_("Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return QMessageBox.StandardButton(box.exec())


def combo_value(combo: QComboBox) -> str:
    data = combo.currentData()
    return "" if data is None else str(data)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
