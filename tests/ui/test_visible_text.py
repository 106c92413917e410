"""Every screen and dialog, in Dutch, English and Arabic, shows only text of that language.

The test walks the windows a volunteer sees and collects every visible text: labels, buttons,
tick boxes, group titles, tab texts, window titles, menu actions, table headers and
placeholders. A text passes when it is a translation in that language's catalogues
(``translations/wegwijs/<lang>.po`` or ``translations/questionnaire/<lang>.po``; compared without
the '&' of a shortcut, with ``{placeholders}`` matching text that passes in turn), when it is
data the test typed itself (names, dates, numbers), or when it is no language at all (the name
Wegwijs, digits, punctuation, a record number, a path). The intake shows the person's own
language below the volunteer's: that second line passes in the person's catalogue.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
    QWizard,
)

from app import TRANSLATIONS
from app.countries import country_codes
from app.i18n import language_label
from app.services import intakes, persons, plans
from app.services.persons import PersonFields
from app.services.plans import ActionFields, GoalFields, PlanFields
from app.store import Target
from tests.ui.helpers import wait_idle
from ui.session.translations import apply_language

pytestmark = pytest.mark.gui

LANGUAGES = ("nl", "en", "ar")
PERSON_LANGUAGE = "ti"  # the person in the walk reads Tigrinya: the intake's second line

# Data the test types or the fixtures hold: never a text to translate.
TYPED = {
    "Rahwa", "Tekle", "Rahwa Tekle", "ራሕዋ ተኽለ", "Anna de Vries", "Bram Jansen", "anna", "bram",
    "Establish the legal perspective with the lawyer", "Ask the lawyer for the file",
    "Stem in de Stad",
}
NOT_LANGUAGE = (
    re.compile(r"[\W\d_]*"),                       # digits, punctuation, symbols, bullets
    re.compile(r"Wegwijs"),
    re.compile(r"W-\d{5}"),                        # record number
    re.compile(r"[\d\-:. ]+"),                     # dates and times
    re.compile(r"\S*/\S+"),                        # a path or an address
    re.compile(r"[A-Z0-9]{4}(-[A-Z0-9]{4})+"),     # a recovery key
)
TYPED_WORDS = {word for text in TYPED for word in text.split()}
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b"
                                    "\u202c\u202d\u202e"))
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_BULLET = re.compile(r"^[•▶◀►◄→←·*\-–]\s+|\s+\*$")


def qt_standard_texts() -> set[str]:
    """The texts Qt's own translation gives its standard buttons (OK, Cancel...) now."""
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox()
    button = QDialogButtonBox.StandardButton
    for value in (button.Ok, button.Cancel, button.Close, button.Save, button.Yes, button.No,
                  button.Apply, button.Discard, button.Open, button.Help, button.Reset):
        box.addButton(value)
    texts = {normalise(b.text()) for b in box.buttons()}
    box.deleteLater()
    return texts


def normalise(text: str) -> str:
    """Without shortcut marks, direction marks and repeated white space."""
    text = text.translate(_INVISIBLE).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


