"""The command line: subcommands use the same services as the window.

``wegwijs`` without a command starts the window; the command itself lives in
``ui.session.command``, which passes the window's starter in, so nothing here imports ``ui/``.

Exit code 0 on success; otherwise one line on stderr saying what went wrong and what to do.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import cli_card, cli_casework, cli_deadlines, cli_exchange
from app.cli_options import first_line, read_passphrase, run_command, top_parser
from app.errors import StoreError, WegwijsError
from app.i18n import N_, _

if TYPE_CHECKING:
    from app.store import Store
    from app.store.models import User

log = logging.getLogger("wegwijs")
# Starts the window: given by the ``wegwijs`` command (ui.session.command), never imported here.
WindowStarter = Callable[[str | None, Path | None], int]
MAX_DEMO_PERSONS = 1_000_000


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(text=text)) from None
    if value < 0 or value > MAX_DEMO_PERSONS:
        raise argparse.ArgumentTypeError(_("choose a number from 0 to {n}").format(
            n=MAX_DEMO_PERSONS))
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = top_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("init", help=N_("create an empty database"))
    demo = sub.add_parser("demo", help=N_("add synthetic people for a demonstration"))
    demo.add_argument("--persons", type=_positive, default=100)
    demo.add_argument("--seed", type=int, default=1)

    find = sub.add_parser("persons", help=N_("list people, or those matching QUERY"))
    find.add_argument("query", nargs="?", default="")
    find.add_argument("--limit", type=_positive, default=50)

    card = sub.add_parser("card", help=N_("print a contact card to a PDF file"))
    card.add_argument("person", nargs="?", help=N_("record number (W-00042) or id"))
    card.add_argument("--blank", action="store_true", help=N_("a blank card to fill in by hand"))
    card.add_argument("--lang", dest="doc_lang", required=True, metavar="LANG")
    card.add_argument("--out", required=True, type=Path)
    card.add_argument("--format", choices=("wallet", "a6"), default=None)
    card.add_argument("--one-sided", action="store_true")
    card.add_argument("--show-name", action="store_true",
                      help=N_("print the person's name and record number on the card"))

    plan = sub.add_parser("plan", help=N_("print a perspective plan to a PDF file"))
    plan.add_argument("person")
    plan.add_argument("--lang", dest="doc_lang", required=True, metavar="LANG")
    plan.add_argument("--out", required=True, type=Path)

    ho = sub.add_parser("handover", help=N_("a warm handover for a partner organisation, as PDF "
                                            "(only what the person's consent covers)"))
    ho.add_argument("person", help=N_("record number (W-00042) or id"))
    ho.add_argument("--partner", required=True, metavar="NAME")
    ho.add_argument("--purpose", default="", metavar="TEXT",
                    help=N_("what the referral to the partner is for"))
    ho.add_argument("--request", default=None, metavar="TEXT",
                    help=N_("what the partner is asked to do (printed on the handover; "
                            "default: the purpose)"))
    ho.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    ho.add_argument("--override-reason", metavar="TEXT",
                    help=N_("without consent: why a coordinator hands over all the same"))

    from app import cli_documents

    cli_documents.add_access_parser(sub)
    cli_documents.add_questionnaire_parser(sub)

    sub.add_parser("translations", help=N_("review state of the document translations"))

    bk = sub.add_parser("backup", help=N_("write a verified, encrypted backup; prints its path"))
    bk.add_argument("--to", type=Path, metavar="FOLDER",
                    help=N_("backup folder (default: the folder in the settings, or the data "
                            "folder's backups)"))
    rs = sub.add_parser("restore", help=N_("replace the database with a checked backup"))
    rs.add_argument("file", type=Path, nargs="?")
    rs.add_argument("--foreign", action="store_true",
                    help=N_("put in place a backup of another database (your password is "
                            "checked on the current database first)"))
    rs.add_argument("--backup-passphrase-file", type=Path, metavar="FILE",
                    help=N_("the backup's passphrase, first line, when it is not the one of "
                            "--passphrase-file (a foreign backup)"))
    rs.add_argument("--undo", "--put-back", dest="undo", action="store_true",
                    help=N_("put back the database the last restore kept aside"))

    rp = sub.add_parser("report", help=N_("anonymous overview of a period, as PDF or XLSX"))
    rp.add_argument("--from", dest="start", required=True, metavar="DATE")
    rp.add_argument("--to", dest="end", required=True, metavar="DATE")
    rp.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|.xlsx")

    ex = sub.add_parser("export", help=N_("export all people to CSV or XLSX (coordinators)"))
    ex.add_argument("--format", choices=("csv", "xlsx"), required=True)
    ex.add_argument("--out", type=Path, required=True)

    us = sub.add_parser("users", help=N_("add, list or deactivate users (coordinators)"))
    us_sub = us.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = us_sub.add_parser("add", help=N_("add a user with their own password"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=("volunteer", "case_manager",
                                                       "coordinator"))
    add.add_argument("--display-name", metavar="TEXT",
                     help=N_("the name the window shows (default: NAME)"))
    add.add_argument("--password-file", type=Path, metavar="FILE",
                     help=N_("read the new user's password from the first line of FILE "
                             "(otherwise it is asked twice without echo)"))
    us_sub.add_parser("list", help=N_("list the users, their roles and whether active"))
    de = us_sub.add_parser("deactivate", help=N_("take a user's access away and change the "
                                                 "data key, so no older key file opens it"))
    de.add_argument("name", metavar="NAME")
    _office_choice(de)
    de.add_argument("--keep-data-key", action="store_true",
                    help=N_("only take the user's own way in away (an older key file and their "
                            "password would still open the database; the exchange key is kept "
                            "too)"))
    _keep_exchange_key(de)

    ky = sub.add_parser("keys", help=N_("change the data key, the office passphrase or your own "
                                        "password"))
    ky_sub = ky.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    rot = ky_sub.add_parser("rotate", help=N_("give the database a new data key, sealed for "
                                              "every active user, the office passphrase and "
                                              "the recovery key (coordinators)"))
    _office_choice(rot)
    rot.add_argument("--new-recovery-key", action="store_true",
                     help=N_("also make a new recovery key (printed once; the old one stops "
                             "working)"))
    rot.add_argument("--reason", default="", metavar="TEXT",
                     help=N_("why, for the audit trail"))
    _keep_exchange_key(rot)
    pw = ky_sub.add_parser("password", help=N_("change your own password"))
    pw.add_argument("--password-file", type=Path, metavar="FILE",
                    help=N_("read the new password from the first line of FILE (otherwise it "
                            "is asked twice without echo)"))
    pw.add_argument("--known", action="store_true",
                    help=N_("the old password may be known to someone else: also change the "
                            "data key, so an older key file with it opens nothing"))
    _keep_exchange_key(pw)

    cli_casework.add_parsers(sub)  # contact, contacts, followup(s), referral(s)
    cli_deadlines.add_parsers(sub)  # deadlines, caseload, stay, team, merge
    cli_card.add_parsers(sub)  # office, card-contacts
    cli_exchange.add_parsers(sub)  # exchange export/import/join-file/conflicts, join

    sv = sub.add_parser("server", help=N_("set up an office's PostgreSQL server"))
    sv_sub = sv.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    su = sv_sub.add_parser("setup", help=N_("as the database's owner: run the migrations and "
                                            "give the application role its rights (no "
                                            "Wegwijs user needed; safe to run again)"))
    su.add_argument("--db", default=argparse.SUPPRESS, metavar="postgresql+psycopg://OWNER@HOST/DB",
                    help=N_("the database, with the owner's server login"))
    su.add_argument("--app-role", default="wegwijs_app", metavar="ROLE",
                    help=N_("the role the volunteers' programs connect as (default: "
                            "wegwijs_app)"))
    su.add_argument("--sql", action="store_true",
                    help=N_("only print the SQL that gives the rights; connect to nothing"))
    return parser


def _office_choice(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--office", choices=("keep", "change", "retire"), default="keep",
                        help=N_("the office passphrase: keep it, change it (asked twice, or "
                                "--new-passphrase-file), or retire it once every user has "
                                "their own password (default: keep)"))
    parser.add_argument("--new-passphrase-file", type=Path, metavar="FILE",
                        help=N_("read the new office passphrase from the first line of FILE"))


# A passphrase file is read this far and no further (``/dev/zero`` never ends).
def _user(args: argparse.Namespace) -> str | None:
    return args.user or os.environ.get("WEGWIJS_USER")


# Who may run each command: NO_USER (nothing personal: the office passphrase or nothing),
# ANY_USER (any active user), or the right the command's action needs. A callable decides by
# the command's arguments (card --blank, handover --override-reason). Every command in
# COMMANDS has a rule (tests/security/test_roles.py).
NO_USER = "no user"
ANY_USER = "any user"
Rule = str  # NO_USER, ANY_USER or an app.access.permissions.Permission value


def _card_rule(args: argparse.Namespace) -> Rule:
    return NO_USER if getattr(args, "blank", False) else ANY_USER


def _keys_rule(args: argparse.Namespace) -> Rule:
    return ANY_USER if getattr(args, "keys_command", None) == "password" else "manage_users"


def _handover_rule(args: argparse.Namespace) -> Rule:
    return "override_consent" if getattr(args, "override_reason", None) else ANY_USER


RULES: dict[str | None, Rule | Callable[[argparse.Namespace], Rule]] = {
    "init": NO_USER, "translations": NO_USER, "questionnaire": NO_USER, "card": _card_rule,
    "persons": ANY_USER,
    "demo": ANY_USER, "report": ANY_USER, "plan": "print_plan", "handover": _handover_rule,
    "access": "export", "export": "export", "backup": "backup_settings", "restore": "restore",
    "users": "manage_users", "keys": _keys_rule, "server": NO_USER, None: NO_USER,
}
RULES.update(cli_casework.RULES)
RULES.update(cli_deadlines.RULES)
RULES.update(cli_card.RULES)
RULES.update(cli_exchange.RULES)

# What a role may not do, one line for each command that needs a right.
# A role as it reads inside a sentence of a refusal, in the interface language.
ROLE_NAMES = {"volunteer": N_("volunteer"), "case_manager": N_("case manager"),
              "coordinator": N_("coordinator")}

_REFUSALS = {
    "print_plan": N_("Your role ({role}) may not print a perspective plan."),
    "override_consent": N_("Your role ({role}) may not hand over without the person's "
                           "consent."),
    "export": N_("Your role ({role}) may not export personal data."),
    "backup_settings": N_("Your role ({role}) may not make a backup."),
    "restore": N_("Your role ({role}) may not restore a backup."),
    "manage_users": N_("Your role ({role}) may not manage users."),
}
_REFUSALS.update(cli_card.REFUSALS)
_REFUSALS.update(cli_deadlines.REFUSALS)


def rule_for(args: argparse.Namespace) -> Rule:
    """The rule of the command ``args`` names (see RULES)."""
    rule = RULES[args.command]
    return rule(args) if callable(rule) else rule


def _check_right(args: argparse.Namespace, role: str) -> None:
    """Refuse, with one line, a role that lacks the right the command needs."""
    from app.access.permissions import Permission, allowed
    from app.errors import NotAllowed

    rule = rule_for(args)
    if rule in (NO_USER, ANY_USER):
        return
    if not allowed(role, Permission(rule)):
        raise NotAllowed(_(_REFUSALS[rule]).format(role=_(ROLE_NAMES.get(str(role), str(role)))))


def _no_user_message() -> str:
    return _("Name your user with --user NAME (or WEGWIJS_USER) and give your own password: "
             "the office passphrase alone opens nothing personal.")


def _log_in(args: argparse.Namespace, passphrase: str | None = None) -> tuple[Store, User]:
    """The store ``--db`` names, opened and logged in as ``--user`` with their own password
    (``passphrase``, read here when not given). Deactivated users and the office passphrase
    alone are refused."""
    from app.access import keyring, workspace
    from app.errors import NotAllowed, WrongPassphrase
    from app.services import users
    from app.store.target import resolve_target

    name = _user(args)
    if not name:
        raise NotAllowed(_no_user_message())
    target = resolve_target(args.db)
    secret = passphrase if passphrase is not None else read_passphrase(args)
    args.secret = secret
    if target.is_sqlite:
        own = workspace.has_own_passphrase(target, name)
        try:
            opened = workspace.open_for(target, name, secret)
        except WrongPassphrase:
            if own:
                raise
            raise WrongPassphrase(_("This password opens nothing for {name}: the user is "
                                    "unknown or was deactivated, or the password is wrong.")
                                  .format(name=name)) from None
        store, user = opened.store, opened.user
    else:
        store, user = workspace.unlock(target, None), None
    try:
        if user is None:
            with store.session() as db:
                if users.is_deactivated(db, name):
                    raise NotAllowed(_("The user {name} was deactivated; ask a coordinator.")
                                     .format(name=name))
            keyed = target.path is not None and keyring.load(target.path) is not None
            user = workspace.log_in(store, name, secret if keyed or not target.is_sqlite
                                    else _password(args, name))
    except BaseException:
        store.close()
        raise
    return store, user


def _password(args: argparse.Namespace, name: str) -> str:
    """The user's own password where it differs from the secret that opens the file (a
    database without a key file, opened with the office passphrase): ``WEGWIJS_PASSWORD``, or
    asked without echo."""
    if getattr(args, "password", None) is not None:
        return args.password  # type: ignore[no-any-return]
    password = os.environ.get("WEGWIJS_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            raise StoreError(_("This database has no key file: give {name}'s own password in "
                               "WEGWIJS_PASSWORD as well.").format(name=name))
        password = getpass.getpass(_("Password of {name}: ").format(name=name))
    args.password = password
    return password


def _open(args: argparse.Namespace, passphrase: str | None = None) -> Store:
    """The store ``--db`` names, logged in as ``--user`` (``args.acting``), after checking the
    user's role allows the command; before anything personal is read or written."""
    store, user = _log_in(args, passphrase)
    try:
        _check_right(args, user.role.value)
    except BaseException:
        store.close()
        raise
    args.acting = user
    return store


