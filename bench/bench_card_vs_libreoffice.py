"""Side by side, in one run: ``wegwijs card`` as a whole process against LibreOffice converting
an equivalent bilingual HTML card to PDF (run by hand, not a test).

    python bench/bench_card_vs_libreoffice.py [--runs 7] [--lang ar]

Sets up a scratch encrypted database (office profile, one person with six contacts), then
times, as whole processes started from the shell:

- ``wegwijs --db DB card W-00001 --lang LANG --out card.pdf``;
- ``soffice --headless --convert-to pdf card.html``, the HTML made from the same card data
  (every label Dutch beside the person's language, the same office, contacts and national
  numbers), with its own LibreOffice profile folder.

One warm-up run of each is left out (it fills the disk cache, LibreOffice's new profile and
Wegwijs's cache of compiled translations); the figure is the median of the runs that follow.
Wegwijs runs as on an ordinary installation, which keeps the bytecode of every module it loads
(Python writes it on the first start): the processes run without ``PYTHONDONTWRITEBYTECODE``,
which some build machines set, so the warm-up run writes what is missing. Target: Wegwijs at
most half LibreOffice's wall time.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSPHRASE = "bench-passphrase-1"  # the office's: opens nothing personal on its own
USER, PASSWORD = "bench", "bench-own-password-1"  # the card is printed as this coordinator
PERSON = "W-00001"
CONTACTS = [
    ("case_manager", "Stem in de Stad", "Fatima El Amrani", "06-1234 5678", "", ""),
    ("legal_aid", "ASKV Steunpunt Vluchtelingen", "mr. J. de Vries", "020-627 7131",
     "Van Ostadestraat 233, Amsterdam", "di, do 10-13"),
    ("gp", "Gezondheidscentrum Schalkwijk", "", "023-533 1234",
     "Floris van Adrichemlaan 2, Haarlem", "ma-vr 8-17"),
    ("gp_post", "Huisartsenpost Kennemerland", "", "023-890 2345", "", ""),
    ("pharmacy", "Apotheek Schalkwijk", "", "023-533 4455", "", "ma-za 8-18"),
    ("shelter", "Bed-bad-brood Haarlem", "", "023-542 1111", "Spaarne 1", "21:00-09:00"),
]


def wegwijs_command() -> list[str]:
    found = shutil.which("wegwijs")
    return [found] if found else [sys.executable, "-m", "ui.session.command"]


def setup(folder: Path) -> Path:
    """A scratch database with an office profile and one person with six contacts."""
    from app.access.workspace import unlock
    from app.services import contacts, office, persons, users
    from app.services.contacts import ContactFields
    from app.store.target import resolve_target

    db = folder / "bench.db"
    env = dict(os.environ, WEGWIJS_PASSPHRASE=PASSPHRASE)
    env.pop("WEGWIJS_USER", None)
    (folder / "bench.pw").write_text(PASSWORD + "\n", encoding="utf-8")
    for args in (["init"], ["users", "add", USER, "--role", "coordinator", "--password-file",
                            str(folder / "bench.pw")]):
        subprocess.run([*wegwijs_command(), "--db", str(db), *args], env=env, check=True,
                       capture_output=True)
    subprocess.run([*wegwijs_command(), "--db", str(db), "demo", "--persons", "1"],
                   env=dict(env, WEGWIJS_USER=USER, WEGWIJS_PASSPHRASE=PASSWORD), check=True,
                   capture_output=True)
    store = unlock(resolve_target(str(db)), PASSPHRASE)
    try:
        with store.session() as session:
            by = users.authenticate(session, USER, PASSWORD).id
            office.update_profile(session, by, name="Stem in de Stad",
                                  address="Zijlsingel 8, 2013 DN Haarlem", phone="023-532 4567",
                                  opening_hours="ma, di, do 10:00-16:00",
                                  email="info@stemindestad.nl", website="www.stemindestad.nl")
            person = persons.resolve(session, by, PERSON)
            for role, org, name, phone, address, hours in CONTACTS:
                contacts.add_contact(session, by, ContactFields(role, org, name, phone, address,
                                                                  hours), person_id=person.id)
    finally:
        store.close()
    return db


def card_html(db: Path, lang: str) -> str:
    """The same card as HTML: the card data Wegwijs prints, every label Dutch and own language."""
    from app.access.workspace import unlock
    from app.documents.catalogue import Texts
    from app.i18n import is_rtl
    from app.printing import document_data
    from app.services import persons, users
    from app.store.target import resolve_target

    store = unlock(resolve_target(str(db)), PASSPHRASE)
    try:
        with store.session() as session:
            by = users.authenticate(session, USER, PASSWORD).id
            person = persons.resolve(session, by, PERSON)
            data = document_data.card_data(session, by, person, lang)
    finally:
        store.close()
    texts = Texts(lang)
    direction = "rtl" if is_rtl(lang) else "ltr"

    def pair(key: str, tag: str = "div") -> str:
        dutch, own = texts.pair(key)
        out = f"<{tag} class='nl'>{html.escape(dutch)}</{tag}>"
        if own:
            out += f"<{tag} class='own' dir='{direction}' lang='{lang}'>{html.escape(own)}</{tag}>"
        return out

    def iso(text: str) -> str:
        return f"<bdi dir='ltr'>{html.escape(text)}</bdi>"

    parts = [pair("card.title", "h1")]
    o = data.office
    parts.append(f"<section>{pair('role.office')}<p><b>{html.escape(o.name)}</b> "
                 f"{iso(o.phone)}<br>{html.escape(o.address)}<br>{html.escape(o.opening_hours)}"
                 f"<br>{html.escape(o.email)} · {html.escape(o.website)}</p></section>")
    for c in data.contacts:
        role = f"role.{c.role}"
        body = ("<p>______________________</p>" if c.blank else
                f"<p>{html.escape(' · '.join(p for p in (c.name, c.organisation) if p))}<br>"
                f"<b>{iso(c.phone)}</b><br>"
                f"{html.escape(' · '.join(p for p in (c.address, c.hours) if p))}</p>")
        parts.append(f"<section>{pair(role)}{pair(c.purpose_key or 'purpose.other')}{body}"
                     "</section>")
    parts.append(f"<section>{pair('basics.title', 'h2')}")
    for e in data.emergency:
        parts.append(f"<p><b>{iso(e.number)}</b></p>{pair(e.key)}")
    parts.append("</section>")
    return ("<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><style>"
            "body{font-family:'Noto Sans','Noto Naskh Arabic','Noto Sans Ethiopic';font-size:8pt}"
            ".own{color:#1d3557;text-align:right} .own[dir=ltr]{text-align:left}"
            "section{border-top:1px dashed #777;margin-top:4pt}</style></head><body>"
            + "".join(parts) + "</body></html>")


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lang", default="ar")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")

    with tempfile.TemporaryDirectory(prefix="wegwijs-bench-") as tmp:
        folder = Path(tmp)
        db = setup(folder)
        (folder / "card.html").write_text(card_html(db, args.lang), encoding="utf-8")
        env = dict(os.environ, WEGWIJS_USER=USER, WEGWIJS_PASSPHRASE=PASSWORD)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode kept after the warm-up
        ours = [*wegwijs_command(), "--db", str(db), "card", PERSON, "--lang", args.lang,
                "--out", str(folder / "wegwijs.pdf")]
        theirs = [soffice, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
                  "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(folder / "card.html")]
        timed(ours, env, folder)  # warm-up runs, not counted
        timed(theirs, env, folder)
        wegwijs_times, office_times = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            wegwijs_times.append(timed(ours, env, folder))
            office_times.append(timed(theirs, env, folder))
        ours_median = statistics.median(wegwijs_times)
        theirs_median = statistics.median(office_times)
        assert (folder / "lo" / "card.pdf").is_file()
        print(f"card in {args.lang}, whole process, median of {args.runs} runs (after one warm-up)")
        print(f"{'wegwijs card':<34} {ours_median * 1000:7.0f} ms   "
              f"(min {min(wegwijs_times) * 1000:.0f}, max {max(wegwijs_times) * 1000:.0f})")
        print(f"{'soffice --convert-to pdf (HTML)':<34} {theirs_median * 1000:7.0f} ms   "
              f"(min {min(office_times) * 1000:.0f}, max {max(office_times) * 1000:.0f})")
        ratio = ours_median / theirs_median
        verdict = "meets" if ratio <= 0.5 else "MISSES"
        print(f"{'ratio wegwijs / LibreOffice':<34} {ratio:7.2f}    ({verdict} the target <= 0.50)")


if __name__ == "__main__":
    main()
