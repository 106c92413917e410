"""People: registering, finding and changing a newcomer's record.

Forms hand in raw text (``PersonFields``); every problem comes back at once in
``InvalidInput.problems``, keyed by field, and nothing is stored until all are fixed.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.access.permissions import require_user
from app.countries import is_country, is_language
from app.dates import PartialDate, parse_partial_date
from app.errors import Conflict, Duplicate, InvalidInput, NotFound
from app.i18n import _
from app.records import format_record_number, not_found, parse_reference
from app.services import audit, counters, search
from app.store.models import Goal, Person, PersonLanguage, PerspectivePlan
from app.text import clean_text, digits
from app.vocabulary import ReadingLevel, ResidenceStatus, Sex

RECORD_COUNTER = "person_record"
_PHONE = re.compile(r"^\+?[\d\s().-]+$")


@dataclass
class PersonFields:
    """What a form hands in, as typed. ``None`` means "leave as it is" (on update)."""

    given_names: str | None = None
    family_name: str | None = None
    name_original: str | None = None
    nickname: str | None = None
    birth_date: str | None = None
    birth_date_estimated: bool | None = None
    sex: str | None = None
    nationality: str | None = None
    country_of_birth: str | None = None
    document_language: str | None = None
    phone: str | None = None
    address: str | None = None
    v_number: str | None = None
    status: str | None = None
    case_manager_id: uuid.UUID | None = None
    languages: list[tuple[str, str]] | None = field(default=None)


def _validated(data: PersonFields, today: date | None) -> dict[str, object]:
    """Clean every given field; raise InvalidInput with all problems at once."""
    problems: dict[str, str] = {}
    out: dict[str, object] = {}

    def run(name: str, fn) -> None:  # noqa: ANN001
        raw = getattr(data, name)
        if raw is None:
            return
        try:
            out[name] = fn(raw)
        except InvalidInput as err:
            problems.update(err.problems)

    for name, limit in (("given_names", 200), ("family_name", 200), ("name_original", 200),
                        ("nickname", 100)):
        run(name, lambda v, n=name, m=limit: clean_text(v, field=n, max_length=m))
    run("address", lambda v: clean_text(v, field="address", max_length=500, multiline=True))
    run("birth_date", lambda v: _iso(parse_partial_date(v, field="birth_date", today=today)))
    run("phone", _phone)
    run("v_number", _v_number)
    run("nationality", lambda v: _country(v, "nationality"))
    run("country_of_birth", lambda v: _country(v, "country_of_birth"))
    run("document_language", _language)
    run("sex", lambda v: _choice(Sex, v or Sex.UNKNOWN.value, "sex"))
    run("status", lambda v: _choice(ResidenceStatus, v, "status"))
    run("languages", _languages)
    if data.birth_date_estimated is not None:
        out["birth_date_estimated"] = bool(data.birth_date_estimated)
    if data.case_manager_id is not None:
        out["case_manager_id"] = data.case_manager_id
    if problems:
        raise InvalidInput(problems)
    return out


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _phone(raw: str) -> str:
    text = clean_text(raw, field="phone", max_length=40)
    if text and (not _PHONE.match(text) or len(digits(text)) < 3):
        raise InvalidInput({"phone": _("A phone number has only digits, spaces, +, - and ().")})
    return text


def _v_number(raw: str) -> str | None:
    text = clean_text(raw, field="v_number", max_length=40)
    if not text:
        return None
    compact = re.sub(r"[\s.-]", "", text)
    if not compact.isdigit() or len(compact) != 10:
        raise InvalidInput({"v_number": _("A V-number has 10 digits, for example 2612345678.")})
    return compact


def _country(raw: str, name: str) -> str:
    code = raw.strip().upper()
    if code and not is_country(code):
        raise InvalidInput({name: _("Choose a country from the list.")})
    return code


def _language(raw: str) -> str:
    code = raw.strip()
    if not code or not is_language(code):
        raise InvalidInput({"document_language": _("Choose a language from the list.")})
    return code


def _choice(enum, raw: str, name: str):  # noqa: ANN001, ANN202
    try:
        return enum(raw)
    except ValueError:
        raise InvalidInput({name: _("Choose one of the options.")}) from None


def _languages(raw: list[tuple[str, str]]) -> list[tuple[str, ReadingLevel]]:
    out: list[tuple[str, ReadingLevel]] = []
    seen: set[str] = set()
    for code, reading in raw:
        if not is_language(code):
            raise InvalidInput({"languages": _("Choose a language from the list.")})
        if code in seen:
            continue
        seen.add(code)
        out.append((code, _choice(ReadingLevel, reading, "languages")))
    return out


def _check_v_number_free(db: Session, v_number: str | None, own_id: uuid.UUID | None) -> None:
    if not v_number:
        return
    other = db.scalar(select(Person).where(Person.v_number == v_number))
    if other is not None and other.id != own_id:
        raise Duplicate(_("This V-number already belongs to {record}.").format(
            record=other.record_code), field="v_number")


def _apply(person: Person, values: dict[str, object]) -> None:
    for name, value in values.items():
        if name == "languages":
            person.languages = [PersonLanguage(language=c, reading=r, position=i)
                                for i, (c, r) in enumerate(value)]  # type: ignore[arg-type]
        else:
            setattr(person, name, value)


def create_person(db: Session, by: uuid.UUID | None, data: PersonFields, *,
                  today: date | None = None) -> Person:
    """Register a new person and give them the next record number.

    Call ``find_duplicates`` first and show its candidates: people often come back.
    """
    require_user(db, by)
    values = _validated(data, today)
    if not any(values.get(n) for n in ("given_names", "family_name", "name_original", "nickname")):
        raise InvalidInput({"given_names": _("Fill in a name, or at least a nickname.")})
    _check_v_number_free(db, values.get("v_number"), None)  # type: ignore[arg-type]
    person = Person(record_number=counters.next_value(db, RECORD_COUNTER),
                    created_by=by, updated_by=by, last_contact_on=today or date.today())
    _apply(person, values)
    db.add(person)
    search.index_person(db, person)
    audit.record(db, by, "create", "person", person.id, person_id=person.id)
    db.flush()
    return person


def update_person(db: Session, by: uuid.UUID | None, person_id: uuid.UUID, version: int,
                  data: PersonFields, *, today: date | None = None) -> Person:
    """Change a person; ``version`` is the one the form was opened with.

    Raises:
        Conflict: someone else saved this person in the meantime; nothing was overwritten.
    """
    require_user(db, by)
    person = _person(db, person_id)
    if person.version != version:
        raise Conflict(_("Someone else changed this person while you were editing. Your changes "
                         "are still in the form; reopen the person to see theirs, then save "
                         "again."))
    values = _validated(data, today)
    names = ("given_names", "family_name", "name_original", "nickname")
    after = {n: values.get(n, getattr(person, n)) for n in names}
    if not any(after.values()):
        raise InvalidInput({"given_names": _("Fill in a name, or at least a nickname.")})
    if "v_number" in values:
        _check_v_number_free(db, values["v_number"], person.id)  # type: ignore[arg-type]
    if "case_manager_id" in values:  # a full caseload is refused (seed 003: about 25)
        from app.services.deadlines import check_capacity

        check_capacity(db, values["case_manager_id"], person.id)  # type: ignore[arg-type]
    _apply(person, values)
    person.updated_by = by
    if any(n in values for n in (*names, "phone", "v_number")):
        search.index_person(db, person)
    audit.record(db, by, "update", "person", person.id, person_id=person.id,
                 detail=",".join(sorted(values)))
    db.flush()
    return person


def get_person(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> Person:
    """The person (without a look in the audit trail: ``open_person`` records one)."""
    require_user(db, by)
    return _person(db, person_id)


def _person(db: Session, person_id: uuid.UUID) -> Person:
    """``get_person`` for a service that has checked its user already."""
    person = db.get(Person, person_id)
    if person is None:
        raise NotFound(_("This person is no longer in the database."))
    return person


def open_person(db: Session, by: uuid.UUID | None, person_id: uuid.UUID) -> Person:
    """A person with everything attached, loaded at once; the look is audited."""
    require_user(db, by)
    stmt = (select(Person).where(Person.id == person_id).options(
        selectinload(Person.languages), selectinload(Person.contacts),
        selectinload(Person.intakes), selectinload(Person.consents),
        selectinload(Person.case_manager),
        selectinload(Person.plans).selectinload(PerspectivePlan.goals).selectinload(Goal.actions),
        selectinload(Person.plans).selectinload(PerspectivePlan.evaluations),
        selectinload(Person.plans).selectinload(PerspectivePlan.case_manager)))
    person = db.scalars(stmt).one_or_none()
    if person is None:
        raise NotFound(_("This person is no longer in the database."))
    audit.record(db, by, "open", "person", person.id, person_id=person.id)
    return person


def resolve(db: Session, by: uuid.UUID | None, reference: str) -> Person:
    """The person a command line names: a record number (W-00042 or 42) or a UUID."""
    require_user(db, by)
    return _resolve(db, reference)


def _resolve(db: Session, reference: str) -> Person:
    """``resolve`` for a caller that has checked its user already."""
    key = parse_reference(reference)
    person = (db.get(Person, key) if isinstance(key, uuid.UUID)
              else db.scalar(select(Person).where(Person.record_number == key)))
    if person is None:
        raise not_found(reference)
    return person


def find_duplicates(db: Session, by: uuid.UUID | None, data: PersonFields, *,
                    exclude: uuid.UUID | None = None,
                    today: date | None = None) -> list[search.Candidate]:
    """Registered people who may be the one in ``data`` (to show before registering)."""
    require_user(db, by)
    return _duplicates(db, data, exclude=exclude, today=today)


def _duplicates(db: Session, data: PersonFields, *, exclude: uuid.UUID | None = None,
                today: date | None = None) -> list[search.Candidate]:
    """``find_duplicates`` for a service that has checked its user already."""
    names = [getattr(data, n) or "" for n in ("given_names", "family_name", "name_original",
                                              "nickname")]
    try:
        born = parse_partial_date(data.birth_date, today=today)
    except InvalidInput:
        born = None
    return search._likely_duplicates(db, names, born, exclude=exclude)


def record_code(number: int) -> str:
    return format_record_number(number)


PERSON_FIELDS = tuple(f.name for f in fields(PersonFields))
