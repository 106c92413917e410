"""A volunteer's day of casework with the real program, by keyboard: a fresh office, a new
person, the short intake, the contact card printed on the CUPS queue ``PDF``, a perspective
plan with one goal, locking and unlocking, quitting; then the database is checked.

Every Alt+letter is read from the Dutch catalogue, as the volunteer sees it underlined.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.access.workspace import open_for
from app.i18n import _, interface_language, set_interface_language
from app.store import Target
from app.store.models import AuditEvent, Goal, Intake, Person, PerspectivePlan
from app.vocabulary import IntakeStatus
from tests.end2end.conftest import Program
from tests.end2end.test_first_day import (
    LOCKED,
    MAIN,
    PASSWORD,
    confirm_recovery_key,
    quit_with_ctrl_q,
    set_up,
    title,
)

QUEUE = "PDF"
OFFICE = "Stem in de Stad"  # the office name the set-up wizard suggests
GOAL = "Een eigen kamer vinden"
NEW_PERSON = title("New person")
PERSON = r"^\S+ Amina Haddad – Wegwijs$"  # "W-00001 Amina Haddad – Wegwijs"
PRINT_DIALOG = title("Print the contact card")
GOAL_DIALOG = title("Goal")


def dutch(msgid: str) -> str:
    before = interface_language()
    set_interface_language("nl")
    try:
        return _(msgid)
    finally:
        set_interface_language(before)


def alt(msgid: str) -> str:
    """The Alt+letter of a button, tab or label in the Dutch interface, for xdotool."""
    text = dutch(msgid).replace("&&", "")
    found = re.search(r"&(\w)", text)
    assert found, f"{msgid!r} has no Alt letter in Dutch ({text!r}): no keyboard way to it"
    return f"alt+{found.group(1).lower()}"


def need_tools() -> None:
    """The CUPS queue ``PDF`` as the default printer, and the tools that read what it wrote:
    a failure under CI (``.ci/run`` sets them up), a skip elsewhere."""
    problem = None
    missing = [t for t in ("lpstat", "pdftotext", "pdftoppm", "zbarimg") if not shutil.which(t)]
    if missing:
        problem = (f"{', '.join(missing)} not installed (Debian: cups-client poppler-utils "
                   "zbar-tools)")
    else:
        queue = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True,
                               timeout=30)
        default = subprocess.run(["lpstat", "-d"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
        if queue.returncode != 0:
            problem = (f"no CUPS queue {QUEUE} ({(queue.stderr or queue.stdout).strip()}); "
                       f".ci/run starts cupsd and adds it with lpadmin -p {QUEUE}")
        elif not re.search(rf":\s*{QUEUE}$", default):
            problem = f"{QUEUE} is not the default printer ({default!r}); run lpadmin -d {QUEUE}"
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)


def pdf_folders(program: Program) -> list[Path]:
    """Where cups-pdf writes: its ``Out`` (``${HOME}`` is the job owner's home in the password
    database), the anonymous folder, ~/PDF."""
    me = pwd.getpwuid(os.getuid())
    folders = []
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.is_file():
        for line in conf.read_text(errors="replace").splitlines():
            found = re.match(r"\s*(Out|AnonDirName)\s+(\S+)", line)
            if found:
                folders.append(Path(found.group(2).replace("${HOME}", me.pw_dir)
                                    .replace("${USER}", me.pw_name)))
    folders += [Path(me.pw_dir) / "PDF", Path(program.env["HOME"]) / "PDF",
                Path("/var/spool/cups-pdf/ANONYMOUS"), Path("/var/spool/cups-pdf") / me.pw_name]
    return list(dict.fromkeys(folders))


def wait_printed(program: Program, since: float, job: str, timeout: float = 60) -> Path:
    """The PDF cups-pdf wrote for ``job`` after ``since``, once it is whole."""
    folders = pdf_folders(program)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for folder in folders:
            try:
                found = [p for p in folder.glob("*.pdf")
                         if job in p.name and p.stat().st_mtime >= since]
            except OSError:
                continue
            for path in found:
                size = path.stat().st_size
                time.sleep(1)  # cups-pdf makes the file first, then writes it
                if size > 0 and path.stat().st_size == size:
                    return path
        time.sleep(0.5)
    program.shot("not-printed")
    raise AssertionError(f"no PDF of the job {job!r} from the queue {QUEUE} within {timeout} s "
                         f"in {[str(f) for f in folders]}")


def read_card(path: Path, folder: Path) -> str:
    """The card's text (pdftotext) and its QR code (pages rendered, scanned by zbar).

    The print goes through Qt, which draws each page as an image: pdftotext then finds no
    text, and the QR code (the office's numbers as a vCard, printed when the card has a number
    to save) is what can be read back."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(path), str(folder / "page")],
                   check=True, timeout=120)
    for png in sorted(folder.glob("page*.png")):
        scan = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                               str(png)], capture_output=True, text=True, timeout=60)
        if scan.returncode == 0:
            text += "\n" + scan.stdout
    return text