def cmd_init(args: argparse.Namespace) -> int:
    from app.access.workspace import initialise
    from app.store.target import resolve_target

    target = resolve_target(args.db)
    if target.is_sqlite and target.path is not None and target.path.exists():
        raise StoreError(_("{path} already exists; nothing was changed.").format(path=target.path))
    store = initialise(target, read_passphrase(args, confirm=True) if target.is_sqlite else None)
    store.close()
    print(_("Created {where}").format(where=target.describe()))
    if store.recovery_code:
        print(_("Recovery key (write it down or print it now, keep it locked away; it opens the "
                "database when every passphrase is forgotten, and is shown only this once):"))
        print(store.recovery_code)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app import demo

    store = _open(args)
    try:
        def progress(done: int, total: int) -> bool:
            if sys.stderr.isatty():
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
            return True

        added = demo.generate(store, args.persons, args.seed, progress=progress)
    finally:
        store.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(_("Added {n} synthetic people").format(n=added))
    return 0


def cmd_persons(args: argparse.Namespace) -> int:
    from app.countries import country_name
    from app.services import search
    from app.vocabulary import LABELS

    store = _open(args)
    try:
        with store.session() as db:
            rows = search.search(db, args.acting.id, args.query, limit=args.limit)
    finally:
        store.close()
    for r in rows:
        names = r.name + (f" ({r.name_original})" if r.name_original and r.name_original != r.name
                          else "")
        print("\t".join([r.record_code, names, r.birth_date or "?",
                         country_name(r.nationality, "en") or "?",
                         _(LABELS.get(r.status.value, r.status.value))]))
    return 0