@dataclass
class Catalogue:
    """The translations of one language, as exact texts and as patterns with placeholders."""

    lang: str
    exact: set[str] = field(default_factory=set)
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    @cache
    def of(cls, lang: str, folder: Path = TRANSLATIONS) -> Catalogue:
        cat = cls(lang)
        for domain in ("wegwijs", "questionnaire"):
            path = folder / domain / f"{lang}.po"
            if not path.is_file():
                continue
            with path.open("rb") as fh:
                for message in read_po(fh, locale=lang, domain=domain):
                    if not message.id or message.fuzzy:
                        continue
                    texts = list(message.string) if isinstance(message.string, tuple) \
                        else [message.string]
                    if lang == "en":  # English is the source language: the msgids count too
                        texts += list(message.id) if isinstance(message.id, tuple) \
                            else [message.id]
                    for text in texts:
                        cat.add(text)
        # Names from CLDR (countries, languages) in this language, and how we show languages.
        locale = Locale.parse(lang)
        cat.exact.update(normalise(n) for n in locale.territories.values())
        cat.exact.update(normalise(n) for n in locale.languages.values())
        cat.exact.update(normalise(language_label(code, lang))
                         for code in (*Locale("en").languages, "prs", "ckb", "kmr"))
        cat.exact.update(normalise(n) for n in (locale.territories.get(c) for c in country_codes())
                         if n)
        return cat

    def add(self, text: str) -> None:
        text = normalise(text)
        if not text:
            return
        if not _PLACEHOLDER.search(text):
            self.exact.add(text)
            return
        literal = _PLACEHOLDER.sub("", text)
        if not re.search(r"\w", literal):
            return  # only placeholders: it would match anything
        parts = _PLACEHOLDER.split(text)
        self.patterns.append(re.compile("(.+?)".join(re.escape(p) for p in parts), re.S))

    def passes(self, text: str, depth: int = 0) -> bool:
        text = normalise(text)
        if not text or text in TYPED or text in self.exact:
            return True
        if any(p.fullmatch(text) for p in NOT_LANGUAGE) or text in qt_standard_texts():
            return True
        if all(word in TYPED_WORDS or any(p.fullmatch(word) for p in NOT_LANGUAGE)
               for word in text.split()):
            return True  # "W-00001 Rahwa Tekle"
        stripped = _BULLET.sub("", text)
        if stripped != text:
            return self.passes(stripped, depth)
        if depth > 3:
            return False
        for pattern in self.patterns:
            match = pattern.fullmatch(text)
            if match and all(self.passes(g, depth + 1) for g in match.groups()):
                return True
        for separator in (" · ", " – ", " — ", ": ", ", "):
            if separator in text:
                return all(self.passes(part, depth + 1) for part in text.split(separator))
        return False


@dataclass
class Finding:
    where: str
    text: str


@dataclass
class Walk:
    """What the walk saw, and what failed, for one interface language."""

    lang: str
    second: str = PERSON_LANGUAGE
    seen: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Finding] = field(default_factory=list)

    def check(self, where: str, text: str) -> None:
        if not text or not text.strip():
            return
        self.seen.append((where, text))
        interface = Catalogue.of(self.lang)
        person = Catalogue.of(self.second)
        lines = text.split("\n")
        for line in lines:
            if not interface.passes(line) and not self._bilingual(line, interface, person) \
                    and not (where.endswith("#second") and person.passes(line)):
                self.failed.append(Finding(where, line))

    @staticmethod
    def _bilingual(line: str, interface: Catalogue, person: Catalogue) -> bool:
        """"Ja  ·  ሓደ": the volunteer's language, then the person's."""
        if "  ·  " not in line:
            return False
        first, _sep, second = line.partition("  ·  ")
        return interface.passes(first) and person.passes(second.removesuffix(" (en)"))

    def collect(self, root: QWidget, name: str) -> None:
        """Every visible text of ``root`` and the widgets in it."""
        for widget in [root, *root.findChildren(QWidget)]:
            if not _shown(widget, root):
                continue
            where = f"{name}: {type(widget).__name__}#{widget.objectName()}"
            if widget is root or widget.isWindow():
                self.check(f"{where} (window title)", widget.windowTitle())
            if isinstance(widget, QLabel):
                text = widget.text()
                if widget.textFormat() == Qt.TextFormat.RichText or (
                        widget.textFormat() == Qt.TextFormat.AutoText
                        and QtGui.Qt.mightBeRichText(text)):
                    text = QTextDocumentFragment.fromHtml(text).toPlainText()
                suffix = "#second" if widget.objectName().startswith("second_") else ""
                self.check(where + suffix, text)
            elif isinstance(widget, QAbstractButton):
                self.check(where, widget.text())
            elif isinstance(widget, QGroupBox):
                self.check(where, widget.title())
            elif isinstance(widget, QTabWidget):
                for i in range(widget.count()):
                    self.check(f"{where} tab {i}", widget.tabText(i))
            elif isinstance(widget, QLineEdit):
                self.check(f"{where} placeholder", widget.placeholderText())
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
                self.check(f"{where} placeholder", widget.placeholderText())
            elif isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
                header: QHeaderView = widget.horizontalHeader() if isinstance(
                    widget, QTableView) else widget.header()
                if header.isHidden():
                    continue
                model = widget.model()
                for column in range(model.columnCount()):
                    if not header.isSectionHidden(column):
                        self.check(f"{where} header {column}", str(model.headerData(
                            column, header.orientation()) or ""))
            elif isinstance(widget, QMenuBar):
                self._menu(where, widget.actions())
            if isinstance(widget, QWizard):
                for page_id in widget.pageIds():
                    page = widget.page(page_id)
                    self.check(f"{where} page {page_id} title", page.title())
                    self.check(f"{where} page {page_id} subtitle", page.subTitle())

    def _menu(self, where: str, actions: Iterable) -> None:
        for action in actions:
            if action.isSeparator() or not action.isVisible():
                continue
            self.check(f"{where} menu", action.text())
            menu = action.menu()
            if isinstance(menu, QMenu):
                self._menu(where, menu.actions())

    def report(self) -> str:
        lines = [f"{f.where}: {f.text!r}" for f in self.failed]
        return f"{len(self.failed)} texts not in the {self.lang} catalogues:\n" + "\n".join(lines)


