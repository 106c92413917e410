"""Subject access a person can read (AVG art. 12 and 15): what we hold, why, with whom it was
shared, how long we keep it and how to object, in Dutch beside the person's language.

:func:`letter` turns one person's records into an :class:`app.documents.model.AccessLetter`:
words instead of codes ("man", not "male"; "Eritrea", not "ER"), dates as 03-12-2026, record
number W-00009, staff by name, never an internal id. The full machine-readable export stays
:func:`app.privacy.subject_access.collect` (JSON, written beside the PDF).
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.countries import babel_country_name, babel_language_name, country_name, language_name
from app.dates import PartialDate
from app.documents.catalogue import Texts, canonical
from app.documents.model import AccessLetter, AccessRow, AccessSection, Both
from app.store.models import AuditEvent, HandoverRecord, Person, User

ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?$")
HISTORY_LINES = 40
ACTIONS = ("open", "create", "update", "delete", "print", "export", "end", "confirm")


def paper_date(value: date | datetime | str | None) -> str:
    """A date as it is written on paper here: 03-12-2026."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        value = value.astimezone().date() if value.tzinfo else value.date()
    if isinstance(value, str):
        month = ISO_MONTH.match(value)
        if month:  # a partial date from an answer: month and year
            return f"{month.group(2)}-{month.group(1)}"
        match = ISO_DATE.match(value)
        if not match:
            return value
        return f"{match.group(3)}-{match.group(2)}-{match.group(1)}"
    return f"{value.day:02d}-{value.month:02d}-{value.year}"


class _Words:
    def __init__(self, lang: str) -> None:
        self.t = Texts(lang)
        self.lang = self.t.lang

    def __call__(self, key: str, **values: str) -> Both:
        dutch, own = self.t.pair(key)
        return Both(dutch.format(**values), own.format(**values) if own else None)

    def row(self, key: str, value: str) -> AccessRow:
        return AccessRow(self(key), value or "—")

    def named(self, key: str, code: str) -> AccessRow:
        """A row whose value is a word of the catalogue (``key`` + code)."""
        return AccessRow(self(key), words=self(f"{key}.{code}"))

    def country(self, key: str, code: str) -> AccessRow:
        if not code:
            return AccessRow(self(key), "—")
        own = babel_country_name(code, self.lang) if self.lang != "nl" else None
        dutch = country_name(code)
        return AccessRow(self(key), words=Both(dutch, own if own and own != dutch else None))

    def language(self, code: str) -> Both:
        dutch = language_name(code)
        own = babel_language_name(code, self.lang) if self.lang != "nl" else None
        return Both(dutch, own if own and own not in (dutch, code) else None)


ARABIC_COMMA = frozenset({"ar", "fa", "ps", "ckb"})


def comma(lang: str) -> str:
    return "، " if lang in ARABIC_COMMA else ", "


def _join(parts: list[Both], lang: str) -> Both:
    dutch = ", ".join(p.dutch for p in parts)
    if all(p.own is None for p in parts):
        return Both(dutch)
    return Both(dutch, comma(lang).join(p.own or p.dutch for p in parts))


def _user_names(db: Session) -> dict[uuid.UUID, str]:
    return {u.id: u.display_name for u in db.scalars(select(User))}


def _person(w: _Words, person: Person, names: dict[uuid.UUID, str]) -> AccessSection:
    born = PartialDate.from_iso(person.birth_date)
    birth = born.display() if born else ""
    rows = [w.row("plan.person", person.display_name)]
    if person.name_original:
        rows.append(w.row("plan.name_original", person.name_original))
    if person.nickname:
        rows.append(w.row("access.nickname", person.nickname))
    rows.append(w.row("plan.record", person.record_code))
    birth_row = w.row("access.birth_date", birth)
    if birth and person.birth_date_estimated:
        birth_row = AccessRow(w("access.birth_date"), words=Both(
            f"{birth} ({w('access.estimated').dutch})",
            f"{birth} ({w('access.estimated').own})" if w("access.estimated").own else None))
    rows += [birth_row, w.named("access.sex", person.sex.value),
             w.country("access.nationality", person.nationality),
             w.country("access.country_of_birth", person.country_of_birth)]
    if person.languages:
        parts = []
        for lang in person.languages:
            name, level = w.language(lang.language), w(f"access.reading.{lang.reading.value}")
            parts.append(Both(f"{name.dutch} ({level.dutch})",
                              f"{name.own or name.dutch} ({level.own or level.dutch})"
                              if name.own or level.own else None))
        rows.append(AccessRow(w("access.languages"), words=_join(parts, w.lang)))
    rows.append(AccessRow(w("access.document_language"),
                          words=w.language(canonical(person.document_language))))
    rows += [w.row("access.phone", person.phone), w.row("access.address", person.address),
             w.row("access.v_number", person.v_number or ""),
             w.named("access.residence", person.status.value),
             w.row("plan.case_manager", names.get(person.case_manager_id, "")
                   if person.case_manager_id else ""),
             w.row("access.last_contact", paper_date(person.last_contact_on))]
    return AccessSection(w("access.personal"), [w("access.personal_text")], rows)


