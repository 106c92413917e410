"""Save a screenshot of every screen into docs/screenshots/ (Dutch; Arabic right-to-left for
Today and a person), from a fresh demo database, on Qt's offscreen platform.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out docs/screenshots]

With ``--fit``: the screens as the application sizes and places them on an office laptop's
screen (``--screen 1366x768``, or ``--screen 1280x720 --scale 1.25``: a 1600×900 screen at
125 %), named ``1366x768-people.png``, ``1280x720@125-person-plan.png``, ..., and checked:
no label, button, check box, group title or tab shows less than its text, and every window
lies within the screen's free area. ``--check`` prints what does not fit and exits with 1.

    python tools/screenshots.py --fit --screen 1280x720 --scale 1.25 [--check]

Look at every PNG before calling a screen done.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabBar,
    QWidget,
)

from app import demo  # noqa: E402
from app.access.workspace import initialise  # noqa: E402
from app.services import persons, plans, search, users  # noqa: E402
from app.store import Target  # noqa: E402
from app.vocabulary import UserRole  # noqa: E402

SIZE = (1366, 768)
#: With --fit: notes beside what does not fit (no Alt+letter, lists that scroll sideways).
KEYBOARD: list[str] = []
PASSWORD = "demo-wachtwoord"


def settle(app: QApplication, ops=None, until: Callable[[], bool] | None = None,  # noqa: ANN001
           timeout: float = 20.0) -> None:
    """Let queued work finish and the window repaint."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        busy = ops is not None and ops.pending > 0
        if not busy and (until is None or until()):
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)


def shot(app: QApplication, widget: QWidget, out: Path, name: str, ops=None,  # noqa: ANN001
         size: tuple[int, int] | None = SIZE, until: Callable[[], bool] | None = None) -> None:
    if size is not None:
        widget.resize(*size)
    widget.show()
    settle(app, ops, until)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def build_database(folder: Path, count: int = 400):  # noqa: ANN201
    store = initialise(Target(path=folder / "wegwijs.db"), "demo passphrase")
    with store.session() as db:
        anna = users.create_user(db, None, "anna", "Anna de Vries", UserRole.COORDINATOR,
                                 PASSWORD)
        users.create_user(db, anna.id, "bram", "Bram Jansen", UserRole.CASE_MANAGER, PASSWORD)
    demo.generate(store, count, seed=11)
    with store.session() as db:
        anna = users.authenticate(db, "anna", PASSWORD)
        syrian = None
        for row in search.search(db, anna.id, "", limit=count):
            plan = plans.current_plan(db, anna.id, row.id)
            if row.nationality == "SY" and row.name_original and plan is not None \
                    and len(plan.goals) >= 2 and plan.evaluations:
                syrian = row
                break
        assert syrian is not None, "no demo person with a plan, goals and evaluations"
        persons.open_person(db, anna.id, syrian.id)
    return store, anna, syrian.id


