"""PNG pages (150 dpi) of every printed document but the card, in several languages, into
docs/documents/: the perspective plan, the subject access letter, the warm handover, the
overview report and the blank intake questionnaires. From a fresh database with synthetic
people (tests/document_samples.py); look at every page before calling a document done.

    python tools/document_pages.py [--out docs/documents] [--lang nl ar ti fa ps]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0:0] = [str(ROOT), str(ROOT / "tests")]

from document_samples import GOALS  # noqa: E402

from app.access.workspace import initialise  # noqa: E402
from app.store.target import Target  # noqa: E402

PASSWORD = "a long password for the demo"
PEOPLE = {  # lang: (given, family, own script, nationality, sex, languages)
    "nl": ("Marco", "Rossi", "", "AL", "male", [("sq", "good"), ("en", "basic")]),
    "ar": ("Ahmad", "Yusuf", "أحمد يوسف", "SY", "male", [("ar", "good")]),
    "ti": ("Senait", "Kahsay", "ሰናይት ካሕሳይ", "ER", "female", [("ti", "good"), ("ar", "basic")]),
    "fa": ("Hamid", "Rahimi", "حمید رحیمی", "IR", "male", [("fa", "good")]),
    "ps": ("Gul", "Ahmadzai", "ګل احمدزی", "AF", "female", [("ps", "basic")]),
}


def build(folder: Path, langs: list[str]):  # noqa: ANN201
    from app.privacy import handover
    from app.services import consents, intakes, office, persons, plans, users
    from app.vocabulary import UserRole

    store = initialise(Target(path=folder / "wegwijs.db"), "demo passphrase")
    ids: dict[str, object] = {}
    with store.session() as db:
        coord = users.create_user(db, None, "anna", "Anna de Vries", UserRole.COORDINATOR,
                                  PASSWORD).id
        manager = users.create_user(db, coord, "fatima", "Fatima El Amrani",
                                    UserRole.CASE_MANAGER, PASSWORD)
        office.update_profile(db, coord, name="Stem in de Stad", phone="023-532 4567",
                              address="Zijlsingel 8, 2013 DN Haarlem")
        for lang in langs:
            given, family, own, nat, sex, languages = PEOPLE.get(lang, PEOPLE["nl"])
            p = persons.create_person(db, coord, persons.PersonFields(
                given_names=given, family_name=family, name_original=own, birth_date="1991",
                sex=sex, nationality=nat, country_of_birth=nat, document_language=lang,
                phone="06-1234 5678", address="Nachtopvang Haarlem", status="undocumented",
                languages=languages, case_manager_id=manager.id))
            intake = intakes.start_intake(db, coord, p.id, "short_intake", 1)
            intakes.save_draft(db, coord, intake.id, intake.version, {
                "needs": ["shelter", "legal", "daytime"], "acute_medical": "no",
                "acute_psychological": "no", "nationality": nat})
            plan = plans.create_plan(db, coord, p.id, plans.PlanFields(
                perspective="legal_residence", start_date="02-02-2026",
                target_date="01-08-2027", case_manager_id=manager.id,
                next_evaluation_on="02-08-2026", interpreter_name="Samira Haddad",
                translation_language=lang if lang != "nl" else ""))
            for domain, dutch, texts, actions in GOALS:
                goal = plans.add_goal(db, coord, plan.id, plans.GoalFields(
                    domain=domain, description=dutch, due_date="01-11-2026",
                    status="in_progress", description_translated=texts.get(lang, "")))
                for n, (owner, owner_name, a_dutch, a_texts) in enumerate(actions):
                    plans.add_action(db, coord, goal.id, plans.ActionFields(
                        description=a_dutch, owner=owner, owner_name=owner_name,
                        due_date=f"15-0{3 + n}-2026",
                        description_translated=a_texts.get(lang, "")))
            plans.activate_plan(db, coord, plan.id)
            consents.give_consent(db, coord, p.id, purpose="juridisch advies",
                                  partner="ASKV Steunpunt Vluchtelingen",
                                  scope=["identity", "contact", "residence_status", "plan"],
                                  given_on="01-03-2026")
            handover.prepare(db, coord, p.id, "ASKV Steunpunt Vluchtelingen",
                             purpose="juridisch advies")
            ids[lang] = p.id
    return store, coord, ids


def pages(pdf: bytes, out: Path, name: str) -> None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(pdf)
        tmp.flush()
        for old in out.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "150", tmp.name, str(out / name)],
                       check=True)
    from PIL import Image

    for png in sorted(out.glob(f"{name}-*.png")):
        # a 48-colour palette keeps the text sharp at a third of the size
        with Image.open(png) as image:
            small = image.convert("RGB").quantize(colors=48, method=Image.Quantize.MEDIANCUT)
        small.save(png, optimize=True)
        print(png)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "documents")
    parser.add_argument("--lang", nargs="+", default=["nl", "ar", "ti", "fa", "ps"])
    parser.add_argument("--only", nargs="*", default=None,
                        help="plan, access, handover, report, questionnaire")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    only = set(args.only or ("plan", "access", "handover", "report", "questionnaire"))
    from app.documents.handover_pdf import render_handover
    from app.printing import document_data
    from app.privacy import handover, report, subject_access

    with tempfile.TemporaryDirectory() as tmp:
        store, coord, ids = build(Path(tmp), args.lang)
        try:
            with store.session() as db:
                for lang, pid in ids.items():
                    if "plan" in only:
                        pages(document_data.person_plan(db, coord, pid, lang), out,
                              f"plan-{lang}")
                    if "access" in only:  # the letter alone (collect() is the audited export)
                        pages(subject_access.readable_pdf(db, coord, pid, lang), out,
                              f"subject-access-{lang}")
                    if "handover" in only:
                        made = handover.prepare(
                            db, coord, pid, "ASKV Steunpunt Vluchtelingen",
                            request="Graag een afspraak voor juridisch advies over een nieuwe "
                                    "asielaanvraag; de persoon komt met een tolk.")
                        pages(render_handover(made), out, f"handover-{lang}")
            if "report" in only:  # a realistic office: synthetic people over two years
                from app import demo

                today = date.today()
                demo.generate(store, 160, seed=7, today=today)
                with store.session() as db:
                    data = report.build(db, today - timedelta(days=365), today)
                pages(report.render_pdf(data), out, "report-nl")
            if "questionnaire" in only:
                from app.printing.blank_questionnaire import blank_questionnaire

                for lang in args.lang:
                    for qid in ("short_intake", "extended_screening"):
                        pages(blank_questionnaire(qid, lang), out, f"{qid}-blank-{lang}")
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