def _answer_rows(w: _Words, person: Person) -> list[AccessSection]:
    from app import questionnaire

    out = []
    for intake in person.intakes:
        try:
            q = questionnaire.load(intake.questionnaire_id, intake.questionnaire_version)
        except Exception:  # noqa: BLE001 - an unknown questionnaire: its answers stay in JSON
            continue
        title = questionnaire.bilingual(q.title, w.lang)
        when = (w("access.intake_done", date=paper_date(intake.completed_at))
                if intake.completed_at else
                w("access.intake_open", date=paper_date(intake.started_at)))
        rows = []
        for section in q.sections:
            for question in section.questions:
                value = intake.answers.get(question.id)
                if value is None or value == "" or value == []:
                    continue
                asked = questionnaire.question_texts(question, w.lang)
                texts = questionnaire.answer_texts(question, value, w.lang)
                dutch = ", ".join(paper_date(t.dutch) for t in texts)
                own = (None if all(t.fallback for t in texts) or w.lang == "nl" else
                       comma(w.lang).join(paper_date(t.second) for t in texts))
                typed = question.type.value in ("text", "long_text")
                rows.append(AccessRow(
                    Both(asked.dutch, None if asked.fallback or w.lang == "nl" else asked.second),
                    dutch if typed else "", None if typed else Both(dutch, own
                                                                    if own != dutch else None)))
        out.append(AccessSection(Both(title.dutch, None if title.fallback or w.lang == "nl"
                                      else title.second), [when], rows))
    return out


def _plans(w: _Words, person: Person, names: dict[uuid.UUID, str]) -> list[AccessSection]:
    out = []
    for plan in person.plans:
        rows = [AccessRow(w("plan.perspective"), words=w(f"perspective.{plan.perspective.value}")),
                w.row("plan.start", paper_date(plan.start_date)),
                w.row("plan.target", paper_date(plan.target_date))]
        if plan.case_manager_id:
            rows.append(w.row("plan.case_manager", names.get(plan.case_manager_id, "")))
        if plan.ended_on:
            rows.append(w.row("access.plan_ended", paper_date(plan.ended_on)))
        for number, goal in enumerate(plan.goals, 1):
            label = w("plan.goal")
            domain = w(f"domain.{goal.domain.value}")
            rows.append(AccessRow(Both(f"{label.dutch} {number} · {domain.dutch}",
                                       f"{label.own} {number} · {domain.own or domain.dutch}"
                                       if label.own else None),
                                  "\n".join(t for t in (goal.description,
                                                        goal.description_translated) if t)))
            for action in goal.actions:
                act = w("plan.action")
                rows.append(AccessRow(act, "\n".join(
                    t for t in (action.description, action.description_translated) if t)))
        for evaluation in plan.evaluations:
            if evaluation.held_on is None:
                continue
            judged = (w(f"judgement.{evaluation.judgement.value}") if evaluation.judgement
                      else Both("—"))
            rows.append(AccessRow(w("access.evaluation", date=paper_date(evaluation.held_on)),
                                  evaluation.notes if not evaluation.judgement else "",
                                  judged if evaluation.judgement else None))
        out.append(AccessSection(w("plan.title"), [], rows))
    return out


def _scopes(w: _Words, scope: list[Any]) -> Both:
    return _join([w(f"access.scope.{s}") for s in scope], w.lang) if scope else Both("—")


