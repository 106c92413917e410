"""The Intake tab: start, answer, pause and resume the short intake and the extended
screening, in Dutch with the person's language below, then see the triage advice and decide.

Answers are saved as a draft a moment after each change, so leaving halfway loses nothing;
the draft resumes at the first unanswered question.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput, WegwijsError
from app.i18n import N_, _
from app.questionnaire import progress, questionnaire_title
from app.services import intakes
from app.services.operations import PersonFile
from app.vocabulary import IntakeStatus
from ui.person.intake_form import IntakeForm
from ui.person.person_tab import PersonTab
from ui.person.triage_panel import TriagePanel
from ui.session.operations import Operations
from ui.widgets.labels import language_label
from ui.widgets.record_model import fmt_date

# The questionnaires that can be started here, with their button (a whole sentence to translate).
QUESTIONNAIRES = (("short_intake", N_("S&tart short intake")),
                  ("extended_screening", N_("Start e&xtended screening")))
SECOND_LANGUAGES = ("en", "ar", "ti", "fa", "tr", "fr", "am", "so", "ps", "ckb", "kmr", "ru",
                    "uk", "es", "nl")
DRAFT_DELAY_MS = 800


class IntakeTab(PersonTab):
    def __init__(self, ops: Operations, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, person_id, parent)
        self.setObjectName("intake_tab")
        self.intake_id: uuid.UUID | None = None
        self.version = 0
        self.status: IntakeStatus | None = None
        self.form: IntakeForm | None = None
        self._dirty = False
        self._saving = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)

        top = QHBoxLayout()
        self.intake_list = QComboBox()
        self.intake_list.setObjectName("intake_list")
        self.intake_list.currentIndexChanged.connect(self._choose)
        top.addWidget(QLabel(_("Intake")))
        top.addWidget(self.intake_list, 2)
        self.start_buttons: dict[str, QPushButton] = {}
        for qid, start in QUESTIONNAIRES:
            button = QPushButton(_(start))
            button.setObjectName(f"start_{qid}")
            button.clicked.connect(lambda _c=False, q=qid: self.start(q))
            self.start_buttons[qid] = button
            top.addWidget(button)
        top.addSpacing(12)
        top.addWidget(QLabel(_("Second language")))
        self.language = QComboBox()
        self.language.setObjectName("intake_language")
        for code in SECOND_LANGUAGES:
            self.language.addItem(language_label(code), code)
        self.language.currentIndexChanged.connect(self._rebuild)
        top.addWidget(self.language, 1)

        self.body = QVBoxLayout()
        self.empty = QLabel(_("No intake yet. Start the short intake: it asks what the person "
                              "needs and whether Stem in de Stad is the right place."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(self.empty)

        bottom = QHBoxLayout()
        self.progress = QLabel()
        self.progress.setObjectName("intake_progress")
        self.saved = QLabel()
        self.saved.setObjectName("intake_saved")
        self.complete_button = QPushButton(_("Co&mplete intake"))
        self.complete_button.setObjectName("complete_intake")
        self.complete_button.clicked.connect(self.complete)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.saved)
        bottom.addWidget(self.complete_button)

        self.triage = TriagePanel()
        self.triage.decide.connect(self._decide)
        self.triage.propose.connect(self._propose_refusal)
        self.triage.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.triage)
        self._intakes: list[Any] = []

    # --- PersonTab -------------------------------------------------------------------------
    def load(self, file: PersonFile) -> None:
        super().load(file)
        if self.language.property("person_default") is None:
            lang = file.person.document_language or "en"
            index = self.language.findData(lang if lang != "nl" else "en")
            self.language.blockSignals(True)
            self.language.setCurrentIndex(max(index, 0))
            self.language.blockSignals(False)
            self.language.setProperty("person_default", True)
        self._intakes = sorted(file.person.intakes, key=lambda i: i.started_at)
        self.intake_list.blockSignals(True)
        self.intake_list.clear()
        for intake in self._intakes:
            title = questionnaire_title(intake.questionnaire_id)
            state = _("complete") if intake.status == IntakeStatus.COMPLETE else _("unfinished")
            self.intake_list.addItem(f"{title} · {fmt_date(intake.started_at)} · {state}",
                                     intake.id)
        self.intake_list.blockSignals(False)
        current = next((i for i in self._intakes if i.id == self.intake_id), None)
        if self.form is not None and current is not None and current.status == self.status:
            # The form being filled in is the truth for its own intake: keep it as it is.
            if not (self._saving or self._dirty) and current.version > self.version:
                self.version = current.version
            self.intake_list.setCurrentIndex(max(self.intake_list.findData(current.id), 0))
            return
        wanted = self.intake_id
        if wanted is None:
            drafts = [i for i in self._intakes if i.status == IntakeStatus.DRAFT]
            if drafts:
                wanted = drafts[-1].id
            elif self._intakes:
                wanted = self._intakes[-1].id
        if wanted is not None:
            self.intake_list.setCurrentIndex(max(self.intake_list.findData(wanted), 0))
            self._show(wanted)
        else:
            self._show(None)

    def is_dirty(self) -> bool:
        return self._dirty

    def unsaved_what(self) -> str:
        return _("intake answers") if self._dirty else ""

    def save(self, done=None) -> None:  # noqa: ANN001
        self.save_draft(done)

    def keep_draft(self) -> None:
        self.save_draft()

    # --- actions ---------------------------------------------------------------------------
    def start(self, questionnaire_id: str) -> None:
        def work(db):  # noqa: ANN001, ANN202
            return intakes.begin(db, self.ops.user_id, self.person_id, questionnaire_id).id

        def done(intake_id: uuid.UUID) -> None:
            self.intake_id = intake_id

        self.ops.run_in(self, work, done, self._failed, changes={self.change})

    @Slot()
    def save_draft(self, done=None) -> None:  # noqa: ANN001
        self._draft_timer.stop()
        if self.form is None or self.intake_id is None or not self._dirty:
            if done is not None:
                done()
            return
        raw, intake_id, version = self.form.raw(), self.intake_id, self.version
        self._saving = True
        self._dirty = False

        def work(db):  # noqa: ANN001, ANN202
            intake, problems = intakes.save_progress(db, self.ops.user_id, intake_id, version, raw)
            return intake.version, problems

        def saved(result: tuple[int, dict[str, str]]) -> None:
            self._saving = False
            self.version, problems = result
            if self.status != IntakeStatus.COMPLETE:
                self.saved.setText(_("Draft saved"))
            if self.form is not None:
                for qid, block in self.form.blocks.items():
                    block.show_problem(problems.get(qid))
            self._update_progress()
            if done is not None:
                done()

        def failed(err: WegwijsError) -> None:
            self._saving = False
            self._dirty = True
            self._failed(err)

        self.ops.run_in(self, work, saved, failed, changes={self.change})

    def complete(self) -> None:
        if self.form is None or self.intake_id is None:
            return
        raw, intake_id = self.form.raw(), self.intake_id
        self._draft_timer.stop()

        def work(db):  # noqa: ANN001, ANN202
            intake = intakes.get_intake(db, self.ops.user_id, intake_id)
            if self._dirty or intake.version != self.version:
                intake, _p = intakes.save_progress(db, self.ops.user_id, intake_id,
                                                   intake.version, raw)
            done = intakes.finish(db, self.ops.user_id, intake_id, intake.version, raw)
            return done.version, done.triage

        def done(result: tuple[int, dict]) -> None:
            self._dirty = False
            self.version, triage = result
            self.status = IntakeStatus.COMPLETE
            self._show_complete(True)
            self.triage.show_triage(triage)
            self._update_progress()

        self.ops.run_in(self, work, done, self._failed, changes={self.change})

    def _decide(self, outcome: str, reason: str) -> None:
        intake_id = self.intake_id
        # Refusing against the advice: the second person's own name and password (four eyes).
        second = self.triage.needs_second_person()
        confirmer = self.triage.confirmer.text() if second else None
        password = self.triage.password.text() if second else None
        self.triage.password.clear()

        def work(db):  # noqa: ANN001, ANN202
            return intakes.decide(db, self.ops.user_id, intake_id, outcome, reason,
                                  confirmer=confirmer, confirmer_password=password).triage

        self.ops.run_in(self, work, self.triage.show_triage,
                        lambda err: self.triage.show_problem(err.message), changes={self.change})

    def _propose_refusal(self, reason: str) -> None:
        """Put refusing admission to a second person, who confirms it later (Today lists it)."""
        intake_id, by = self.intake_id, self.ops.user_id
        from app.services import team_decisions

        def done(_status: str) -> None:
            self.triage.show_problem(_("Waiting for a second person to confirm the refusal; "
                                       "Today lists it for them."))

        self.ops.run_in(self, lambda db: team_decisions.propose_refusal(
            db, by, intake_id, reason).status.value, done,
            lambda err: self.triage.show_problem(err.message), changes={self.change})

    # --- helpers ---------------------------------------------------------------------------
    def _choose(self, index: int) -> None:
        intake_id = self.intake_list.itemData(index)
        if intake_id is not None and intake_id != self.intake_id:
            self.save_draft()
            self._show(intake_id)

    def _rebuild(self) -> None:
        if self.intake_id is not None:
            answers = self.form.answers() if self.form is not None else None
            self._show(self.intake_id, answers)

    def _show(self, intake_id: uuid.UUID | None, answers: dict | None = None) -> None:
        intake = next((i for i in self._intakes if i.id == intake_id), None)
        if self.form is not None:
            self.form.deleteLater()
            self.form = None
        self.intake_id = intake.id if intake else None
        self.empty.setVisible(intake is None)
        self.complete_button.setVisible(False)
        self.saved.clear()
        if intake is None:
            self.triage.hide()
            self.progress.clear()
            return
        self.version, self.status = intake.version, intake.status
        q = intakes.questionnaire_of(intake)
        self.form = IntakeForm(q, self.language.currentData())
        self.form.set_answers(answers if answers is not None else intake.answers)
        self.form.edited.connect(self._edited)
        complete = intake.status == IntakeStatus.COMPLETE
        self.body.addWidget(self.form, 1)
        self._show_complete(complete)
        self.triage.show_triage(intake.triage if complete else None)
        self._update_progress()
        if not complete:
            QTimer.singleShot(0, lambda: self.form and self.form.go_to(intake.current_question))

    def _show_complete(self, complete: bool) -> None:
        """A complete intake is read, not edited: no draft note, no Complete button."""
        if self.form is not None:
            self.form.setEnabled(not complete)
        self.complete_button.setVisible(not complete)
        self.complete_button.setEnabled(not complete)
        if complete:
            self.saved.clear()

    def _edited(self) -> None:
        self._dirty = True
        self.saved.setText(_("Not saved yet"))
        self._draft_timer.start()
        self._update_progress()

    def _update_progress(self) -> None:
        if self.form is None:
            return
        p = progress(self.form.questionnaire, self.form.answers())
        self.progress.setText(_("{done} of {total} questions answered").format(
            done=p.answered, total=p.visible))

    def _failed(self, err: WegwijsError) -> None:
        if isinstance(err, InvalidInput) and self.form is not None:
            self.form.show_problems(err.problems)
            self.saved.setText(_("Some answers need attention"))
            return
        self.saved.setText(err.message)
