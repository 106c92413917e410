"""The one path to the data: every read and write runs off the GUI thread with its own session.

A screen calls ``Operations.run(work, done=..., failed=..., changes=...)``. ``work(db)`` runs in
a worker thread inside ``store.session()`` (committed on success, rolled back on error) and must
return plain data or ORM objects with everything the screen needs already loaded. ``done`` is
called back on the GUI thread with the result; ``failed`` with a ``WegwijsError`` (a message
for the volunteer). Any other exception is a bug: it is logged without personal data and shown
as a short crash note. After a successful write the change set (``{"person:<id>", "people",
...}``) is announced through ``changed`` so each open screen refreshes only when it is
concerned.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.errors import WegwijsError
from app.i18n import _

if TYPE_CHECKING:  # the unlock window shows before the database layer is loaded
    from sqlalchemy.orm import Session

    from app.store import Store

log = logging.getLogger("wegwijs.ui")

Work = Callable[["Session"], Any]
Done = Callable[[Any], None]
Failed = Callable[[WegwijsError], None]


def person_change(person_id: uuid.UUID) -> str:
    """The change key of everything about one person."""
    return f"person:{person_id}"


class _Outcome:
    """What a job produced. Always a real object: PySide6 miscounts references when ``None``
    itself crosses threads through a queued ``Signal(object)`` (a crash after many calls)."""

    __slots__ = ("error", "result")

    def __init__(self, result: Any, error: BaseException | None) -> None:
        self.result = result
        self.error = error


class _Relay(QObject):
    """Carries a worker's outcome back to the GUI thread (queued connection).

    The relay lives in the GUI thread; the worker emits ``finished``, which Qt queues to
    ``_deliver`` in the relay's own thread.

    Signals:
        finished(object): the ``_Outcome`` of the job.
    """

    finished = Signal(object)

    def __init__(self, callback: Callable[[Any, BaseException | None], None],
                 parent: QObject) -> None:
        # A parent makes the relay owned by Qt: the worker thread dropping its Python
        # reference must never destroy it there (Qt warns about timers across threads).
        super().__init__(parent)
        self._callback = callback
        self.finished.connect(self._deliver)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        self._callback(outcome.result, outcome.error)


class _StoreSlot:
    """Where the jobs find the store: there from the start, or still being opened in another
    thread (the main window shows before the database layer is loaded, issue 17).

    ``get`` waits for a store that is coming; it is None when there is none (or its opening
    failed: ``error`` says why).
    """

    def __init__(self, store: Store | None) -> None:
        self._store = store
        self._coming: threading.Event | None = None
        self.error: WegwijsError | None = None

    def expect(self) -> None:
        if self._store is None:
            self._coming = threading.Event()

    def put(self, store: Store | None, error: WegwijsError | None = None) -> None:
        self._store, self.error = store, error
        if self._coming is not None:
            self._coming.set()

    @property
    def coming(self) -> bool:
        return self._store is None and self._coming is not None and not self._coming.is_set()

    @property
    def absent(self) -> bool:
        """No store, and none was ever expected."""
        return self._store is None and self._coming is None

    def get(self) -> Store | None:
        coming = self._coming
        if self._store is None and coming is not None:
            coming.wait()
        return self._store


class _Job(QRunnable):
    def __init__(self, slot: _StoreSlot, work: Work, relay: _Relay, session: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._slot = slot
        self._work = work
        self._relay = relay
        self._session = session

    def run(self) -> None:
        try:
            if self._session:
                store = self._slot.get()  # waits while the store is still being opened
                if store is None:
                    raise self._slot.error or WegwijsError(_("The database is not open."))
                with store.session() as db:
                    result = self._work(db)
            else:
                result = self._work(None)  # type: ignore[arg-type]
        except BaseException as err:  # handed to the GUI thread, never lost
            if not isinstance(err, WegwijsError):
                log.error("bug in a background operation: %s", type(err).__name__)
                log.debug("traceback", exc_info=err)
            outcome = _Outcome(None, err)
        else:
            outcome = _Outcome(result, None)
        self._work = None  # type: ignore[assignment]  # nothing of the screen stays here
        self._relay.finished.emit(outcome)


class Operations(QObject):
    """Runs data work in a thread pool and announces what changed.

    Signals:
        changed(set): keys of what a write changed ("people", "person:<id>", "settings", ...).
        busy(bool): True while any operation runs (for a wait cursor or a status line).
        bug(str): an unexpected error; the text is safe to show (no personal data).
    """

    changed = Signal(set)
    busy = Signal(bool)
    bug = Signal(str)

    def __init__(self, store: Store | None, user_id: uuid.UUID | None,
                 parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self._slot = _StoreSlot(store)
        self.user_id = user_id
        # The People list's plain-SQL reader on an SQLite file (app.store.people_reader), which
        # needs no database layer; None: the list reads through the services.
        self.reader = None
        self.reader_lock = threading.Lock()
        # Writes (and reads that may write, such as the audit of an open) go one at a time:
        # SQLite refuses a write whose transaction began before another write committed.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Pure reads (search pages, counts) run beside them.
        self._read_pool = QThreadPool(self)
        self._read_pool.setMaxThreadCount(max(1, threads - 1))
        self._relays: set[_Relay] = set()

    @property
    def store(self) -> Store | None:
        """The open store. While it is still being opened (``expect_store``) this waits for it,
        so a dialog opened in the first moments after unlocking finds it."""
        return self._slot.get()

    @store.setter
    def store(self, store: Store | None) -> None:
        self._slot.put(store)

    def expect_store(self) -> None:
        """The store is being opened in another thread: work asked meanwhile waits for it."""
        self._slot.expect()

    def store_opened(self, store: Store | None, error: WegwijsError | None = None) -> None:
        """From any thread: the store ``expect_store`` waited for (or why it did not open)."""
        self._slot.put(store, error)

    @property
    def store_coming(self) -> bool:
        return self._slot.coming

    @property
    def pending(self) -> int:
        """How many operations have not yet reported back."""
        return len(self._relays)

    def run_in(self, context: QObject, work: Work, done: Done | None = None,
               failed: Failed | None = None, **kwargs: Any) -> None:
        """``run`` for a widget: its callbacks are dropped if it is gone when work ends."""
        self.run(work, done, failed, context=context, **kwargs)

    def run(self, work: Work, done: Done | None = None, failed: Failed | None = None, *,
            changes: Iterable[str] = (), session: bool = True,
            context: QObject | None = None, read_only: bool = False) -> None:
        """Run ``work(db)`` in a worker; call ``done``/``failed`` on the GUI thread.

        The change set is announced even when ``context`` (the asking widget) is gone.
        ``read_only`` work runs in a separate pool, beside the writes.
        """
        if session and self._slot.absent:
            raise RuntimeError("no store is open")
        change_set = set(changes)

        def finished(result: Any, error: BaseException | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            alive = context is None or shiboken6.isValid(context)
            try:
                if error is None:
                    if done is not None and alive:
                        done(result)
                    if change_set:
                        self.changed.emit(change_set)
                elif isinstance(error, WegwijsError):
                    if not alive:
                        pass
                    elif failed is not None:
                        failed(error)
                    elif error is not self._slot.error:  # that one is told once, by the opener
                        self.bug.emit(error.message)
                else:
                    self.bug.emit(_("Something went wrong inside Wegwijs ({kind}). Nothing "
                                    "was saved of this last step; please tell the coordinator.")
                                  .format(kind=type(error).__name__))
            finally:
                if not self._relays:
                    self.busy.emit(False)

        relay = _Relay(finished, self)
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy.emit(True)
        pool = self._read_pool if read_only else self._pool
        pool.start(_Job(self._slot, work, relay, session))

    @Slot()
    def shutdown(self) -> None:
        """Drop queued work and wait for the running jobs (at the end of a session)."""
        for pool in (self._pool, self._read_pool):
            pool.clear()
            pool.waitForDone(30000)
