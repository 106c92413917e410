"""The anonymous overview's counts of the source's deadlines (issue 14): the extended
screening within two weeks of the short intake, and stays in 24-hour shelter past 15 months.

Counts only, every count below five shown as "<5", as the rest of ``app.privacy.report``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.i18n import _
from app.questionnaire import suppress
from app.services import deadlines


def tables(db: Session, start: date, end: date) -> list:  # noqa: ANN201 - report.Table
    """Extended screenings completed in the period, within two weeks of the short intake or
    later; stays that had lasted 15 months, and one and a half years, by the end of the
    period."""
    from app.privacy.report import Table

    within, later = deadlines.screenings_within(db, start, end)
    past_warning = deadlines.stays_past(db, deadlines.WARN_STAY_MONTHS, on=end)
    past_end = deadlines.stays_past(db, deadlines.MAX_STAY_MONTHS, on=end)
    return [Table(_("Deadlines of the shelter"), [
        (_("Extended screening within two weeks of the short intake"), suppress(within)),
        (_("Extended screening after more than two weeks"), suppress(later)),
        (_("Stays in 24-hour shelter past 15 months"), suppress(past_warning)),
        (_("Stays in 24-hour shelter past one and a half years"), suppress(past_end)),
    ])]