def _shown(widget: QWidget, root: QWidget) -> bool:
    """Visible once ``root`` is shown: no widget between them is hidden."""
    current: QWidget | None = widget
    while current is not None and current is not root:
        if current.isHidden():
            return False
        current = current.parentWidget()
    return current is root


# --- the data the walk shows -----------------------------------------------------------------

def _person_with_everything(store, anna) -> uuid.UUID:  # noqa: ANN001
    """Rahwa: Tigrinya, a completed short intake (acute care advised), a plan with a goal."""
    with store.session() as db:
        pid = persons.create_person(db, anna.id, PersonFields(
            given_names="Rahwa", family_name="Tekle", name_original="ራሕዋ ተኽለ",
            document_language=PERSON_LANGUAGE, sex="female", birth_date="1996",
            nationality="ER")).id
        intake = intakes.begin(db, anna.id, pid, "short_intake")
        answers = {"needs": ["shelter", "medical"], "acute_medical": "yes",
                   "acute_psychological": "no", "place_to_sleep": "no",
                   "children_with_you": "no", "right_place": "yes", "nationality": "ER",
                   "status": "undocumented", "entry_ban": "no", "declared_undesirable": "no"}
        intake, _problems = intakes.save_progress(db, anna.id, intake.id, intake.version, answers)
        intakes.finish(db, anna.id, intake.id, intake.version, answers)
        plan = plans.create_plan(db, anna.id, pid, PlanFields(perspective="legal_residence"))
        goal = plans.add_goal(db, anna.id, plan.id, GoalFields(
            domain="legal", description="Establish the legal perspective with the lawyer"))
        plans.add_action(db, anna.id, goal.id, ActionFields(
            description="Ask the lawyer for the file", owner="person"))
    return pid


def _show(qtbot, widget: QWidget, keep: bool = False) -> QWidget:  # noqa: ANN001
    """Show ``widget``; qtbot closes it afterwards when ``keep``, else the walk drops it."""
    if keep:
        qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _walk_tabs(qtbot, ops, walk: Walk, tabs: QTabWidget, root: QWidget, name: str) -> None:  # noqa: ANN001
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        wait_idle(qtbot, ops)
        qtbot.wait(50)
        walk.collect(root, f"{name} / {normalise(tabs.tabText(index))}")


def _drop(dialog: QWidget) -> None:
    dialog.hide()
    dialog.deleteLater()


