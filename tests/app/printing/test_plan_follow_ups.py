"""Appointments and reminders print in the plan document under the goal they serve, in Dutch
and the person's language; those without a goal stay off the plan. Read back from the PDF."""

from __future__ import annotations

import io
import subprocess
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from app.printing import document_data
from app.services import follow_ups, persons, plans
from app.services.follow_ups import FollowUpFields


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_follow_ups_under_their_goal(store, user, tmp_path: Path) -> None:
    soon = (date.today() + timedelta(days=9)).strftime("%d-%m-%Y")
    with store.session() as db:
        pid = persons.create_person(db, user, persons.PersonFields(given_names="Hamid",
                                                                   family_name="Rahimi")).id
        plan = plans.create_plan(db, user, pid, plans.PlanFields(perspective="return"))
        first = plans.add_goal(db, user, plan.id, plans.GoalFields(
            domain="legal", description="Establish the legal perspective"))
        second = plans.add_goal(db, user, plan.id, plans.GoalFields(
            domain="health", description="Register with a GP"))
        follow_ups.add_follow_up(db, user, pid, FollowUpFields(
            "Accompany to GP Zuid", soon, goal_id=second.id))
        done = follow_ups.add_follow_up(db, user, pid, FollowUpFields(
            "Intake at GP Zuid", date.today().strftime("%d-%m-%Y"), goal_id=second.id))
        follow_ups.mark_done(db, user, done.id)
        follow_ups.add_follow_up(db, user, pid, FollowUpFields("Call back", soon))
        assert first.id != second.id
        dutch = document_data.person_plan(db, user, pid, "nl")
        arabic = document_data.person_plan(db, user, pid, "ar")
    text = _text(dutch)
    assert "Afspraken" in text and "Accompany to GP Zuid" in text and soon in text
    assert "Anna de Vries" in text
    assert text.index("Register with a GP") < text.index("Accompany to GP Zuid")
    assert text.index("Establish the legal perspective") < text.index("Afspraken")
    assert "Call back" not in text  # no goal: not part of the plan
    assert "المواعيد" in _text(arabic) or "Afspraken" in _text(arabic)
    out = tmp_path / "plan.pdf"
    out.write_bytes(arabic)
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(out), str(tmp_path / "page")],
                   check=True)
    assert list(tmp_path.glob("page*.png"))
