"""The triage advice of a completed intake, one line per applying rule, and the decision.

Advice is shown in the interface language; rule ids stay in the stored triage and the audit,
never on screen. The line that gives the advice is marked with an arrow that points along the
reading direction (▶ at the left, ◀ at the right in Arabic).

The volunteer decides; choosing another outcome than the advice needs a reason (the hardship
clause), which is stored with the decision.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.questionnaire import interface_text
from ui.widgets.labels import pointer

OUTCOMES = {
    "refer_medical": N_("Refer to medical care first"), "no_admission": N_("No admission"),
    "referral": N_("Refer elsewhere"), "screening": N_("Extended screening"),
    "vulnerability_check": N_("Vulnerability check"), "admit": N_("Admit"),
    "admit_short": N_("Admit for a short time"),
}


class TriagePanel(QGroupBox):
    """Advice lines with their rules, and the decision form.

    Signals:
        decide(str, str): the chosen outcome and the reason (empty when following the advice).
    propose(str): refusing admission against the advice, waiting for a second person (the
        reason).

    Refusing admission against the advice needs a second person (four eyes): their user name
    and password show then, or the refusal is put to them to confirm later.
    """

    decide = Signal(str, str)
    propose = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Triage advice"), parent)
        self.setObjectName("triage_panel")
        layout = QVBoxLayout(self)
        self.advice = QLabel()
        self.advice.setObjectName("triage_advice")
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)
        form = QFormLayout()
        self.outcome = QComboBox()
        self.outcome.setObjectName("triage_outcome")
        for value, label in OUTCOMES.items():
            self.outcome.addItem(_(label), value)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("triage_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(_("Only when you decide differently from the advice: why "
                                         "(hardship clause)"))
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(_("&Decision"), self.outcome)
        form.addRow(_("Re&ason"), self.reason)
        layout.addLayout(form)
        self._advised = ""
        self.second = QGroupBox(_("Refusing against the advice: a second person confirms "
                                  "(four eyes)"))
        self.second.setObjectName("triage_second")
        second = QFormLayout(self.second)
        self.confirmer = QLineEdit()
        self.confirmer.setObjectName("triage_confirmer")
        self.password = QLineEdit()
        self.password.setObjectName("triage_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        second.addRow(_("Second person: &user name"), self.confirmer)
        second.addRow(_("Second person: pass&word"), self.password)
        self.ask_button = QPushButton(_("As&k a second person to confirm later"))
        self.ask_button.setObjectName("triage_ask_second")
        self.ask_button.clicked.connect(lambda: self.propose.emit(self.reason.toPlainText()))
        second.addRow("", self.ask_button)
        self.second.hide()
        layout.addWidget(self.second)
        self.outcome.currentIndexChanged.connect(self._update_second)
        self.problem = QLabel()
        self.problem.setObjectName("triage_problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.decided = QLabel()
        self.decided.setObjectName("triage_decided")
        self.decided.setWordWrap(True)
        layout.addWidget(self.decided)
        self.save_button = QPushButton(_("&Record decision"))
        self.save_button.setObjectName("triage_save")
        self.save_button.clicked.connect(self._save)
        layout.addWidget(self.save_button)

    def show_triage(self, triage: dict[str, Any] | None) -> None:
        self.problem.hide()
        if not triage:
            self.hide()
            return
        self.show()
        advice = triage.get("advice", {})
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # A right-to-left mark keeps each line right to left even if its advice has no
        # translation (English), so the bullet stays at the start, on the right.
        start = "\u200f" if rtl else ""
        lines = []
        for item in advice.get("items", []):
            text = interface_text(item.get("advice", ""))
            main = item.get("decisive") and item.get("outcome") == advice.get("outcome")
            lines.append(f"{start}{pointer(rtl) if main else '•'} {text}")
        advised = advice.get("outcome", "")
        self._advised = advised
        self.advice.setText(start + _("Advice: {outcome}").format(
            outcome=_(OUTCOMES.get(advised, advised))) + "\n" + "\n".join(lines))
        decision = triage.get("decision")
        index = self.outcome.findData((decision or {}).get("outcome") or advised)
        self.outcome.setCurrentIndex(max(index, 0))
        if decision:
            self.reason.setPlainText(decision.get("override_reason") or "")
            follows = decision.get("follows_advice")
            self.decided.setText(_("Decided: {outcome}{how}").format(
                outcome=_(OUTCOMES.get(decision.get("outcome", ""), "")),
                how="" if follows else " " + _("(differs from the advice)")))
        else:
            self.decided.setText(_("No decision recorded yet."))
        self._update_second()

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def needs_second_person(self) -> bool:
        """Refusing admission where the advice did not: four eyes."""
        return self.outcome.currentData() == "no_admission" and self._advised != "no_admission"

    def _update_second(self) -> None:
        self.second.setVisible(self.needs_second_person())

    def _save(self) -> None:
        self.decide.emit(self.outcome.currentData(), self.reason.toPlainText())
