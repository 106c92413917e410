"""Subject access a person can read: plain words in Dutch and their language, no codes, no
internal ids, no ISO dates; the JSON beside it holds everything. Read back from the PDF."""

from __future__ import annotations

import io
import json
import re

import pytest
from acting import acting
from pypdf import PdfReader

from app.privacy import handover, subject_access
from app.services import consents, intakes, persons, plans, users

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}(T[\d:]+)?")
CODES = ("undocumented", "male", "female", "legal_residence", "in_progress", "residence_status",
         "education_work", "short_intake", "subject_access", "document_language", "None",
         "dossier 9", "AF\n", " ER ", "ti\n")


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def person(store, user):  # noqa: ANN001, ANN201
    with store.session() as db:
        coord = users.create_user(db, acting(db), "coord", "Miriam de Boer", "coordinator",
                                  "a long password").id
        p = persons.create_person(db, user, persons.PersonFields(
            given_names="Senait", family_name="Kahsay", name_original="ሰናይት ካሕሳይ",
            birth_date="1994", sex="female", nationality="ER", country_of_birth="ER",
            document_language="ti", phone="06-1234 5678", status="undocumented",
            languages=[("ti", "good"), ("ar", "basic")], v_number="1234567890"))
        intake = intakes.start_intake(db, user, p.id, "short_intake", 1)
        intakes.save_draft(db, user, intake.id, intake.version,
                           {"needs": ["shelter", "legal"], "acute_medical": "no",
                            "nationality": "ER"})
        plan = plans.create_plan(db, user, p.id, plans.PlanFields(
            perspective="legal_residence", start_date="02-02-2026"))
        goal = plans.add_goal(db, user, plan.id, plans.GoalFields(
            domain="language", description="Nederlands leren tot A2",
            description_translated="ሆላንድኛ ምምሃር"))
        plans.add_action(db, user, goal.id, plans.ActionFields(description="Inschrijven"))
        consents.give_consent(db, user, p.id, purpose="taalcursus", partner="ROC Nova",
                              scope=["contact", "education_work"], given_on="01-03-2026")
        handover.prepare(db, user, p.id, "ROC Nova")
        return p.id, coord


def test_letter_in_tigrinya_without_codes_ids_or_iso_dates(store, person) -> None:  # noqa: ANN001
    pid, coord = person
    with store.session() as db:
        data = subject_access.collect(db, coord, pid)
        pdf = subject_access.readable_pdf(db, acting(db), pid)
    text = _text(pdf)
    assert not UUID.search(text), UUID.search(text)
    assert not ISO.search(text), ISO.search(text)
    for code in CODES:
        assert code not in text, code
    # what we hold, in words, Dutch and Tigrinya
    assert "Wat wij over u bewaren" in text and "ብዛዕባኻ እንሕዞ ሓበሬታ" in text
    assert "W-00001" in text and "Senait Kahsay" in text
    assert "vrouw" in text and "zonder verblijfspapieren" in text and "Eritrea" in text
    assert "ኤርትራ" in text  # the country in Tigrinya (Babel)
    assert "Tigrinya" in text or "Tigrinya".lower() in text.lower() or "Tigrinya" in text
    assert "Een slaapplek" in text or "slaapplek" in text  # an intake answer in words
    assert "Nederlands leren tot A2" in text and "ሆላንድኛ ምምሃር" in text
    # why, who it was shared with, how long, how to object
    assert "Waarom wij dit bewaren" in text
    assert "ROC Nova" in text and "Toestemming gegeven op 01-03-2026" in text
    assert "Verstuurd op" in text
    assert "2 jaar na ons laatste contact" in text
    assert "Autoriteit Persoonsgegevens" in text
    assert "Wie uw dossier gebruikte" in text
    # the JSON holds everything, codes and all
    assert data["person"]["status"] == "undocumented"
    assert UUID.search(json.dumps(data))


@pytest.mark.parametrize("lang", ["nl", "ar", "fa", "ps"])
def test_letter_in_other_languages(store, person, lang: str) -> None:  # noqa: ANN001
    pid, coord = person
    with store.session() as db:
        subject_access.collect(db, coord, pid)
        text = _text(subject_access.readable_pdf(db, acting(db), pid, lang))
    assert not UUID.search(text) and not ISO.search(text)
    assert "Als u het er niet mee eens bent" in text
    assert "Pagina 1 van" in text


def test_export_to_folder_writes_the_letter_and_the_json(store, person, tmp_path) -> None:  # noqa: ANN001
    pid, coord = person
    with store.session() as db:
        pdf, data = subject_access.export_to_folder(db, coord, pid, tmp_path)
    text = _text(pdf.read_bytes())
    assert "Wat wij over u bewaren" in text and not UUID.search(text)
    assert json.loads(data.read_text(encoding="utf-8"))["person"]["v_number"] == "1234567890"


def test_history_groups_the_same_thing_on_the_same_day(store, person) -> None:  # noqa: ANN001
    from app.privacy.access_letter import letter
    from app.services import persons as person_service

    pid, coord = person
    with store.session() as db:
        made = letter(db, person_service.get_person(db, coord, pid), "nl")
    history = made.sections[-1]
    lines = [row.words.dutch for row in history.rows]
    assert len(lines) == len(set(zip([r.label.dutch for r in history.rows], lines, strict=True)))
    assert any("×)" in line for line in lines)  # several changes that day, counted once


def test_dates_as_on_paper() -> None:
    from datetime import UTC, date, datetime

    from app.privacy.access_letter import paper_date

    assert paper_date("2025-03") == "03-2025"
    assert paper_date("2025-03-07") == "07-03-2025"
    assert paper_date("2025-03-07T10:00:00+00:00") == "07-03-2025"
    assert paper_date(date(2026, 12, 3)) == "03-12-2026"
    assert paper_date(datetime(2026, 12, 3, 9, 0, tzinfo=UTC)) == "03-12-2026"
    assert paper_date("2025") == "2025" and paper_date(None) == "—"
