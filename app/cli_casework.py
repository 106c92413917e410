"""Command-line commands of casework: the contact log, follow-ups and referrals (issue 14).

``app.cli`` adds these parsers, rules and commands; each command logs in as ``--user`` like
every other (``app.cli._open``) and calls the same services as the window, which check the
role again. Lists are tab-separated, one record a line; a referral or follow-up is named by the
first eight characters of its id, as the lists show it.
"""

from __future__ import annotations

import argparse
import uuid
from datetime import date

from app.errors import InvalidInput, NotFound
from app.i18n import N_, _

ANY_USER = "any user"  # as app.cli.ANY_USER
RULES = {"contact": ANY_USER, "contacts": ANY_USER, "followup": ANY_USER,
         "followups": ANY_USER, "referral": ANY_USER, "referrals": ANY_USER}


def add_parsers(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    from app.vocabulary import ContactKind, ReferralStatus

    co = sub.add_parser("contact", help=N_("log a contact with a person (visit, phone call, "
                                           "accompanied appointment)"))
    co.add_argument("person", help=N_("record number (W-00042) or id"))
    co.add_argument("--kind", required=True, choices=[k.value for k in ContactKind])
    co.add_argument("--date", dest="on", metavar="DATE", help=N_("when (default: today)"))
    co.add_argument("--interpreter", action="store_true", help=N_("an interpreter was used"))
    co.add_argument("--with", dest="with_whom", default="", metavar="NAME",
                    help=N_("with whom (a GP, a lawyer, an organisation)"))
    co.add_argument("--note", default="", metavar="TEXT", help=N_("a short note"))

    cs = sub.add_parser("contacts", help=N_("the contacts logged with a person"))
    cs.add_argument("person", help=N_("record number (W-00042) or id"))

    fu = sub.add_parser("followup", help=N_("add an appointment or reminder about a person, or "
                                            "mark one done"))
    fu.add_argument("person", nargs="?", help=N_("record number (W-00042) or id"))
    fu.add_argument("--due", metavar="DATE", help=N_("the date of the appointment"))
    fu.add_argument("--what", default="", metavar="TEXT",
                    help=N_("what is to be done, e.g. 'accompany to the GP'"))
    fu.add_argument("--owner", metavar="NAME",
                    help=N_("the user who follows it up (default: you)"))
    fu.add_argument("--done", metavar="ID", help=N_("mark this follow-up done (its id from "
                                                    "'wegwijs followups')"))

    fs = sub.add_parser("followups", help=N_("your follow-ups that are overdue or due soon"))
    fs.add_argument("--days", type=int, default=14, metavar="N",
                    help=N_("due within N days (default: 14)"))
    fs.add_argument("--everyone", action="store_true", help=N_("everyone's, not only yours"))

    rf = sub.add_parser("referral", help=N_("refer a person to a partner, or change a "
                                            "referral's status"))
    rf.add_argument("person", nargs="?", help=N_("record number (W-00042) or id"))
    rf.add_argument("--partner", metavar="NAME")
    rf.add_argument("--purpose", default="", metavar="TEXT")
    rf.add_argument("--date", dest="on", metavar="DATE", help=N_("when (default: today)"))
    rf.add_argument("--set", dest="referral", metavar="ID",
                    help=N_("the referral to change (its id from 'wegwijs referrals')"))
    rf.add_argument("--status", choices=[s.value for s in ReferralStatus])

    rs = sub.add_parser("referrals", help=N_("list referrals and where they stand"))
    group = rs.add_mutually_exclusive_group()
    group.add_argument("--open", action="store_true",
                       help=N_("only those not closed or refused"))
    group.add_argument("--unanswered", action="store_true",
                       help=N_("only those without an answer after the set number of days"))


def _short(value: uuid.UUID) -> str:
    return value.hex[:8]


def _by_prefix(db, model, prefix: str, what: str):  # noqa: ANN001, ANN202
    from sqlalchemy import select

    text = (prefix or "").strip().lower().replace("-", "")
    if len(text) < 4 or any(c not in "0123456789abcdef" for c in text):
        raise InvalidInput({what: _("Give at least the first four characters of the id, as "
                                    "the list shows it.")})
    found = [row for row in db.scalars(select(model)) if row.id.hex.startswith(text)]
    if len(found) != 1:
        raise NotFound(_("No single {what} has an id starting with {prefix}.").format(
            what=what, prefix=text))
    return found[0]


def _user_named(db, by: uuid.UUID, name: str | None) -> uuid.UUID | None:  # noqa: ANN001
    from app.services import users

    if not name:
        return None
    user = users.find_user(db, by, name)
    if user is None:
        raise NotFound(_("There is no user {name}.").format(name=name))
    return user.id


def _run(args: argparse.Namespace, work) -> int:  # noqa: ANN001
    from app.cli import _open

    store = _open(args)
    try:
        with store.session() as db:
            lines = work(db, args.acting.id)
    finally:
        store.close()
    for line in lines:
        print(line)
    return 0


def cmd_contact(args: argparse.Namespace) -> int:
    from app.services import contact_log, persons

    def work(db, by):  # noqa: ANN001, ANN202
        person = persons.resolve(db, by, args.person)
        entry = contact_log.log_contact(db, by, person.id, contact_log.ContactFields(
            kind=args.kind, contact_on=args.on, interpreter=args.interpreter,
            with_whom=args.with_whom, note=args.note))
        return [_("Logged: {kind} with {record} on {date}").format(
            kind=contact_log.kind_label(entry.kind.value), record=person.record_code,
            date=entry.contact_on.strftime("%d-%m-%Y"))]
    return _run(args, work)


def cmd_contacts(args: argparse.Namespace) -> int:
    from app.services import contact_log, persons

    def work(db, by):  # noqa: ANN001, ANN202
        person = persons.resolve(db, by, args.person)
        return ["\t".join([c.contact_on.strftime("%d-%m-%Y"), contact_log.kind_label(c.kind),
                           _("interpreter") if c.interpreter else "", c.with_whom,
                           c.note.replace("\n", " "), c.logged_by])
                for c in contact_log.contacts_of(db, by, person.id)]
    return _run(args, work)


def cmd_followup(args: argparse.Namespace) -> int:
    from app.services import follow_ups, persons
    from app.store.models import FollowUp

    def work(db, by):  # noqa: ANN001, ANN202
        if args.done:
            item = _by_prefix(db, FollowUp, args.done, "follow-up")
            follow_ups.mark_done(db, by, item.id)
            return [_("Done: {what}").format(what=item.description)]
        if not args.person:
            raise InvalidInput({"person": _("Name a person, or use --done ID.")})
        person = persons.resolve(db, by, args.person)
        item = follow_ups.add_follow_up(db, by, person.id, follow_ups.FollowUpFields(
            description=args.what, due_on=args.due, owner_id=_user_named(db, by, args.owner)))
        return [_("Added {id}: {what} on {date}").format(
            id=_short(item.id), what=item.description, date=item.due_on.strftime("%d-%m-%Y"))]
    return _run(args, work)


def cmd_followups(args: argparse.Namespace) -> int:
    from app.services import follow_ups

    def work(db, by):  # noqa: ANN001, ANN202
        rows = follow_ups.due_for(db, by, None if args.everyone else by,
                                  within_days=max(0, args.days))
        return ["\t".join([_short(r.id), r.due_on.strftime("%d-%m-%Y"),
                           _("overdue") if r.overdue else "", r.record_code, r.person_name,
                           r.description, r.owner]) for r in rows]
    return _run(args, work)


def cmd_referral(args: argparse.Namespace) -> int:
    from app.services import persons, referrals
    from app.store.models import Referral

    def work(db, by):  # noqa: ANN001, ANN202
        if args.referral:
            if not args.status:
                raise InvalidInput({"status": _("Say the new status with --status.")})
            ref = _by_prefix(db, Referral, args.referral, "referral")
            referrals.set_status(db, by, ref.id, args.status, on=args.on)
            return [_("{partner}: {status}").format(partner=ref.partner,
                                                    status=referrals.status_label(args.status))]
        if not args.person or not args.partner:
            raise InvalidInput({"partner": _("Name a person and --partner, or change a "
                                             "referral with --set ID --status STATUS.")})
        person = persons.resolve(db, by, args.person)
        ref = referrals.create_referral(db, by, person.id, partner=args.partner,
                                        purpose=args.purpose, referred_on=args.on)
        return [_("Referred {record} to {partner} ({id})").format(
            record=person.record_code, partner=ref.partner, id=_short(ref.id))]
    return _run(args, work)


def cmd_referrals(args: argparse.Namespace) -> int:
    from app.services import referrals

    def work(db, by):  # noqa: ANN001, ANN202
        if args.unanswered:
            rows = referrals.unanswered(db, by)
        else:
            rows = referrals.all_referrals(db, by, open_only=args.open)
        return ["\t".join([_short(r.id), r.referred_on.strftime("%d-%m-%Y"), r.record_code,
                           r.person_name, r.partner, r.purpose, referrals.status_label(r.status),
                           r.status_on.strftime("%d-%m-%Y"), r.follow_up_by])
                for r in rows]
    return _run(args, work)


COMMANDS = {"contact": cmd_contact, "contacts": cmd_contacts, "followup": cmd_followup,
            "followups": cmd_followups, "referral": cmd_referral, "referrals": cmd_referrals}

__all__ = ["COMMANDS", "RULES", "add_parsers", "date"]
