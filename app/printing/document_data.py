"""From records to the plain data the documents are drawn from (no ORM in app.documents).

The card never receives nationality, status or V-number: they are not even passed on. The
services are imported where used, so the language check costs no SQLAlchemy import (the card
command may not need it at all, see ``app.printing.quick_card``).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from app.errors import InvalidInput, NotFound, WegwijsError
from app.i18n import _
from app.printing import card_contents

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.store.models import Person, PerspectivePlan


def _documents():  # noqa: ANN202 - the module, imported when first needed
    try:
        import app.documents as documents
    except ImportError:
        documents = None
    if documents is None or not hasattr(documents, "render_card"):
        raise WegwijsError(_("Printing documents is not available yet in this version."))
    return documents


def card_languages() -> tuple[str, ...]:
    """The languages a card can be printed in."""
    from app.documents import CARD_LANGUAGES  # the catalogue only, not the renderers

    return tuple(CARD_LANGUAGES)


def check_language(lang: str) -> None:
    """Refuse a document language for which there is no catalogue."""
    choices = card_languages()
    if lang not in choices:
        raise InvalidInput({"lang": _("There are no printed texts in '{lang}'. Choose one of: "
                                      "{choices}.").format(lang=lang[:20],
                                                           choices=", ".join(choices))})


def card_data(db: Session, by: uuid.UUID | None, person: Person | None, lang: str, *,
              fmt: str = "wallet", one_sided: bool = False,
              show_name: bool = False):  # noqa: ANN201
    from app.services import contacts, office

    _documents()  # the message when this version prints no documents
    rows = contacts.card_contacts(db, by, person.id if person else None)
    return card_contents.card_data(lang, office.get_profile(db), rows, person, fmt=fmt,
                                   one_sided=one_sided, show_name=show_name)


def person_card(db: Session, by: uuid.UUID | None, reference: str | uuid.UUID, lang: str, *,
                fmt: str | None = None, one_sided: bool = False,
                show_name: bool = False) -> bytes:
    from app import settings
    from app.services import audit, persons
    from app.services.last_contact import touch

    person = (persons.resolve(db, by, reference) if isinstance(reference, str)
              else persons.get_person(db, by, reference))
    fmt = fmt or settings.get(db, "card_format")
    pdf = _documents().render_card(card_data(db, by, person, lang, fmt=fmt, one_sided=one_sided,
                                             show_name=show_name))
    audit.record(db, by, "print", "card", person.id, person_id=person.id, detail=lang)
    touch(db, person.id)
    return pdf


def blank_card(lang: str, fmt: str = "wallet", one_sided: bool = False) -> bytes:
    documents = _documents()
    return documents.render_card(documents.CardData(lang=lang, office=None, contacts=[],
                                                    format=fmt, one_sided=one_sided, blank=True))


def plan_data(db: Session, by: uuid.UUID | None, person: Person, plan: PerspectivePlan,
              lang: str):  # noqa: ANN201
    documents = _documents()
    held = [e for e in plan.evaluations if e.held_on is not None]
    agreed = []
    due = plan.evaluation_due_on
    from app.dates import add_months

    while due is not None and len(agreed) < 4 and (plan.target_date is None
                                                   or due <= plan.target_date):
        agreed.append(due)
        due = add_months(due, plan.evaluation_months)
    from app.services import follow_ups

    planned = follow_ups.by_goal(db, by, plan)
    owners = {}
    if planned:
        from sqlalchemy import select

        from app.store.models import User

        owners = dict(db.execute(select(User.id, User.display_name).where(
            User.id.in_({i.owner_id for items in planned.values() for i in items}))).all())
    return documents.PlanData(
        lang=lang,
        person_name=person.display_name,
        person_name_original=person.name_original,
        record_number=person.record_code,
        case_manager=plan.case_manager.display_name if plan.case_manager else "",
        perspective=plan.perspective.value,
        start_date=plan.start_date,
        target_date=plan.target_date,
        goals=[documents.PlanGoal(
            domain=g.domain.value, description=g.description, status=g.status.value,
            due_date=g.due_date, description_translated=g.description_translated,
            actions=[documents.PlanAction(description=a.description, owner=a.owner.value,
                                          owner_name=a.owner_name, due_date=a.due_date,
                                          status=a.status.value,
                                          description_translated=a.description_translated)
                     for a in g.actions],
            follow_ups=[documents.PlanFollowUp(description=i.description, due_on=i.due_on,
                                               owner=owners.get(i.owner_id, ""),
                                               done_on=i.done_on)
                        for i in planned.get(g.id, [])])
            for g in plan.goals],
        evaluation_dates=agreed,
        evaluations=[documents.PlanEvaluation(
            date=e.held_on, judgement=e.judgement.value if e.judgement else "",
            decision=e.decision.value if e.decision else "", notes=e.notes)
            for e in held[-3:]],
        place=office_place(db),
        printed_on=date.today(),
        translation_language=plan.translation_language,
        interpreter_name=plan.interpreter_name,
    )


def office_place(db: Session) -> str:
    """The office's town, for "Place" by the plan's signatures: the address after its last
    comma without the postcode ("Zijlsingel 8, 2013 DN Haarlem" → "Haarlem"); "" when no
    address is set (a line to write on)."""
    import re

    from app.services import office

    address = office.get_profile(db).address.strip()
    if not address:
        return ""
    town = address.replace("\n", ",").rsplit(",", 1)[-1].strip()
    return re.sub(r"^\d{4}\s?[A-Za-z]{2}\s+", "", town).strip()


def person_plan(db: Session, by: uuid.UUID | None, reference: str | uuid.UUID,
                lang: str) -> bytes:
    from app.access.permissions import Permission, require_user
    from app.services import audit, persons, plans
    from app.services.last_contact import touch

    require_user(db, by, Permission.PRINT_PLAN)
    person = (persons.resolve(db, by, reference) if isinstance(reference, str)
              else persons.get_person(db, by, reference))
    plan = plans.current_plan(db, by, person.id)
    if plan is None:
        if not person.plans:
            raise NotFound(_("{record} has no perspective plan yet.").format(
                record=person.record_code))
        plan = plans.get_plan(db, by, person.plans[-1].id)
    pdf = _documents().render_plan(plan_data(db, by, person, plan, lang))
    audit.record(db, by, "print", "plan", plan.id, person_id=person.id, detail=lang)
    touch(db, person.id)
    return pdf


def review_states() -> list[tuple[str, str, bool, float]]:
    return list(_documents().review_states())
