"""What every tab of the person window offers: load the person's file, say if it is dirty."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from app.services.operations import PersonFile
from ui.session.operations import Operations, person_change


class PersonTab(QWidget):
    """Base of the tabs; ``load`` is called with a fresh ``PersonFile`` after every change."""

    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.person_id = person_id
        self.file: PersonFile | None = None
        #: A tab whose own fields keep a draft (plan, evaluation) sets its ``FormDrafts`` here.
        self.drafts = None

    @property
    def change(self) -> str:
        return person_change(self.person_id)

    def load(self, file: PersonFile) -> None:
        self.file = file

    def is_dirty(self) -> bool:
        return False

    def unsaved_what(self) -> str:
        return ""

    def keep_draft(self) -> None:
        """The window is about to be dropped (lock): write the tab's drafts now.

        Those of the tab's open dialogs (goal, consent, ...) that wait to be written, and the
        tab's own when it keeps one and was changed.
        """
        for dialog in self.findChildren(QDialog):
            keeper = getattr(dialog, "drafts", None)
            if keeper is not None and keeper.pending:
                keeper.save_now()
        if self.drafts is not None and self.is_dirty():
            self.drafts.save_now()

    def discard_draft(self) -> None:
        """The volunteer chose "Don't save": forget the tab's own draft, if it keeps one."""
        if self.drafts is not None:
            self.drafts.forget()

    def save(self, done: Callable[[], None] | None = None) -> None:
        if done is not None:
            done()
