"""Desktop benchmarks: start-up to a usable People screen, and search latency per keystroke.

    python bench/bench_startup.py --db10k PATH --db100k PATH --passphrase-file FILE
    python bench/bench_startup.py --make     # builds both databases in ~/.cache/wegwijs-bench

Start-up: wall time from launching a fresh Python process until the People list shows its
first page, on a 10,000-person database (the unlock, key derivation included; the time a
person needs to type is not), after one warm-up run. Target under 1.5 s.

Also the time from launching ``wegwijs`` until its unlock window shows (what a volunteer waits
for before typing; the database layer loads while they type).

Search: in the People model on 100,000 people, names are typed one key at a time; for each
keystroke the time from the changed filter to the first page shown. Target median under 30 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = Path.home() / ".cache" / "wegwijs-bench"
PASSPHRASE = "bench passphrase"
WORDS = ("mohammed", "yonas", "al-hassan", "fatima", "tesfay", "ahmadi", "W-01234",
         "0612", "محمد", "amanuel")


def child(db: Path, passphrase: str) -> None:
    """Runs in a fresh process: open, log in, show People; print when the first page is up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.access.workspace import unlock
    from app.services import users
    from app.store import Target
    from ui.office.main_window import AppWindow
    from ui.session.operations import Operations
    from ui.session.translations import apply_language

    app = QApplication(sys.argv[:1])
    apply_language("nl")
    store = unlock(Target(path=db), passphrase)
    with store.session() as session:
        user = users.list_users(session)[0]
    ops = Operations(store, user.id)
    window = AppWindow(ops, user)
    window.resize(1366, 768)

    def ready(_seconds: float) -> None:
        print(f"READY {time.time():.6f}", flush=True)
        QTimer.singleShot(0, app.quit)

    window.people.model.first_page.connect(ready)
    window.show()
    app.exec()
    ops.shutdown()
    store.close()


def unlock_window(db: Path, runs: int) -> list[float]:
    """Seconds from launching ``wegwijs --db DB`` until its unlock window is shown, per run
    (after one warm-up run); the window announces itself with ``WEGWIJS_EXIT_AFTER_SHOWN``."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WEGWIJS_EXIT_AFTER_SHOWN="1",
               WEGWIJS_DATA_DIR=str(CACHE / "data"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for run in range(runs + 1):
        start = time.time()
        with subprocess.Popen([sys.executable, "-m", "ui.session.command", "--db", str(db)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True) as child:
            assert child.stdout is not None
            line = child.stdout.readline()
            shown = time.time()
            child.wait(timeout=60)
        if "shown unlock" not in line:
            raise SystemExit(f"the unlock window did not show: {line!r}")
        if run:
            times.append(shown - start)
    return times


def startup(db: Path, passphrase: str, runs: int) -> list[float]:
    """Seconds to the first page of People, per run, after one warm-up run that is not counted
    (it fills the disk cache and, as on an ordinary installation, writes the bytecode of every
    module loaded: the runs go without ``PYTHONDONTWRITEBYTECODE``)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for run in range(runs + 1):
        start = time.time()
        out = subprocess.run([sys.executable, __file__, "--child", str(db), "--passphrase",
                              passphrase], capture_output=True, text=True, timeout=120,
                             env=env)
        line = next((x for x in out.stdout.splitlines() if x.startswith("READY")), None)
        if line is None:
            raise SystemExit(f"the child did not get ready:\n{out.stderr[-2000:]}")
        if run:
            times.append(float(line.split()[1]) - start)
    return times


def keystrokes(db: Path, passphrase: str) -> list[float]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.access.workspace import unlock
    from app.store import Target
    from ui.office.people_model import PeopleFilter, PeopleModel
    from ui.session.operations import Operations

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - kept alive
    store = unlock(Target(path=db), passphrase)
    ops = Operations(store, None)
    model = PeopleModel(ops)
    latencies: list[float] = []

    def wait_first_page(flt: PeopleFilter) -> float:
        loop = QEventLoop()
        seen: list[float] = []

        def got(seconds: float) -> None:
            seen.append(seconds)
            loop.quit()

        model.first_page.connect(got)
        QTimer.singleShot(10000, loop.quit)
        model.set_filter(flt)
        loop.exec()
        model.first_page.disconnect(got)
        if ops.pending:  # let the count finish before the next key
            idle = QEventLoop()

            def on_busy(busy: bool) -> None:
                if not busy:
                    idle.quit()

            ops.busy.connect(on_busy)
            QTimer.singleShot(10000, idle.quit)
            idle.exec()
            ops.busy.disconnect(on_busy)
        return seen[0] if seen else float("nan")

    wait_first_page(PeopleFilter(""))
    for word in WORDS:
        for n in range(1, len(word) + 1):
            latencies.append(wait_first_page(PeopleFilter(word[:n])))
        wait_first_page(PeopleFilter(""))
    ops.shutdown()
    store.close()
    return latencies


def make(folder: Path) -> tuple[Path, Path]:
    from sqlalchemy.exc import IntegrityError

    from app import demo
    from app.access.workspace import initialise
    from app.services import users
    from app.store import Target
    from app.vocabulary import UserRole

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in (10_000, 100_000):
        path = folder / f"people-{n}.db"
        for seed in range(5, 15):
            if path.exists():
                break
            store = initialise(Target(path=path), PASSPHRASE)
            with store.session() as db:
                users.create_user(db, None, "bench", "Bench", UserRole.COORDINATOR, PASSPHRASE)
            try:
                demo.generate(store, n, seed=seed)
            except IntegrityError:  # app.demo may draw the same random V-number twice
                store.close()
                for suffix in ("", "-wal", "-shm", ".keyring"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
                continue
            store.close()
        paths.append(path)
    return paths[0], paths[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--passphrase", default=PASSPHRASE, help=argparse.SUPPRESS)
    parser.add_argument("--passphrase-file", type=Path)
    parser.add_argument("--db10k", type=Path)
    parser.add_argument("--db100k", type=Path)
    parser.add_argument("--make", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    passphrase = (args.passphrase_file.read_text().splitlines()[0] if args.passphrase_file
                  else args.passphrase)
    if args.child:
        child(args.child, passphrase)
        return 0
    if args.make or not (args.db10k and args.db100k):
        db10k, db100k = make(CACHE)
    else:
        db10k, db100k = args.db10k, args.db100k
    shown = unlock_window(db10k, args.runs)
    print(f"start-up to the unlock window: median {statistics.median(shown):.2f} s, "
          f"min {min(shown):.2f} s, max {max(shown):.2f} s")
    times = startup(db10k, passphrase, args.runs)
    print(f"start-up to People on 10,000: median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s (target < 1.5 s)")
    lat = [x * 1000 for x in keystrokes(db100k, passphrase)]
    lat.sort()
    print(f"search per keystroke on 100,000 ({len(lat)} keys): median "
          f"{statistics.median(lat):.1f} ms, p90 {lat[int(len(lat) * 0.9)]:.1f} ms, "
          f"max {lat[-1]:.1f} ms (target median < 30 ms)")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # PySide6 6.12 has crashed in interpreter teardown here (bool_dealloc while collecting
    # garbage) after the figures were printed; skip the teardown.
    os._exit(code)
