"""Command-line commands of the exchange between laptops (issue 13, docs/exchange.md).

``wegwijs exchange export --out FILE`` and ``wegwijs exchange import FILE`` (any active user:
volunteers bring back an intake session's work), ``wegwijs exchange join-file --out FILE``
(coordinators: a new laptop's join file, its one-time code shown once), ``wegwijs exchange
key-file --out FILE`` and ``wegwijs exchange take-key FILE`` (coordinators: the office's new
exchange key after a data key rotation, app.exchange.key_file) and ``wegwijs join FILE``
on the new laptop (no user yet: it makes the laptop's own database, opened by the office
passphrase typed there; ``--me NAME`` also gives that user their own way in). ``app.cli`` adds these
parsers, rules and commands. What is printed are counts, never names.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.errors import WegwijsError
from app.i18n import N_, _

ANY_USER, NO_USER = "any user", "no user"  # as app.cli


COORDINATOR_ACTIONS = ("join-file", "key-file", "take-key")


def _exchange_rule(args: argparse.Namespace) -> str:
    return "manage_users" if getattr(args, "exchange_command", None) in COORDINATOR_ACTIONS \
        else ANY_USER


RULES = {"exchange": _exchange_rule, "join": NO_USER, "sync": ANY_USER}


def add_parsers(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    ex = sub.add_parser("exchange", help=N_("exchange work with the office's other laptops by "
                                            "file (encrypted for this office)"))
    ex_sub = ex.add_subparsers(dest="exchange_command", metavar="ACTION", required=True)
    out = ex_sub.add_parser("export", help=N_("make an exchange file for another laptop"))
    out.add_argument("--out", required=True, type=Path, metavar="FILE")
    imp = ex_sub.add_parser("import", help=N_("read an exchange file from another laptop"))
    imp.add_argument("file", type=Path, metavar="FILE")
    jf = ex_sub.add_parser("join-file", help=N_("make the join file for a new laptop "
                                                "(coordinators); shows its one-time code"))
    jf.add_argument("--out", required=True, type=Path, metavar="FILE")
    kf = ex_sub.add_parser("key-file", help=N_("make the key file that gives the office's "
                                               "other laptops this laptop's new exchange key "
                                               "(coordinators); shows its one-time code"))
    kf.add_argument("--out", required=True, type=Path, metavar="FILE")
    tk = ex_sub.add_parser("take-key", help=N_("take the office's new exchange key from a key "
                                               "file and its one-time code (coordinators)"))
    tk.add_argument("file", type=Path, metavar="FILE")
    tk.add_argument("--code-file", type=Path, metavar="FILE",
                    help=N_("read the one-time code from FILE (or WEGWIJS_KEY_CODE; otherwise "
                            "it is asked)"))
    ex_sub.add_parser("conflicts", help=N_("how many fields wait for a decision"))

    sy = sub.add_parser("sync", help=N_("sync with the office's server (or another database "
                                        "of the office) now, with the same merge as the files"))
    sy.add_argument("--with", dest="other", required=True,
                    metavar="postgresql+psycopg://USER@HOST/DB|FILE",
                    help=N_("the other database; you log in there with your own password too"))

    jo = sub.add_parser("join", help=N_("make this laptop one of the office's, from a join "
                                        "file and its one-time code"))
    jo.add_argument("file", type=Path, metavar="FILE")
    jo.add_argument("--code-file", type=Path, metavar="FILE",
                    help=N_("read the one-time code from FILE (or WEGWIJS_JOIN_CODE; otherwise "
                            "it is asked)"))
    jo.add_argument("--me", metavar="NAME",
                    help=N_("your user name: from now on your own password (WEGWIJS_PASSWORD, "
                            "or asked) opens this laptop's database"))


def _summary_lines(summary) -> list[str]:  # noqa: ANN001 - incoming.Summary
    if summary.nothing_new:
        return [_("Nothing new: this laptop already had everything in the file.")]
    lines = [
        _("Changes taken in: {n}").format(n=summary.changes),
        _("New people: {n}").format(n=summary.people_new),
        _("People with changes: {n}").format(n=summary.people_changed),
        _("Erased elsewhere, erased here too: {n}").format(n=summary.erased),
        _("Audit lines from other laptops: {n}").format(n=summary.audit_lines),
        _("New conflicts waiting for a decision: {n}").format(n=summary.conflicts),
    ]
    if summary.duplicates:
        lines.append(_("Possible duplicates to look at: {n}").format(n=len(summary.duplicates)))
    return lines


def key_changed_lines() -> list[str]:
    """What a coordinator must do after the office's exchange key changed (also ``app.cli``)."""
    return [_("The office's exchange key was changed too: the office's other laptops cannot "
              "exchange with this one until a coordinator makes a key file here ('wegwijs "
              "exchange key-file --out FILE') and takes it on each of them ('wegwijs exchange "
              "take-key FILE', with its one-time code). Changes made meanwhile wait in each "
              "laptop's change log; nothing is lost.")]