def _check_out(args: argparse.Namespace, backup_folder: str | None = None) -> None:
    """Refuse an ``--out`` that is one of the files Wegwijs owns (the database, its key file,
    its lock files, a backup), or a folder; before anything is read or written."""
    from app.files import check_output
    from app.locations import plain_file

    database = plain_file(args.db)
    if database is None and "://" in (args.db or os.environ.get("WEGWIJS_DB") or ""):
        from app.store.target import resolve_target  # an address: the store is loaded anyway

        database = resolve_target(args.db).path
    check_output(args.out, database, backup_folder)


def _backup_folder(db: object) -> str | None:
    """The backup folder in the settings (its files are never an output)."""
    from app import settings

    return settings.get(db, "backup_folder")  # type: ignore[arg-type]


def _write_pdf(path: Path, data: bytes) -> None:
    from app.files import write_atomic

    write_atomic(path, data)


def cmd_card(args: argparse.Namespace) -> int:
    from app.printing import document_data

    if args.blank == bool(args.person):
        raise WegwijsError(_("Name a person, or use --blank for a card to fill in by hand."))
    _check_out(args)
    document_data.check_language(args.doc_lang)
    if args.blank:
        pdf = document_data.blank_card(args.doc_lang, args.format or "wallet", args.one_sided)
    else:
        pdf = _person_card(args)
    _write_pdf(args.out, pdf)
    print(args.out)
    return 0


