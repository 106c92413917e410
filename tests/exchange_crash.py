"""Kill an exchange import with SIGKILL at random moments, again and again: the database is
afterwards exactly as before the import or exactly as after it (one transaction), and both
integrity checks pass.

Used by tests/app/exchange/test_import_crash.py (100 kills) and bench/bench_exchange.py
(``--kills 1000``).
"""

from __future__ import annotations

import multiprocessing
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from app.store import Target, open_store
from app.store.keys import DatabaseKey

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["app.exchange.transfer", "app.store"])


def _importer(path: str, key: bytes, salt: bytes, data: bytes, conn) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from app.exchange import transfer
    from app.store.models import User

    store = open_store(Target(path=Path(path)), key=DatabaseKey(key, salt))
    with store.session() as db:
        by = db.scalars(select(User.id).where(User.active.is_(True))).first()
    conn.send_bytes(b"started")
    with store.session() as db:
        transfer.import_bytes(db, by, data)
    conn.send_bytes(b"done")


@dataclass
class Result:
    rounds: int
    before: int  # rounds that left the database as it was
    after: int  # rounds where the import had committed before the kill


def state(path: Path, key: DatabaseKey) -> tuple:
    """Integrity checks, then what the database holds (all travelling rows and the log)."""
    from exchange_replicas import snapshot
    from sqlalchemy import func, select

    from app.store.exchange_tables import ExchangeChange
    from app.store.models import AuditEvent

    store = open_store(Target(path=path), key=key)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall() == []
        with store.session(read_only=True) as db:
            log = db.scalar(select(func.count()).select_from(ExchangeChange))
            audit = db.scalar(select(func.count()).select_from(AuditEvent))
        return (repr(sorted(snapshot(store).items())), log, audit)
    finally:
        store.close()


def run(original: Path, key: DatabaseKey, data: bytes, rounds: int, *, seed: int = 1,
        work: Path) -> Result:
    """``rounds`` imports of ``data`` into copies of ``original``, each killed at random."""
    rng = random.Random(seed)
    before = state(original, key)
    done_copy = work / "done.db"
    _fresh(original, done_copy)
    receive, send = _context.Pipe(duplex=False)
    full = _context.Process(target=_importer, args=(str(done_copy), key.key, key.salt, data,
                                                    send), daemon=True)
    started = time.perf_counter()
    full.start()
    full.join(120)
    took = time.perf_counter() - started
    after = state(done_copy, key)
    assert after != before, "the file must change something"
    result = Result(rounds, 0, 0)
    path = work / "crash.db"
    for round_ in range(rounds):
        _fresh(original, path)
        receive, send = _context.Pipe(duplex=False)
        proc = _context.Process(target=_importer, args=(str(path), key.key, key.salt, data,
                                                        send), daemon=True)
        proc.start()
        send.close()
        if not receive.poll(60):
            proc.kill()
            raise AssertionError(f"round {round_}: the importer never started")
        receive.recv_bytes()
        time.sleep(rng.uniform(0, took))
        proc.kill()
        proc.join(10)
        receive.close()
        now = state(path, key)
        assert now in (before, after), f"round {round_}: a half import is visible"
        if now == before:
            result.before += 1
        else:
            result.after += 1
    return result


def _fresh(original: Path, path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(original, path)
