"""Cyclic garbage is freed on the GUI thread, never in a worker thread."""

from __future__ import annotations

import gc
import threading

from ui.session.gc_guard import MainThreadCollector

kept: list = []


class Cycle:
    def __init__(self, freed_in: list) -> None:
        self.me = self
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread())


def test_a_worker_allocating_does_not_free_cycles_there(qtbot) -> None:  # noqa: ANN001
    collector = MainThreadCollector(interval_ms=20)
    try:
        assert not gc.isenabled()
        freed_in: list = []
        Cycle(freed_in)
        worker = threading.Thread(target=lambda: kept.append([[] for _ in range(20_000)]))
        worker.start()
        worker.join()
        assert freed_in == []  # the worker passed every threshold, and collected nothing
        qtbot.waitUntil(lambda: freed_in != [], timeout=5000)
        assert freed_in == [threading.main_thread()]
    finally:
        kept.clear()
        collector.stop()
        collector.deleteLater()
