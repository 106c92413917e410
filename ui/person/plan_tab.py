"""The Perspective plan tab: the perspective and term, goals with their actions, printing,
ending the plan (four eyes)."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.access.permissions import Permission
from app.errors import WegwijsError
from app.i18n import N_, _
from app.printing import document_data
from app.services import plans
from app.services.operations import PersonFile
from app.services.plans import PlanFields
from app.vocabulary import LABELS, Perspective, PlanStatus
from ui.office.today import record_table
from ui.person.card_tab import card_languages
from ui.person.end_plan_dialog import EndPlanDialog
from ui.person.person_tab import PersonTab
from ui.person.plan_dialogs import ActionDialog, GoalDialog, date_edit
from ui.session.operations import Operations
from ui.widgets.dialog_drafts import FormDrafts
from ui.widgets.forms import FieldErrors, combo_value, select_data, show_error
from ui.widgets.labels import label, language_label, ltr
from ui.widgets.printing import write_pdf
from ui.widgets.record_model import RECORD_ROLE, Column, RecordTableModel, fmt_date
from ui.widgets.save_check import check_save_path

GOAL_COLUMNS = (
    Column(N_("Area"), lambda g: label("goal_domain", g.domain)),
    Column(N_("Goal"), lambda g: g.description, natural_direction=True),
    Column(N_("Reached by"), lambda g: fmt_date(g.due_date),
           lambda g: g.due_date.toordinal() if g.due_date else 0),
    Column(N_("Status"), lambda g: label("work_status", g.status)),
)
ACTION_COLUMNS = (
    Column(N_("What"), lambda a: a.description, natural_direction=True),
    Column(N_("Who"), lambda a: label("owner", a.owner) + (f" ({a.owner_name})"
                                                             if a.owner_name else "")),
    Column(N_("Done by"), lambda a: fmt_date(a.due_date),
           lambda a: a.due_date.toordinal() if a.due_date else 0),
    Column(N_("Status"), lambda a: label("work_status", a.status)),
)


class PlanTab(PersonTab):
    """Signals:
        plan_saved(): the plan's own fields were saved.
        printed(str): the plan PDF was saved to this path.
    """

    plan_saved = Signal()
    printed = Signal(str)

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, parent)
        self.setObjectName("plan_tab")
        self.plan = None
        self.errors = FieldErrors()
        self.status_label = QLabel()
        self.status_label.setObjectName("plan_status")
        self.status_label.setStyleSheet("font-weight: 600;")
        self.perspective = QComboBox()
        self.perspective.setObjectName("perspective")
        for p in Perspective:
            self.perspective.addItem(_(LABELS[p.value]), p.value)
        self.start = date_edit("start_date")
        self.target = date_edit("target_date")
        self.manager = QComboBox()
        self.manager.setObjectName("plan_case_manager")
        self.next_evaluation = date_edit("next_evaluation_on")
        self.next_evaluation.setToolTip(_("Earlier than six months after the last evaluation, "
                                          "if agreed"))
        self.translation_language = QComboBox()
        self.translation_language.setObjectName("translation_language")
        self.translation_language.addItem(_("(none)"), "")
        for code in card_languages():
            if code != "nl":
                self.translation_language.addItem(language_label(code), code)
        self.translation_language.setToolTip(_("The language the interpreter types the goals "
                                               "and actions in, under the Dutch"))
        self.interpreter = QLineEdit()
        self.interpreter.setObjectName("interpreter_name")
        self.interpreter.setPlaceholderText(_("Name of the interpreter"))
        self.create_button = QPushButton(_("&Make a plan"))
        self.create_button.setObjectName("create_plan")
        self.save_button = QPushButton(_("&Save plan"))
        self.save_button.setObjectName("save_plan")
        self.activate_button = QPushButton(_("Agreed with the person: &activate"))
        self.activate_button.setObjectName("activate_plan")
        self.print_language = QComboBox()
        self.print_language.setObjectName("plan_language")
        for code in card_languages():
            self.print_language.addItem(language_label(code), code)
        self.print_button = QPushButton(_("Save plan as &PDF…"))
        self.print_button.setObjectName("print_plan")
        self.end_button = QPushButton(_("&End plan… (four eyes)"))
        self.end_button.setObjectName("end_plan")
        self.end_button.setToolTip(_("Ending support is decided by two people: a second case "
                                     "manager or the coordinator confirms with their own "
                                     "password."))

        box = QGroupBox(_("Plan"))
        form = QFormLayout(box)
        form.addRow(self.status_label)
        e = self.errors
        e.add(form, _("Pe&rspective"), self.perspective, "perspective")
        e.add(form, _("S&tarted on"), self.start, "start_date")
        e.add(form, _("Perspective &reached by"), self.target, "target_date")
        e.add(form, _("&Case manager"), self.manager, "case_manager_id")
        e.add(form, _("&Next evaluation (optional)"), self.next_evaluation,
              "next_evaluation_on")
        e.add(form, _("Translations &in"), self.translation_language, "translation_language")
        e.add(form, _("Inter&preter"), self.interpreter, "interpreter_name")
        form.addRow(e.general)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.save_button)
        row.addWidget(self.activate_button)
        form.addRow(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Print in")))
        row.addWidget(self.print_language, 1)
        row.addWidget(self.print_button)
        form.addRow(row)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.end_button)
        form.addRow(row)

        self.goals = RecordTableModel(GOAL_COLUMNS, self)
        self.goal_view = record_table(self.goals, "goal_view")
        self.actions = RecordTableModel(ACTION_COLUMNS, self)
        self.action_view = record_table(self.actions, "action_view")
        self.add_goal_button = QPushButton(_("Add &goal…"))
        self.add_goal_button.setObjectName("add_goal")
        self.edit_goal_button = QPushButton(_("Change goa&l…"))
        self.edit_goal_button.setObjectName("edit_goal")
        self.remove_goal_button = QPushButton(_("Remo&ve goal"))
        self.remove_goal_button.setObjectName("remove_goal")
        self.add_action_button = QPushButton(_("Add a&ction…"))
        self.add_action_button.setObjectName("add_action")
        self.edit_action_button = QPushButton(_("Change ac&tion…"))
        self.edit_action_button.setObjectName("edit_action")
        goals_box = QGroupBox(_("Goals"))
        inner = QVBoxLayout(goals_box)
        inner.addWidget(self.goal_view)
        row = QHBoxLayout()
        for b in (self.add_goal_button, self.edit_goal_button, self.remove_goal_button):
            row.addWidget(b)
        row.addStretch(1)
        inner.addLayout(row)
        actions_box = QGroupBox(_("Actions for the selected goal"))
        inner = QVBoxLayout(actions_box)
        inner.addWidget(self.action_view)
        row = QHBoxLayout()
        for b in (self.add_action_button, self.edit_action_button):
            row.addWidget(b)
        row.addStretch(1)
        inner.addLayout(row)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(goals_box)
        right.addWidget(actions_box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(box)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        # The plan's own fields are kept as this person's "plan" draft until saved.
        self.drafts = FormDrafts(ops, "plan", person_id, {
            "perspective": self.perspective, "start_date": self.start,
            "target_date": self.target, "case_manager_id": self.manager,
            "next_evaluation_on": self.next_evaluation,
            "translation_language": self.translation_language,
            "interpreter_name": self.interpreter}, self)
        self.watch = self.drafts.watch
        form.insertRow(1, self.drafts.note)
        self._draft_checked = False
        self.create_button.clicked.connect(self._create)
        self.save_button.clicked.connect(lambda: self.save())
        self.activate_button.clicked.connect(self._activate)
        self.print_button.clicked.connect(self._print)
        self.end_button.clicked.connect(self.end_plan)
        self.add_goal_button.clicked.connect(lambda: self.edit_goal(None))
        self.edit_goal_button.clicked.connect(self._edit_selected_goal)
        self.goal_view.activated.connect(self._edit_selected_goal)
        self.remove_goal_button.clicked.connect(self._remove_goal)
        self.add_action_button.clicked.connect(lambda: self.edit_action(None))
        self.edit_action_button.clicked.connect(self._edit_selected_action)
        self.action_view.activated.connect(self._edit_selected_action)
        self.goal_view.selectionModel().currentRowChanged.connect(self._goal_selected)
        self._update_buttons()

    def load(self, file: PersonFile) -> None:
        super().load(file)
        self.plan = file.plan
        current = self.manager.currentData()
        self.manager.clear()
        self.manager.addItem(_("(nobody yet)"), None)
        for uid, name in sorted(file.users.items(), key=lambda kv: kv[1]):
            self.manager.addItem(name, str(uid))
        select_data(self.manager, current)
        select_data(self.print_language, file.person.document_language)
        selected_goal = self._selected_goal()
        if self.plan is not None and not self.watch.dirty:
            self._fill_plan()
        goals = sorted(self.plan.goals, key=lambda g: g.position) if self.plan else []
        self.goals.set_records(goals)
        if goals:
            ids = [g.id for g in goals]
            row = ids.index(selected_goal.id) if selected_goal and selected_goal.id in ids else 0
            self.goal_view.selectRow(self.goal_view.model().mapFromSource(
                self.goals.index(row, 0)).row())
        self._goal_selected()
        self._update_buttons()
        if not self._draft_checked and (self.plan is None or self.plan.status != PlanStatus.ENDED):
            self._draft_checked = True
            self.drafts.restore()

    def is_dirty(self) -> bool:
        return self.watch.dirty

    def unsaved_what(self) -> str:
        return _("the perspective plan")

    def save(self, done=None) -> None:  # noqa: ANN001
        if self.plan is None:
            return
        self.errors.clear()
        fields = self._fields()
        by, plan_id, version = self.ops.user_id, self.plan.id, self.plan.version

        def saved(_plan) -> None:  # noqa: ANN001
            self.errors.clear()  # a reply to an earlier click may have shown one meanwhile
            self.drafts.forget()
            self.plan_saved.emit()
            if done is not None:
                done()

        self.ops.run_in(self, lambda db: plans.update_plan(db, by, plan_id, version, fields),
                        saved, self.errors.show, changes={self.change})

    def edit_goal(self, goal) -> GoalDialog:  # noqa: ANN001
        by, plan_id = self.ops.user_id, self.plan.id

        def save(fields, done, failed) -> None:  # noqa: ANN001
            work = ((lambda db: plans.add_goal(db, by, plan_id, fields)) if goal is None else
                    (lambda db: plans.update_goal(db, by, goal.id, goal.version, fields)))
            self.ops.run_in(dialog, work, lambda _r: done(), failed, changes={self.change})

        dialog = GoalDialog(save, goal, self, ops=self.ops, person_id=self.person_id,
                            translation_lang=self.plan.translation_language)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def edit_action(self, action) -> ActionDialog | None:  # noqa: ANN001
        goal = self._selected_goal()
        if goal is None:
            return None
        by = self.ops.user_id

        def save(fields, done, failed) -> None:  # noqa: ANN001
            work = ((lambda db: plans.add_action(db, by, goal.id, fields)) if action is None else
                    (lambda db: plans.update_action(db, by, action.id, action.version, fields)))
            self.ops.run_in(dialog, work, lambda _r: done(), failed, changes={self.change})

        dialog = ActionDialog(save, action, self, ops=self.ops, person_id=self.person_id,
                              goal_id=goal.id, translation_lang=self.plan.translation_language)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def end_plan(self) -> EndPlanDialog | None:
        """The four-eyes dialog that ends the plan (None when there is no open plan)."""
        if self.plan is None or self.plan.status == PlanStatus.ENDED:
            return None
        dialog = EndPlanDialog(self.ops, self.person_id, self.plan.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def save_plan_pdf(self, path: Path) -> None:
        by, pid, lang = self.ops.user_id, self.person_id, combo_value(self.print_language)
        try:
            check_save_path(self.ops, path)  # never the database, its key file or a backup
        except WegwijsError as err:
            show_error(self, err)
            return

        def done(pdf: bytes) -> None:
            try:
                write_pdf(path, pdf)
            except WegwijsError as err:
                show_error(self, err)
                return
            self.printed.emit(str(path))

        self.ops.run_in(self, lambda db: document_data.person_plan(db, by, pid, lang), done,
                        lambda err: show_error(self, err), changes={self.change})

    # helpers

    def _fill_plan(self) -> None:
        plan = self.plan
        self.watch.pause(True)
        select_data(self.perspective, plan.perspective.value)
        self.start.setText(fmt_date(plan.start_date))
        self.target.setText(fmt_date(plan.target_date))
        select_data(self.manager, str(plan.case_manager_id) if plan.case_manager_id else None)
        self.next_evaluation.setText(fmt_date(plan.next_evaluation_on))
        select_data(self.translation_language, plan.translation_language)
        self.interpreter.setText(plan.interpreter_name)
        self.watch.pause(False)
        self.watch.reset()

    def _fields(self) -> PlanFields:
        # An empty start means "today" for a new plan and "unchanged" for an existing one.
        return PlanFields(perspective=combo_value(self.perspective),
                          start_date=self.start.text() or None,
                          target_date=self.target.text(),
                          case_manager_id=uuid.UUID(self.manager.currentData())
                          if self.manager.currentData() else None,
                          next_evaluation_on=self.next_evaluation.text(),
                          translation_language=combo_value(self.translation_language) or "",
                          interpreter_name=self.interpreter.text())

    def _update_buttons(self) -> None:
        plan = self.plan
        is_open = plan is not None and plan.status != PlanStatus.ENDED
        self.create_button.setVisible(plan is None or plan.status == PlanStatus.ENDED)
        for w in (self.save_button, self.add_goal_button, self.edit_goal_button,
                  self.remove_goal_button, self.add_action_button, self.edit_action_button):
            w.setEnabled(is_open)
        self.activate_button.setEnabled(is_open and plan.status == PlanStatus.DRAFT)
        may_print = self.file is None or self.file.may(Permission.PRINT_PLAN)
        self.print_button.setEnabled(plan is not None and may_print)
        self.print_button.setToolTip("" if may_print else _(
            "Only a case manager or the coordinator prints the plan for signing."))
        may_end = self.file is None or self.file.may(Permission.END_PLAN)
        self.end_button.setEnabled(is_open and may_end)
        if plan is None:
            self.status_label.setText(_("No perspective plan yet. Choose the perspective and "
                                        "make a plan."))
        else:
            text = _("Status: {status}").format(status=label("plan_status", plan.status))
            if plan.status == PlanStatus.ENDED:
                text += " — " + _("ended on {day}: {reason}").format(
                    day=ltr(fmt_date(plan.ended_on)), reason=label("outflow", plan.outflow_reason))
            self.status_label.setText(text)

    @Slot()
    def _create(self) -> None:
        by, pid = self.ops.user_id, self.person_id
        fields = self._fields()
        fields.case_manager_id = fields.case_manager_id or self.ops.user_id
        fields.translation_language = fields.translation_language or None  # person's language
        self.errors.clear()
        self.watch.reset()

        def created(_plan) -> None:  # noqa: ANN001
            self.errors.clear()
            self.drafts.forget()

        self.ops.run_in(self, lambda db: plans.create_plan(db, by, pid, fields),
                        created, self.errors.show, changes={self.change})

    @Slot()
    def _activate(self) -> None:
        if self.plan is None:
            return
        plan_id, by = self.plan.id, self.ops.user_id

        def then() -> None:
            self.errors.clear()
            self.ops.run_in(self, lambda db: plans.activate_plan(db, by, plan_id),
                            lambda _plan: self.errors.clear(), self.errors.show,
                            changes={self.change})

        self.save(then) if self.watch.dirty else then()

    @Slot()
    def _print(self) -> None:
        name = f"{self.file.person.record_code}-plan.pdf" if self.file else "plan.pdf"
        path, _f = QFileDialog.getSaveFileName(self, _("Save the plan as PDF"),
                                               str(Path.home() / name), _("PDF (*.pdf)"))
        if path:
            self.save_plan_pdf(Path(path))

    def _selected_goal(self):  # noqa: ANN202
        index = self.goal_view.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    @Slot()
    def _goal_selected(self, *args: object) -> None:
        goal = self._selected_goal()
        self.actions.set_records(sorted(goal.actions, key=lambda a: a.position) if goal else [])

    @Slot()
    def _edit_selected_goal(self) -> None:
        goal = self._selected_goal()
        if goal is not None and self.plan is not None:
            self.edit_goal(goal)

    @Slot()
    def _remove_goal(self) -> None:
        goal = self._selected_goal()
        if goal is None:
            return
        by = self.ops.user_id
        self.ops.run_in(self, lambda db: plans.delete_goal(db, by, goal.id), None,
                        lambda err: show_error(self, err), changes={self.change})

    @Slot()
    def _edit_selected_action(self) -> None:
        index = self.action_view.currentIndex()
        if index.isValid():
            self.edit_action(index.data(RECORD_ROLE))