def _person_card(args: argparse.Namespace) -> bytes:
    """Straight from an SQLite file at the newest schema (no ORM: app.printing.quick_card), else
    through the store; as the user ``--user`` names (any active user may print a card)."""
    from app.access import keyring
    from app.errors import NotAllowed
    from app.locations import plain_file
    from app.printing import quick_card

    name = _user(args)
    if not name:
        raise NotAllowed(_no_user_message())
    path = plain_file(args.db)
    passphrase = read_passphrase(args) if path is not None else None
    ring = keyring.load(path) if path is not None and path.is_file() else None
    if path is not None and passphrase is not None and path.is_file() and (
            ring is None or ring.find(keyring.user_entry(name)) is not None):
        pdf = quick_card.person_card(path, passphrase, name, args.person, args.doc_lang,
                                     password=None if ring is not None else _password(args, name),
                                     fmt=args.format, one_sided=args.one_sided,
                                     show_name=args.show_name)
        if pdf is not None:
            return pdf
    from app.printing import document_data

    store = _open(args, passphrase)
    try:
        with store.session() as db:
            return document_data.person_card(db, args.acting.id, args.person, args.doc_lang,
                                             fmt=args.format, one_sided=args.one_sided,
                                             show_name=args.show_name)
    finally:
        store.close()


