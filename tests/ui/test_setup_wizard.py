"""First start: passphrase twice, office profile, card contacts, first user."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.services import contacts, office, users
from app.store import Target
from app.vocabulary import ContactRole, UserRole
from app.workspace import unlock
from tests.ui.helpers import type_text
from ui.setup_wizard import SetupWizard

pytestmark = pytest.mark.gui


def _next(qtbot, wizard) -> None:  # noqa: ANN001
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_first_start_creates_the_office(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    target = Target(path=tmp_path / "new" / "wegwijs.db")
    wizard = SetupWizard(target)
    qtbot.addWidget(wizard)
    wizard.show()

    qtbot.keyClicks(wizard.passphrase, "short")
    qtbot.keyClicks(wizard.passphrase_again, "short")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.pass_page
    assert wizard.pass_page.errors.text("passphrase")

    wizard.passphrase.clear()
    wizard.passphrase_again.clear()
    type_text(qtbot, wizard.passphrase, "geheim voor het kantoor é")
    type_text(qtbot, wizard.passphrase_again, "geheim voor het kantoor é")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.office_page

    wizard.office_fields["name"].clear()
    qtbot.keyClicks(wizard.office_fields["name"], "Stem in de Stad Haarlem")
    qtbot.keyClicks(wizard.office_fields["phone"], "023-5551234")
    qtbot.keyClicks(wizard.office_fields["opening_hours"], "ma-vr 10-16")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.contacts_page

    gp = [i for i, f in enumerate(wizard.default_contacts) if f.role == "gp"][0]
    org, phone = wizard.contact_edits[gp]
    qtbot.keyClicks(org, "Huisartsenpraktijk Centrum")
    qtbot.keyClicks(phone, "023-5550000")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.user_page

    qtbot.keyClicks(wizard.display_name, "Cora Coördinator"[:5])
    assert wizard.username.text() == "cora"
    qtbot.keyClicks(wizard.password, "cora's wachtwoord")
    qtbot.keyClicks(wizard.password_again, "cora's wachtwoord")
    with qtbot.waitSignal(wizard.unlocked, timeout=20000) as blocker:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    store, user = blocker.args
    store.close()

    reopened = unlock(target, "geheim voor het kantoor é")
    with reopened.session() as db:
        profile = office.get_profile(db)
        assert profile.name == "Stem in de Stad Haarlem"
        assert profile.opening_hours == "ma-vr 10-16"
        gp_row = [c for c in contacts.list_contacts(db, None) if c.role == ContactRole.GP][0]
        assert gp_row.organisation == "Huisartsenpraktijk Centrum"
        assert gp_row.phone == "023-5550000"
        (cora,) = users.list_users(db)
        assert (cora.username, cora.role) == ("cora", UserRole.COORDINATOR)
        assert users.authenticate(db, "cora", "cora's wachtwoord").id == user.id
    reopened.close()


def test_a_bad_phone_sends_back_to_the_office_page(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    target = Target(path=tmp_path / "wegwijs.db")
    wizard = SetupWizard(target)
    qtbot.addWidget(wizard)
    wizard.show()
    for edit in (wizard.passphrase, wizard.passphrase_again):
        qtbot.keyClicks(edit, "a long passphrase")
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.office_fields["phone"], "call me maybe")
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.display_name, "Cora")
    qtbot.keyClicks(wizard.password, "a good password")
    qtbot.keyClicks(wizard.password_again, "a good password")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.office_page, timeout=20000)
    assert wizard.office_page.errors.text("phone")
    assert not target.path.exists()  # nothing half-made is left behind
