"""Benchmark of the store on a large demo database (run by hand, not a test).

    python bench/bench_store.py --persons 100000 [--keep DIR]

Reports: the time of `wegwijs demo --persons N` as a whole process, the database size,
search latency per query (target: median under 30 ms) and opening one person with everything
attached (target: under 50 ms).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from app.access.workspace import unlock
from app.services import persons, search, users
from app.store import Target
from app.store.models import Person

PASSPHRASE = "benchmark passphrase"  # the office's: opens nothing personal on its own
USER, PASSWORD = "bench", "benchmark own password"  # demo runs as this coordinator
QUERIES = ["Mohamed", "moh", "Abdel", "selam", "ሰላም", "محمد", "فاطمة", "Yilmaz", "Ahmadi haddad",
           "06-1", "W-00042", "tesfa", "zzzz", "a", "Hussein", "Mulugeta Haile"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the database in this folder")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="wegwijs-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"bench-{args.persons}.db"
    env = dict(os.environ, WEGWIJS_PASSPHRASE=PASSPHRASE)
    if not db.exists():
        cli = [sys.executable, "-m", "app.cli", "--db", str(db)]
        env.pop("WEGWIJS_USER", None)
        subprocess.run([*cli, "init"], check=True, env=env, stdout=subprocess.DEVNULL)
        (folder / "bench.pw").write_text(PASSWORD + "\n", encoding="utf-8")
        subprocess.run([*cli, "users", "add", USER, "--role", "coordinator", "--password-file",
                        str(folder / "bench.pw")], check=True, env=env, stdout=subprocess.DEVNULL)
        start = time.perf_counter()
        subprocess.run([*cli, "demo", "--persons", str(args.persons), "--seed", "1"], check=True,
                       env=dict(env, WEGWIJS_USER=USER, WEGWIJS_PASSPHRASE=PASSWORD),
                       stdout=subprocess.DEVNULL)
        print(f"wegwijs demo --persons {args.persons}: {time.perf_counter() - start:.1f} s")
    size = sum(p.stat().st_size for p in folder.glob(db.name + "*"))
    print(f"database size: {size / 1e6:.1f} MB")

    store = unlock(Target(path=db), PASSPHRASE)
    with store.session() as s:
        by = users.authenticate(s, USER, PASSWORD).id  # the services read for a user
        search.search(s, by, "warm up")
    medians = []
    print(f"{'query':<16} {'hits':>6} {'median ms':>10} {'p95 ms':>8}")
    for query in QUERIES:
        times = []
        for _ in range(args.repeat):
            with store.session() as s:
                t0 = time.perf_counter()
                rows = search.search(s, by, query, limit=200)
                times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        medians.append(statistics.median(times))
        print(f"{query:<16} {len(rows):>6} {statistics.median(times):>10.1f} "
              f"{times[int(0.95 * (len(times) - 1))]:>8.1f}")
    print(f"search: median over queries {statistics.median(medians):.1f} ms, "
          f"worst query median {max(medians):.1f} ms")

    with store.session() as s:
        ids = list(s.scalars(select(Person.id)))
    rng = random.Random(1)
    times = []
    for pid in rng.sample(ids, min(200, len(ids))):
        with store.session() as s:
            t0 = time.perf_counter()
            person = persons.open_person(s, by, pid)
            _ = [g.actions for p in person.plans for g in p.goals]
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"open one person with everything attached: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
