"""The warm handover and the subject access document, read back from their PDFs."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
from acting import acting

from app.documents import render_handover, render_subject_access
from app.privacy import handover, subject_access
from app.privacy.handover import Handover, Section
from app.services import consents, intakes, persons, users


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def _person(db, user):  # noqa: ANN001, ANN202
    p = persons.create_person(db, user, persons.PersonFields(
        given_names="Helen", family_name="Berhane", name_original="ሄለን በርሀ",
        phone="0612345678", nationality="ER", v_number="1122334455", status="undocumented"))
    i = intakes.begin(db, user, p.id, "short_intake")
    intakes.finish(db, user, i.id, i.version, {
        "needs": ["shelter"], "acute_medical": "no", "acute_psychological": "no",
        "place_to_sleep": "no", "children_with_you": "no", "right_place": "yes",
        "nationality": "ER", "status": "undocumented", "entry_ban": "no",
        "declared_undesirable": "no"})
    return p


def test_handover_pdf_holds_only_the_consented_data(store, user) -> None:  # noqa: ANN001
    with store.session() as db:
        p = _person(db, user)
        consents.give_consent(db, user, p.id, purpose="Taalcursus", partner="Taalhuis",
                              scope=["identity", "contact"])
        h = handover.prepare(db, user, p.id, "Taalhuis")
    pdf = render_handover(h)
    text = _text(pdf)
    assert "Warme overdracht aan Taalhuis" in text
    assert "Helen Berhane" in text and "0612345678" in text
    assert "ሄለን በርሀ" in text  # Ethiopic name, shaped and extractable
    assert "Mag delen: contactgegevens, identiteit." in " ".join(text.split())  # the consent
    assert "1122334455" not in text and "Eritrea" not in text
    assert "pagina 1 van 1" in text
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert (round(doc.pages[0].width), round(doc.pages[0].height)) == (595, 842)


def test_handover_pdf_states_the_override_and_its_reason() -> None:
    h = Handover("GGD", "Karim Haddad", "W-00007", ["contact"],
                 [Section("Contact", [("Telefoon", "06-1111 2222")])],
                 override_reason="Acuut levensgevaar, toestemming kan niet gevraagd worden.",
                 made_on=date(2025, 5, 1))
    text = " ".join(_text(render_handover(h)).split())
    assert "coördinator" in text and "Acuut levensgevaar" in text
    assert "06-1111 2222" in text and "01-05-2025" in text


def test_handover_pdf_arabic_name_is_shaped_right_to_left() -> None:
    h = Handover("Taalhuis", "كريم حداد", "W-00001", ["identity"],
                 [Section("Identiteit", [("Naam in eigen schrift", "كريم حداد"),
                                         ("Telefoon", "0900-8844")])], made_on=date(2025, 5, 1))
    pdf = render_handover(h)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = doc.pages[0].chars
    name = [c for c in chars if c["text"] in "كريمحداد"]
    assert len(name) >= 2 * 8  # in the title line and in the table
    table_row = sorted((c for c in name if abs(c["top"] - name[-1]["top"]) < 2),
                       key=lambda c: -c["x0"])
    assert "".join(c["text"] for c in table_row) == "كريمحداد"  # read right to left
    eight = next(c for c in chars if c["text"] == "8")
    digits = sorted((c for c in chars if c["text"] in "0123456789-"
                     and abs(c["top"] - eight["top"]) < 2), key=lambda c: c["x0"])
    assert "".join(c["text"] for c in digits) == "0900-8844"


def test_subject_access_pdf_lists_every_section_and_field(store, user) -> None:  # noqa: ANN001
    with store.session() as db:
        p = _person(db, user)
        consents.give_consent(db, user, p.id, purpose="School", partner="ROC", scope=["contact"])
        coord = users.create_user(db, acting(db), "coord", "Coordinator", "coordinator",
                                  "a long password").id
    with store.session() as db:
        data = subject_access.collect(db, coord, p.id)
    data["person"]["unknown_field"] = "waarde"
    text = _text(render_subject_access(data))
    for title in ("Persoonsgegevens", "Talen", "Intakes", "Toestemmingen", "Geschiedenis"):
        assert title in text
    assert "Voornamen" in text and "V-nummer" in text and "1122334455" in text
    assert "ሄለን በርሀ" in text and "ROC" in text
    assert "unknown_field" in text and "waarde" in text  # raw key when there is no label
    assert "Geen gegevens." in text  # an empty section is listed, not left out
