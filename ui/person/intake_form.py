"""The questions of one intake: Dutch for the volunteer, the person's language below it.

Questions appear and disappear as earlier answers make them relevant (the questionnaire's
conditions); each shows its problem right under it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, interface_language, is_rtl, language_name
from app.questionnaire import (
    Question,
    Questionnaire,
    bilingual,
    help_texts,
    question_texts,
    read_form,
    visible_questions,
)
from ui.person.question_widgets import AnswerWidget, answer_widget


class QuestionBlock(QWidget):
    """One question: Dutch text, the person's language, help, the input and its problem."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None, *,
                 number: int | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question_{question.id}")
        volunteer = interface_language()
        texts = question_texts(question, lang, volunteer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(2)
        self.dutch = QLabel(texts.dutch + (" *" if question.required else ""))
        bold = QFont(self.dutch.font())
        bold.setBold(True)
        self.dutch.setFont(bold)
        self.dutch.setWordWrap(True)
        # The number the blank paper questionnaire prints (app.printing.blank_questionnaire),
        # so answers written on paper are typed in at the right question.
        self.number = QLabel(f"{number}." if number else "")
        self.number.setObjectName(f"number_{question.id}")
        self.number.setFont(bold)
        self.number.setVisible(bool(number))
        title = QHBoxLayout()
        title.setSpacing(6)
        title.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        title.addWidget(self.dutch, 1)
        layout.addLayout(title)
        self.second = QLabel(texts.second)
        self.second.setObjectName(f"second_{question.id}")
        self.second.setWordWrap(True)
        self.second.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bigger = QFont(self.second.font())
        bigger.setPointSizeF(bigger.pointSizeF() * 1.15)
        self.second.setFont(bigger)
        if is_rtl(texts.second_lang):
            self.second.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            # AlignAbsolute: "right" means the right edge, whatever the layout direction.
            self.second.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        else:
            self.second.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        if texts.fallback:
            self.second.setToolTip(_("No translation in {language}; shown in English.").format(
                language=language_name(lang, volunteer)))
        self.second.setVisible(texts.second_lang != volunteer)
        layout.addWidget(self.second)
        help_ = help_texts(question, lang, volunteer)
        if help_ is not None:
            note = QLabel(help_.dutch)
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(mid);")
            layout.addWidget(note)
        self.input: AnswerWidget = answer_widget(question, lang)
        layout.addWidget(self.input)
        self.problem = QLabel()
        self.problem.setObjectName(f"problem_{question.id}")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        layout.addWidget(self.problem)

    def show_problem(self, message: str | None) -> None:
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))


class IntakeForm(QScrollArea):
    """All sections and questions of one questionnaire version.

    Signals:
        edited(): an answer changed (the tab saves a draft a moment later).
    """

    edited = Signal()

    def __init__(self, questionnaire: Questionnaire, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.questionnaire = questionnaire
        self.lang = lang
        self.setObjectName("intake_form")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.blocks: dict[str, QuestionBlock] = {}
        self.sections: dict[str, tuple[QGroupBox, list[str]]] = {}
        for section in questionnaire.sections:
            title = bilingual(section.title, lang, interface_language())
            box = QGroupBox(title.dutch if title.second == title.dutch
                            else f"{title.dutch}  ·  {title.second}")
            box.setObjectName(f"section_{section.id}")
            box_layout = QVBoxLayout(box)
            ids = []
            for question in section.questions:
                block = QuestionBlock(question, lang, number=len(self.blocks) + 1)
                block.input.edited.connect(self._changed)
                box_layout.addWidget(block)
                self.blocks[question.id] = block
                ids.append(question.id)
            self.sections[section.id] = (box, ids)
            layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(body)

    def set_answers(self, answers: dict[str, Any]) -> None:
        for qid, block in self.blocks.items():
            block.input.set_value(answers.get(qid))
        self.refresh_visibility()

    def raw(self) -> dict[str, Any]:
        """What is in the form now, as typed (for the engine to read)."""
        return {qid: block.input.value() for qid, block in self.blocks.items()}

    def answers(self) -> dict[str, Any]:
        return read_form(self.questionnaire, self.raw())[0]

    def refresh_visibility(self) -> None:
        visible = {q.id for q in visible_questions(self.questionnaire, self.answers())}
        for qid, block in self.blocks.items():
            block.setVisible(qid in visible)
        for box, ids in self.sections.values():
            box.setVisible(any(q in visible for q in ids))

    def show_problems(self, problems: dict[str, str]) -> None:
        for qid, block in self.blocks.items():
            block.show_problem(problems.get(qid))
        first = next((qid for qid in self.blocks if qid in problems), None)
        if first is not None:
            self.go_to(first)

    def go_to(self, question_id: str | None) -> None:
        """Scroll to a question and put the cursor in it (resuming a draft)."""
        block = self.blocks.get(question_id or "")
        if block is None:
            return
        self.ensureWidgetVisible(block, 0, 40)
        block.input.setFocus()
        focus = block.input.findChildren(QWidget)
        if focus:
            focus[0].setFocus()

    def _changed(self) -> None:
        self.refresh_visibility()
        self.edited.emit()
