"""What a person's contact card shows, from plain records (ORM objects or rows read with SQL).

The office defaults come first, each replaced by the person's own contacts of the same role;
the person's other contacts follow. Nationality, status and V-number are never passed on: the
card data has no place for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from app.opening_hours import from_json
from app.vocabulary import ContactRole

if TYPE_CHECKING:
    import uuid

    from app.documents import CardData


class ContactRecord(Protocol):
    id: uuid.UUID
    role: ContactRole
    organisation: str
    name: str
    phone: str
    address: str
    hours: str
    hours_data: list[Any] | None
    purpose_key: str | None
    purpose_text: str
    blank: bool


class OfficeRecord(Protocol):
    name: str
    address: str
    phone: str
    opening_hours: str
    opening_hours_data: list[Any] | None
    email: str
    website: str


class PersonRecord(Protocol):
    @property
    def display_name(self) -> str: ...

    @property
    def record_code(self) -> str: ...

    name_original: str


C = TypeVar("C", bound=ContactRecord)


def merge(defaults: Sequence[C], own: Sequence[C]) -> list[C]:
    """The card's contacts: defaults, each replaced by the person's own of its role, then the
    person's others (several "other" defaults are never replaced)."""
    own_by_role: dict[ContactRole, list[C]] = {}
    for c in own:
        own_by_role.setdefault(c.role, []).append(c)
    result: list[C] = []
    used: set[uuid.UUID] = set()
    for d in defaults:
        replacements = own_by_role.get(d.role)
        if replacements and d.role != ContactRole.OTHER:
            for r in replacements:
                if r.id not in used:
                    result.append(r)
                    used.add(r.id)
        else:
            result.append(d)
    result.extend(c for c in own if c.id not in used)
    return result


def card_data(lang: str, office: OfficeRecord, contacts: Sequence[ContactRecord],
              person: PersonRecord | None, *, fmt: str = "wallet", one_sided: bool = False,
              show_name: bool = False) -> CardData:
    """The plain data ``app.documents.render_card`` draws; the person's name and record number
    only when ``show_name``."""
    import app.documents as documents

    return documents.CardData(
        lang=lang,
        office=documents.Office(name=office.name, address=office.address, phone=office.phone,
                                opening_hours=office.opening_hours, email=office.email,
                                website=office.website,
                                opening=from_json(office.opening_hours_data)),
        contacts=[documents.CardContact(
            role=c.role.value, organisation=c.organisation, name=c.name, phone=c.phone,
            address=c.address, hours=c.hours, purpose_key=c.purpose_key,
            purpose_text=c.purpose_text, blank=c.blank, opening=from_json(c.hours_data))
            for c in contacts],
        person_name=(person.display_name if person and show_name else None),
        person_name_original=(person.name_original if person and show_name else None),
        record_number=(person.record_code if person and show_name else None),
        format=fmt, one_sided=one_sided)
