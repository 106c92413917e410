"""The command line's commands for what a newcomer reads: subject access (a readable letter
and the full JSON beside it) and the blank intake questionnaire on paper. ``app/cli.py``
holds their parsers and calls these functions."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.errors import InvalidInput
from app.i18n import N_, _

ACCESS_FORMATS = ("both", "pdf", "json")


def add_access_parser(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    ac = sub.add_parser("access", help=N_("everything stored about one person (subject access): "
                                          "a letter the person can read (PDF) and the full "
                                          "data (JSON) beside it"))
    ac.add_argument("person", help=N_("record number (W-00042) or id"))
    ac.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|FILE.json")
    ac.add_argument("--format", dest="access_format", choices=ACCESS_FORMATS, default=None,
                    help=N_("both (default for FILE.pdf: FILE.pdf and FILE.json), pdf or json"))
    ac.add_argument("--lang", dest="doc_lang", metavar="LANG", default=None,
                    help=N_("the person's language beside Dutch (default: their document "
                            "language)"))


def access_outputs(out: Path, fmt: str | None) -> tuple[Path | None, Path | None]:
    """The PDF and JSON paths ``--out`` and ``--format`` ask for."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".json"):
        raise InvalidInput({"out": _("Write the subject access export to a .json or .pdf "
                                     "file.")})
    fmt = fmt or ("both" if suffix == ".pdf" else "json")
    pdf = out.with_suffix(".pdf") if fmt in ("both", "pdf") else None
    data = out.with_suffix(".json") if fmt in ("both", "json") else None
    return pdf, data


def cmd_access(args: argparse.Namespace) -> int:
    from app import cli
    from app.printing import document_data
    from app.privacy import subject_access
    from app.services import persons

    cli._check_out(args)  # one of Wegwijs's own files is refused first, whatever its suffix
    pdf_path, json_path = access_outputs(args.out, args.access_format)
    if args.doc_lang:
        document_data.check_language(args.doc_lang)
    for path in (pdf_path, json_path):
        if path is not None:
            cli._check_out(argparse.Namespace(**{**vars(args), "out": path}))
    store = cli._open(args)
    try:
        with store.session() as db:
            backups = cli._backup_folder(db)
            for path in (pdf_path, json_path):
                if path is not None:
                    cli._check_out(argparse.Namespace(**{**vars(args), "out": path}), backups)
            person = persons.resolve(db, args.acting.id, args.person)
            data = subject_access.collect(db, args.acting.id, person.id)
            pdf = (subject_access.readable_pdf(db, args.acting.id, person.id, args.doc_lang)
                   if pdf_path is not None else None)
    finally:
        store.close()
    if pdf_path is not None and pdf is not None:
        cli._write_pdf(pdf_path, pdf)
        print(pdf_path)
    if json_path is not None:
        cli._write_pdf(json_path, subject_access.to_json(data).encode("utf-8"))
        print(json_path)
    return 0


def add_questionnaire_parser(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    from app.printing.blank_questionnaire import QUESTIONNAIRES

    qs = sub.add_parser("questionnaire", help=N_("a blank intake questionnaire to fill in on "
                                                 "paper, Dutch beside the person's language"))
    qs.add_argument("--blank", required=True, choices=QUESTIONNAIRES, metavar="QUESTIONNAIRE",
                    help=N_("short_intake or extended_screening"))
    qs.add_argument("--lang", dest="doc_lang", required=True, metavar="LANG")
    qs.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")


def cmd_questionnaire(args: argparse.Namespace) -> int:
    """A blank paper questionnaire: nothing personal, no database, no user."""
    from app import cli
    from app.printing import document_data
    from app.printing.blank_questionnaire import blank_questionnaire

    if args.out.suffix.lower() != ".pdf":
        raise InvalidInput({"out": _("Write the questionnaire to a .pdf file.")})
    document_data.check_language(args.doc_lang)
    cli._check_out(args)
    cli._write_pdf(args.out, blank_questionnaire(args.blank, args.doc_lang))
    print(args.out)
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    """Each card language: how complete and how reviewed its printed texts and its intake
    questions are."""
    from app.printing import document_data
    from app.questionnaire.review import review_state

    for lang, name, reviewed, complete in document_data.review_states():
        state = _("reviewed") if reviewed else _("not reviewed by a native speaker")
        q = review_state(lang)
        if q.reviewed:
            q_state = _("reviewed")
        elif q.machine_draft:
            q_state = _("machine-drafted, not reviewed")
        elif q.translated:
            q_state = _("not reviewed by a native speaker")
        else:
            q_state = _("not translated")
        print("\t".join((lang, name, _("printed texts {percent}: {state}").format(
            percent=f"{complete:.0%}", state=state), _("intake questions {percent}: {state}")
            .format(percent=f"{q.translated:.0%}", state=q_state))))
    return 0
