"""Command-line commands of the contact card: the office profile and the card's contacts.

``wegwijs office show`` / ``office set --name ... --phone ... --hours ...`` and
``wegwijs card-contacts list`` / ``card-contacts import FILE.csv``, for coordinators (the
office's defaults are on every card). ``app.cli`` adds these parsers, rules and commands; each
logs in as ``--user`` like every other command and calls the same services as the window.

The CSV file has a header row naming its columns (any order, ``;`` or ``,`` separated, as
spreadsheets save them): ``role`` (``gp``, ``municipality``... or the Dutch name on the card,
``Huisarts``), ``organisation``, ``name``, ``phone``, ``address``, ``hours``, ``purpose``
(optional: a text of one's own instead of the card's standard "what for" line). Every row is
checked before anything is written: one bad row names its line and field, and nothing is
imported.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

from app.errors import InvalidInput, WegwijsError
from app.i18n import N_, _

RULE = "office_settings"  # an app.access.permissions.Permission value: coordinators
RULES = {"office": RULE, "card-contacts": RULE}
REFUSALS = {RULE: N_("Your role ({role}) may not change the office profile or the card's "
                     "contacts.")}
OFFICE_FIELDS = (("name", N_("Name")), ("address", N_("Address")), ("phone", N_("Phone")),
                 ("email", N_("E-mail")), ("website", N_("Website")),
                 ("opening_hours", N_("Opening hours")))
COLUMNS = ("role", "organisation", "name", "phone", "address", "hours", "purpose")
MAX_FILE = 1_000_000  # bytes: a list of contacts, never more


def add_parsers(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    of = sub.add_parser("office", help=N_("show or set the office profile printed on every "
                                          "card (coordinators)"))
    of_sub = of.add_subparsers(dest="office_command", metavar="ACTION", required=True)
    of_sub.add_parser("show", help=N_("the office's name, address, phone and opening hours"))
    st = of_sub.add_parser("set", help=N_("change the fields given, keep the others"))
    st.add_argument("--name", metavar="TEXT")
    st.add_argument("--address", metavar="TEXT")
    st.add_argument("--phone", metavar="NUMBER")
    st.add_argument("--email", metavar="ADDRESS")
    st.add_argument("--website", metavar="ADDRESS")
    st.add_argument("--hours", dest="opening_hours", metavar="TEXT",
                    help=N_("e.g. 'ma-do 9:00-17:00; vr 9-12' (printed with the day names of "
                            "the card's language)"))

    cc = sub.add_parser("card-contacts", help=N_("list or import the contacts every card "
                                                 "shows (coordinators)"))
    cc_sub = cc.add_subparsers(dest="card_contacts_command", metavar="ACTION", required=True)
    cc_sub.add_parser("list", help=N_("the office's card contacts, in card order"))
    im = cc_sub.add_parser("import", help=N_("replace the office's card contacts with those "
                                             "of a CSV file (all rows or none)"))
    im.add_argument("file", type=Path, metavar="FILE.csv")
    im.add_argument("--add", action="store_true",
                    help=N_("add them after the current contacts instead of replacing them"))


def _hours_note(profile_or_contact: object, data_attr: str) -> str:
    from app.opening_hours import describe, from_json

    slots = from_json(getattr(profile_or_contact, data_attr))
    if slots is None:
        return ""
    return " (" + _("understood as: {hours}").format(hours="; ".join(describe(slots, "nl"))) + ")"


def cmd_office(args: argparse.Namespace) -> int:
    from app.cli import _open
    from app.services import office

    store = _open(args)
    try:
        with store.session() as db:
            if args.office_command == "set":
                changes = {name: getattr(args, name) for name, _label in OFFICE_FIELDS
                           if getattr(args, name) is not None}
                if not changes:
                    raise WegwijsError(_("Name at least one field to set, e.g. --phone "
                                         "\"023-532 4567\"."))
                try:
                    office.update_profile(db, args.acting.id, **changes)
                except InvalidInput as err:
                    raise WegwijsError(_field_problems(err)) from None
                db.commit()
            profile = office.get_profile(db)
            for name, label in OFFICE_FIELDS:
                value = getattr(profile, name) or "-"
                note = _hours_note(profile, "opening_hours_data") if name == "opening_hours" \
                    else ""
                print(f"{_(label)}\t{value}{note}")
    finally:
        store.close()
    return 0


def _field_problems(err: InvalidInput, where: str = "") -> str:
    flag = {"opening_hours": "hours"}
    return "; ".join(f"{where}{flag.get(field, field)}: {message}"
                     for field, message in err.problems.items())


def _role(text: str) -> str | None:
    """The role a CSV cell names: its code or its Dutch or English name on the card."""
    from app.documents.catalogue import Texts
    from app.vocabulary import ContactRole

    wanted = text.strip().lower()
    for role in ContactRole:
        if wanted == role.value:
            return role.value
    for lang in ("nl", "en"):
        texts = Texts(lang)
        for role in ContactRole:
            if wanted == texts.own(f"role.{role.value}").strip().lower():
                return role.value
    return None


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a card-contacts CSV file with their line numbers; WegwijsError naming the
    problem when the file cannot be read or has no usable header."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE + 1)
    except OSError as err:
        raise WegwijsError(_("{path} cannot be read: {reason}").format(
            path=path, reason=err.strerror or err)) from None
    if len(raw) > MAX_FILE:
        raise WegwijsError(_("{path} is larger than a list of contacts can be.").format(
            path=path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WegwijsError(_("{path} is not UTF-8 text; save it from the spreadsheet as "
                             "\"CSV UTF-8\".").format(path=path)) from None
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "role" not in header or "phone" not in header:
        raise WegwijsError(_("The first line of {path} must name the columns, at least role "
                             "and phone (also: {columns}).").format(
                                 path=path, columns=", ".join(COLUMNS)))
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise WegwijsError(_("Unknown column(s) in {path}: {names}; the columns are: "
                             "{columns}.").format(path=path, names=", ".join(unknown),
                                                   columns=", ".join(COLUMNS)))
    rows = []
    for row in reader:
        cells = {(k or "").strip().lower(): (v or "") if isinstance(v, str) else ""
                 for k, v in row.items()}
        if any(v.strip() for v in cells.values()):
            rows.append((reader.line_num, cells))
    return rows


def cmd_card_contacts(args: argparse.Namespace) -> int:
    from app.cli import _open
    from app.services import contacts

    store = _open(args)
    try:
        with store.session() as db:
            if args.card_contacts_command == "import":
                fields = _checked_fields(read_rows(args.file))
                contacts.import_defaults(db, args.acting.id, fields, replace=not args.add)
                db.commit()
                print(_("Imported {n} card contacts.").format(n=len(fields)))
            for position, contact in enumerate(contacts.list_contacts(db, args.acting.id, None), 1):
                hours = contact.hours + _hours_note(contact, "hours_data")
                print("\t".join([str(position), contact.role.value, contact.organisation,
                                 contact.name, contact.phone, hours]))
    finally:
        store.close()
    return 0


def _checked_fields(rows: list[tuple[int, dict[str, str]]]) -> list[object]:
    """Every row as the service's fields, checked as the service checks them; one message
    naming every bad row's line and field, and nothing written, when a row is wrong."""
    from app.services.contacts import ContactFields, check_fields

    if not rows:
        raise WegwijsError(_("The file holds no contacts; nothing was changed."))
    problems: list[str] = []
    fields = []
    for line, cells in rows:
        where = _("line {n}").format(n=line) + ": "
        role = _role(cells.get("role", ""))
        if role is None:
            problems.append(where + _("role: unknown role {role!r}").format(
                role=cells.get("role", "").strip()))
            continue
        purpose = cells.get("purpose", "").strip()
        data = ContactFields(role=role, organisation=cells.get("organisation", ""),
                             name=cells.get("name", ""), phone=cells.get("phone", ""),
                             address=cells.get("address", ""), hours=cells.get("hours", ""),
                             purpose_text=purpose)
        data.blank = not (data.phone.strip() or data.organisation.strip() or data.name.strip())
        try:
            check_fields(data)
        except InvalidInput as err:
            problems.append(_field_problems(err, where))
            continue
        fields.append(data)
    if problems:
        raise WegwijsError(_("Nothing was imported:") + "\n  " + "\n  ".join(problems))
    return fields


COMMANDS = {"office": cmd_office, "card-contacts": cmd_card_contacts}
