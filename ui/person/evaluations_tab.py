"""The Evaluations tab: when the next one is due, those held, recording one.

Ending the plan is on the Perspective plan tab.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.services import evaluations
from app.services.evaluations import EvaluationFields
from app.services.operations import PersonFile
from app.vocabulary import EVALUATION_CRITERIA, Decision, PlanStatus
from ui.office.today import record_table
from ui.person.person_tab import PersonTab
from ui.person.plan_dialogs import combo, date_edit
from ui.session.operations import Operations
from ui.widgets.dialog_drafts import FormDrafts
from ui.widgets.forms import FieldErrors, combo_value
from ui.widgets.labels import label, ltr
from ui.widgets.record_model import Column, RecordTableModel, fmt_date

HELD_COLUMNS = (
    Column(N_("Held on"), lambda e: fmt_date(e.held_on),
           lambda e: e.held_on.toordinal() if e.held_on else 0),
    Column(N_("Works on the perspective"), lambda e: label("judgement", e.judgement)),
    Column(N_("Criteria met"), lambda e: f"{sum(1 for v in e.criteria.values() if v)} / "
                                         f"{len(EVALUATION_CRITERIA)}"),
    Column(N_("Decision"), lambda e: label("decision", e.decision)),
    Column(N_("Notes"), lambda e: e.notes.replace("\n", " ")[:120], natural_direction=True),
)


class EvaluationsTab(PersonTab):
    """Signals:
        recorded(): an evaluation was recorded.
    """

    recorded = Signal()

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, parent)
        self.setObjectName("evaluations_tab")
        self.plan = None
        self.due = QLabel()
        self.due.setObjectName("evaluation_due")
        self.due.setWordWrap(True)
        self.due.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.held = RecordTableModel(HELD_COLUMNS, self)
        self.held_view = record_table(self.held, "evaluation_view", 0,
                                      Qt.SortOrder.DescendingOrder)

        self.errors = FieldErrors()
        self.held_on = date_edit("held_on")
        self.held_on.setPlaceholderText(_("today"))
        self.criteria: dict[str, QCheckBox] = {}
        criteria_box = QWidget()
        criteria_layout = QVBoxLayout(criteria_box)
        criteria_layout.setContentsMargins(0, 0, 0, 0)
        for key, text in EVALUATION_CRITERIA:
            box = QCheckBox(_(text))
            box.setObjectName(f"criterion_{key}")
            self.criteria[key] = box
            criteria_layout.addWidget(box)
        criteria_box.setFocusProxy(next(iter(self.criteria.values())))  # the label's Alt letter
        self.judgement = QComboBox()
        self.judgement.setObjectName("judgement")
        self.judgement.addItem(_("(choose)"), "")
        for value, text in (("yes", "judgement"), ("partly", "judgement"), ("no", "judgement")):
            self.judgement.addItem(label(text, value), value)
        self.decision = combo("decision", "decision")
        self.decision.removeItem(self.decision.findData(Decision.END.value))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.next_on = date_edit("next_evaluation_on")
        self.next_on.setPlaceholderText(_("in six months"))
        self.record_button = QPushButton(_("&Record evaluation"))
        self.record_button.setObjectName("record_evaluation")
        form_box = QGroupBox(_("Record an evaluation"))
        form = QFormLayout(form_box)
        e = self.errors
        e.add(form, _("&Held on"), self.held_on, "held_on")
        e.add(form, _("Criteri&a"), criteria_box, "criteria")
        e.add(form, _("&Works sufficiently on the perspective?"), self.judgement, "judgement")
        e.add(form, _("&Decision"), self.decision, "decision")
        e.add(form, _("N&otes"), self.notes, "notes")
        e.add(form, _("&Next evaluation"), self.next_on, "next_evaluation_on")
        form.addRow(e.general)
        form.addRow(self.record_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.due)
        left_layout.addWidget(self.held_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(form_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        # What is typed here is kept as a draft of this person's "evaluation" until recorded.
        self.drafts = FormDrafts(ops, "evaluation", person_id, {
            "held_on": self.held_on, "judgement": self.judgement, "decision": self.decision,
            "notes": self.notes, "next_evaluation_on": self.next_on,
            **{f"criterion_{k}": box for k, box in self.criteria.items()}}, self)
        self.watch = self.drafts.watch
        form.insertRow(0, self.drafts.note)
        self._draft_checked = False
        self.record_button.clicked.connect(lambda: self.save())

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self.plan = plan = file.plan
        self.held.set_records([e for e in plan.evaluations if e.held_on] if plan else [])
        active = plan is not None and plan.status == PlanStatus.ACTIVE
        self.record_button.setEnabled(active)
        if plan is None:
            self.due.setText(_("There is no perspective plan yet; make one on the Perspective "
                               "plan tab."))
        elif plan.status == PlanStatus.ENDED:
            self.due.setText(_("The plan ended on {day}.").format(day=ltr(fmt_date(plan.ended_on))))
        elif plan.status == PlanStatus.DRAFT:
            self.due.setText(_("The plan is a draft: evaluations start when it is activated."))
        else:
            due = plan.evaluation_due_on
            overdue = due is not None and due < date.today()
            text = _("Next evaluation due on {day}").format(day=ltr(fmt_date(due)))
            text += " — " + (_("overdue!") if overdue else _(
                "every {n} months after the start or the last evaluation, earlier if agreed")
                .format(n=plan.evaluation_months))
            self.due.setText(text)
            self.due.setStyleSheet("font-size: 12pt; font-weight: 600;"
                                   + (" color: #b00020;" if overdue else ""))
        if active and not self._draft_checked:
            self._draft_checked = True
            self.drafts.restore()

    def is_dirty(self) -> bool:
        return self.watch.dirty

    def unsaved_what(self) -> str:
        return _("the evaluation")

    def save(self, done: Callable[[], None] | None = None) -> None:
        if self.plan is None:
            return
        self.errors.clear()
        fields = EvaluationFields(
            held_on=self.held_on.text() or None, judgement=combo_value(self.judgement) or None,
            criteria={k: box.isChecked() for k, box in self.criteria.items()},
            notes=self.notes.toPlainText(), decision=combo_value(self.decision),
            next_evaluation_on=self.next_on.text() or None)
        by, plan_id = self.ops.user_id, self.plan.id

        def saved(_e) -> None:  # noqa: ANN001
            self._clear_form()
            self.drafts.forget()
            self.recorded.emit()
            if done is not None:
                done()

        self.ops.run_in(self, lambda db: evaluations.record_evaluation(db, by, plan_id, fields),
                        saved, self.errors.show, changes={self.change})

    # helpers

    def _clear_form(self) -> None:
        self.watch.pause(True)
        for w in (self.held_on, self.next_on):
            w.clear()
        self.notes.clear()
        self.judgement.setCurrentIndex(0)
        self.decision.setCurrentIndex(0)
        for box in self.criteria.values():
            box.setChecked(False)
        self.watch.pause(False)
        self.watch.reset()