def use_screen(width: int, height: int, scale: float, folder: Path) -> None:
    """Before the QApplication: an offscreen screen of ``width``×``height`` logical pixels at
    ``scale`` (its physical size is that times ``scale``, as on a laptop set to 125 %)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": round(width * scale),
        "height": round(height * scale), "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    if scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--fit", action="store_true",
                        help="the screens as placed on --screen, checked for what does not fit")
    parser.add_argument("--screen", default="1366x768", help="logical size, e.g. 1280x720")
    parser.add_argument("--scale", type=float, default=1.0, help="e.g. 1.25 for 125 %%")
    parser.add_argument("--persons", type=int, default=400, help="demo people to make")
    parser.add_argument("--check", action="store_true",
                        help="with --fit: list what does not fit and exit with 1 if anything")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WEGWIJS_DATA_DIR"] = tmp
        if args.fit:
            width, height = (int(n) for n in args.screen.lower().split("x"))
            use_screen(width, height, args.scale, Path(tmp))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        from ui.session.translations import apply_language

        apply_language("nl")
        if args.fit:
            prefix = args.screen + (f"@{round(args.scale * 100)}" if args.scale != 1 else "")
            problems = take_fit(app, out, Path(tmp), prefix, args.persons)
            for line in problems:
                print("DOES NOT FIT:", line)
            for line in dict.fromkeys(KEYBOARD):
                print("NOTE:", line)
            return 1 if args.check and problems else 0
        take_all(app, out, Path(tmp))
    return 0


def _plain(text: str) -> str:
    """A text as shown: without the mnemonic marks (``&&`` is one ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _name(w: QWidget) -> str:
    return f"{type(w).__name__}({w.objectName() or '-'})"


def not_fitting(window: QWidget) -> list[str]:
    """What in a shown window shows less than its text, and whether the window is off-screen.

    A label that does not wrap must be as wide as its widest line; a button or check box as
    wide as its text and what it draws beside it; a group box as wide as its title; every tab
    of a tab bar as wide as its title, and all tabs must fit the bar (no scroll arrows).
    """
    problems: list[str] = []
    title = window.windowTitle() or _name(window)
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if not area.contains(frame):
        problems.append(f"{title}: window {frame.getRect()} outside the screen's free area "
                        f"{area.getRect()}")
    hint = window.minimumSizeHint()
    if hint.width() > area.width() or hint.height() > area.height():
        problems.append(f"{title}: needs at least {hint.width()}×{hint.height()}, the screen "
                        f"has {area.width()}×{area.height()}")
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 1:
            continue
        fm = w.fontMetrics()
        if isinstance(w, QLabel):
            text = w.text()
            if not text or not w.pixmap().isNull():
                continue
            if w.wordWrap() or Qt.mightBeRichText(text):
                need = w.heightForWidth(w.width())
                if need > w.height() + 1:
                    problems.append(f"{title}: {_name(w)} {_plain(text)[:40]!r}… needs height "
                                    f"{need}, has {w.height()}")
                continue
            need = max(fm.horizontalAdvance(line) for line in _plain(text).split("\n"))
            have = w.contentsRect().width() - 2 * w.margin() - 2 * max(w.indent(), 0)
            if need > have + 1:
                problems.append(f"{title}: {_name(w)} {_plain(text)!r} needs {need}, has {have}")
        elif isinstance(w, (QPushButton, QCheckBox, QRadioButton)):
            text = _plain(w.text())
            if not text:
                continue
            extra = 12 if isinstance(w, QPushButton) else 20
            if isinstance(w, QPushButton) and w.menu() is not None:
                extra += 12
            icon = w.iconSize().width() + 4 if not w.icon().isNull() else 0
            need = fm.horizontalAdvance(text) + extra + icon
            if need > w.width():
                problems.append(f"{title}: {_name(w)} {text!r} needs {need}, has {w.width()}")
        elif isinstance(w, QComboBox) and not w.isEditable() and w.currentText():
            need = fm.horizontalAdvance(w.currentText()) + 36
            if need > w.width():
                problems.append(f"{title}: {_name(w)} {w.currentText()!r} needs {need}, "
                                f"has {w.width()}")
        elif isinstance(w, QGroupBox) and w.title():
            need = fm.horizontalAdvance(_plain(w.title())) + 16
            if need > w.width():
                problems.append(f"{title}: group {_plain(w.title())!r} needs {need}, "
                                f"has {w.width()}")
        elif isinstance(w, QTabBar) and w.count():
            right = max(w.tabRect(i).right() for i in range(w.count()))
            if right > w.width() + 1 or w.tabRect(0).left() < -1:
                problems.append(f"{title}: the tabs need {right}, the bar has {w.width()}")
            for i in range(w.count()):
                text = _plain(w.tabText(i))
                if text and fm.horizontalAdvance(text) + 8 > w.tabRect(i).width():
                    problems.append(f"{title}: tab {text!r} is cut off")
    return problems


def no_mnemonic(window: QWidget) -> list[str]:
    """Notes for the keyboard and the eye: buttons, field labels and tabs without an
    Alt+letter (OK and Cancel answer Enter and Escape; check boxes and radio buttons are
    reached with Tab and Space), a letter used twice, and lists that scroll sideways."""
    problems: list[str] = []
    title = window.windowTitle() or _name(window)
    seen: dict[str, str] = {}
    texts: list[str] = []
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractItemView) and w.horizontalScrollBar().isVisible():
            problems.append(f"{title}: {_name(w)} scrolls sideways: too narrow for its columns")
        elif isinstance(w, QPushButton) and w.text():
            box = w.parent()
            role = box.buttonRole(w) if isinstance(box, QDialogButtonBox) else None
            if role not in (QDialogButtonBox.ButtonRole.RejectRole,  # Escape
                            QDialogButtonBox.ButtonRole.AcceptRole):  # Enter
                texts.append(w.text())
        elif isinstance(w, QTabBar):
            texts.extend(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QLabel) and w.buddy() is not None and w.text():
            texts.append(w.text())
    for text in texts:
        marked = text.replace("&&", "")
        if "&" not in marked:
            problems.append(f"{title}: {_plain(text)!r} has no Alt+letter")
            continue
        letter = marked[marked.index("&") + 1].lower()
        if letter in seen and seen[letter] != text and not window.findChildren(QTabBar):
            # (in a window with tabs Alt+1… reach the tabs; a letter used twice cycles)
            problems.append(f"{title}: Alt+{letter} is both {_plain(seen[letter])!r} and "
                            f"{_plain(text)!r}")
        seen.setdefault(letter, text)
    return problems


