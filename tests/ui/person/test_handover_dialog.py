"""The warm handover from the person window: only what consent covers, else a logged override."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import shiboken6
from acting import user_named
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from app.i18n import _
from app.services import consents, persons, users
from app.services.persons import PersonFields
from app.store.models import AuditEvent
from app.vocabulary import UserRole
from tests.ui.helpers import wait_idle
from ui.person.handover_dialog import HandoverDialog
from ui.person.person_window import PersonWindow
from ui.session.operations import Operations
from ui.widgets.labels import ltr

pytestmark = pytest.mark.gui

PARTNER = "Taalhuis Haarlem"


@pytest.fixture
def person_id(people_store, anna):  # noqa: ANN001, ANN201
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi", phone="0612345678",
            v_number="1122334455", nationality="AF")).id
        consents.give_consent(db, anna.id, pid, purpose="Language course", partner=PARTNER,
                              scope=["identity", "contact"])
    return pid


def _window(qtbot, ops, person_id) -> PersonWindow:  # noqa: ANN001
    w = PersonWindow(ops, person_id)
    w.show()
    qtbot.waitUntil(lambda: w.file is not None)
    return w


def _close(qtbot, w, ops) -> None:  # noqa: ANN001
    if shiboken6.isValid(w):
        w.close()
    wait_idle(qtbot, ops)


def _open_dialog(qtbot, w: PersonWindow) -> HandoverDialog:  # noqa: ANN001
    tab = w.consent
    w.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.handover_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in tab.findChildren(HandoverDialog) if d.isVisible()][0]
    return dialog


def _choose_partner(qtbot, dialog: HandoverDialog, partner: str) -> None:  # noqa: ANN001
    line = dialog.partner.lineEdit()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, partner)
    qtbot.waitUntil(lambda: dialog._checked_partner == partner, timeout=10000)


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def _handover_events(store) -> list[AuditEvent]:  # noqa: ANN001
    with store.session() as db:
        return list(db.scalars(select(AuditEvent).where(AuditEvent.entity == "handover")))


def test_handover_holds_only_what_consent_covers(qtbot, ops, people_store, person_id,  # noqa: ANN001
                                                 tmp_path: Path) -> None:
    w = _window(qtbot, ops, person_id)
    try:
        dialog = _open_dialog(qtbot, w)
        assert dialog.partner.currentText() == PARTNER  # offered from the consents
        qtbot.waitUntil(lambda: dialog._checked_partner == PARTNER, timeout=10000)
        assert dialog.coverage.text() == f"{_('Contact details')}, {_('Identity')}"
        assert not dialog.override_visible()
        assert not dialog.save_button.isEnabled()
        with qtbot.waitSignal(dialog.made, timeout=15000) as made:
            qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        assert made.args == [1]
        assert dialog.preview.page_count() == 1

        target = tmp_path / "out" / "overdracht.pdf"
        dialog.ask_path = lambda parent, suggested: (
            target if suggested.startswith("W-00001-") and suggested.endswith(".pdf") else None)
        with qtbot.waitSignal(dialog.saved, timeout=10000):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        text = _pdf_text(target)
        assert "Hamid Rahimi" in text and "0612345678" in text and PARTNER in text
        assert "1122334455" not in text and "Afghanistan" not in text  # residence not covered
        (event,) = _handover_events(people_store)
        assert event.detail == "consent:contact,identity" and event.user_id == ops.user_id

        # printing draws the same pages (here on Qt's PDF printer instead of a queue)
        printed = tmp_path / "printed.pdf"
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        with qtbot.waitSignal(dialog.printed) as pages:
            dialog.print_to(printer)
        assert pages.args == [1] and len(PdfReader(printed).pages) == 1

        # another partner: the document is gone until it is made again
        _choose_partner(qtbot, dialog, "Woonbond")
        assert dialog.pdf is None and not dialog.save_button.isEnabled()
    finally:
        _close(qtbot, w, ops)


def test_without_consent_a_coordinator_overrides_with_a_logged_reason(  # noqa: ANN001
        qtbot, ops, people_store, person_id, tmp_path: Path) -> None:
    w = _window(qtbot, ops, person_id)
    try:
        dialog = _open_dialog(qtbot, w)
        _choose_partner(qtbot, dialog, "GGD Kennemerland")
        assert dialog.coverage.text().startswith(_(
            "Nothing: there is no consent to share anything with {partner}. Without consent no "
            "handover document can be made.").format(partner="GGD Kennemerland"))
        assert dialog.override_visible() and dialog.make_button.isEnabled()

        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)  # no reason yet
        assert dialog.errors.text("override_reason") == _(
            "Give the reason for handing over without consent.")
        qtbot.keyClicks(dialog.reason, "urgent")
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.errors.text("override_reason") == _(
            "Explain the override in a full sentence."), timeout=10000)
        assert dialog.pdf is None and _handover_events(people_store) == []

        dialog.reason.clear()
        reason = "Acute danger to his health; he cannot be asked today."
        qtbot.keyClicks(dialog.reason, reason)
        with qtbot.waitSignal(dialog.made, timeout=15000):
            qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        target = tmp_path / "ggd.pdf"
        dialog.ask_path = lambda parent, suggested: target
        with qtbot.waitSignal(dialog.saved, timeout=10000):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        text = " ".join(_pdf_text(target).split())
        assert "coördinator" in text and reason in text
        (event,) = _handover_events(people_store)
        assert event.detail.startswith("override:") and event.user_id == ops.user_id
        assert event.person_id == person_id
        assert dialog.status.text() == _("Saved: {path}").format(path=ltr(target))
    finally:
        _close(qtbot, w, ops)


@pytest.mark.parametrize("role", [UserRole.VOLUNTEER, UserRole.CASE_MANAGER])
def test_others_cannot_override(qtbot, qapp, people_store, person_id, role) -> None:  # noqa: ANN001
    with people_store.session() as db:
        helper = users.create_user(db, user_named(db, "anna").id, "vera", "Vera", role,
                                   "vera's password").id
    ops = Operations(people_store, helper)
    try:
        w = _window(qtbot, ops, person_id)
        dialog = _open_dialog(qtbot, w)
        _choose_partner(qtbot, dialog, "GGD Kennemerland")
        assert not dialog.override_visible()
        assert not dialog.make_button.isEnabled()
        assert _("Record the person's consent first, or ask a coordinator.") in \
            dialog.coverage.text()

        # even a reason slipped past the screen is refused by the service
        dialog.reason.setPlainText("Acute danger to his health; he cannot be asked today.")
        dialog._form.setRowVisible(dialog._reason_row, True)
        dialog.make()
        qtbot.waitUntil(lambda: dialog.errors.general.text() != "", timeout=10000)
        assert dialog.errors.general.text() == _(
            "Your role does not allow this; ask a coordinator.")
        assert dialog.pdf is None and _handover_events(people_store) == []

        # with consent the handover is theirs to make
        _choose_partner(qtbot, dialog, PARTNER)
        with qtbot.waitSignal(dialog.made, timeout=15000):
            qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        (event,) = _handover_events(people_store)
        assert event.detail == "consent:contact,identity" and event.user_id == helper
        _close(qtbot, w, ops)
    finally:
        ops.shutdown()


def test_handover_from_the_window_menu(qtbot, ops, person_id) -> None:  # noqa: ANN001
    w = _window(qtbot, ops, person_id)
    try:
        assert w.handover_action.isVisible()
        w.handover_action.trigger()
        (dialog,) = [d for d in w.findChildren(HandoverDialog) if d.isVisible()]
        qtbot.waitUntil(lambda: dialog._checked_partner == PARTNER, timeout=10000)
        dialog.close()
    finally:
        _close(qtbot, w, ops)


def test_the_request_to_the_partner_is_printed(qtbot, ops, people_store, person_id,  # noqa: ANN001
                                               tmp_path: Path) -> None:
    w = _window(qtbot, ops, person_id)
    try:
        dialog = _open_dialog(qtbot, w)
        qtbot.waitUntil(lambda: dialog._checked_partner == PARTNER, timeout=10000)
        qtbot.keyClicks(dialog.request, "Plan een intake voor de taalcursus deze week.")
        with qtbot.waitSignal(dialog.made, timeout=15000):
            qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        target = tmp_path / "overdracht.pdf"
        dialog.ask_path = lambda parent, suggested: target
        with qtbot.waitSignal(dialog.saved, timeout=10000):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        text = " ".join(_pdf_text(target).split())
        assert "Wij vragen u Plan een intake voor de taalcursus deze week." in text
        assert "Afzender" in text and "Toestemming Gegeven op" in text
        # typing on forgets the document: it is made again with the new request
        qtbot.keyClicks(dialog.request, " Graag")
        assert dialog.pdf is None
    finally:
        _close(qtbot, w, ops)
