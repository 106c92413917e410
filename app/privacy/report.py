"""The anonymous overview for the council: counts over a period, small counts suppressed.

No names, no record numbers, no free text: only counts, and every count below five is shown
as "<5" (``app.questionnaire.aggregate``), so no person can be singled out. Written as a PDF
with charts, or as an XLSX workbook.
"""

from __future__ import annotations

import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.questionnaire import suppress
from app.questionnaire.aggregate import count_intakes, count_outcomes, suppress_table
from app.store.models import Evaluation, Goal, Intake, PerspectivePlan
from app.vocabulary import LABELS, PlanStatus

Cell = int | str


@dataclass
class Table:
    title: str
    rows: list[tuple[str, Cell]] = field(default_factory=list)
    chart: bool = True


@dataclass
class Report:
    start: date
    end: date
    tables: list[Table]
    office: str = ""  # printed on every page of the PDF
    made_on: date = field(default_factory=date.today)


GOAL_LABELS = {
    "legal": N_("Legal"), "return_preparation": N_("Return preparation"),
    "course": N_("Courses"), "work_practice": N_("Work-practice trajectories"),
    "volunteering": N_("Volunteering"), "language": N_("Language"), "health": N_("Health"),
    "housing": N_("Housing"), "self_reliance": N_("Self-reliance"), "other": N_("Other"),
}
OUTFLOW_LABELS = {
    "repeated_asylum": N_("Repeated asylum application"),
    "permit_asylum": N_("Residence permit (asylum)"),
    "permit_regular": N_("Residence permit (regular or medical)"),
    "return_origin": N_("Return to country of origin"), "third_country": N_("Third country"),
    "article_64": N_("Article 64 (medically unable to travel)"),
    "other_facility": N_("Handed over to another facility"),
    "trafficking_victim": N_("Victim of human trafficking"),
    "support_ended": N_("Support ended"), "unknown": N_("Unknown"),
}


def _span(start: date, end: date) -> tuple[datetime, datetime]:
    return (datetime.combine(start, time.min, UTC), datetime.combine(end, time.max, UTC))


def _table(title: str, counts: dict[str, int], labels: dict[str, str] | None = None) -> Table:
    shown = suppress_table(counts)
    return Table(title, [(_(labels.get(k, k)) if labels else k, v) for k, v in
                         sorted(shown.items(), key=lambda kv: -counts[kv[0]])])


def build(db: Session, start: date, end: date) -> Report:
    """Count what happened between ``start`` and ``end`` (inclusive)."""
    lo, hi = _span(start, end)
    intakes = list(db.scalars(select(Intake).where(Intake.started_at >= lo,
                                                   Intake.started_at <= hi)))
    plain = [{"questionnaire_id": i.questionnaire_id, "status": i.status.value,
              "answers": i.answers, "decision": (i.triage or {}).get("decision")}
             for i in intakes]
    intake_rows = count_intakes(plain)
    outcomes = count_outcomes(plain)
    advice = Counter(str((i.triage or {}).get("advice", {}).get("outcome"))
                     for i in intakes if i.triage)

    plans = list(db.scalars(select(PerspectivePlan).where(PerspectivePlan.start_date >= start,
                                                          PerspectivePlan.start_date <= end)))
    perspectives = Counter(p.perspective.value for p in plans)
    goals = Counter(g.domain.value for g in db.scalars(
        select(Goal).join(PerspectivePlan).where(PerspectivePlan.start_date <= end,
                                                 (PerspectivePlan.ended_on.is_(None))
                                                 | (PerspectivePlan.ended_on >= start))))
    held = list(db.scalars(select(Evaluation).where(Evaluation.held_on >= start,
                                                    Evaluation.held_on <= end)))
    on_time = sum(1 for e in held if e.held_on and e.held_on <= e.due_on)
    overdue_now = len(list(db.scalars(select(PerspectivePlan.id).where(
        PerspectivePlan.status == PlanStatus.ACTIVE, PerspectivePlan.evaluation_due_on < end))))
    ended = Counter((p.outflow_reason.value if p.outflow_reason else "unknown")
                    for p in db.scalars(select(PerspectivePlan).where(
                        PerspectivePlan.ended_on >= start, PerspectivePlan.ended_on <= end)))

    first_intake: dict = {}
    for i in db.scalars(select(Intake).where(Intake.started_at <= hi)):
        d = i.started_at.date()
        first_intake[i.person_id] = min(d, first_intake.get(i.person_id, d))
    waits = [(p.start_date - first_intake[p.person_id]).days for p in plans
             if p.person_id in first_intake and p.start_date >= first_intake[p.person_id]]
    buckets = Counter(_bucket(w) for w in waits)

    tables = [
        Table(_("Intakes"), [(_intake_label(k), v) for k, v in intake_rows.items()]),
        _table(_("Triage advice"), dict(advice), OUTCOME_LABELS),
        Table(_("Decisions after triage"),
              [(_(OUTCOME_LABELS.get(k, k)), v) for k, v in outcomes.items()]),
        _table(_("Perspectives of new plans"), dict(perspectives),
               {k: LABELS.get(k, k) for k in perspectives}),
        _table(_("Goals by kind (plans running in the period)"), dict(goals), GOAL_LABELS),
        Table(_("Evaluations"), [(_("Held on time"), suppress(on_time)),
                                 (_("Held late"), suppress(len(held) - on_time)),
                                 (_("Overdue at the end of the period"), suppress(overdue_now))]),
        _table(_("Outflow: reasons plans ended"), dict(ended), OUTFLOW_LABELS),
        _table(_("Time from first intake to plan"), dict(buckets), BUCKET_LABELS),
    ]
    if len(waits) >= 5:  # days, not a count: its own table, never on the counts' axis
        tables.append(Table(_("Median time from first intake to plan"),
                            [(_("Median (days)"), int(statistics.median(waits)))], chart=False))
    from app.privacy import report_casework

    tables += report_casework.tables(db, start, end)
    from app.privacy import report_deadlines

    tables += report_deadlines.tables(db, start, end)
    from app.services import office

    return Report(start, end, tables, office=office.get_profile(db).name)


