"""The unlock window shows without the database layer or the main window's modules; they load
while it waits, in the background and then on the GUI thread, and the background thread reads
the shipped questionnaires (the first person window needs them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys, time
from PySide6.QtWidgets import QApplication
from app.store.target import Target
from ui.session import preload
from ui.session.controller import Controller
from ui.session.unlock import UnlockDialog

def loaded(prefix):
    return sorted(m for m in sys.modules if m == prefix or m.startswith(prefix + "."))

app = QApplication([])
dialog = UnlockDialog(Target(path=__import__("pathlib").Path(sys.argv[1])))
dialog.show()
app.processEvents()
assert not loaded("sqlalchemy"), "the unlock window loaded SQLAlchemy"
assert not loaded("ui.office.main_window"), "the unlock window loaded the main window"
preload.start()
deadline = time.monotonic() + 60
while "ui.office.main_window" not in sys.modules and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
preload.wait()
assert "app.access.workspace" in sys.modules and "ui.office.main_window" in sys.modules
from app.questionnaire.registry import default_registry
assert default_registry.cache_info().currsize == 1, "the questionnaires were not read"
import gc
from ui.office.main_window import AppWindow
from app.access.workspace import Opened
walked = {id(o) for o in gc.get_objects()}  # every generation but the frozen one
assert id(AppWindow) not in walked and id(Opened) not in walked, \
    f"the loaded modules were left to the collector's walks ({gc.get_freeze_count()} frozen)"
print("ok")
"""


def test_the_unlock_window_comes_before_the_heavy_modules(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WEGWIJS_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "wegwijs.db")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
