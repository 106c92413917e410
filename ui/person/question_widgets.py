"""One input widget per question type, each showing its choices in the volunteer's language
(the interface language) and the person's, and giving back the raw value the engine reads.

Every widget has ``value()`` (raw, for ``app.questionnaire.read_form``), ``set_value(stored)``
and the signal ``edited``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.countries import country_codes, language_codes
from app.i18n import _, interface_language, is_rtl
from app.questionnaire import Question, QuestionType, choice_texts
from app.questionnaire.texts import country_texts, language_texts, reading_texts


def bilingual_label(dutch: str, second: str, second_lang: str, fallback: bool) -> str:
    """One line for a choice: "Ja · نعم" (the second part only when it differs); the first part
    is in the volunteer's language."""
    if not second or second == dutch:
        return dutch
    return f"{dutch}  ·  {second}" + (" (en)" if fallback else "")


class AnswerWidget(QWidget):
    """Base: an input for one question.

    Signals:
        edited(): the volunteer changed the answer.
    """

    edited = Signal()

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang
        self.setObjectName(f"answer_{question.id}")

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class TextAnswer(AnswerWidget):
    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if question.type is QuestionType.LONG_TEXT:
            self.edit: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
            self.edit.textChanged.connect(self.edited)
        else:
            self.edit = QLineEdit()
            self.edit.textEdited.connect(self.edited)
            if question.type is QuestionType.DATE:
                self.edit.setPlaceholderText(_("dd-mm-yyyy, mm-yyyy, yyyy or unknown"))
            elif question.type is QuestionType.NUMBER:
                self.edit.setPlaceholderText(_("a number"))
        self.edit.setObjectName(f"input_{question.id}")
        layout.addWidget(self.edit)

    def value(self) -> str:
        if isinstance(self.edit, QPlainTextEdit):
            return self.edit.toPlainText()
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.question.type is QuestionType.DATE and text and text != "unknown":
            parts = text.split("-")
            text = "-".join(reversed(parts))
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.blockSignals(True)
            self.edit.setPlainText(text)
            self.edit.blockSignals(False)
        else:
            self.edit.setText(text)


class ChoiceAnswer(AnswerWidget):
    """Radio buttons (one answer) or check boxes (several), labelled in both languages."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.multiple = question.type is QuestionType.MULTIPLE_CHOICE
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.buttons: dict[str, QCheckBox | QRadioButton] = {}
        choices = choice_texts(question, lang, interface_language())
        layout = QHBoxLayout(self) if len(choices) <= 3 else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for value, texts in choices:
            text = bilingual_label(*texts.as_tuple())
            button: QCheckBox | QRadioButton = QCheckBox(text) if self.multiple else QRadioButton(text)
            button.setObjectName(f"choice_{question.id}_{value}")
            self.group.addButton(button)
            self.buttons[value] = button
            button.toggled.connect(self._toggled)
            layout.addWidget(button)
        if isinstance(layout, QHBoxLayout):
            layout.addStretch(1)

    def _toggled(self, on: bool) -> None:
        if on or self.multiple:
            self.edited.emit()

    def value(self) -> Any:
        chosen = [v for v, b in self.buttons.items() if b.isChecked()]
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    def set_value(self, value: Any) -> None:
        values = set(value) if isinstance(value, list) else {value}
        for v, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(v in values)
            button.blockSignals(False)


class CountryAnswer(AnswerWidget):
    """A searchable list of countries, named in Dutch and in the person's language."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.combo = QComboBox()
        self.combo.setObjectName(f"input_{question.id}")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItem("", None)
        entries = []
        for code in sorted(country_codes()) + ["stateless", "unknown"]:
            texts = country_texts(code, lang, interface_language())
            entries.append((bilingual_label(*texts.as_tuple()), code))
        for text, code in sorted(entries[:-2], key=lambda e: e[0].casefold()) + entries[-2:]:
            self.combo.addItem(text, code)
        self.combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)

    def value(self) -> Any:
        code = self.combo.currentData()
        if code is None and self.combo.currentText().strip():
            return self.combo.currentText().strip()  # let the engine say it is not a country
        return code

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value else 0
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)


class LanguagesAnswer(AnswerWidget):
    """Languages spoken, each with how well the person reads it; rows added as needed."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.rows: list[tuple[QComboBox, QComboBox, QWidget]] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(_("Add a language"))
        self.add_button.setObjectName(f"add_language_{question.id}")
        self.add_button.clicked.connect(lambda: (self._add_row(), self.edited.emit()))
        self.layout_.addWidget(self.add_button)
        self._languages = sorted(
            ((bilingual_label(*language_texts(code, lang, interface_language()).as_tuple()), code)
             for code in language_codes()), key=lambda e: e[0].casefold())
        self._reading = [(value, bilingual_label(*texts.as_tuple()))
                         for value, texts in reading_texts(lang, interface_language())]

    def _add_row(self, code: str | None = None, reading: str = "basic") -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        language = QComboBox()
        language.setEditable(True)
        language.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        language.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        language.addItem("", None)
        for text, value in self._languages:
            language.addItem(text, value)
        if code:
            language.setCurrentIndex(max(language.findData(code), 0))
        level = QComboBox()
        for value, label in self._reading:
            level.addItem(label, value)
        level.setCurrentIndex(max(level.findData(reading), 0))
        remove = QPushButton(_("Remove"))
        for widget in (language, level):
            widget.currentIndexChanged.connect(lambda _i: self.edited.emit())
        layout.addWidget(language, 3)
        layout.addWidget(level, 1)
        layout.addWidget(remove)
        entry = (language, level, row)
        remove.clicked.connect(lambda: self._remove(entry))
        self.rows.append(entry)
        self.layout_.insertWidget(self.layout_.count() - 1, row)

    def _remove(self, entry: tuple[QComboBox, QComboBox, QWidget]) -> None:
        self.rows.remove(entry)
        entry[2].deleteLater()
        self.edited.emit()

    def value(self) -> list[dict[str, str]]:
        return [{"language": lang.currentData(), "reading": level.currentData()}
                for lang, level, _row in self.rows if lang.currentData()]

    def set_value(self, value: Any) -> None:
        for entry in list(self.rows):
            self.rows.remove(entry)
            entry[2].deleteLater()
        for item in value or []:
            self._add_row(item.get("language"), item.get("reading", "basic"))


def answer_widget(question: Question, lang: str, parent: QWidget | None = None) -> AnswerWidget:
    """The input for ``question``."""
    kind = question.type
    if kind in (QuestionType.YES_NO_UNKNOWN, QuestionType.SINGLE_CHOICE,
                QuestionType.MULTIPLE_CHOICE):
        widget: AnswerWidget = ChoiceAnswer(question, lang, parent)
    elif kind is QuestionType.COUNTRY:
        widget = CountryAnswer(question, lang, parent)
    elif kind is QuestionType.LANGUAGE_WITH_READING:
        widget = LanguagesAnswer(question, lang, parent)
    else:
        widget = TextAnswer(question, lang, parent)
    if is_rtl(lang) != is_rtl(interface_language()):
        # The volunteer's language first, in the interface's direction, like the form.
        widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(interface_language())
                                  else Qt.LayoutDirection.LeftToRight)
    return widget