QUESTIONNAIRE_LABELS = {"short_intake": N_("Short intake"),
                        "extended_screening": N_("Extended screening")}
INTAKE_STATUS_LABELS = {"complete": N_("complete"), "draft": N_("not finished")}


def _intake_label(key: str) -> str:
    """``short_intake/complete`` as "Korte intake: afgerond" in the interface language."""
    questionnaire, _sep, status = key.partition("/")
    return _("{questionnaire}: {status}").format(
        questionnaire=_(QUESTIONNAIRE_LABELS.get(questionnaire, questionnaire)),
        status=_(INTAKE_STATUS_LABELS.get(status, status)))


OUTCOME_LABELS = {
    "refer_medical": N_("Refer to medical care first"), "no_admission": N_("No admission"),
    "referral": N_("Referred elsewhere"), "screening": N_("Extended screening"),
    "vulnerability_check": N_("Vulnerability check"), "admit": N_("Admission"),
    "admit_short": N_("Short admission"), "None": N_("No advice yet"),
}
BUCKET_LABELS = {"a": N_("Within 2 weeks"), "b": N_("2 to 4 weeks"), "c": N_("1 to 3 months"),
                 "d": N_("More than 3 months")}


def _bucket(days: int) -> str:
    return "a" if days <= 14 else "b" if days <= 31 else "c" if days <= 92 else "d"


def write(report: Report, out: Path) -> None:
    """Write ``out`` as PDF or XLSX, by its suffix."""
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        data = render_pdf(report)
    elif suffix == ".xlsx":
        data = render_xlsx(report)
    else:
        from app.errors import InvalidInput

        raise InvalidInput({"out": _("Write the overview to a .pdf or .xlsx file.")})
    from app.files import write_atomic

    write_atomic(out, data)


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook

    from app.privacy.export import neutralise

    book = Workbook()
    sheet = book.active
    sheet.title = "Overzicht"
    sheet.append([_("Anonymous overview"), f"{report.start.isoformat()} – {report.end.isoformat()}"])
    sheet.append([_("Counts below 5 are shown as <5.")])
    for table in report.tables:
        sheet.append([])
        sheet.append([neutralise(table.title)])
        for label, value in table.rows:
            sheet.append([neutralise(label), value])
    sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_pdf(report: Report) -> bytes:
    """The overview as PDF (app.privacy.report_pdf): bars beside full labels, small counts
    as "<5" without a bar, page numbers, office and date on every page."""
    from app.privacy.report_pdf import render

    return render(report)