def cmd_plan(args: argparse.Namespace) -> int:
    from app.printing import document_data

    document_data.check_language(args.doc_lang)
    _check_out(args)
    store = _open(args)
    try:
        with store.session() as db:
            _check_out(args, _backup_folder(db))
            pdf = document_data.person_plan(db, args.acting.id, args.person, args.doc_lang)
    finally:
        store.close()
    _write_pdf(args.out, pdf)
    print(args.out)
    return 0


def cmd_handover(args: argparse.Namespace) -> int:
    from app.documents.handover_pdf import render_handover
    from app.errors import InvalidInput
    from app.privacy import handover
    from app.services import persons

    _check_out(args)
    if args.out.suffix.lower() != ".pdf":
        raise InvalidInput({"out": _("Write the handover to a .pdf file.")})
    store = _open(args)
    try:
        with store.session() as db:
            _check_out(args, _backup_folder(db))
            person = persons.resolve(db, args.acting.id, args.person)
            h = handover.prepare(db, args.acting.id, person.id, args.partner,
                                 override_reason=args.override_reason,
                                 purpose=args.purpose, request=args.request)
            pdf = render_handover(h)
    finally:
        store.close()
    _write_pdf(args.out, pdf)
    print(args.out)
    return 0


def cmd_access(args: argparse.Namespace) -> int:
    from app.cli_documents import cmd_access as access

    return access(args)


