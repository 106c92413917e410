"""Office settings, each declared once: key, type, default, translatable label.

Settings live in the database (so every laptop of an office shares them); the window's own
state (sizes, splitters) is kept apart by the interface. ``SCHEMA_VERSION`` lets an upgrade
migrate stored settings. The declarations load without SQLAlchemy (the card command's short
path reads its defaults here).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.errors import InvalidInput
from app.i18n import N_, _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    label: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] | None = None


OPTIONS: dict[str, Option] = {o.key: o for o in (
    Option("interface_language", str, "nl", N_("Interface language"),
           choices=("nl", "en", "ar")),
    Option("auto_lock_minutes", int, 5, N_("Lock after minutes without use"), 1, 120),
    Option("evaluation_months", int, 6, N_("Months between evaluations"), 1, 6),
    Option("retention_years", int, 2, N_("Keep records after the last contact (years)"), 1, 30),
    Option("caseload_per_case_manager", int, 25, N_("People per case manager (caseload)"),
           1, 500),
    Option("referral_answer_days", int, 14,
           N_("Days to wait for a partner's answer to a referral"), 1, 365),
    Option("card_format", str, "wallet", N_("Card format"), choices=("wallet", "a6")),
    Option("card_one_sided", bool, False, N_("Print cards one-sided (no duplex printer)")),
    Option("backup_folder", str, "", N_("Backup folder")),
    Option("backup_generations", int, 10, N_("Backups to keep"), 1, 365),
)}


def get(db: Session, key: str) -> Any:
    from app.store.models import Setting

    option = OPTIONS[key]
    row = db.get(Setting, key)
    return option.default if row is None else row.value


def set_value(db: Session, by: uuid.UUID | None, key: str, value: Any) -> Any:
    """Store one setting after checking its type and range."""
    option = OPTIONS.get(key)
    if option is None:
        raise InvalidInput({key: _("Unknown setting.")})
    try:
        if option.type is bool and isinstance(value, str):
            value = value.strip().lower() in {"1", "true", "yes", "ja", "on"}
        value = option.type(value)
    except (TypeError, ValueError):
        raise InvalidInput({key: _("This is not a valid value.")}) from None
    if option.minimum is not None and value < option.minimum:
        raise InvalidInput({key: _("At least {n}.").format(n=option.minimum)})
    if option.maximum is not None and value > option.maximum:
        raise InvalidInput({key: _("At most {n}.").format(n=option.maximum)})
    if option.choices is not None and value not in option.choices:
        raise InvalidInput({key: _("Choose one of the options.")})
    from app.store.models import Setting

    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, value=value))
    else:
        row.value = value
    return value


def all_values(db: Session) -> dict[str, Any]:
    return {key: get(db, key) for key in OPTIONS}