def covers_main(person: QWidget, main: QWidget) -> list[str]:
    """A person's window must leave the start side of the main window free (its menu, tabs
    and search field), and lie within the screen's free area."""
    from ui.widgets.screen_fit import MAIN_STRIP

    outer, start = person.frameGeometry(), main.frameGeometry()
    free = outer.left() >= start.left() + MAIN_STRIP - 1 if \
        main.layoutDirection() == Qt.LayoutDirection.LeftToRight else \
        outer.right() <= start.right() - MAIN_STRIP + 1
    problems = [] if free else [f"the person's window {outer.getRect()} covers the start of "
                                f"the main window {start.getRect()}"]
    if not person.screen().availableGeometry().contains(outer):
        problems.append(f"the person's window {outer.getRect()} is off the screen")
    return problems


def fit_shot(app: QApplication, window: QWidget, out: Path, name: str, ops,  # noqa: ANN001
             problems: list[str], until: Callable[[], bool] | None = None) -> None:
    """A window at the size and place the application gave it: saved and checked."""
    window.show()
    settle(app, ops, until)
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path)
    problems.extend(f"{name}: {p}" for p in not_fitting(window))
    KEYBOARD.extend(f"{name}: {p}" for p in no_mnemonic(window))


def screen_shot(app: QApplication, out: Path, name: str) -> None:
    """The whole screen, every window where the application put it."""
    screen = app.primaryScreen()
    path = out / f"{name}.png"
    screen.grabWindow(0).save(str(path))
    print(path)


def take_fit(app: QApplication, out: Path, tmp: Path, prefix: str, count: int) -> list[str]:
    """The main screens as the application sizes and places them; what does not fit."""
    from app.services import intakes
    from ui.office.main_window import AppWindow
    from ui.session.operations import Operations
    from ui.session.translations import apply_language
    from ui.settings.settings_dialog import SettingsDialog

    problems: list[str] = []
    store, anna, person_id = build_database(tmp, count)
    with store.session() as db:
        unfinished = intakes.unfinished(db, anna.id, limit=1)
    ops = Operations(store, anna.id)
    for lang in ("nl", "ar"):
        apply_language(lang)
        tag = prefix if lang == "nl" else f"{prefix}-ar"
        window = AppWindow(ops, anna)
        window.tabs.setCurrentIndex(0)
        fit_shot(app, window, out, f"{tag}-today", ops, problems,
                 until=lambda w=window: w.today.due_model.rowCount() > 0)
        window.tabs.setCurrentIndex(1)
        fit_shot(app, window, out, f"{tag}-people", ops, problems,
                 until=lambda w=window: w.people.model.rowCount() > 0)
        dialog = window.new_person()
        fit_shot(app, dialog, out, f"{tag}-new-person", ops, problems)
        dialog.done(0)
        person = window.open_person(person_id)
        settle(app, ops, lambda p=person: p.file is not None)
        screen_shot(app, out, f"{tag}-screen")
        problems.extend(f"{tag}-screen: {p}" for p in covers_main(person, window))
        names = ("overview", "card", "intake", "plan", "evaluations", "consent", "shelter",
                 "history")
        for name in names if lang == "nl" else names[:1] + names[3:5] + ("shelter",):
            person.tabs.setCurrentWidget(getattr(person, name))
            fit_shot(app, person, out, f"{tag}-person-{name}", ops, problems)
        person.drop()
        if unfinished:
            other = window.open_person(unfinished[0].person_id)
            settle(app, ops, lambda p=other: p.file is not None)
            other.tabs.setCurrentWidget(other.intake)
            fit_shot(app, other, out, f"{tag}-intake-form", ops, problems,
                     until=lambda p=other: p.intake.form is not None)
            other.drop()
        settings = SettingsDialog(ops, anna, window)
        for index, name in enumerate(("general", "office", "contacts", "users", "backups")):
            settings.tabs.setCurrentIndex(index)
            if lang == "nl" or index == 0:
                fit_shot(app, settings, out, f"{tag}-settings-{name}", ops, problems)
        settings.close()
        window.close()
        settle(app, ops)
    apply_language("nl")
    ops.shutdown()
    store.close()
    return problems


