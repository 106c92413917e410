"""The plan in the person's language: the interpreter's texts under the Dutch, the
interpreter's signature, the signature block on the page of the last goal, passed evaluation
dates marked. Read back from the PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from document_samples import GOALS, realistic_plan

from app.documents import render_plan


def _pages(docs, pdf: bytes) -> list[str]:  # noqa: ANN001
    with docs.open_pdf(pdf) as doc:
        return ["\n".join(docs.visual_text(page)) for page in doc.pages]


def _plain(pdf: bytes) -> str:
    """Logical-order text (pypdf keeps the order the text was written in per run)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("goals", [2, 3, 4])
@pytest.mark.parametrize("lang", ["ar", "fa", "ti"])
def test_signature_block_is_on_the_page_of_the_last_goal(docs, lang: str,  # noqa: ANN001
                                                         goals: int) -> None:
    # With two or three goals the signatures used to fall alone on page 2.
    data = realistic_plan(lang, goals=goals)
    pages = _pages(docs, render_plan(data))
    signing = [n for n, text in enumerate(pages) if "Handtekening deelnemer" in text]
    assert len(signing) == 1
    page = pages[signing[0]]
    assert f"Doel {goals} · " in page  # the last goal's title, same page
    assert data.goals[-1].actions[-1].description[:30] in page  # and its last action
    assert "Handtekening tolk" in page and "Samira Haddad" in page


def test_signatures_never_alone_with_many_goals(docs) -> None:  # noqa: ANN001
    data = realistic_plan("ar")
    data.goals = data.goals * 3  # twelve goals
    pages = _pages(docs, render_plan(data))
    assert len(pages) >= 3
    last = pages[-1]
    assert "Handtekening deelnemer" in last
    assert "Doel 12 ·" in last


def test_tigrinya_translation_under_the_dutch(docs) -> None:  # noqa: ANN001
    pdf = render_plan(realistic_plan("ti"))
    with docs.open_pdf(pdf) as doc:
        lines = [(line, "".join(c["text"] for c in line)) for page in doc.pages[:1]
                 for line in docs.visual_lines(page)]
    dutch = next(i for i, (_l, t) in enumerate(lines) if t.startswith("Samen met de advocaat"))
    translation = GOALS[0][2]["ti"]
    below = lines[dutch + 1][1]
    assert below.replace(" ", "") in translation.replace(" ", "") or \
        translation.replace(" ", "").startswith(below.replace(" ", "")[:12])
    assert lines[dutch + 1][0][0]["top"] > lines[dutch][0][0]["top"]  # under, not beside
    text = "\n".join(t for _l, t in lines)
    assert "getypt door de" in text and "Samira Haddad." in text  # the interpreter marked
    assert GOALS[0][3][0][3]["ti"].split()[0] in text  # an action's translation too


def test_arabic_translations_are_printed_and_marked() -> None:
    pdf = render_plan(realistic_plan("ar"))
    text = _plain(pdf)
    for _domain, _dutch, own, actions in GOALS:
        assert own["ar"].split()[1] in text
        for *_rest, a_own in actions:
            assert a_own["ar"].split()[1] in text
    assert "كتبه المترجم" in text or "المترجم" in text


def test_no_translation_printed_in_another_language() -> None:
    data = replace(realistic_plan("ar"), lang="fa")  # Arabic texts, printed in Persian
    text = _plain(render_plan(data))
    assert GOALS[0][2]["ar"].split()[1] not in text
    assert "getypt door de tolk" not in text
    dutch = _plain(render_plan(replace(realistic_plan("ar"), lang="nl")))
    assert GOALS[0][2]["ar"].split()[1] not in dutch
    assert "Handtekening tolk" in dutch  # an interpreter was named: they sign


def test_a_passed_evaluation_date_is_marked(docs) -> None:  # noqa: ANN001
    pdf = render_plan(realistic_plan("ar", printed_on=date(2026, 12, 3)))
    with docs.open_pdf(pdf) as doc:
        text = doc.pages[0].extract_text()  # one line per baseline, columns joined
    marked = [line for line in text.splitlines() if "Datum verstreken" in line]
    assert marked and "02-08-2026" in marked[0]
    early = "\n".join(_pages(docs, render_plan(realistic_plan("ar",
                                                              printed_on=date(2026, 6, 1)))))
    assert "Datum verstreken" not in early
    assert "02-08-2026" in early


def test_a_held_evaluation_clears_the_mark(docs) -> None:  # noqa: ANN001
    data = realistic_plan("nl", printed_on=date(2026, 12, 3))
    data.evaluations[0].date = date(2026, 8, 10)
    assert "Datum verstreken" not in "\n".join(_pages(docs, render_plan(data)))