def cmd_questionnaire(args: argparse.Namespace) -> int:
    from app.cli_documents import cmd_questionnaire as questionnaire

    return questionnaire(args)


def cmd_translations(args: argparse.Namespace) -> int:
    from app.cli_documents import cmd_translations as translations

    return translations(args)


def cmd_backup(args: argparse.Namespace) -> int:
    from app import settings
    from app.locations import data_dir
    from app.privacy import backup

    store = _open(args)
    try:
        with store.session() as db:
            configured = settings.get(db, "backup_folder")
            generations = settings.get(db, "backup_generations")
        folder = args.to or (Path(configured) if configured else data_dir() / "backups")
        path = backup.backup(store, folder, generations=generations)
    finally:
        store.close()
    print(path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.privacy import backup
    from app.store.target import resolve_target

    target = resolve_target(args.db)
    if target.path is None:
        raise WegwijsError(_("Restore a PostgreSQL database on its server (pg_restore)."))
    if args.undo:
        if args.file is not None or args.foreign:
            raise WegwijsError(_("--undo puts back the database the last restore kept aside; "
                                 "give no backup file and no --foreign with it."))
        previous, aside = backup.put_back(target.path)
        print(_("Put back {previous}; the database it replaced was kept as {aside}").format(
            previous=previous.name, aside=aside.name if aside else "-"))
        return 0
    if args.file is None:
        raise WegwijsError(_("Name the backup file to restore (or use --undo)."))
    current = read_passphrase(args)  # yours: it opens the live database (checked again)
    passphrase, name = current, _user(args)  # your own way in, through the backup's key file
    if args.backup_passphrase_file is not None:
        from_file = argparse.Namespace(passphrase_file=args.backup_passphrase_file)
        passphrase, name = read_passphrase(from_file), None
    elif args.foreign and sys.stdin.isatty():
        passphrase, name = getpass.getpass(_("The backup's passphrase: ")), None
    kept = backup.restore(target.path, args.file, passphrase, name=name,
                          foreign=args.foreign, current_passphrase=current,
                          current_name=_user(args))
    print(_("Restored {file}; the previous database was kept as {kept}").format(
        file=args.file, kept=kept))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.privacy import export

    _check_out(args)
    store = _open(args)
    try:
        with store.session() as db:
            _check_out(args, _backup_folder(db))
            n = export.export(db, args.acting.id, args.format, args.out)
    finally:
        store.close()
    print(_("Exported {n} people to {path}").format(n=n, path=args.out))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from app.dates import parse_date
    from app.errors import InvalidInput
    from app.privacy import report

    start = parse_date(args.start, field="from", required=True)
    end = parse_date(args.end, field="to", required=True)
    assert start is not None and end is not None
    if end < start:
        raise InvalidInput({"to": _("The end of the period lies before its start.")})
    _check_out(args)
    if args.out.suffix.lower() not in (".pdf", ".xlsx"):
        raise InvalidInput({"out": _("Write the overview to a .pdf or .xlsx file.")})
    store = _open(args)
    try:
        with store.session() as db:
            _check_out(args, _backup_folder(db))
            data = report.build(db, start, end)
    finally:
        store.close()
    report.write(data, args.out)
    print(args.out)
    return 0


def _restore_as_coordinator(args: argparse.Namespace) -> int:
    """``restore`` only for a coordinator logged in with their own password, checked before
    anything is replaced: on the live database, or for ``--undo`` on the database put back
    (the live one may be another office's); then :func:`cmd_restore`."""
    from app.store.target import resolve_target

    path = resolve_target(args.db).path
    if path is not None:
        check = args
        if getattr(args, "undo", False):
            from app.privacy.backup import kept_before_restore

            kept = kept_before_restore(path)
            if not kept:
                return cmd_restore(args)  # nothing to put back: it says so
            check = argparse.Namespace(**{**vars(args), "db": str(kept[-1])})
        _open(check).close()
        args.secret = check.secret
    return cmd_restore(args)


def _new_password(args: argparse.Namespace, *, own: bool = False) -> str:
    """The new password (a new user's, or ``own``: one's own): from ``--password-file``
    (size-limited), or asked twice without echo."""
    if args.password_file is not None:
        return first_line(args.password_file)
    if not sys.stdin.isatty():
        raise StoreError(_("No new password: use --password-file.") if own else
                         _("No password for the new user: use --password-file."))
    first = getpass.getpass(_("New password: ") if own else _("New user's password: "))
    again = getpass.getpass(_("New password again: ") if own else _("New user's password again: "))
    if again != first:
        raise StoreError(_("The two passwords differ; nothing was changed.") if own else
                         _("The two passwords differ; no user was added."))
    return first


def _first_user(args: argparse.Namespace) -> Store | None:
    """The store opened with the office passphrase when it has no user at all and the command
    adds the first coordinator (as the set-up does in the window); None otherwise."""
    from app.access import permissions, workspace
    from app.store.target import resolve_target

    if _user(args) or args.users_command != "add" or args.role != "coordinator":
        return None
    target = resolve_target(args.db)
    store = workspace.unlock(target, read_passphrase(args) if target.is_sqlite else None)
    with store.session() as db:
        empty = permissions.no_users_yet(db)
    if empty:
        return store
    store.close()
    return None


def cmd_users(args: argparse.Namespace) -> int:
    """``users add NAME --role ROLE``, ``users list``, ``users deactivate NAME``: for
    coordinators (the first coordinator of a database without users: with the office
    passphrase, as at set-up)."""
    from app.access import workspace
    from app.errors import NotFound
    from app.services import users

    store = _first_user(args)
    by = None
    if store is None:
        store = _open(args)
        by = args.acting.id
    try:
        if args.users_command == "add":
            password = _new_password(args)
            user = workspace.add_user(store, by, args.name, args.display_name or args.name,
                                      args.role, password)
            print(_("Added {name} ({role})").format(name=user.username,
                                                    role=_(ROLE_NAMES[user.role.value])))
        elif args.users_command == "list":
            with store.session() as db:
                for u in users.list_users(db, by, active_only=False):
                    state = _("active") if u.active else _("deactivated")
                    print("\t".join([u.username, u.display_name, u.role.value, state]))
        else:
            with store.session() as db:
                user = users.find_user(db, by, args.name)
                if user is None:
                    raise NotFound(_("There is no user {name}.").format(name=args.name))
                user_id = user.id
            if user_id == by:
                raise WegwijsError(_("You cannot deactivate yourself; ask another "
                                     "coordinator."))
            workspace.set_user_active(store, by, user_id, False)
            print(_("Deactivated {name}").format(name=args.name.strip().lower()))
            if not args.keep_data_key and store.target.is_sqlite:
                try:
                    _rotate(args, store, by, reason="user deactivated")
                except StoreError as err:
                    raise StoreError(_("{name} was deactivated, but the data key was not changed: "
                                       "{reason} Then run 'wegwijs keys rotate'.").format(
                                           name=args.name.strip().lower(), reason=err)) from None
    finally:
        store.close()
    return 0


def _new_office_passphrase(args: argparse.Namespace) -> str | None:
    """With ``--office change``: the new office passphrase, from ``--new-passphrase-file`` or
    asked twice without echo."""
    if args.office != "change":
        return None
    if args.new_passphrase_file is not None:
        return first_line(args.new_passphrase_file)
    if not sys.stdin.isatty():
        raise StoreError(_("No new office passphrase: use --new-passphrase-file."))
    first = getpass.getpass(_("New office passphrase: "))
    if getpass.getpass(_("New office passphrase again: ")) != first:
        raise StoreError(_("The two passphrases differ; nothing was changed."))
    return first


def _keep_exchange_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keep-exchange-key", action="store_true",
                        help=N_("keep the office's exchange key (otherwise a new one is made "
                                "with the data key, and the other laptops need a key file: "
                                "'wegwijs exchange key-file')"))


