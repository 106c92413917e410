"""Screenshots of the intake screen: Dutch with Arabic below, and Dutch with Tigrinya below.

    QT_QPA_PLATFORM=offscreen python tools/intake_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.access.workspace import initialise  # noqa: E402
from app.services import intakes, persons, users  # noqa: E402
from app.store import Target  # noqa: E402
from app.vocabulary import UserRole  # noqa: E402
from tools.screenshots import settle, shot  # noqa: E402
from ui.person.person_window import PersonWindow  # noqa: E402
from ui.session.operations import Operations  # noqa: E402
from ui.session.translations import apply_language  # noqa: E402

ANSWERS = {"needs": ["shelter", "medical"], "acute_medical": "no", "acute_psychological": "no"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_language("nl")
    store = initialise(Target(path=Path(tempfile.mkdtemp()) / "w.db"), "screenshot passphrase")
    with store.session() as db:
        anna = users.create_user(db, None, "anna", "Anna de Vries", UserRole.COORDINATOR,
                                 "demo-wachtwoord").id
        people = {}
        for lang, given, family, original in (("ar", "Rania", "Haddad", "رانيا حداد"),
                                              ("ti", "Rahwa", "Tekle", "ራሕዋ ተኽለ")):
            pid = persons.create_person(db, anna, persons.PersonFields(
                given_names=given, family_name=family, name_original=original,
                document_language=lang, sex="female", birth_date="1996")).id
            intake = intakes.begin(db, anna, pid, "short_intake")
            intakes.save_progress(db, anna, intake.id, intake.version, ANSWERS)
            people[lang] = pid
    ops = Operations(store, anna)
    for lang, pid in people.items():
        window = PersonWindow(ops, pid)
        window.resize(1366, 768)
        window.show()
        settle(app, ops, lambda w=window: w.file is not None)
        window.tabs.setCurrentWidget(window.intake)
        settle(app, ops, lambda w=window: w.intake.form is not None)
        shot(app, window, args.out, f"09-person-intake-{lang}", ops)
        window.close()
        settle(app, ops)
    ops.shutdown()
    store.close()


if __name__ == "__main__":
    main()
