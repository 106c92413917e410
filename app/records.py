"""A person's record number as printed (W-00042), their name as shown, and reading the
reference to a person that a command line names (W-00042, 42 or the UUID)."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING

from app.errors import NotFound
from app.i18n import _

_UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.I)
_RECORD = re.compile(r"^(?:w-?)?0*(\d{1,9})$", re.I)


def format_record_number(number: int) -> str:
    """The number on paper and on the phone: W-00042."""
    return f"W-{number:05d}"


def display_name(given_names: str, family_name: str, name_original: str, nickname: str) -> str:
    """The name Wegwijs shows: the Latin name, else the name in its own script, else the
    nickname."""
    latin = " ".join(p for p in (given_names, family_name) if p)
    return latin or name_original or nickname


def parse_reference(reference: str) -> int | uuid.UUID:
    """A record number (W-00042 or 42) or a UUID; NotFound for anything else."""
    text = reference.strip()
    m = _RECORD.match(text)
    if m:
        return int(m.group(1))
    if _UUID.match(text):
        return uuid.UUID(text)
    raise NotFound(_("Name the person by record number (W-00042) or id, not {ref!r}.")
                   .format(ref=text[:40]))


class PersonNames:
    """``record_code`` and ``display_name`` for anything with a person's number and names (the
    model, and the card command's plain rows)."""

    if TYPE_CHECKING:  # declared by the model's columns or the row's fields
        record_number: int
        given_names: str
        family_name: str
        name_original: str
        nickname: str

    @property
    def record_code(self) -> str:
        """The number on paper and on the phone: W-00042."""
        return format_record_number(self.record_number)

    @property
    def display_name(self) -> str:
        return display_name(self.given_names, self.family_name, self.name_original,
                            self.nickname)


def not_found(reference: str) -> NotFound:
    return NotFound(_("There is no person {ref}.").format(ref=reference.strip()[:40]))
