"""First start: passphrase twice, office profile, card contacts, first user."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from app.access.workspace import unlock
from app.i18n import _
from app.services import contacts, office, users
from app.store import Target
from app.vocabulary import ContactRole, UserRole
from tests.ui.helpers import type_text
from ui.settings.setup_wizard import SetupWizard
from ui.widgets.labels import role_label

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
        gp_row = [c for c in contacts.list_contacts(db, user.id, None) if c.role == ContactRole.GP][0]
        assert gp_row.organisation == "Huisartsenpraktijk Centrum"
        assert gp_row.phone == "023-5550000"
        (cora,) = users.list_users(db, user.id)
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


def _to_page(qtbot, wizard, page) -> None:  # noqa: ANN001
    """Fill the passphrase and go forward to ``page``."""
    for edit in (wizard.passphrase, wizard.passphrase_again):
        qtbot.keyClicks(edit, "a long passphrase")
    while wizard.currentPage() is not page:
        _next(qtbot, wizard)


def test_explanations_show_in_full(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    wizard = SetupWizard(Target(path=tmp_path / "wegwijs.db"))
    qtbot.addWidget(wizard)
    wizard.show()
    for edit in (wizard.passphrase, wizard.passphrase_again):
        qtbot.keyClicks(edit, "a long passphrase")
    for page in (wizard.pass_page, wizard.office_page, wizard.contacts_page, wizard.user_page):
        while wizard.currentPage() is not page:
            _next(qtbot, wizard)
        qtbot.wait(10)
        assert page.subTitle() == ""  # the wizard's subtitle line has a fixed height
        text = page.explanation
        assert text.isVisible() and text.wordWrap() and text.text()
        assert text.height() >= text.heightForWidth(text.width())  # nothing cut off


def test_the_office_passphrase_is_named_so(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    wizard = SetupWizard(Target(path=tmp_path / "wegwijs.db"))
    qtbot.addWidget(wizard)
    label = wizard.pass_page.findChild(QLabel, "label_passphrase")
    assert label.text().startswith(_("&Office passphrase"))
    assert _("office passphrase") in wizard.pass_page.explanation.text()
    own = wizard.user_page.findChild(QLabel, "label_password")
    assert own.text().startswith(_("Your own pass&word"))


def test_required_fields_are_marked(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    wizard = SetupWizard(Target(path=tmp_path / "wegwijs.db"))
    qtbot.addWidget(wizard)
    assert wizard.pass_page.errors.required() == ["passphrase", "again"]
    assert wizard.office_page.errors.required() == []  # office.update_profile needs nothing
    assert wizard.user_page.errors.required() == ["display_name", "username", "password",
                                                   "again"]
    for page in (wizard.pass_page, wizard.user_page):
        assert page.findChild(QLabel, "required_legend") is not None


def test_the_passphrase_field_keeps_its_height_when_its_error_shows(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    wizard = SetupWizard(Target(path=tmp_path / "wegwijs.db"))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    before = (wizard.passphrase.height(), wizard.passphrase_again.height())
    qtbot.keyClicks(wizard.passphrase, "short")
    _next(qtbot, wizard)
    assert wizard.pass_page.errors.text("passphrase")
    qtbot.wait(20)
    assert (wizard.passphrase.height(), wizard.passphrase_again.height()) == before
    qtbot.keyClicks(wizard.passphrase, "er and longer")  # typing takes the error away
    assert wizard.pass_page.errors.text("passphrase") == ""


def test_a_bad_contact_phone_names_its_row(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    target = Target(path=tmp_path / "wegwijs.db")
    wizard = SetupWizard(target)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_page(qtbot, wizard, wizard.contacts_page)
    gp = [i for i, f in enumerate(wizard.default_contacts) if f.role == "gp"][0]
    qtbot.keyClicks(wizard.contact_edits[gp][1], "call the doctor")
    _next(qtbot, wizard)
    qtbot.keyClicks(wizard.display_name, "Cora")
    qtbot.keyClicks(wizard.password, "a good password")
    qtbot.keyClicks(wizard.password_again, "a good password")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.contacts_page, timeout=20000)
    general = wizard.contacts_page.errors.general
    assert general.isVisible()
    assert general.text().startswith(role_label("gp") + ": ")
    assert wizard.contact_edits[gp][1].hasFocus()
    assert not target.path.exists()
    wizard.contact_edits[gp][1].clear()
    qtbot.keyClicks(wizard.contact_edits[gp][1], "023-5550000")
    assert general.isHidden()  # gone once the row is corrected
