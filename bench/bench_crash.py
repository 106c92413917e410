"""The long crash run: 2,000 SIGKILLs while saving (run by hand; the test suite does 200).

    python bench/bench_crash.py [--rounds 2000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the project first: tests/app must not shadow app

import crash_harness  # noqa: E402

from app.store import Target, create_store  # noqa: E402
from app.store.keys import key_for_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="wegwijs-crash-")) / "crash.db"
    create_store(Target(path=path), "crash passphrase").close()
    key = key_for_file(path, "crash passphrase")
    start = time.perf_counter()
    result = crash_harness.run(path, key, args.rounds, args.seed)
    print(f"{result.rounds} kills, {result.acknowledged} acknowledged edits, none lost, "
          f"integrity ok after every restart; {time.perf_counter() - start:.0f} s "
          f"(slowest check {result.max_seconds * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
