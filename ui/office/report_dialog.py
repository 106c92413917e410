"""The anonymous overview: choose a period, see the counts, save them as PDF or XLSX.

Only counts, never names or record numbers; counts below five show as "<5".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import _
from app.privacy import report
from ui.session.operations import Operations
from ui.widgets.labels import ltr
from ui.widgets.save_check import check_save_path


class ReportDialog(QDialog):
    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.report: report.Report | None = None
        self.setObjectName("report_dialog")
        self.setWindowTitle(_("Anonymous overview"))
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), 1, 1))
        self.end = QDateEdit(today)
        for edit, name in ((self.start, "report_from"), (self.end, "report_to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.make_button = QPushButton(_("Make overview"))
        self.make_button.setObjectName("report_make")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        period = QHBoxLayout()
        period.addWidget(QLabel(_("From")))
        period.addWidget(self.start)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.end)
        period.addWidget(self.make_button)
        period.addStretch(1)
        note = QLabel(_("Counts only: no names or record numbers. A count below 5 is shown as "
                        "<5, so that no person can be recognised."))
        note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("report_tree")
        self.tree.setHeaderLabels([_("What"), _("Number")])
        self.tree.setColumnWidth(0, 480)
        self.message = QLabel()
        self.message.setObjectName("report_message")
        self.message.setWordWrap(True)
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.pdf_button.setObjectName("report_pdf")
        self.xlsx_button = QPushButton(_("Save as spreadsheet (XLSX)…"))
        self.xlsx_button.setObjectName("report_xlsx")
        self.pdf_button.clicked.connect(lambda: self.save(".pdf"))
        self.xlsx_button.clicked.connect(lambda: self.save(".xlsx"))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(note)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._enable(False)
        self.resize(760, 560)

    @Slot()
    def make(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if end < start:
            self.message.setText(_("The end of the period lies before its start."))
            return
        self.message.setText(_("Counting…"))

        def work(db):  # noqa: ANN001, ANN202
            return report.build(db, start, end)

        self.ops.run_in(self, work, self._show, self._failed, read_only=True)

    def save(self, suffix: str) -> None:
        if self.report is None:
            return
        name = f"overzicht-{self.report.start:%Y%m%d}-{self.report.end:%Y%m%d}{suffix}"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the overview"), str(Path.home() / name),
            _("PDF (*.pdf)") if suffix == ".pdf" else _("Spreadsheet (*.xlsx)"))
        if path:
            self.write(Path(path) if Path(path).suffix else Path(path + suffix))

    def write(self, path: Path) -> None:
        data = self.report
        if data is None:
            return
        try:
            check_save_path(self.ops, path)  # never the database, its key file or a backup
        except WegwijsError as err:
            self._failed(err)
            return

        def work(_db):  # noqa: ANN001, ANN202
            try:
                report.write(data, path)
            except OSError as err:
                raise WegwijsError(_("Cannot write {path}: {reason}").format(
                    path=path, reason=err.strerror)) from None
            return path

        self.ops.run_in(self, work, lambda p: self.message.setText(
            _("Saved: {path}").format(path=ltr(p))), self._failed, session=False)

    def _show(self, data: report.Report) -> None:
        self.report = data
        self.tree.clear()
        for table in data.tables:
            top = QTreeWidgetItem([table.title, ""])
            for label, value in table.rows or [(_("Nothing in this period"), "")]:
                item = QTreeWidgetItem([label, str(value)])
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                top.addChild(item)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.message.setText(_("Overview of {start} to {end}").format(
            start=_fmt(data.start), end=_fmt(data.end)))
        self._enable(True)

    def _failed(self, err: WegwijsError) -> None:
        self.message.setText(err.message)

    def _enable(self, on: bool) -> None:
        self.pdf_button.setEnabled(on)
        self.xlsx_button.setEnabled(on)


def _fmt(day: date) -> str:
    return day.strftime("%d-%m-%Y")
