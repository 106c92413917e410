"""Save a screenshot of every screen into docs/screenshots/ (Dutch; Arabic right-to-left for
Today and a person), from a fresh demo database, on Qt's offscreen platform.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out docs/screenshots]

Look at every PNG before calling a screen done.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app import demo  # noqa: E402
from app.services import persons, plans, search, users  # noqa: E402
from app.store import Target  # noqa: E402
from app.vocabulary import UserRole  # noqa: E402
from app.workspace import initialise  # noqa: E402

SIZE = (1366, 768)
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


def build_database(folder: Path):  # noqa: ANN201
    store = initialise(Target(path=folder / "wegwijs.db"), "demo passphrase")
    with store.session() as db:
        users.create_user(db, None, "anna", "Anna de Vries", UserRole.COORDINATOR, PASSWORD)
        users.create_user(db, None, "bram", "Bram Jansen", UserRole.CASE_MANAGER, PASSWORD)
    demo.generate(store, 400, seed=11)
    with store.session() as db:
        anna = users.authenticate(db, "anna", PASSWORD)
        syrian = None
        for row in search.search(db, "", limit=400):
            plan = plans.current_plan(db, row.id)
            if row.nationality == "SY" and row.name_original and plan is not None \
                    and len(plan.goals) >= 2 and plan.evaluations:
                syrian = row
                break
        assert syrian is not None, "no demo person with a plan, goals and evaluations"
        persons.open_person(db, anna.id, syrian.id)
    return store, anna, syrian.id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WEGWIJS_DATA_DIR"] = tmp
        app = QApplication.instance() or QApplication(sys.argv[:1])
        from ui.translations import apply_language

        apply_language("nl")
        take_all(app, out, Path(tmp))
    return 0


def take_all(app: QApplication, out: Path, tmp: Path) -> None:
    from ui.app_window import AppWindow
    from ui.operations import Operations
    from ui.person_window import PersonWindow
    from ui.settings_dialog import SettingsDialog
    from ui.setup_wizard import SetupWizard
    from ui.translations import apply_language
    from ui.unlock import UnlockDialog

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
        person.tabs.setCurrentIndex(index)
        shot(app, person, out, f"{7 + index:02d}-person-{name}", ops)
    end = person.evaluations.end_plan()
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
