"""Kill Wegwijs mid-write, again and again, and check that nothing acknowledged is lost.

A writer process (forked from a clean fork server that has imported the services) registers
people through the real services in a loop and acknowledges each one over a pipe only after
its transaction committed. The harness kills it with SIGKILL at a random moment, reopens the
database, and checks that every acknowledged person is there and that both
``PRAGMA integrity_check`` and ``PRAGMA cipher_integrity_check`` pass.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from dataclasses import dataclass
from pathlib import Path

from acting import acting
from sqlalchemy import select

from app.store import Target, open_store
from app.store.keys import DatabaseKey
from app.store.models import Person

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["app.services.persons", "app.store"])


def _writer(path: str, key: bytes, salt: bytes, start: int, conn) -> None:  # noqa: ANN001
    from app.services import persons

    store = open_store(Target(path=Path(path)), key=DatabaseKey(key, salt))
    i = start
    while True:
        with store.session() as db:
            persons.create_person(db, acting(db), persons.PersonFields(
                given_names="Crash", family_name="Test", nickname=f"crash-{i}"))
        conn.send_bytes(str(i).encode())  # after the commit returned: acknowledged
        i += 1


@dataclass
class Result:
    rounds: int
    acknowledged: int
    max_seconds: float


def run(path: Path, key: DatabaseKey, rounds: int, seed: int = 1) -> Result:
    """Kill the writer ``rounds`` times; raise AssertionError on the first loss or damage."""
    rng = random.Random(seed)
    acknowledged: set[int] = set()
    next_number = 0
    slowest = 0.0
    for round_ in range(rounds):
        receive, send = _context.Pipe(duplex=False)
        writer = _context.Process(target=_writer, args=(str(path), key.key, key.salt,
                                                        next_number, send), daemon=True)
        writer.start()
        send.close()
        # Wait for a first acknowledgement (the writer is running), then kill at random.
        if not receive.poll(30):
            writer.kill()
            raise AssertionError(f"round {round_}: the writer never acknowledged")
        time.sleep(rng.uniform(0, 0.04))
        writer.kill()
        writer.join(10)
        while receive.poll(0):
            try:
                acknowledged.add(int(receive.recv_bytes()))
            except EOFError:
                break
        receive.close()
        next_number = max(acknowledged, default=-1) + 1_000
        started = time.perf_counter()
        _check(path, key, acknowledged, round_)
        slowest = max(slowest, time.perf_counter() - started)
    return Result(rounds, len(acknowledged), slowest)


def _check(path: Path, key: DatabaseKey, acknowledged: set[int], round_: int) -> None:
    store = open_store(Target(path=path), key=key)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").fetchall() == [("ok",)], round_
            assert conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall() == [], round_
        with store.session() as db:
            stored = {int(n.removeprefix("crash-")) for n in db.scalars(
                select(Person.nickname).where(Person.nickname.like("crash-%")))}
        missing = acknowledged - stored
        assert not missing, f"round {round_}: acknowledged but lost: {sorted(missing)[:10]}"
    finally:
        store.close()