def take_all(app: QApplication, out: Path, tmp: Path) -> None:
    from ui.office.main_window import AppWindow
    from ui.person.person_window import PersonWindow
    from ui.session.operations import Operations
    from ui.session.translations import apply_language
    from ui.session.unlock import UnlockDialog
    from ui.settings.settings_dialog import SettingsDialog
    from ui.settings.setup_wizard import SetupWizard

    wizard = SetupWizard(Target(path=tmp / "new" / "wegwijs.db"))
    shot(app, wizard, out, "01-setup-passphrase", size=(760, 560))
    wizard.passphrase.setText("a long passphrase")
    wizard.passphrase_again.setText("a long passphrase")
    wizard.next()
    wizard.next()
    shot(app, wizard, out, "02-setup-contacts", size=(760, 560))
    wizard.close()

    store, anna, person_id = build_database(tmp)
    unlock = UnlockDialog(store.target)
    shot(app, unlock, out, "03-unlock", size=(520, 300))
    unlock.close()

    ops = Operations(store, anna.id)
    window = AppWindow(ops, anna)
    window.tabs.setCurrentIndex(0)
    shot(app, window, out, "04-today", ops, until=lambda: window.today.due_model.rowCount() > 0)
    window.tabs.setCurrentIndex(1)
    window.people.search.setText("moh")
    shot(app, window, out, "05-people-search", ops,
         until=lambda: window.people.model.current_filter().query == "moh")
    window.people.search.clear()
    dialog = window.new_person()
    dialog.form.given_names.setText("Mohammed")
    dialog.form.family_name.setText(window.people.model.row_at(0).name.split()[-1]
                                    if window.people.model.rowCount() else "Haddad")
    shot(app, dialog, out, "06-new-person", ops, size=(960, 560))
    dialog.close()

    person = PersonWindow(ops, person_id)
    settle(app, ops, lambda: person.file is not None)
    for index, name in enumerate(("overview", "card", "intake", "plan", "evaluations",
                                  "consent", "history")):
        person.tabs.setCurrentWidget(getattr(person, name))
        shot(app, person, out, f"{7 + index:02d}-person-{name}", ops)
    person.tabs.setCurrentWidget(person.shelter)
    shot(app, person, out, "29-person-shelter", ops,
         until=lambda: person.shelter.start_button.isEnabled()
         or person.shelter.end_button.isEnabled())
    merging = person.shelter.merge_records()
    shot(app, merging, out, "30-merge-choose", ops, size=(820, 620))
    merging.close()
    end = person.plan.end_plan()
    if end is not None:
        shot(app, end, out, "14-end-plan-four-eyes", ops, size=(600, 480))
        end.close()
    handover = person.handover()
    if handover is not None:
        shot(app, handover, out, "24-handover", ops, size=(960, 680))
        handover.close()
    person.close()

    settings = SettingsDialog(ops, anna)
    for index, name in enumerate(("general", "office", "contacts", "users", "backups")):
        settings.tabs.setCurrentIndex(index)
        shot(app, settings, out, f"{15 + index:02d}-settings-{name}", ops, size=(900, 620))
    settings.close()
    retention = window.retention_review()
    shot(app, retention, out, "23-retention-review", ops, size=(900, 560))
    retention.close()
    password = window.change_password()
    shot(app, password, out, "25-change-password", ops, size=(560, 320))
    password.close()
    caseloads = window.caseloads()
    shot(app, caseloads, out, "31-caseloads", ops, size=(720, 560))
    caseloads.close()
    window.close()

    apply_language("ar")
    window = AppWindow(ops, anna)
    window.tabs.setCurrentIndex(0)
    shot(app, window, out, "20-ar-today", ops, until=lambda: window.today.due_model.rowCount() > 0)
    person = PersonWindow(ops, person_id)
    settle(app, ops, lambda: person.file is not None)
    shot(app, person, out, "21-ar-person-overview", ops)
    person.tabs.setCurrentIndex(3)
    shot(app, person, out, "22-ar-person-plan", ops)
    person.close()
    window.close()
    window.deleteLater()
    apply_language("nl")
    settle(app, ops)
    ops.shutdown()
    store.close()
    settle(app)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip interpreter teardown: PySide's exit-time destruction order of the windows made
    # here has crashed after all files were written; nothing is left to save.
    os._exit(code)
