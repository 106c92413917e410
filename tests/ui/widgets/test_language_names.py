"""Languages are shown by name, in the interface language, with their own name; the triage
advice speaks the interface language, shows no rule codes, and its arrow follows the direction."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from app.i18n import language_label
from app.services import persons
from app.services.persons import PersonFields
from ui.session.translations import apply_language

CODE_SHOWN = re.compile(r"^[a-z]{2,3}$|\([a-z]{2,3}\)")


@pytest.mark.parametrize(("code", "lang", "shown"), [
    ("ar", "nl", "Arabisch (العربية)"), ("ar", "ar", "العربية"), ("ar", "en", "Arabic (العربية)"),
    ("nl", "nl", "Nederlands"), ("nl", "ar", "الهولندية (Nederlands)"),
    ("en", "ar", "الإنجليزية (English)"), ("ti", "nl", "Tigrinya (ትግርኛ)"),
    ("prs", "nl", "Dari (دری)"), ("prs", "ar", "الدارية (دری)"),
    ("ckb", "nl", "Sorani-Koerdisch (کوردیی ناوەندی)"), ("kmr", "en", "Kurmanji Kurdish (Kurmancî)"),
    ("fa", "nl", "Perzisch (فارسی)"),
])
def test_a_language_is_named_in_the_interface_language_with_its_own_name(
        code: str, lang: str, shown: str) -> None:
    assert language_label(code, lang) == shown


@pytest.mark.gui
@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_language_choices_never_show_a_code(qtbot, ops, people_store, anna, lang: str) -> None:  # noqa: ANN001
    from ui.person.person_window import PersonWindow

    apply_language(lang)
    with people_store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Rahwa", family_name="Tekle", document_language="ckb")).id
    window = PersonWindow(ops, pid)
    window.show()
    qtbot.waitUntil(lambda: window.file is not None)
    try:
        for combo in (window.card.language, window.intake.language, window.plan.print_language):
            items = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
            assert not [t for t in items.values() if CODE_SHOWN.search(t)], items
            assert items["ar"] == ("Arabisch (العربية)" if lang == "nl" else "العربية")
            assert items["fa"] == ("Perzisch (فارسی)" if lang == "nl" else "الفارسية (فارسی)")
        assert window.card.language.currentText() == (
            "Sorani-Koerdisch (کوردیی ناوەندی)" if lang == "nl"
            else "الكردية السورانية (کوردیی ناوەندی)")
        assert window.intake.language.findText("Tigrinya (ትግርኛ)" if lang == "nl"
                                               else "التغرينية (ትግርኛ)") >= 0
    finally:
        window.close()


@pytest.mark.gui
@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_person_form_and_settings_name_languages_like_everywhere(qtbot, ops, anna,  # noqa: ANN001
                                                                 lang: str) -> None:
    from ui.person.person_form import PersonForm
    from ui.settings.settings_dialog import SettingsDialog

    apply_language(lang)
    form = PersonForm()
    qtbot.addWidget(form)
    settings = SettingsDialog(ops, anna)
    qtbot.addWidget(settings)
    for combo in (form.document_language, settings.language):
        items = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
        assert not [t for t in items.values() if CODE_SHOWN.search(t)], items
        assert items == {code: language_label(code, lang) for code in items}
    documents = {form.document_language.itemData(i): form.document_language.itemText(i)
                 for i in range(form.document_language.count())}
    assert documents["prs"] == ("Dari (دری)" if lang == "nl" else "الدارية (دری)")
    interface = [settings.language.itemText(i) for i in range(settings.language.count())]
    assert interface == (["Nederlands", "Engels (English)", "Arabisch (العربية)"] if lang == "nl"
                         else ["الهولندية (Nederlands)", "الإنجليزية (English)", "العربية"])


TRIAGE = {"advice": {"rule_set_id": "amsterdam_flow", "rule_set_version": 1,
                     "outcome": "refer_medical", "items": [
                         {"rule_id": "acute_care", "outcome": "refer_medical", "decisive": True,
                          "advice": "Refer the person to medical care first (GP, after-hours GP "
                                    "post or emergency department). Continue the intake "
                                    "afterwards."},
                         {"rule_id": "vulnerability_age_or_sex", "outcome": "vulnerability_check",
                          "decisive": False,
                          "advice": "Around 18 years old or a woman. Check for extra "
                                    "vulnerability; young people and women are more often in a "
                                    "vulnerable situation."}]},
          "decision": None}


@pytest.mark.gui
@pytest.mark.parametrize(("lang", "arrow", "not_arrow", "direction", "word"), [
    ("nl", "▶", "◀", Qt.LayoutDirection.LeftToRight, "medische zorg"),
    ("en", "▶", "◀", Qt.LayoutDirection.LeftToRight, "medical care"),
    ("ar", "◀", "▶", Qt.LayoutDirection.RightToLeft, "الرعاية الطبية"),
])
def test_triage_advice_in_the_interface_language_without_rule_codes(
        qtbot, lang: str, arrow: str, not_arrow: str, direction: Qt.LayoutDirection,  # noqa: ANN001
        word: str) -> None:
    from app.questionnaire import interface_text
    from ui.person.triage_panel import TriagePanel

    apply_language(lang)
    panel = TriagePanel()
    qtbot.addWidget(panel)
    panel.show_triage(TRIAGE)
    text = panel.advice.text()
    assert "acute_care" not in text and "vulnerability_age_or_sex" not in text
    assert "[" not in text
    assert word in text.lower()
    for item in TRIAGE["advice"]["items"]:
        assert interface_text(item["advice"], lang) in text
    # The advised line starts (in reading order) with an arrow pointing into its text: at the
    # left in Dutch and English, at the right in Arabic (where the label runs right to left).
    lines = [line.lstrip("\u200f") for line in text.split("\n")]
    assert lines[1].startswith(arrow + " ")
    assert lines[2].startswith("• ")
    assert not_arrow not in text
    assert panel.advice.layoutDirection() == direction
    if direction == Qt.LayoutDirection.RightToLeft:
        assert all(line.startswith("\u200f") for line in text.split("\n"))
