"""Benchmark of the document renderers, in process (run by hand, not a test).

    python bench/bench_documents.py [--cards 500]

Prints the median and 95th percentile time per card (wallet, duplex; languages in turn) and
per plan (three languages), and the wall time of a batch of cards (the first card of the batch
includes font loading unless warmed up, which the batch here is not: it runs after the
single-card rounds, as in an office session). Targets: card median < 50 ms, plan < 100 ms,
500 cards < 15 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.documents import (  # noqa: E402
    CARD_LANGUAGES,
    CardContact,
    CardData,
    Office,
    PlanAction,
    PlanData,
    PlanEvaluation,
    PlanGoal,
    render_card,
    render_plan,
)
from app.documents.fonts import load_all  # noqa: E402

OFFICE = Office("Stem in de Stad", "Zijlsingel 8, 2013 DN Haarlem", "023-532 4567",
                "ma-vr 10:00-16:00", "info@stem.example", "www.stem.example")


def card(lang: str, n: int) -> CardData:
    """A card whose case manager differs per person (so the QR code differs too)."""
    contacts = [
        CardContact("case_manager", "Stem in de Stad", f"Casemanager {n % 25}",
                    f"06-1234 {5600 + n % 25}", purpose_key="purpose.case_manager"),
        CardContact("legal_aid", "ASKV Steunpunt Vluchtelingen", "mr. J. de Vries",
                    "020-627 7131", "Van Ostadestraat 233, Amsterdam", "di, do 10-13",
                    purpose_key="purpose.legal_aid"),
        CardContact("gp", "Gezondheidscentrum Schalkwijk", "", "023-533 1234",
                    "Floris van Adrichemlaan 2, Haarlem", "ma-vr 8-17", purpose_key="purpose.gp"),
        CardContact("gp_post", "Huisartsenpost Kennemerland", "", "023-890 2345",
                    purpose_key="purpose.gp_post"),
        CardContact("pharmacy", purpose_key="purpose.pharmacy", blank=True),
        CardContact("shelter", "Bed-bad-brood Haarlem", "", "023-542 1111", "Spaarne 1",
                    "21:00-09:00", purpose_key="purpose.shelter"),
    ]
    return CardData(lang=lang, office=OFFICE, contacts=contacts, person_name=f"Persoon {n}",
                    record_number=f"W-{n:04d}")


def plan(lang: str) -> PlanData:
    goals = [PlanGoal(domain=d, description="Een beschrijving van het doel en de stappen.",
                      status="in_progress", due_date=date(2025, 6, 1),
                      actions=[PlanAction("Afspraak maken en documenten meenemen", o, "",
                                          date(2025, 3, 1), "open")
                               for o in ("person", "case_manager", "legal_aid")])
             for d in ("legal", "language", "volunteering", "health")]
    return PlanData(lang=lang, person_name="Ahmad Yusuf", person_name_original="أحمد يوسف",
                    record_number="W-0042", case_manager="Fatima El Amrani",
                    perspective="legal_residence", start_date=date(2025, 1, 15),
                    target_date=date(2026, 7, 15), goals=goals,
                    evaluation_dates=[date(2025, 7, 15), date(2026, 1, 15)],
                    evaluations=[PlanEvaluation(date(2025, 4, 1), "yes", "continue", "Goed.")],
                    place="Haarlem", printed_on=date(2025, 5, 1))


def timed(fn, *args) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def summary(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"{label:<34} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
          f"(n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=500)
    args = parser.parse_args()

    start = time.perf_counter()
    load_all()
    print(f"{'font loading (once per process)':<34} {(time.perf_counter() - start) * 1000:7.1f} ms")
    first = timed(render_card, card("ar", 0))
    print(f"{'first card (cold caches)':<34} {first:7.1f} ms")

    times = [timed(render_card, card(CARD_LANGUAGES[i % len(CARD_LANGUAGES)], i))
             for i in range(60)]
    summary("card, wallet duplex, 15 languages", times)
    plans = [timed(render_plan, plan(lang)) for _ in range(5) for lang in ("nl", "ar", "ti")]
    summary("plan, 4 goals (nl, ar, ti)", plans)

    start = time.perf_counter()
    size = 0
    for i in range(args.cards):
        size += len(render_card(card(("ar", "ti", "fa", "nl", "tr")[i % 5], 1000 + i)))
    elapsed = time.perf_counter() - start
    print(f"{f'batch of {args.cards} cards':<34} {elapsed:7.2f} s    "
          f"({elapsed / args.cards * 1000:.1f} ms a card, {size / args.cards / 1024:.0f} KiB "
          f"a card)")


if __name__ == "__main__":
    main()
