"""Keeps what a volunteer types in a form as a draft in the encrypted database.

A form calls ``touch()`` after every edit; a second later (debounced) the form's current
values are written through the operations. When the form opens it asks ``restore`` for a
draft left earlier (a crash, a power cut, a closed laptop). A successful save or "Don't save"
calls ``discard``. Drafts go through the one write queue in order, so a discard is never
overtaken by an older draft save, and a draft save announces no change (no screen reloads
because of it).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.i18n import N_
from app.services import drafts
from ui.session.operations import Operations

DRAFT_DELAY_MS = 1000
FORM_NAME_MAX = 40  # the drafts table's column; a longer name would never be found again
RESTORED_NOTE = N_("Unsaved changes from earlier restored")


class DraftKeeper(QObject):
    """The draft of one form (``form``) for one person (or none, for a new person).

    Signals:
        saved(): a draft was written.
        restored(dict): a draft from earlier was found and handed to the form.
    """

    saved = Signal()
    restored = Signal(dict)

    def __init__(self, ops: Operations | None, form: str, collect: Callable[[], dict[str, Any]],
                 person_id: uuid.UUID | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if len(form) > FORM_NAME_MAX:
            raise ValueError(f"draft form name longer than {FORM_NAME_MAX}: {form}")
        self._ops = ops
        self.form = form
        self.person_id = person_id
        self._collect = collect
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.save_now)

    @property
    def pending(self) -> bool:
        """True while an edit waits for its draft to be written."""
        return self._timer.isActive()

    @Slot()
    def touch(self) -> None:
        """The form changed: write a draft a moment after the typing stops."""
        self._timer.start()

    @Slot()
    def save_now(self) -> None:
        self._timer.stop()
        if not self._ready():
            return
        data, by, form, pid = self._collect(), self._ops.user_id, self.form, self.person_id
        self._ops.run_in(self, lambda db: drafts.save(db, by, form, data, pid),
                         lambda _r: self.saved.emit(), lambda _err: None)

    def restore(self) -> None:
        """Look for a draft; ``restored`` carries it to the form when there is one."""
        if not self._ready():
            return
        by, form, pid = self._ops.user_id, self.form, self.person_id

        def found(data: dict | None) -> None:
            if data:
                self.restored.emit(data)

        self._ops.run_in(self, lambda db: drafts.load(db, by, form, pid), found,
                         lambda _err: None, read_only=True)

    def discard(self) -> None:
        """The form was saved or its changes dropped: forget the draft."""
        self._timer.stop()
        if not self._ready():
            return
        by, form, pid = self._ops.user_id, self.form, self.person_id
        # Not bound to a context: the discard must happen even when the form is gone.
        self._ops.run(lambda db: drafts.discard(db, by, form, pid), None, lambda _err: None,
                      changes={"drafts"})

    # helpers

    def _ready(self) -> bool:
        """A store is open (a form built without operations keeps no drafts)."""
        return self._ops is not None and self._ops.store is not None \
            and self._ops.user_id is not None
