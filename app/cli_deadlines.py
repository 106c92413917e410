"""Command-line commands of the source's deadlines, caseloads, team decisions and merging
records (issue 14):

    wegwijs deadlines                   screenings due (14 days) and stays from 15 months
    wegwijs caseload [--assign P --to USER]   people per case manager, the waiting list
    wegwijs stay P --start DATE | --end DATE | --extend-until DATE --decided-by WHO --reason WHY
    wegwijs team P --outcome O --participants WHO --reason WHY [--intake ID]
    wegwijs team --refuse INTAKE_ID --reason WHY      a refusal waiting for a second person
    wegwijs team [--confirm ID | --reject ID]          the second person; no option: pending
    wegwijs merge P1 P2 [--take FIELD=duplicate ...] [--preview] | --undo ID | --confirm ID

``app.cli`` adds these parsers, rules and commands; each logs in as ``--user`` like every other
command and calls the services the window calls, which check the role again. A decision or a
merge is named by the first eight characters of its id, as the lists show it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.errors import InvalidInput
from app.i18n import N_, _

ANY_USER = "any user"  # as app.cli.ANY_USER


def _caseload_rule(args: argparse.Namespace) -> str:
    return "casework" if getattr(args, "assign", None) else ANY_USER


def _team_rule(args: argparse.Namespace) -> str:
    # Recording the team's decision is casework; proposing a refusal, listing and settling a
    # pending one are checked by the services (the second person must not be a volunteer).
    return "casework" if getattr(args, "person", None) else ANY_USER


RULES: dict[str, str | Callable[[argparse.Namespace], str]] = {
    "deadlines": ANY_USER, "caseload": _caseload_rule, "stay": "casework", "team": _team_rule,
    "merge": "merge_persons"}
REFUSALS = {
    "casework": N_("Your role ({role}) may not record shelter stays, team decisions or "
                   "caseloads."),
    "merge_persons": N_("Your role ({role}) may not merge two records of a person."),
}


def add_parsers(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    from app.questionnaire.triage import Outcome

    sub.add_parser("deadlines", help=N_("extended screenings due within two weeks of the short "
                                        "intake, and stays in 24-hour shelter from 15 months"))

    cl = sub.add_parser("caseload", help=N_("people per case manager and the waiting list; "
                                            "or give a person a case manager"))
    cl.add_argument("--assign", metavar="PERSON", help=N_("record number (W-00042) or id"))
    cl.add_argument("--to", metavar="USER", help=N_("the case manager's user name"))

    st = sub.add_parser("stay", help=N_("a stay in 24-hour shelter: start, end or extend it"))
    st.add_argument("person", help=N_("record number (W-00042) or id"))
    action = st.add_mutually_exclusive_group(required=True)
    action.add_argument("--start", metavar="DATE", help=N_("the day the stay began"))
    action.add_argument("--end", metavar="DATE", help=N_("the day the person left"))
    action.add_argument("--extend-until", metavar="DATE",
                        help=N_("extend the stay beyond one and a half years until DATE"))
    st.add_argument("--location", default="", metavar="TEXT")
    st.add_argument("--decided-by", default="", metavar="WHO",
                    help=N_("who decided the extension (e.g. the mayor, with the GGD)"))
    st.add_argument("--reason", default="", metavar="TEXT", help=N_("why"))

    te = sub.add_parser("team", help=N_("the multidisciplinary team's decision on a person; "
                                        "refusals against the advice with a second person"))
    te.add_argument("person", nargs="?", help=N_("record number (W-00042) or id"))
    te.add_argument("--outcome", choices=[o.value for o in Outcome])
    te.add_argument("--participants", default="", metavar="WHO", help=N_("who took part"))
    te.add_argument("--reason", default="", metavar="TEXT")
    te.add_argument("--date", dest="on", metavar="DATE", help=N_("when (default: today)"))
    te.add_argument("--intake", metavar="ID",
                    help=N_("the intake the decision is about (its id's first characters)"))
    settle = te.add_mutually_exclusive_group()
    settle.add_argument("--refuse", metavar="INTAKE_ID",
                        help=N_("propose refusing admission against the advice; a second "
                                "person confirms"))
    settle.add_argument("--confirm", metavar="ID", help=N_("confirm a pending decision (as the "
                                                           "second person)"))
    settle.add_argument("--reject", metavar="ID", help=N_("turn a pending decision down"))

    me = sub.add_parser("merge", help=N_("the same person registered twice: make two records "
                                         "one (undo until confirmed)"))
    me.add_argument("records", nargs="*", metavar="PERSON",
                    help=N_("the record to keep, then the duplicate"))
    me.add_argument("--take", action="append", default=[], metavar="FIELD=WHICH",
                    help=N_("take a field from 'survivor' or 'duplicate' (default: the "
                            "suggestion the preview shows)"))
    me.add_argument("--preview", action="store_true",
                    help=N_("show both records side by side; change nothing"))
    done = me.add_mutually_exclusive_group()
    done.add_argument("--undo", metavar="ID", help=N_("split a merge again"))
    done.add_argument("--confirm", metavar="ID", help=N_("make a merge final"))


def _run(args: argparse.Namespace, work) -> int:  # noqa: ANN001
    from app.cli_casework import _run as run

    return run(args, work)


def _short(value) -> str:  # noqa: ANN001
    return value.hex[:8]


def _day(value) -> str:  # noqa: ANN001
    return value.strftime("%d-%m-%Y") if value else ""


def cmd_deadlines(args: argparse.Namespace) -> int:
    from app.services import deadlines

    def work(db, by):  # noqa: ANN001, ANN202
        lines = [_("Extended screening due (within two weeks of the short intake):")]
        lines += ["\t".join([_day(r.due_on), _("overdue") if r.overdue else "", r.record_code,
                             r.person_name, r.case_manager])
                  for r in deadlines.screening_due(db, by)]
        lines.append(_("Stays in 24-hour shelter from 15 months (at most one and a half "
                       "years):"))
        lines += ["\t".join([_day(a.ends_on), _("past the end") if a.past_end else "",
                             _("extended") if a.extended else "", a.record_code, a.person_name,
                             _("{n} months").format(n=a.months), a.case_manager])
                  for a in deadlines.stay_alerts(db, by)]
        return lines
    return _run(args, work)


def cmd_caseload(args: argparse.Namespace) -> int:
    from app.cli_casework import _user_named as user_named
    from app.services import deadlines, persons

    def work(db, by):  # noqa: ANN001, ANN202
        if args.assign:
            person = persons.resolve(db, by, args.assign)
            manager = user_named(db, by, args.to) if args.to else None
            deadlines.assign_case_manager(db, by, person.id, manager)
            return [_("{record}: case manager {name}").format(
                record=person.record_code, name=args.to or "-")]
        loads = deadlines.caseloads(db, by)
        lines = ["\t".join([c.name, f"{c.count}/{c.capacity}", _("full") if c.full else ""])
                 for c in loads]
        waiting = deadlines.waiting_list(db, by)
        lines.append(_("Waiting list (admitted, no case manager yet): {n}").format(
            n=len(waiting)))
        lines += ["\t".join([_day(w.since), w.record_code, w.person_name]) for w in waiting]
        return lines
    return _run(args, work)


def cmd_stay(args: argparse.Namespace) -> int:
    from app.services import deadlines, persons

    def work(db, by):  # noqa: ANN001, ANN202
        person = persons.resolve(db, by, args.person)
        if args.start:
            stay = deadlines.start_stay(db, by, person.id, args.start, args.location)
            return [_("{record}: in 24-hour shelter from {start}, at most until {end}").format(
                record=person.record_code, start=_day(stay.started_on),
                end=_day(deadlines.stay_end(stay)))]
        stay = deadlines.open_stay(db, by, person.id)
        if stay is None:
            raise InvalidInput({"person": _("This person has no stay in the shelter that has "
                                            "not ended.")})
        if args.end:
            deadlines.end_stay(db, by, stay.id, args.end)
            return [_("{record}: left the shelter on {day}").format(
                record=person.record_code, day=_day(stay.ended_on))]
        ext = deadlines.extend_stay(db, by, stay.id, until=args.extend_until,
                                    decided_by=args.decided_by, reason=args.reason)
        return [_("{record}: stay extended until {day}").format(record=person.record_code,
                                                                day=_day(ext.until))]
    return _run(args, work)


def cmd_team(args: argparse.Namespace) -> int:
    from app.cli_casework import _by_prefix
    from app.services import persons, team_decisions
    from app.store.models import Intake, TeamDecision

    def work(db, by):  # noqa: ANN001, ANN202
        if args.confirm or args.reject:
            row = _by_prefix(db, TeamDecision, args.confirm or args.reject, "decision")
            if args.confirm:
                team_decisions.confirm(db, by, row.id)
                return [_("Confirmed ({id})").format(id=_short(row.id))]
            team_decisions.reject(db, by, row.id)
            return [_("Turned down ({id})").format(id=_short(row.id))]
        if args.refuse:
            intake = _by_prefix(db, Intake, args.refuse, "intake")
            row = team_decisions.propose_refusal(db, by, intake.id, args.reason,
                                                 args.participants, args.on)
            return [_("Waiting for a second person to confirm ({id})").format(
                id=_short(row.id))]
        if args.person:
            person = persons.resolve(db, by, args.person)
            intake = _by_prefix(db, Intake, args.intake, "intake") if args.intake else None
            row = team_decisions.record_team_decision(db, by, person.id, team_decisions.TeamFields(
                decided_on=args.on, participants=args.participants, outcome=args.outcome or "",
                reason=args.reason, intake_id=intake.id if intake else None))
            pending = row.status.value == "pending"
            return [(_("Waiting for a second person to confirm ({id})") if pending
                     else _("Recorded ({id})")).format(id=_short(row.id))]
        return ["\t".join([_short(p.decision_id), _day(p.decided_on), p.record_code,
                           p.person_name, p.kind, p.proposed_by])
                for p in team_decisions.pending(db, by)]
    return _run(args, work)


def _choices(takes: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for take in takes:
        field, _sep, which = take.partition("=")
        if not field or which not in ("survivor", "duplicate"):
            raise InvalidInput({"take": _("Write --take FIELD=survivor or --take "
                                          "FIELD=duplicate.")})
        out[field.strip()] = which
    return out


def cmd_merge(args: argparse.Namespace) -> int:
    from app.cli_casework import _by_prefix
    from app.services import merge, persons
    from app.store.models import PersonMerge

    choices = _choices(args.take)  # checked before logging in

    def work(db, by):  # noqa: ANN001, ANN202
        if args.undo or args.confirm:
            row = _by_prefix(db, PersonMerge, args.undo or args.confirm, "merge")
            if args.undo:
                merge.undo(db, by, row.id)
                return [_("Split again: W-{n:05d} is back").format(
                    n=row.duplicate_record_number)]
            merge.confirm(db, by, row.id)
            return [_("The merge is final ({id})").format(id=_short(row.id))]
        if len(args.records) != 2:
            if not args.records:
                return ["\t".join([_short(m.id), _day(m.merged_at),
                                   f"W-{m.duplicate_record_number:05d}", str(m.survivor_id)])
                        for m in merge.pending_merges(db, by)]
            raise InvalidInput({"records": _("Name two records: the one to keep, then the "
                                             "duplicate.")})
        keep, duplicate = (persons.resolve(db, by, r) for r in args.records)
        preview = merge.propose(db, by, keep.id, duplicate.id)
        if args.preview:
            return ["\t".join([f.name, str(f.survivor), str(f.duplicate),
                               "" if f.same else f.suggested]) for f in preview.fields]
        row = merge.merge(db, by, keep.id, duplicate.id, choices)
        return [_("{duplicate} is now part of {record}; undo with --undo {id} until confirmed")
                .format(duplicate=preview.duplicate_code, record=preview.survivor_code,
                        id=_short(row.id))]
    return _run(args, work)


COMMANDS = {"deadlines": cmd_deadlines, "caseload": cmd_caseload, "stay": cmd_stay,
            "team": cmd_team, "merge": cmd_merge}