def _shared(w: _Words, db: Session, person: Person) -> AccessSection:
    rows = []
    for consent in person.consents:
        when = w("access.consent_given", date=paper_date(consent.given_on),
                 purpose=consent.purpose)
        if consent.withdrawn_on:
            ended = w("access.consent_withdrawn", date=paper_date(consent.withdrawn_on))
            when = Both(f"{when.dutch} {ended.dutch}",
                        f"{when.own} {ended.own}" if when.own and ended.own else None)
        scope = _scopes(w, consent.scope)
        rows.append(AccessRow(Both(consent.partner or "—"), words=Both(
            f"{when.dutch}\n{scope.dutch}", f"{when.own}\n{scope.own or scope.dutch}"
            if when.own else None)))
    handed = list(db.scalars(select(HandoverRecord).where(HandoverRecord.person_id == person.id)
                             .order_by(HandoverRecord.made_at)))
    for record in handed:
        sent = w("access.handover_made", date=paper_date(record.made_at))
        scope = _scopes(w, record.scope)
        rows.append(AccessRow(Both(record.partner), words=Both(
            f"{sent.dutch}\n{scope.dutch}", f"{sent.own}\n{scope.own or scope.dutch}"
            if sent.own else None)))
    paragraphs = [w("access.shared_text")]
    if not rows:
        paragraphs.append(w("access.shared_none"))
    return AccessSection(w("access.shared"), paragraphs, rows)


def _history(w: _Words, db: Session, person: Person,
             names: dict[uuid.UUID, str]) -> AccessSection:
    events = list(db.scalars(select(AuditEvent).where(AuditEvent.person_id == person.id)
                             .order_by(AuditEvent.at.desc()).limit(HISTORY_LINES)))
    # the same thing by the same person on the same day is one line, with how often
    grouped: dict[tuple[str, str, str], int] = {}
    for event in events:
        action = event.action if event.action in ACTIONS else "other"
        who = names.get(event.user_id, "") if event.user_id else ""
        key = (paper_date(event.at), who, action)
        grouped[key] = grouped.get(key, 0) + 1
    rows = []
    for (day, who, action), count in grouped.items():
        what = w(f"access.did.{action}")
        if count > 1:
            what = Both(f"{what.dutch} ({count}×)", f"{what.own} ({count}×)" if what.own
                        else None)
        rows.append(AccessRow(Both(day), words=_prefixed(who, what)))
    return AccessSection(w("access.history"), [w("access.history_text")], rows)


def _role(w: _Words, role: str) -> Both:
    try:
        return w(f"role.{role}")
    except KeyError:  # a kind of contact the printed texts do not name yet
        return w("role.other")


def _prefixed(who: str, what: Both) -> Both:
    if not who:
        return what
    return Both(f"{who}: {what.dutch}", f"{who}: {what.own}" if what.own else None)


def letter(db: Session, person: Person, lang: str, *, today: date | None = None
           ) -> AccessLetter:
    """The readable subject access letter for ``person`` in Dutch and ``lang``.

    Reads what :func:`app.privacy.subject_access.collect` read (call that first: it checks
    the right and audits the export)."""
    from app.services import office

    w = _Words(lang)
    names = _user_names(db)
    profile = office.get_profile(db)
    office_name = profile.name or "Stem in de Stad"
    contact = profile.phone or profile.email or office_name
    years = str(settings.get(db, "retention_years"))
    sections = [_person(w, person, names)]
    sections += _answer_rows(w, person)
    sections += _plans(w, person, names)
    if person.contacts:
        sections.append(AccessSection(w("access.card_contacts"), [], [
            AccessRow(_role(w, c.role.value), " · ".join(
                p for p in (c.organisation, c.name, c.phone) if p) or "—")
            for c in person.contacts]))
    sections += [
        AccessSection(w("access.why"), [w("access.why_text")]),
        _shared(w, db, person),
        AccessSection(w("access.keep"), [w("access.keep_text", years=years)]),
        AccessSection(w("access.rights"), [w("access.rights_text", office=office_name,
                                                 contact=contact)]),
        _history(w, db, person, names),
    ]
    made = today or date.today()
    letter = AccessLetter(
        lang=w.lang, person_name=person.display_name, record_number=person.record_code,
        made_on=made, office_name=office_name, title=w("access.title"),
        intro=[w("access.intro", office=office_name), w("access.made", date=paper_date(made)),
               w("access.machine")],
        sections=sections)
    w.t.report("subject access")
    return letter