def _rotate(args: argparse.Namespace, store: Store, by: uuid.UUID | None, *, reason: str,
            own_password: bool = False) -> None:
    """Change the data key (app.access.rotation) and say what the coordinator must do next."""
    from app.access import rotation

    office = getattr(args, "office", "keep")
    result = rotation.rotate(store, by, office=office,
                             office_passphrase=_new_office_passphrase(args) if not own_password
                             else None, new_recovery=getattr(args, "new_recovery_key", False),
                             reason=reason, own_password=own_password,
                             keep_exchange_key=getattr(args, "keep_exchange_key", False))
    print(_("The data key was changed: older key files and passwords no longer open this "
            "database. Backups made before keep the key they were made with."))
    if result.office == "change":
        print(_("The office passphrase was changed."))
    elif result.office == "retire":
        print(_("The office passphrase was retired: only users' own passwords and the "
                "recovery key open the database now."))
    for name in result.left_out:
        print(_("{name} has no way in after this change: give them a new password "
                "(users add is refused for an existing user; deactivate and add again)."
                ).format(name=name))
    if result.exchange_key and result.other_laptops:
        for line in cli_exchange.key_changed_lines():
            print(line)
    if result.recovery_code:
        print(_("New recovery key (print it or write it down now; the old one no longer "
                "works):"))
        print(result.recovery_code)


