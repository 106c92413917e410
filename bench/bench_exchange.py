"""The exchange between two laptops of 10,000 people, 1,000 people changed on each (issue 13).

    python bench/bench_exchange.py [--persons 10000] [--changed 1000] [--runs 3] [--kills 0]

Builds an office laptop with the demo's people, a second laptop joined from it (a real join
file), changes ``--changed`` people on each (phone numbers on one, addresses on the other; a
tenth of them the same person's phone on both, which makes conflicts), then times
``wegwijs exchange export`` and ``wegwijs exchange import`` as whole processes (unlock with
argon2 included), in both directions, and prints the file sizes. ``--kills N`` then kills an
import with SIGKILL N times (tests/exchange_crash.py) and checks nothing half-done is left.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the project first: tests/app must not shadow app

PASSWORD = "bench coordinator's own password"
OFFICE = "bench office passphrase"


def _laptops(folder: Path, persons: int, changed: int):  # noqa: ANN202
    from sqlalchemy import select

    from app import demo
    from app.access import workspace
    from app.exchange import join
    from app.services import persons as person_service
    from app.store import Target
    from app.store.models import Person

    a_path, b_path = folder / "a.db", folder / "b.db"
    store = workspace.initialise(Target(path=a_path), OFFICE)
    cora = workspace.add_user(store, None, "cora", "Cora", "coordinator", PASSWORD)
    started = time.perf_counter()
    demo.generate(store, persons, seed=11)
    print(f"demo of {persons} people: {time.perf_counter() - started:.0f} s", flush=True)
    with store.session() as db:
        sealed, made = join.make_join_bytes(db, cora.id)
    started = time.perf_counter()
    b, _recovery, _summary = join.join(Target(path=b_path), OFFICE, sealed, made.code)
    join.give_own_way_in(b, "cora", PASSWORD)
    print(f"join file {len(sealed) / 1e6:.1f} MB, joined in {time.perf_counter() - started:.1f} s",
          flush=True)
    with store.session(read_only=True) as db:
        ids = list(db.scalars(select(Person.id).order_by(Person.record_number)))
    both = changed // 10
    plans = ((store, ids[:changed], "phone", "0611"), (b, ids[changed - both:2 * changed - both],
                                                        "phone", "0622"))
    for laptop, chosen, name, prefix in plans:
        for i in range(0, len(chosen), 200):
            with laptop.session() as db:
                for n, pid in enumerate(chosen[i:i + 200], start=i):
                    person = db.get(Person, pid)
                    fields = {name: f"{prefix}{n:06d}"}
                    if laptop is b:
                        fields["address"] = f"Kerkstraat {n}"
                    person_service.update_person(db, cora.id, pid, person.version,
                                                 person_service.PersonFields(**fields))
    store.close()
    b.close()
    return a_path, b_path


def _run(db: Path, *argv: str) -> float:
    env = {**os.environ, "WEGWIJS_USER": "cora", "WEGWIJS_PASSPHRASE": PASSWORD,
           "PYTHONDONTWRITEBYTECODE": ""}
    env.pop("PYTHONDONTWRITEBYTECODE")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "app.cli", "--db", str(db), *argv], env=env,
                          cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kills", type=int, default=0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="wegwijs-bench-exchange-"))
    a, b = _laptops(folder, args.persons, args.changed)
    import shutil

    rows = []
    for run in range(args.runs):
        work = folder / f"run{run}"
        work.mkdir()
        for name in ("a.db", "a.db.keyring", "b.db", "b.db.keyring"):
            shutil.copyfile(folder / name, work / name)
        wa, wb = work / "a.db", work / "b.db"
        ab, ba = work / "a-to-b.wegwijs-exchange", work / "b-to-a.wegwijs-exchange"
        t = {"floor: start, unlock, log in (exchange conflicts)": _run(wa, "exchange",
                                                                        "conflicts"),
             "export A": _run(wa, "exchange", "export", "--out", str(ab)),
             "import into B": _run(wb, "exchange", "import", str(ab)),
             "export B": _run(wb, "exchange", "export", "--out", str(ba)),
             "import into A": _run(wa, "exchange", "import", str(ba)),
             "import again (nothing new)": _run(wa, "exchange", "import", str(ba))}
        t["size A→B MB"] = ab.stat().st_size / 1e6
        t["size B→A MB"] = ba.stat().st_size / 1e6
        rows.append(t)
        print(run, {k: round(v, 2) for k, v in t.items()}, flush=True)
    print("\nmedians over", args.runs, "runs:")
    for key in rows[0]:
        print(f"  {key}: {statistics.median(r[key] for r in rows):.2f}")
    both = [r["export A"] + r["import into B"] for r in rows]
    print(f"  export + import (A→B): {statistics.median(both):.2f} s")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  load average at the end: {load:.1f} on {os.cpu_count()} cores")
    if args.kills:
        import exchange_crash

        from app.access import keyring
        from app.exchange import transfer
        from app.store import Target, open_store

        key_b = keyring.database_key(b, PASSWORD, "cora")
        store = open_store(Target(path=a), key=keyring.database_key(a, PASSWORD, "cora"))
        with store.session() as db:
            from sqlalchemy import select

            from app.store.models import User

            cora = db.scalar(select(User.id).where(User.username == "cora"))
            data, _ = transfer.export_bytes(db, cora)
        store.close()
        (folder / "kills").mkdir()
        started = time.perf_counter()
        result = exchange_crash.run(b, key_b, data, args.kills, seed=7, work=folder / "kills")
        print(f"{result.rounds} kills during import: {result.before} left the database as it "
              f"was, {result.after} after the commit, none half-done; integrity ok every time "
              f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
