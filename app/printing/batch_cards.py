"""Contact cards for many people at once: one PDF, each card in the person's own language.

Long work: ``progress(done, total)`` is called after each card and may return False to stop;
the cards made so far are kept.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Sequence

from app.errors import WegwijsError
from app.i18n import _
from app.printing import document_data
from app.services import persons
from app.store import Store

Progress = Callable[[int, int], bool]


def render_cards(store: Store, by: uuid.UUID | None, person_ids: Sequence[uuid.UUID], *,
                 fmt: str | None = None, one_sided: bool = False,
                 progress: Progress | None = None) -> tuple[bytes, int]:
    """(one PDF with every card, how many cards it holds)."""
    from pypdf import PdfReader, PdfWriter

    if not person_ids:
        raise WegwijsError(_("Choose the people whose cards to print."))
    writer = PdfWriter()
    done = 0
    for person_id in person_ids:
        with store.session() as db:
            lang = persons.get_person(db, by, person_id).document_language or "nl"
            if lang not in document_data.card_languages():
                lang = "nl"
            pdf = document_data.person_card(db, by, person_id, lang, fmt=fmt,
                                            one_sided=one_sided)
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
        done += 1
        if progress is not None and progress(done, len(person_ids)) is False:
            break
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), done
