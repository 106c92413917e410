"""The quick choice of the QR code's mask is segno's own: same mask, same modules."""

from __future__ import annotations

import random

import pytest
import segno
from segno import encoder

from app.documents import qr_mask
from app.documents.qr import Entry, vcard


def _payloads() -> list[str]:
    rng = random.Random(15)
    letters = "abcdefgh éü طبيب العائلة ሓኪም ስድራቤት Врач"
    out = []
    for _ in range(10):
        entries = [Entry("".join(rng.choice(letters) for _ in range(rng.randint(2, 24))),
                         f"06-12{rng.randint(0, 999999):06d}") for _ in range(rng.randint(1, 14))]
        out.append(vcard("Stem in de Stad", entries))
    return out


@pytest.mark.parametrize("error", ["l", "m", "q"])
def test_same_mask_and_modules_as_segno(error: str) -> None:
    for payload in _payloads():
        options = dict(error=error, micro=False, boost_error=False, encoding="utf-8",
                       eci=not payload.isascii())
        reference = segno.make(payload, **options)
        zero = segno.make(payload, mask=0, **options)
        mask, matrix = qr_mask.best_masked([bytes(r) for r in zero.matrix], zero.version,
                                           zero.error)
        assert mask == reference.mask
        assert [bytes(r) for r in matrix] == [bytes(r) for r in reference.matrix]


def test_score_is_segnos_penalty() -> None:
    for payload in _payloads()[:4]:
        for mask in range(8):
            code = segno.make(payload, error="m", micro=False, mask=mask)
            rows = [bytes(r) for r in code.matrix]
            assert qr_mask.score(rows) == sum(encoder.mask_scores(
                [bytearray(r) for r in rows], len(rows), len(rows)))