def check_database(data: Path) -> None:
    opened = open_for(Target(path=data / "wegwijs.db"), "anna", PASSWORD)
    try:
        with opened.store.session() as db:
            assert db.scalar(select(func.count()).select_from(Person)) == 1
            person = db.scalars(select(Person)).one()
            assert (person.given_names, person.family_name, person.birth_date) == \
                ("Amina", "Haddad", "1990-05-17")
            (intake,) = db.scalars(select(Intake)).all()
            assert (intake.questionnaire_id, intake.status) == ("short_intake",
                                                               IntakeStatus.COMPLETE)
            assert intake.person_id == person.id and intake.completed_at is not None
            assert intake.answers["needs"] == ["shelter"]
            assert intake.answers["nationality"] == "SY"
            assert intake.triage["decision"] is not None  # the advice, decided on
            (plan,) = db.scalars(select(PerspectivePlan)).all()
            assert plan.person_id == person.id
            assert [g.description for g in db.scalars(select(Goal))] == [GOAL]
            assert db.scalars(select(Goal)).one().plan_id == plan.id
            prints = db.scalars(select(AuditEvent).where(AuditEvent.action == "print",
                                                         AuditEvent.entity == "card")).all()
            assert len(prints) == 1 and prints[0].person_id == person.id
        with opened.store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        opened.store.close()


def back_to(program: Program, window: str) -> None:
    """Xvfb has no window manager to give the focus back when a dialog closes."""
    program.wait_window(window)


def test_a_day_of_casework(program: Program, tmp_path: Path) -> None:
    from ui.person.intake_tab import QUESTIONNAIRES

    need_tools()
    began = time.time()
    set_up(program, office_phone="023 123 45 67")  # a number to save: the card has a QR code
    confirm_recovery_key(program)

    # Ctrl+N: a new person; Enter saves, and their window opens
    program.key("ctrl+n")
    program.wait_window(NEW_PERSON)
    program.type("Amina")  # the given names have the focus
    program.key("Tab")
    program.type("Haddad")
    program.key(alt("&Born"))
    program.type("17-05-1990")
    program.shot("new-person")
    program.key("Return")
    program.wait_gone(NEW_PERSON)
    program.wait_window(PERSON)

    # the short intake: started, answered, completed, the advice decided on
    program.key(alt("&Intake"))
    time.sleep(0.5)
    program.key(alt(dict(QUESTIONNAIRES)["short_intake"]))
    time.sleep(2)  # the form opens with the cursor on the first question
    program.key("space")  # what do you need: a place to sleep
    for _question in range(4):  # urgent doctor, urgent help, a place tonight, children: no
        program.key("Tab", "Right", "space")
    program.key("Tab", "space")  # can Stem in de Stad help: yes
    program.key("Tab")
    program.type("Syri")  # nationality: completed to Syria
    program.key("Return", "Tab", "space")  # status: the first (no residence permit)
    for _question in range(2):  # an entry ban, declared undesirable: no
        program.key("Tab", "Right", "space")
    time.sleep(1)
    program.shot("intake-answered")
    program.key(alt("Co&mplete intake"))
    time.sleep(2)
    program.shot("intake-complete")
    program.key(alt("&Record decision"))
    time.sleep(1)

    # the contact card on the default printer, the PDF queue
    program.key(alt("Contact &card"))
    time.sleep(1)
    printed_after = time.time() - 1
    program.key(alt("&Print…"))
    program.wait_window(PRINT_DIALOG)
    program.key("alt+n")  # the printer's name
    program.type(QUEUE)
    program.shot("print-dialog")
    program.key("Return")  # Print
    program.wait_gone(PRINT_DIALOG)
    back_to(program, PERSON)
    job = re.sub(r"\W+", "_", dutch("Contact card"))  # the job's title names the file
    pdf = wait_printed(program, printed_after, job)
    assert pdf.stat().st_mtime >= began
    card = read_card(pdf, tmp_path / "pages")
    assert OFFICE in card, f"{OFFICE!r} not found in {pdf} (text and QR code): {card!r}"
    for private in ("Syri", "Amina", "Haddad", "ongedocumenteerd"):
        assert not re.search(rf"\b{private}", card), f"{private!r} on the card"

    # a perspective plan with one goal
    program.key(alt("Perspective &plan"))
    time.sleep(0.5)
    program.key(alt("&Make a plan"))
    time.sleep(2)
    program.key(alt("Add &goal…"))
    program.wait_window(GOAL_DIALOG)
    program.key(alt("&Goal"))
    program.type(GOAL)
    program.key(alt("&Save"))
    program.wait_gone(GOAL_DIALOG)
    back_to(program, PERSON)
    time.sleep(1)
    program.shot("plan")

    # Ctrl+L locks; the password brings the person's window back
    program.key("ctrl+l")
    program.wait_window(LOCKED)
    assert not any(re.search(PERSON, n) for n in program.windows().values())
    program.type(PASSWORD)
    program.key("Return")
    program.wait_window(MAIN)
    program.wait_window(PERSON)
    program.wait_gone(LOCKED)
    # on the plan tab still: Add goal opens a goal again; Escape closes it
    program.key(alt("Add &goal…"))
    program.wait_window(GOAL_DIALOG, timeout=10)
    program.key("Escape")
    program.wait_gone(GOAL_DIALOG)
    back_to(program, PERSON)

    quit_with_ctrl_q(program)
    check_database(program.data)