def walk_everything(qtbot, ops, people_store, anna, tmp_path: Path, lang: str) -> Walk:  # noqa: ANN001
    from ui.office.export_action import ExportDone
    from ui.office.main_window import AppWindow
    from ui.office.report_dialog import ReportDialog
    from ui.office.retention_dialog import RetentionDialog
    from ui.person.consent_tab import ConsentDialog
    from ui.person.contact_dialog import ContactDialog
    from ui.person.end_plan_dialog import EndPlanDialog
    from ui.person.handover_dialog import HandoverDialog
    from ui.person.new_person import NewPersonDialog
    from ui.person.person_window import PersonWindow
    from ui.person.plan_dialogs import ActionDialog, GoalDialog
    from ui.session.unlock import UnlockDialog
    from ui.settings.backup_page import BackupPage
    from ui.settings.password_dialog import PasswordDialog
    from ui.settings.recovery_key_dialog import RecoveryKeyDialog
    from ui.settings.settings_dialog import SettingsDialog
    from ui.settings.setup_wizard import SetupWizard

    apply_language(lang)
    walk = Walk(lang)
    pid = _person_with_everything(people_store, anna)

    main = _show(qtbot, AppWindow(ops, anna), keep=True)
    wait_idle(qtbot, ops)
    _walk_tabs(qtbot, ops, walk, main.tabs, main, "main window")

    dialog = _show(qtbot, NewPersonDialog(ops))
    walk.collect(dialog, "new person")
    _drop(dialog)

    person = _show(qtbot, PersonWindow(ops, pid))
    qtbot.waitUntil(lambda: person.file is not None)
    _walk_tabs(qtbot, ops, walk, person.tabs, person, "person window")
    person.tabs.setCurrentWidget(person.intake)
    qtbot.waitUntil(lambda: person.intake.triage.isVisible(), timeout=10000)
    walk.collect(person.intake.triage, "triage panel")

    with people_store.session() as db:
        plan = plans.current_plan(db, ops.user_id, pid)
        plan_id = plan.id
    noop = lambda *_a: None  # noqa: E731
    for make, name in ((lambda: GoalDialog(noop), "goal dialog"),
                       (lambda: ActionDialog(noop), "action dialog"),
                       (lambda: EndPlanDialog(ops, pid, plan_id), "end plan dialog"),
                       (lambda: ConsentDialog(ops, pid, "consent"), "consent dialog"),
                       (lambda: ContactDialog(noop), "contact dialog"),
                       (lambda: HandoverDialog(ops, person.file), "handover dialog")):
        dialog = _show(qtbot, make())
        wait_idle(qtbot, ops)
        walk.collect(dialog, name)
        _drop(dialog)
    person.close()
    wait_idle(qtbot, ops)

    settings = _show(qtbot, SettingsDialog(ops, anna))
    wait_idle(qtbot, ops)
    _walk_tabs(qtbot, ops, walk, settings.tabs, settings, "settings")
    _drop(settings)
    page = _show(qtbot, BackupPage(ops, anna))
    wait_idle(qtbot, ops)
    walk.collect(page, "backups page")
    _drop(page)

    for make, name in ((lambda: PasswordDialog(ops, anna.id), "password dialog"),
                       (lambda: ReportDialog(ops), "report dialog"),
                       (lambda: RetentionDialog(ops, anna), "retention dialog"),
                       (lambda: ExportDone(12, tmp_path / "people.xlsx"), "export done"),
                       (lambda: UnlockDialog(people_store.target), "unlock"),
                       (lambda: RecoveryKeyDialog("ABCD-EFGH-JKLM-NPQR", "Stem in de Stad",
                                                  str(tmp_path)), "recovery key")):
        dialog = _show(qtbot, make())
        wait_idle(qtbot, ops)
        walk.collect(dialog, name)
        _drop(dialog)

    wizard = _show(qtbot, SetupWizard(Target(path=tmp_path / "new" / "wegwijs.db")))
    for page_id in wizard.pageIds():
        walk.collect(wizard.page(page_id), f"set-up wizard page {page_id}")
    walk.collect(wizard, "set-up wizard")
    _drop(wizard)

    main.hide()
    wait_idle(qtbot, ops)
    return walk


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screen_speaks_the_interface_language(qtbot, ops, people_store, anna,  # noqa: ANN001
                                                    tmp_path: Path, lang: str) -> None:
    walk = walk_everything(qtbot, ops, people_store, anna, tmp_path, lang)
    # The walk really saw the screens, the intake with the person's language and the advice.
    assert len(walk.seen) > 300
    places = " ".join(where for where, _text in walk.seen)
    for name in ("QLabel#triage_advice", "#second", "QPushButton#start_short_intake",
                 "set-up wizard page", "recovery key", "settings / ", "QTableView#"):
        assert name in places, name
    assert not walk.failed, walk.report()


def test_the_check_catches_what_it_should() -> None:
    """English in the Arabic interface and rule codes fail; translations and data pass."""
    walk = Walk("ar")
    for text in ("Start short intake", "بدء short intake", "[acute_care]",
                 "إحالة [acute_care]", "Short intake"):
        walk.check("test", text)
    assert [f.text for f in walk.failed] == ["Start short intake", "بدء short intake",
                                             "[acute_care]", "إحالة [acute_care]",
                                             "Short intake"]
    fine = Walk("ar")
    for text in ("بدء المقابلة الأولية القصيرة", "W-00042", "Rahwa Tekle", "12-03-2026",
                 "Wegwijs", "العربية", "&حفظ"):
        fine.check("test", text)
    assert not fine.failed, fine.report()
