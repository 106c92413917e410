"""Dialogs for one goal or one action of a perspective plan."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import WegwijsError
from app.i18n import N_, _
from app.services.drafts import new_action_form, record_form
from app.services.plans import ActionFields, GoalFields
from ui.session.operations import Operations
from ui.widgets.dialog_drafts import FormDrafts
from ui.widgets.forms import FieldErrors, combo_value, select_data
from ui.widgets.labels import choices, language_label
from ui.widgets.record_model import fmt_date

Save = Callable[[object, Callable[[], None], Callable[[WegwijsError], None]], None]
DATE_HINT = N_("dd-mm-yyyy")


def combo(kind: str, name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for value, text in choices(kind):
        box.addItem(text, value)
    return box


def date_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(_(DATE_HINT))
    edit.setToolTip(_("Write a full date: day-month-year, for example 17-05-2026."))
    return edit


def translation_edit(name: str, lang: str, multiline: bool) -> QPlainTextEdit | QLineEdit:
    """The field for the interpreter's text in the person's language ``lang`` (written in
    that language's direction); disabled when the plan names no language for it."""
    from PySide6.QtCore import Qt

    edit: QPlainTextEdit | QLineEdit = QPlainTextEdit() if multiline else QLineEdit()
    edit.setObjectName(name)
    if isinstance(edit, QPlainTextEdit):
        edit.setTabChangesFocus(True)
    if lang:
        rtl = lang in RTL_LANGUAGES
        edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
        edit.setToolTip(_("Typed by the interpreter; printed under the Dutch when the plan is "
                          "printed in {language}.").format(language=language_label(lang)))
    else:
        edit.setEnabled(False)
        edit.setToolTip(_("Choose the language of the translations in the plan first."))
    return edit


def translation_label(lang: str) -> str:
    return (_("In {language} (interpreter)").format(language=language_label(lang)) if lang
            else _("In the person's language"))


RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ckb"})


class _RecordDialog(QDialog):
    """A form for one record; what is typed is kept as a draft (``drafts``) until saved."""

    what = ""  # "the goal": for the question when closing with unsaved changes

    def __init__(self, title: str, save: Save, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.drafts: FormDrafts | None = None
        self.errors = FieldErrors()
        self.form = QFormLayout()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save"))
        self.save_button.setObjectName("save_record")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(self.form)
        self._layout.addWidget(self.errors.general)
        self._layout.addWidget(buttons)
        self.resize(520, 360)

    def fields(self) -> object:
        raise NotImplementedError

    def reject(self) -> None:
        if self.drafts is None or self.drafts.close_ok(self, _(self.what), self._submit):
            super().reject()

    # helpers

    def _keep_drafts(self, ops: Operations | None, person_id: uuid.UUID | None, form: str,
                     fields: dict[str, QWidget]) -> None:
        """Keep what is typed in ``fields`` as the draft ``form``; offer an earlier one back."""
        self.drafts = FormDrafts(ops, form, person_id, fields, self)
        self._layout.insertWidget(0, self.drafts.note)
        self.drafts.restore()

    def _submit(self) -> None:
        self.errors.clear()
        self.save_button.setEnabled(False)

        def failed(err: WegwijsError) -> None:
            self.save_button.setEnabled(True)
            self.errors.show(err)

        def saved() -> None:
            self.errors.clear()  # nothing of an earlier try stays visible
            if self.drafts is not None:
                self.drafts.forget()
            self.accept()

        self._save(self.fields(), saved, failed)


class GoalDialog(_RecordDialog):
    """A new goal (``goal`` None) or a change to one; drafts with ``ops`` and ``person_id``."""

    what = N_("the goal")

    def __init__(self, save: Save, goal=None, parent: QWidget | None = None, *,  # noqa: ANN001
                 ops: Operations | None = None, person_id: uuid.UUID | None = None,
                 translation_lang: str = "") -> None:
        super().__init__(_("Goal"), save, parent)
        self.setObjectName("goal_dialog")
        self.domain = combo("goal_domain", "domain")
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.translated = translation_edit("description_translated", translation_lang, True)
        self.due = date_edit("due_date")
        self.status = combo("work_status", "status")
        e = self.errors
        e.add(self.form, _("&Area"), self.domain, "domain")
        e.add(self.form, _("&Goal"), self.description, "description")
        e.add(self.form, translation_label(translation_lang), self.translated,
              "description_translated")
        e.add(self.form, _("&Reached by"), self.due, "due_date")
        e.add(self.form, _("&Status"), self.status, "status")
        if goal is not None:
            select_data(self.domain, goal.domain.value)
            self.description.setPlainText(goal.description)
            self.translated.setPlainText(goal.description_translated)
            self.due.setText(fmt_date(goal.due_date))
            select_data(self.status, goal.status.value)
        self._keep_drafts(ops, person_id, record_form("goal", goal.id if goal else None),
                          {"domain": self.domain, "description": self.description,
                           "description_translated": self.translated,
                           "due_date": self.due, "status": self.status})

    def fields(self) -> GoalFields:
        translated = self.translated.toPlainText() if self.translated.isEnabled() else None
        return GoalFields(domain=combo_value(self.domain),
                          description=self.description.toPlainText(),
                          description_translated=translated,
                          due_date=self.due.text(), status=combo_value(self.status))


class ActionDialog(_RecordDialog):
    """A new action for ``goal_id`` (``action`` None) or a change to one."""

    what = N_("the action")

    def __init__(self, save: Save, action=None, parent: QWidget | None = None, *,  # noqa: ANN001
                 ops: Operations | None = None, person_id: uuid.UUID | None = None,
                 goal_id: uuid.UUID | None = None, translation_lang: str = "") -> None:
        super().__init__(_("Action"), save, parent)
        self.setObjectName("action_dialog")
        self.description = QLineEdit()
        self.description.setObjectName("description")
        self.translated = translation_edit("description_translated", translation_lang, False)
        self.owner = combo("owner", "owner")
        self.owner_name = QLineEdit()
        self.owner_name.setObjectName("owner_name")
        self.owner_name.setPlaceholderText(_("e.g. the lawyer's or partner's name"))
        self.due = date_edit("due_date")
        self.status = combo("work_status", "status")
        e = self.errors
        e.add(self.form, _("&What"), self.description, "description")
        e.add(self.form, translation_label(translation_lang), self.translated,
              "description_translated")
        e.add(self.form, _("&Who does it"), self.owner, "owner")
        e.add(self.form, _("&Name"), self.owner_name, "owner_name")
        e.add(self.form, _("&Done by"), self.due, "due_date")
        e.add(self.form, _("&Status"), self.status, "status")
        if action is not None:
            self.description.setText(action.description)
            self.translated.setText(action.description_translated)
            select_data(self.owner, action.owner.value)
            self.owner_name.setText(action.owner_name)
            self.due.setText(fmt_date(action.due_date))
            select_data(self.status, action.status.value)
        form = (record_form("action", action.id) if action is not None
                else new_action_form(goal_id))
        self._keep_drafts(ops, person_id, form,
                          {"description": self.description,
                           "description_translated": self.translated, "owner": self.owner,
                           "owner_name": self.owner_name, "due_date": self.due,
                           "status": self.status})

    def fields(self) -> ActionFields:
        translated = self.translated.text() if self.translated.isEnabled() else None
        return ActionFields(description=self.description.text(),
                            description_translated=translated, owner=combo_value(self.owner),
                            owner_name=self.owner_name.text(), due_date=self.due.text(),
                            status=combo_value(self.status))
