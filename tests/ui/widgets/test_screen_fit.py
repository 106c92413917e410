"""The screens fit an office laptop: 1366×768, and 1280×720 logical (a 1600×900 screen at
125 %). Each size runs ``tools/screenshots.py --fit --check`` in a process of its own (the
screen is chosen before Qt starts): no label, button, check box, group title, choice or tab
shows less than its text, every window lies within the screen's free area, and a person's
window leaves the main window's menu, tabs and search field free."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QWidget

from ui.widgets.screen_fit import available, place_beside

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("screen", "scale", "prefix"), [("1366x768", "1", "1366x768"),
                                                         ("1280x720", "1.25", "1280x720@125")])
def test_every_screen_fits(tmp_path: Path, screen: str, scale: str, prefix: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",
                                                            "QT_SCALE_FACTOR")}
    env["WEGWIJS_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screenshots.py"), "--fit", "--check",
         "--screen", screen, "--scale", scale, "--persons", "120", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    problems = [line for line in result.stdout.splitlines() if line.startswith("DOES NOT FIT")]
    assert result.returncode == 0, "\n".join(problems) or result.stderr[-3000:]
    for name in ("today", "people", "new-person", "screen", "person-overview", "person-plan",
                 "person-evaluations", "intake-form", "settings-general", "ar-today",
                 "ar-person-overview"):
        assert (tmp_path / f"{prefix}-{name}.png").stat().st_size > 10_000, name


def test_the_check_finds_cut_off_text(qapp) -> None:  # noqa: ANN001
    sys.path.insert(0, str(ROOT))
    from tools.screenshots import not_fitting

    window = QWidget()
    label = QLabel("Volgende evaluatie uiterlijk 01-06-2027 — elke 6 maanden", window)
    label.setGeometry(0, 0, 120, 20)
    button = QPushButton("Kaarten van de selectie &afdrukken…", window)
    button.setGeometry(0, 30, 80, 24)
    window.resize(300, 100)
    window.show()
    found = not_fitting(window)
    assert any("elke 6 maanden" in p for p in found)
    assert any("Kaarten van de selectie afdrukken" in p for p in found)
    label.setWordWrap(True)
    label.setGeometry(0, 0, 120, 80)
    button.setGeometry(0, 30, 300, 24)
    window.resize(400, 100)
    assert not_fitting(window) == []
    window.close()


def test_person_windows_stay_on_screen_and_cascade(qapp) -> None:  # noqa: ANN001
    """(On the small test screen; beside the main window at laptop sizes: see above.)"""
    main = QMainWindow()
    area = available(main)
    main.setGeometry(area.adjusted(10, 40, -10, -10))
    main.show()
    person = QWidget()
    tops = []
    for index in range(3):
        place_beside(person, main, index)
        outer = QRect(person.pos(), person.size())
        assert area.contains(outer), index
        assert outer.left() > main.frameGeometry().left(), index  # the start side stays free
        tops.append(outer.top())
    assert tops == sorted(set(tops))  # each next window a little lower
    main.close()


def test_escape_closes_a_persons_window(qtbot, ops, people_store, anna) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from app.services import persons
    from tests.ui.helpers import wait_idle
    from ui.person.person_window import PersonWindow

    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, persons.PersonFields(
            given_names="Hamid", family_name="Rahimi")).id
    window = PersonWindow(ops, pid)
    window.show()
    qtbot.waitUntil(lambda: window.file is not None)
    with qtbot.waitSignal(window.closed):
        qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_Escape)
    wait_idle(qtbot, ops)


def test_a_long_name_never_widens_a_persons_window(qtbot, ops, people_store, anna) -> None:  # noqa: ANN001
    from app.services import persons
    from tests.ui.helpers import wait_idle
    from ui.person.person_window import PersonWindow

    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, persons.PersonFields(
            given_names="Abd al-Rahman Mohammed Abdullah Ibrahim",
            family_name="Al-Hassan Al-Khatib Al-Tamimi", name_original="عبد الرحمن محمد عبد الله "
            "إبراهيم الحسن الخطيب التميمي")).id
    window = PersonWindow(ops, pid)
    window.show()
    qtbot.waitUntil(lambda: window.file is not None)
    assert "Al-Tamimi" in window.header.text()
    assert window.minimumSizeHint().width() < 1000
    window.close()
    wait_idle(qtbot, ops)


def test_the_documentation_screenshots_are_taken(tmp_path: Path) -> None:
    """``tools/screenshots.py`` (without --fit) reaches every screen, the end-plan dialog on the
    plan tab included; ``--help`` answers."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",
                                                            "QT_SCALE_FACTOR")}
    env["WEGWIJS_DATA_DIR"] = str(tmp_path / "data")
    script = str(ROOT / "tools" / "screenshots.py")
    helped = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True,
                            timeout=60, env=env, cwd=ROOT)
    assert helped.returncode == 0 and "--fit" in helped.stdout
    result = subprocess.run([sys.executable, script, "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in ("14-end-plan-four-eyes", "11-person-evaluations", "22-ar-person-plan"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000, name