def cmd_keys(args: argparse.Namespace) -> int:
    """``keys rotate`` (coordinators) and ``keys password`` (one's own)."""
    from app.access import workspace

    store = _open(args)
    try:
        if args.keys_command == "rotate":
            _rotate(args, store, args.acting.id, reason=args.reason)
        else:
            new = _new_password(args, own=True)
            workspace.change_password(store, args.acting.id, args.secret, new)
            print(_("Your password was changed."))
            if args.known and store.target.is_sqlite:
                _rotate(args, store, args.acting.id, reason="password may be known",
                        own_password=True)
    finally:
        store.close()
    return 0


def cmd_server(args: argparse.Namespace) -> int:
    """``server setup``: as the owner of a PostgreSQL database, run the migrations and give the
    application role its rights (app.store.server_roles); reads nothing personal."""
    from app.store import server_roles

    if args.sql:
        print(server_roles.setup_script(args.app_role), end="")
        return 0
    from app.store.target import resolve_target

    target = resolve_target(args.db)
    for line in server_roles.set_up(target, args.app_role):
        print(line)
    return 0


def cmd_window(args: argparse.Namespace) -> int:
    """No command: the window, which the ``wegwijs`` command brings (ui.session.command)."""
    if args.window is None:
        raise WegwijsError(_("Name a command; the window starts with the wegwijs command."))
    return args.window(args.db, args.passphrase_file)


COMMANDS = {"init": cmd_init, "demo": cmd_demo, "persons": cmd_persons, "card": cmd_card,
            "plan": cmd_plan, "handover": cmd_handover, "access": cmd_access,
            "translations": cmd_translations, "questionnaire": cmd_questionnaire,
            "backup": cmd_backup,
            "restore": _restore_as_coordinator, "export": cmd_export, "report": cmd_report,
            "users": cmd_users, "keys": cmd_keys, "server": cmd_server, None: cmd_window}

COMMANDS.update(cli_casework.COMMANDS)
COMMANDS.update(cli_deadlines.COMMANDS)
COMMANDS.update(cli_card.COMMANDS)
COMMANDS.update(cli_exchange.COMMANDS)


def main(argv: Sequence[str] | None = None, window: WindowStarter | None = None) -> int:
    """Run one command; without a command, ``window(db, passphrase_file)`` (the window)."""
    from app import logs

    logs.configure()
    parser = build_parser()
    args = parser.parse_args(argv)
    args.window = window
    return run_command(COMMANDS[args.command], args)


if __name__ == "__main__":
    sys.exit(main())
