"""Where Wegwijs's start-up goes (issue 17): a breakdown, printed.

    python bench/profile_startup.py [--db PATH] [--passphrase-file FILE] [--runs 3]

1. Imports: ``python -X importtime`` of the real window start (``bench/startup_child.py
   wegwijs``, the same run ``bench_startup.py`` times), self time summed per top-level package
   (PySide6, sqlalchemy, alembic, reportlab, babel, app, ui, ...). The run ends once the store
   is open behind the window, so the database layer (loaded after the People list is shown)
   is in it too.
2. The unlock's steps, in a fresh process: the key derivation (argon2, the user's keyring
   entry), the quick start (the user, the settings and People's first page in plain SQL), a
   search through the plain reader; then what happens behind the window: the database layer
   imported, the shipped questionnaires read, the store opened (the migrations check); and,
   for comparison, People's first page through the services and the password check that is
   not on the path (a second argon2).
3. The window's stages from the timed run's stamps: launch -> unlock window, Enter -> main
   window shown, shown -> first page -> painted.

Medians of ``--runs`` fresh processes each; run ``bench_startup.py`` first (it builds the
database and gives the bench user their own password).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def _env() -> dict[str, str]:
    from bench_startup import CACHE

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WEGWIJS_DATA_DIR=str(CACHE / "data"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("WEGWIJS_EXIT_AFTER_SHOWN", None)
    return env


def imports(db: Path, secret: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Self time per top-level package (s), and the stamps of that run."""
    start = time.time()
    out = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "bench" /
                          "startup_child.py"), "wegwijs", "--db", str(db), "--passphrase-file",
                          str(secret)], cwd=ROOT, env=_env(), capture_output=True, text=True,
                         timeout=120)
    per: dict[str, float] = defaultdict(float)
    for line in out.stderr.splitlines():
        m = LINE.match(line)
        if m:
            per[m.group(4).split(".")[0]] += int(m.group(1)) / 1e6
    stamps = {}
    for line in out.stdout.splitlines():
        if line.startswith("STAMP "):
            _, what, when = line.split()
            stamps[what] = float(when) - start
    return dict(per), stamps


def steps(db: Path, passphrase: str) -> dict[str, float]:
    """In this (fresh) process: the unlock's steps, timed after their imports where they are
    not themselves the point (the database layer's import is timed: it loads behind the
    window)."""
    import importlib

    from app.access import keyring
    from app.access.quick_start import quick_start
    from app.store import Target
    from ui.office.pages import PAGE
    from ui.session.preload import STORE_MODULES

    target = Target(path=db)
    t = {}
    t0 = time.perf_counter()
    key = keyring.unlock(db, keyring.user_entry("bench"), passphrase)
    t["key derivation (argon2, keyring entry)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    started = quick_start(target, key, "bench", PAGE)
    assert started is not None, "no quick start: is the bench database at the newest schema?"
    t[f"quick start: user, settings, People's first {len(started.first_page)} (plain SQL)"] = \
        time.perf_counter() - t0
    by = started.user.id
    t0 = time.perf_counter()
    started.reader.page(by, "ahmadi", limit=PAGE)
    t["  a search through the plain reader ('ahmadi')"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for name in STORE_MODULES:
        importlib.import_module(name)
    t["behind the window: the database layer imported"] = time.perf_counter() - t0
    from app.access import workspace
    from app.questionnaire.registry import default_registry
    from app.services import search, users

    t0 = time.perf_counter()
    default_registry()
    t["behind the window: questionnaires read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    store = workspace.open_behind(target, started)
    t["behind the window: store opened (migrations check)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with store.session() as session:
        rows = search.search(session, by, "", limit=PAGE, offset=0)
    t[f"(for comparison) People page through the services, {len(rows)} rows"] = \
        time.perf_counter() - t0
    t0 = time.perf_counter()
    with store.session() as session:
        users.authenticate(session, "bench", passphrase)
    t["(not on the path: password check, argon2)"] = time.perf_counter() - t0
    store.close()
    started.close()
    return t


def main() -> int:
    from bench_startup import CACHE, PASSPHRASE

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=CACHE / "people-10000.db")
    parser.add_argument("--passphrase-file", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    passphrase = (args.passphrase_file.read_text().splitlines()[0] if args.passphrase_file
                  else PASSPHRASE)
    if args.steps:
        for what, seconds in steps(args.db, passphrase).items():
            print(f"{seconds:.6f}\t{what}")
        return 0
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    per_runs: list[dict[str, float]] = []
    stamp_runs: list[dict[str, float]] = []
    step_runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        secret = Path(tmp) / "passphrase"
        secret.write_text(passphrase + "\n")
        imports(args.db, secret)  # warm-up
        for _ in range(args.runs):
            per, stamps = imports(args.db, secret)
            per_runs.append(per)
            stamp_runs.append(stamps)
            out = subprocess.run([sys.executable, __file__, "--steps", "--db", str(args.db),
                                  "--passphrase-file", str(secret)], env=_env(),
                                 capture_output=True, text=True, timeout=120, cwd=ROOT)
            found = {}
            for line in out.stdout.splitlines():
                seconds, what = line.split("\t")
                found[what] = float(seconds)
            if not found:
                raise SystemExit(out.stderr[-2000:])
            step_runs.append(found)

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r.get(key, 0.0) for r in runs)

    names = sorted({k for r in per_runs for k in r}, key=lambda k: -med(per_runs, k))
    total = statistics.median(sum(r.values()) for r in per_runs)
    print(f"\nimports (python -X importtime, self time per top-level package, median of "
          f"{args.runs}; under importtime, which slows imports): total {total:.3f} s")
    shown = 0.0
    for name in names:
        value = med(per_runs, name)
        if value >= 0.005:
            print(f"  {name:<24} {value:7.3f} s")
            shown += value
    print(f"  {'(the rest)':<24} {total - shown:7.3f} s")
    print("\nunlock steps, in-process after their imports (median):")
    for what in step_runs[0]:
        print(f"  {what:<44} {med(step_runs, what):7.3f} s")
    print("\nstages of the timed run (under importtime; median):")
    stages = (("launch -> unlock window shown", "unlock", None),
              ("Enter -> main window shown (first page in it)", "people", "enter"),
              ("main window shown -> first page", "first_page", "people"),
              ("first page -> painted (usable)", "ready", "first_page"),
              ("launch -> usable People", "ready", None))
    for what, end, begin in stages:
        value = statistics.median(r[end] - (r[begin] if begin else 0.0) for r in stamp_runs)
        print(f"  {what:<44} {value:7.3f} s")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)