def cmd_exchange(args: argparse.Namespace) -> int:
    from app.cli import _backup_folder, _check_out, _open
    from app.exchange import conflicts, transfer

    writes = ("export", "join-file", "key-file")
    if args.exchange_command in writes:
        _check_out(args)
    store = _open(args)
    try:
        if args.exchange_command in writes:
            with store.session() as db:
                _check_out(args, _backup_folder(db))
        if args.exchange_command == "export":
            counts = transfer.export_file(store, args.acting.id, args.out)
            print(_("Wrote {path}: {changes} changes about {people} people, {audit} audit "
                    "lines.").format(path=args.out, **counts))
        elif args.exchange_command == "import":
            summary = transfer.import_file(store, args.acting.id, args.file)
            for line in _summary_lines(summary):
                print(line)
        elif args.exchange_command == "join-file":
            from app.exchange import join

            made = join.make_join_file(store, args.acting.id, args.out)
            print(_("Wrote the join file {path} (record numbers from W-{first:05d} on the new "
                    "laptop).").format(path=args.out, first=made.series * 1_000_000 + 1))
            print(_("One-time code, to type on the new laptop (it is shown only now):"))
            print(made.code)
        elif args.exchange_command == "key-file":
            from app.exchange import key_file

            key = key_file.make_key_file(store, args.acting.id, args.out)
            print(_("Wrote the key file {path} (the office's exchange key, generation "
                    "{generation}). Take it on each other laptop of the office with 'wegwijs "
                    "exchange take-key'.").format(path=args.out, generation=key.generation))
            print(_("One-time code, to type on the other laptops (it is shown only now):"))
            print(key.code)
        elif args.exchange_command == "take-key":
            from app.exchange import exchange_file, key_file

            data = exchange_file.read_file(args.file)
            with store.session() as db:
                key_file.check_key_file(db, data)  # said before the code is asked
            code = _code(args, "WEGWIJS_KEY_CODE")
            with store.session() as db:
                taken = key_file.take_key_bytes(db, args.acting.id, data, code)
            if taken.changed:
                print(_("This laptop took the office's new exchange key (generation "
                        "{generation}): it exchanges with the other laptops again. Make an "
                        "exchange file now: the changes made here meanwhile go with it.")
                      .format(generation=taken.generation))
            else:
                print(_("This laptop already has this exchange key; nothing was changed."))
        else:
            with store.session() as db:
                print(_("Conflicts waiting for a decision: {n}").format(
                    n=conflicts.count_waiting(db, args.acting.id)))
    finally:
        store.close()
    return 0


def _code(args: argparse.Namespace, variable: str = "WEGWIJS_JOIN_CODE") -> str:
    from app.cli_options import first_line

    if args.code_file is not None:
        return first_line(args.code_file)
    env = os.environ.get(variable)
    if env:
        return env
    if not sys.stdin.isatty():
        raise WegwijsError(_("No one-time code: use --code-file or {variable}.").format(
            variable=variable))
    return getpass.getpass(_("One-time code from the coordinator's screen: "))


def cmd_join(args: argparse.Namespace) -> int:
    """A new database for this laptop from a join file: the office's data and users."""
    from app.cli_options import read_passphrase
    from app.exchange import exchange_file, join
    from app.store.target import resolve_target

    target = resolve_target(args.db)
    if target.path is not None and target.path.exists():
        raise WegwijsError(_("{path} already exists: a laptop joins with a new, empty "
                             "database. Choose another name with --db.").format(
                                 path=target.path))
    data = exchange_file.read_file(args.file)
    code = _code(args)
    join.open_join(data, code)  # a wrong code is said before a passphrase is asked
    passphrase = read_passphrase(args, confirm=True) if target.is_sqlite else ""
    store, recovery, summary = join.join(target, passphrase, data, code)
    try:
        name = args.me
        if name:
            password = os.environ.get("WEGWIJS_PASSWORD") or (
                getpass.getpass(_("Password of {name}: ").format(name=name))
                if sys.stdin.isatty() else None)
            if not password:
                raise WegwijsError(_("Give {name}'s own password in WEGWIJS_PASSWORD.").format(
                    name=name))
            join.give_own_way_in(store, name, password)
    finally:
        store.close()
    print(_("This laptop joined the office: {people} people came in.").format(
        people=summary.people_new))
    if recovery:
        print(_("Recovery key (write it down or print it now, keep it locked away; it opens the "
                "database when every passphrase is forgotten, and is shown only this once):"))
        print(recovery)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """This database and ``--with`` (a server, as a rule) brought up to date with each other."""
    from app.cli import _log_in, _open
    from app.exchange import sync

    store = _open(args)
    try:
        other_args = argparse.Namespace(**{**vars(args), "db": args.other})
        other, user = _log_in(other_args, args.secret)
        try:
            if user.id != args.acting.id:
                raise WegwijsError(_("The other database does not know you as the same user: "
                                     "join it to this office first. Nothing was changed."))
            there, here = sync.sync(store, other, args.acting.id)
        finally:
            other.close()
    finally:
        store.close()
    print(_("Sent: {n} changes taken in there.").format(n=there.changes))
    if there.new_exchange_key:
        print(_("The other database took this laptop's newer exchange key."))
    for line in _summary_lines(here):
        print(line)
    if here.new_exchange_key:
        print(_("This laptop took the office's newer exchange key from the other database."))
    return 0


COMMANDS = {"exchange": cmd_exchange, "join": cmd_join, "sync": cmd_sync}
