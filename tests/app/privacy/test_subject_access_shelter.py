"""Everything stored about one person includes their stays in 24-hour shelter with the
extensions, the team's decisions and the records merged into theirs, in the JSON and the PDF."""

from __future__ import annotations

import io

from acting import acting
from pypdf import PdfReader

from app.documents.subject_access_pdf import render_subject_access
from app.privacy import subject_access
from app.services import deadlines, merge, persons, team_decisions


def test_stays_decisions_and_merges_are_in_the_subject_access(store, user) -> None:
    with store.session() as db:
        p = persons.create_person(db, user, persons.PersonFields(given_names="Helen"))
        twin = persons.create_person(db, user, persons.PersonFields(given_names="Hellen"))
        stay = deadlines.start_stay(db, user, p.id, "01-01-2025")
        deadlines.extend_stay(db, user, stay.id, until="01-01-2027",
                              decided_by="De burgemeester", reason="Ernstig ziek, in behandeling.")
        team_decisions.record_team_decision(db, user, p.id, team_decisions.TeamFields(
            participants="Anna, GGD-arts", outcome="admit",
            reason="Kwetsbaar; het team laat toe."))
        merge.merge(db, user, p.id, twin.id)
        coordinator = acting(db)
        pid = p.id
    with store.session() as db:
        data = subject_access.collect(db, coordinator, pid)
    (stay_data,) = data["shelter_stays"]
    assert stay_data["extensions"][0]["decided_by"] == "De burgemeester"
    assert data["team_decisions"][0]["participants"] == "Anna, GGD-arts"
    assert data["merges"][0]["duplicate_record_number"] == 2
    assert data["merges"][0]["duplicate_before"][0]["given_names"] == "Hellen"
    text = "\n".join(page.extract_text() for page in PdfReader(
        io.BytesIO(render_subject_access(data))).pages)
    for shown in ("Verblijven in de 24-uursopvang", "Verlengd tot", "De burgemeester",
                  "Teambesluiten", "Deelnemers", "Samengevoegde dossiers",
                  "Het samengevoegde dossier zoals het was", "Hellen"):
        assert shown in text, shown
