"""Many cards at once: one PDF, each person's own language, cancellable."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from acting import acting_in

from app.errors import WegwijsError
from app.printing import batch_cards
from app.services import persons


def test_cards_in_each_persons_language(sqlite_store) -> None:
    user = acting_in(sqlite_store)
    with sqlite_store.session() as db:
        ids = [persons.create_person(db, user, persons.PersonFields(
            given_names=name, document_language=lang)).id
            for name, lang in (("Rahwa", "ti"), ("Rania", "ar"), ("Emre", "tr"))]
    seen = []
    pdf, count = batch_cards.render_cards(sqlite_store, user, ids,
                                          progress=lambda d, t: seen.append((d, t)) or True)
    assert count == 3 and seen[-1] == (3, 3)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
        pages = len(doc.pages)
    assert any("\u1200" <= ch <= "\u137f" for ch in text)  # Tigrinya
    assert any("\u0600" <= ch <= "\u06ff" for ch in text)  # Arabic
    assert pages % 3 == 0


def test_cancel_keeps_what_was_made(sqlite_store) -> None:
    user = acting_in(sqlite_store)
    with sqlite_store.session() as db:
        ids = [persons.create_person(db, user, persons.PersonFields(given_names=f"P{i}")).id
               for i in range(4)]
    _pdf, count = batch_cards.render_cards(sqlite_store, user, ids,
                                           progress=lambda done, total: done < 2)
    assert count == 2
    with pytest.raises(WegwijsError):
        batch_cards.render_cards(sqlite_store, user, [])
