"""The warm handover: a summary for a partner organisation, limited to what consent covers.

Each kind of data belongs to one consent scope; only the scopes of consents recorded for this
partner, given and not withdrawn, go into the summary. Without any consent the handover is
refused, unless a coordinator overrides with a reason. Each handover is kept with the person
(partner, scopes, the override reason) and erased with them; the audit trail says it was made.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.access.permissions import Permission, require_user
from app.countries import country_name, language_name
from app.errors import InvalidInput, NotAllowed
from app.i18n import _
from app.questionnaire.texts import READING_LABELS
from app.services import audit, consents, office, persons, referrals
from app.store.models import HandoverRecord, Person, User
from app.text import clean_text
from app.vocabulary import LABELS, IntakeStatus, PlanStatus

# Which sections of which questionnaire belong to which consent scope.
QUESTIONNAIRE_SCOPES: dict[str, dict[str, str]] = {
    "short_intake": {"needs": "intake", "right_place": "intake", "background": "residence_status"},
    "extended_screening": {
        "vulnerability": "health", "health": "health", "living": "contact",
        "region": "residence_status", "asylum": "residence_status",
        "dublin": "residence_status", "identity": "residence_status",
        "legal_aid": "residence_status", "family": "identity",
        "education_work": "education_work", "skills": "education_work",
        "languages": "education_work", "perspective": "plan",
    },
}
MIN_REASON = 10
MAX_REASON = 2000
MAX_REQUEST = 2000


@dataclass
class Section:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ConsentLine:
    """A consent the handover rests on: when it was given, for what, what it covers."""

    given_on: date
    purpose: str
    scope: list[str]


@dataclass
class Handover:
    partner: str
    person_name: str
    record_code: str
    scope: list[str]
    sections: list[Section]
    override_reason: str = ""
    made_on: date = field(default_factory=date.today)
    request: str = ""  # what the partner is asked to do
    sender_name: str = ""  # who sends it, and how the partner reaches them
    sender_phone: str = ""
    office_name: str = ""
    consents: list[ConsentLine] = field(default_factory=list)


def prepare(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, partner: str, *,
            override_reason: str | None = None, today: date | None = None,
            purpose: str = "", follow_up_by: uuid.UUID | None = None,
            request: str | None = None) -> Handover:
    """The summary for ``partner``, holding only what the person's consent allows, with who
    sends it (name and phone), the consents it rests on (date, purpose) and ``request``:
    what the partner is asked to do (``purpose`` when no request is given).

    The handover becomes a referral with status "sent" (``app.services.referrals``), for
    ``purpose``, followed up by ``follow_up_by`` (by default the user making it).

    Raises:
        NotAllowed: no consent for this partner and no coordinator override.
        InvalidInput: an override without a sufficient reason.
    """
    partner = partner.strip()
    if not partner:
        raise InvalidInput({"partner": _("Name the partner organisation.")})
    scope = consents.active_scope(db, by, person_id, partner, today)
    reason = clean_text(override_reason, field="override_reason", max_length=MAX_REASON,
                        multiline=True)
    asked = clean_text(request, field="request", max_length=MAX_REQUEST, multiline=True)
    if not scope:
        if not reason:
            raise NotAllowed(_("{person} gave no consent to share anything with {partner}. "
                               "Record consent first, or ask a coordinator to override with a "
                               "reason.").format(person=_("This person"), partner=partner))
        require_user(db, by, Permission.OVERRIDE_CONSENT)
        if len(reason) < MIN_REASON:
            raise InvalidInput({"override_reason": _("Explain the override in a full sentence.")})
        scope = set(consents.SCOPES)
    person = persons.open_person(db, by, person_id)
    sender = db.get(User, by) if by is not None else None
    profile = office.get_profile(db)
    handover = Handover(partner=partner, person_name=person.display_name,
                        record_code=person.record_code, scope=sorted(scope),
                        sections=_sections(person, scope),
                        override_reason=reason if reason and not consents._active_scope(
                            db, person_id, partner, today) else "",
                        made_on=today or date.today(),
                        request=asked or (purpose or "").strip(),
                        sender_name=sender.display_name if sender else "",
                        sender_phone=profile.phone, office_name=profile.name,
                        consents=_consent_lines(db, person_id, partner, today))
    # The handover itself is kept with the person (and erased with them): to whom, what, and
    # the coordinator's reason for an override, which the audit line (ids only) cannot hold.
    record = HandoverRecord(person_id=person.id, partner=partner[:200], scope=handover.scope,
                            override_reason=handover.override_reason, made_by=by,
                            request=handover.request)
    db.add(record)
    db.flush()
    referrals.create_referral(db, by, person.id, partner=partner, purpose=purpose,
                              follow_up_by=follow_up_by, handover_id=record.id)
    audit.record(db, by, "export", "handover", person.id, person_id=person.id,
                 detail=("override:" if handover.override_reason else "consent:")
                 + ",".join(handover.scope))
    return handover


def _consent_lines(db: Session, person_id: uuid.UUID, partner: str,
                   today: date | None) -> list[ConsentLine]:
    """The consents for ``partner`` in force ``today``: given on, purpose and scope."""
    on = today or date.today()
    return [ConsentLine(c.given_on, c.purpose, list(c.scope))
            for c in consents._consents_of(db, person_id)
            if c.partner.strip().casefold() == partner.strip().casefold()
            and c.given_on <= on and (c.withdrawn_on is None or c.withdrawn_on > on)]


def _sections(person: Person, scope: set[str]) -> list[Section]:
    out: list[Section] = []
    if "identity" in scope:
        out.append(Section(_("Identity"), [
            (_("Name"), person.display_name), (_("Name in own script"), person.name_original),
            (_("Nickname"), person.nickname), (_("Date of birth"), _birth(person)),
            (_("Sex"), _(LABELS.get(person.sex.value, person.sex.value))),
            (_("Languages"), ", ".join(
                f"{language_name(lang.language)} ({_(READING_LABELS[lang.reading.value]).lower()})"
                for lang in person.languages)),
        ]))
    if "contact" in scope:
        out.append(Section(_("Contact"), [(_("Phone"), person.phone),
                                          (_("Address or shelter"), person.address)]))
    if "residence_status" in scope:
        out.append(Section(_("Residence"), [
            (_("Nationality"), country_name(person.nationality)),
            (_("Residence status"), _(LABELS.get(person.status.value, person.status.value))),
            (_("V-number"), person.v_number or ""),
        ]))
    if "plan" in scope:
        for plan in person.plans:
            if plan.status == PlanStatus.ENDED:
                continue
            rows = [(_("Perspective"), _(LABELS.get(plan.perspective.value, plan.perspective.value))),
                    (_("Target date"), plan.target_date.strftime("%d-%m-%Y") if plan.target_date
                     else "")]
            rows += [(_("Goal"), g.description) for g in plan.goals]
            out.append(Section(_("Perspective plan"), rows))
    out.extend(_intake_sections(person, scope))
    return [Section(s.title, [(k, v) for k, v in s.rows if v]) for s in out
            if any(v for _k, v in s.rows)]


def _birth(person: Person) -> str:
    from app.dates import PartialDate

    born = PartialDate.from_iso(person.birth_date)
    return born.display() if born else ""


def _intake_sections(person: Person, scope: set[str]) -> list[Section]:
    from app import questionnaire

    out = []
    for intake in person.intakes:
        if intake.status != IntakeStatus.COMPLETE:
            continue
        try:
            q = questionnaire.load(intake.questionnaire_id, intake.questionnaire_version)
        except Exception:  # noqa: BLE001 - an unknown questionnaire shares nothing
            continue
        scopes = QUESTIONNAIRE_SCOPES.get(q.id, {})
        for section in q.sections:
            if scopes.get(section.id) not in scope:
                continue
            rows = []
            for question in section.questions:
                if question.type.value in ("text", "long_text"):
                    continue  # free text may hold anything: it is not handed over
                value = intake.answers.get(question.id)
                if value is None:
                    continue
                texts = questionnaire.answer_texts(question, value, "nl")
                rows.append((questionnaire.question_texts(question, "nl").dutch,
                             ", ".join(t.dutch for t in texts)))
            if rows:
                out.append(Section(questionnaire.bilingual(section.title, "nl").dutch, rows))
    return out
