"""The command line: the only place that prints, parses arguments and exits.

Exit status: 0 built (warnings allowed); 1 the inputs have problems, or warnings under
--strict (all listed, nothing written); 2 the machine lacks something or refuses (another build
of the same term running included); 130 interrupted with Ctrl-C, 143 ended by SIGTERM, 129 by
SIGHUP, 141 when the output's reader has gone (nothing lost in any of them).
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeAlias

from pipeline.build import apart, build, check, school_folders
from pipeline.documents.overview import Overview, write_overview
from pipeline.errors import BuildStopped, Group, InputProblems, Terminated, gathered, grouped
from pipeline.pack.convert import private_scratch
from pipeline.pack.report import summary_lines
from pipeline.read.values import Unreadable, read_date_text
from pipeline.records import School, slugify
from pipeline.stages import Built, Checked, Options

SHOWN_WARNINGS = 5


def _date(text: str) -> date:
    try:
        return read_date_text(text)
    except Unreadable as exc:
        raise argparse.ArgumentTypeError(f"{exc} Or use YYYY-MM-DD.") from None


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 5 <= seconds <= 3600:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a number of seconds from 5 to 3600 (60 if unsure).'
        )
    return seconds


def _folder(command: argparse.ArgumentParser, flag: str, help_text: str) -> None:
    """A folder option, defaulting to the folder its name says (inputs, outputs)."""
    default = "outputs" if flag == "--out" else "inputs"
    command.add_argument(flag, type=Path, default=Path(default), metavar="DIR", help=help_text)


def version() -> str:
    """The tool's version, as installed (``lppa --version``)."""
    from importlib import metadata

    try:
        return metadata.version("lppa-pipeline")
    except metadata.PackageNotFoundError:
        return "unknown (run from a folder, not installed)"


def parser() -> argparse.ArgumentParser:
    called = Path(sys.argv[0]).stem.casefold() if sys.argv and sys.argv[0] else ""
    top = argparse.ArgumentParser(
        prog="lppa" if called == "lppa" else "python -m pipeline",
        description="Build the Leading Parent Partnership Award pack from the school's workbooks.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (build_command, check_command, blanks_command, new_term_command, tally_command):
        add(commands)
    return top


# What add_subparsers returns: each command's function adds its own parser to it.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _school_options(command: argparse.ArgumentParser) -> None:
    """What ``build`` and ``check`` share: which inputs, which term, as of when, how strict."""
    _folder(command, "--inputs", "the folder holding the workbooks (default: inputs)")
    command.add_argument(
        "--term",
        metavar="TERM",
        help="the term to build, as labelled in school.xlsx (default: its Current term)",
    )
    command.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date the pack is as of (default: the earlier of today and the term's last day)",
    )
    command.add_argument(
        "--strict",
        action="store_true",
        help="treat every warning as an error (for the final build)",
    )


def build_command(commands: Commands) -> None:
    about = "check the workbooks and build the term's pack"
    command = commands.add_parser("build", help=about, description=about)
    _school_options(command)
    _folder(command, "--out", "where the term's folder is written (default: outputs)")
    command.add_argument(
        "--duplex",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="print double-sided: each section starts on a right-hand page "
        "(default: the Double-sided setting in school.xlsx)",
    )
    command.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long LibreOffice may spend on one file before it is stopped and tried once "
        "more (default: the Conversion timeout setting in school.xlsx, else 60)",
    )
    command.set_defaults(run=run_build)


def check_command(commands: Commands) -> None:
    about = "read and check the workbooks only: no documents, no LibreOffice"
    command = commands.add_parser("check", help=about, description=about)
    _school_options(command)
    command.set_defaults(run=run_check)


def run_build(args: argparse.Namespace) -> int:
    options = options_from(args)
    apart(options.inputs, options.out)  # before any school: several schools share --out
    return run_school_or_schools(options, "build")


def run_check(args: argparse.Namespace) -> int:
    return run_school_or_schools(options_from(args), "check")


def run_school_or_schools(options: Options, command: str) -> int:
    folders = school_folders(options.inputs)
    if folders != [options.inputs]:
        return run_schools(folders, options, command)
    return run(options, command)


def blanks_command(commands: Commands) -> None:
    blanks = commands.add_parser(
        "blanks",
        help="write blank workbooks, with drop-downs and formats, into a new folder",
        description="Write every input workbook, blank, with drop-downs, formats and help, "
        "into DIR. Terms and KPIs for the drop-downs come from the school's own workbooks "
        "given with --inputs; without it, the KPIs are the award's own and there are no terms.",
    )
    blanks.add_argument("folder", type=Path, metavar="DIR", help="an empty or new folder")
    blanks.add_argument(
        "--inputs",
        type=Path,
        default=None,
        metavar="DIR",
        help="the school's workbooks, for its terms and KPIs (default: none; the drop-downs "
        "then offer the award's own KPIs and no terms)",
    )
    blanks.set_defaults(run=run_blanks)


def run_blanks(args: argparse.Namespace) -> int:
    from pipeline.kit.blanks import write_blank_inputs  # the kit's libraries, only for the kit

    written = write_blank_inputs(args.folder, args.inputs)
    print(f"Wrote {len(written)} blank files to {args.folder}/:")
    for path in written:
        print(f"  {path.name}")
    print("Click a header in any sheet to see what goes there, with an example.")
    return 0


def new_term_command(commands: Commands) -> None:
    term = commands.add_parser(
        "new-term",
        help="start a new term: add it to the calendar and roll ratings forward",
        description="Add TERM to the calendar (if missing), make it the current term, and "
        "carry every KPI's latest rating into it, marked Carried forward. Writes new copies of "
        "school.xlsx and ratings.xlsx beside the old ones.",
    )
    term.add_argument("term", metavar="TERM", help='the new term\'s label, e.g. "2018-19 Term 1"')
    _folder(term, "--inputs", "the folder holding the workbooks (default: inputs)")
    term.add_argument("--starts", type=_date, metavar="DATE", help="its first day, if new")
    term.add_argument("--ends", type=_date, metavar="DATE", help="its last day, if new")
    term.set_defaults(run=run_new_term)


def run_new_term(args: argparse.Namespace) -> int:
    from pipeline.kit.new_term import new_term

    rolled = new_term(args.inputs, args.term, args.starts, args.ends)
    added = "added to the calendar and " if rolled.added_term else ""
    print(f"{args.term} {added}set as the current term in {rolled.school}.")
    print(
        f"{rolled.carried} ratings carried forward into {rolled.ratings}, marked Carried forward."
    )
    print(
        "Check both, then put them in place of school.xlsx and ratings.xlsx (keep the old ones "
        "as a backup). Review each carried-forward rating and clear its mark."
    )
    return 0


def tally_command(commands: Commands) -> None:
    tally = commands.add_parser(
        "tally",
        help="count a Microsoft Forms or Google Forms export into a copy of surveys.xlsx",
        description="Count the answers in EXPORT (CSV or XLSX, one row per respondent) for one "
        "form and round, and write the Tallies into a new copy of surveys.xlsx beside it. "
        "Free-text answers go to Comments with May quote left for a person to decide.",
    )
    tally.add_argument("export", type=Path, metavar="EXPORT", help="the downloaded responses")
    tally.add_argument("--form", required=True, help="the form, as named in surveys.xlsx")
    tally.add_argument("--round", required=True, help="the round, e.g. Follow-up")
    _folder(tally, "--inputs", "the folder holding surveys.xlsx (default: inputs)")
    tally.add_argument("--date", type=_date, metavar="DATE", help="the round's date, if new")
    tally.add_argument("--issued", type=int, metavar="N", help="how many forms were issued")
    tally.add_argument(
        "--accept",
        action="store_true",
        help="count the columns that match a question only nearly, as shown (check them first)",
    )
    tally.add_argument(
        "--replace",
        action="store_true",
        help="replace a round already tallied (its counts and comments) with this export's",
    )
    tally.add_argument(
        "--comments",
        action="append",
        default=[],
        metavar="COLUMN",
        help="keep this column's answers as comments (by its header; may be given again)",
    )
    tally.set_defaults(run=run_tally)


def run_tally(args: argparse.Namespace) -> int:
    from pipeline.kit.tally import tally

    done = tally(
        args.export,
        args.inputs,
        args.form,
        args.round,
        args.date,
        args.issued,
        accept=args.accept,
        replace=args.replace,
        comments_from=tuple(args.comments),
    )
    print("How the export was read:")
    for line in done.reading:
        print(f"  {line}")
    if done.replaced:
        print(f"Replaced what the round held before ({done.replaced}).")
    print(
        f"Counted {done.respondents} responses for {len(done.counted)} questions into {done.copy}."
    )
    if done.comments:
        print(
            f"{done.comments} written comments went to its Comments sheet: mark each one's "
            "May quote Yes or No."
        )
    if done.missing:
        print(f"Not in the export: question {', '.join(done.missing)}.")
    print("Check it, then put it in place of surveys.xlsx (keep the old one as a backup).")
    return 0


def print_problems(stopped: InputProblems) -> None:
    kind = "warning (--strict)" if stopped.strict else "problem"
    print(
        f"\nThe workbooks need fixing before the pack can be built: each {kind} below says "
        "where, what was found, and how to fix it.\n",
        file=sys.stderr,
    )
    for problem in stopped.problems:
        print(f"  {problem}", file=sys.stderr)
    print(f"\n{stopped.message}", file=sys.stderr)


def print_warnings(checked: Checked, shown: int | None = SHOWN_WARNINGS) -> None:
    """What to act on: the first ``shown`` lines (a build: the rest are in its report), or
    all of them (``check``, which writes no report)."""
    warnings = checked.findings.sorted_warnings()
    if not warnings:
        return
    print("  To act on:")
    lines = [
        line
        for group, items in grouped(warnings)
        if group is not Group.OVERDUE  # already listed on the Overdue line
        for line in gathered(items)
    ]
    for line in lines if shown is None else lines[:shown]:
        print(f"  - {line}")
    if shown is not None and len(lines) > shown:
        print(f"  … and {len(lines) - shown} more in the build report.")


def print_summary(built: Built) -> None:
    checked = built.checked
    if built.unchanged:
        print(
            f"\nNothing has changed since the last build of {checked.school.name}, "
            f"{checked.term.label} (the same workbooks, evidence, templates, tool and options, "
            f"as of {checked.as_of:%d/%m/%Y}): the pack is as it was."
        )
    else:
        print(
            f"\nBuilt the pack for {checked.school.name}, {checked.term.label} "
            f"(as of {checked.as_of:%d/%m/%Y})."
        )
    for line in summary_lines(checked):
        print(f"  {line}")
    print_warnings(checked)
    print(f"  Report:       {built.report}")
    if built.readiness.is_file():
        print(f"  Readiness:    {built.readiness} (open it in a web browser)")
    print(f"  Pack:         {built.pack} ({built.pages} pages)")


def run(options: Options, command: str) -> int:
    """Check, or check and build, one school's inputs."""
    if command == "check":
        print(f"Reading the workbooks in {options.inputs}/ …")
        checked = check(options, say=print)
        print(
            f"\nThe workbooks are ready to build {checked.school.name}, "
            f"{checked.term.label} (as of {checked.as_of:%d/%m/%Y})."
        )
        for line in summary_lines(checked):
            print(f"  {line}")
        print_warnings(checked, shown=None)  # check writes no report: every one, here
        return 0
    built = build(options, say=lambda line: print(line, flush=True))
    print_summary(built)
    return 0


def run_schools(folders: list[Path], options: Options, command: str) -> int:
    """Several schools: every school's inputs checked before any pack is written."""
    print(f"{len(folders)} schools in {options.inputs}/: {', '.join(f.name for f in folders)}")
    stopped: list[tuple[Path, InputProblems]] = []
    schools: dict[Path, School] = {}
    for folder in folders:
        try:
            schools[folder] = check(replace(options, inputs=folder)).school
        except InputProblems as found:
            stopped.append((folder, found))
    if stopped:
        for where, problems in stopped:
            print(f"\nIn {where}:", file=sys.stderr)
            print_problems(problems)
        total = sum(len(p.problems) for _, p in stopped)
        print(
            f"\nStopped: {total} problem{'s' if total != 1 else ''} for {len(stopped)} of "
            f"{len(folders)} schools; "
            "nothing was written for any school.",
            file=sys.stderr,
        )
        return 1
    names = output_folders(schools)
    each = [replace(options, inputs=f, per_school=True, school_folder=names[f]) for f in folders]
    if command != "build":
        for folder, school_options in zip(folders, each, strict=True):
            print(f"\n— {folder.name} —")
            run(school_options, command)
        return 0
    return build_schools(folders, each)


@dataclass(frozen=True)
class SchoolResult:
    """One school's build, as a worker process reports it."""

    code: int
    output: str  # what the build printed, shown in one piece
    overview: Overview  # its row of overview.html, and of the table printed at the end

    @property
    def row(self) -> tuple[str, ...]:
        """Its line in the table of schools."""
        school = self.overview
        if school.state in ("stopped", "failed"):
            return (school.folder, school.state, "", "", "")
        pack = "unchanged" if school.state == "unchanged" else f"{school.pages} pages"
        return (school.folder, pack, str(school.warnings), str(school.overdue), school.coverage)


def build_one(options: Options) -> SchoolResult:
    """Build one school in a worker process, its output kept to be printed in one piece."""
    text = io.StringIO()
    name = options.inputs.name
    # The libraries' temporary files in a folder of this build's own, removed when it ends: a
    # worker process never runs the clean-ups registered for its exit (openpyxl's among them).
    # Killed outright, its folder is removed by the next build, as a LibreOffice profile is.
    scratch, before = private_scratch(), tempfile.tempdir
    tempfile.tempdir = str(scratch)
    with redirect_stdout(text), redirect_stderr(text):
        try:
            built = build(options, say=print)
            print_summary(built)
        except InputProblems as stopped:
            print_problems(stopped)
            return SchoolResult(stopped.exit_code, text.getvalue(), Overview.stopped(name, stopped))
        except BuildStopped as stopped:
            print(f"\n{stopped.message}", file=sys.stderr)
            return SchoolResult(stopped.exit_code, text.getvalue(), Overview.failed(name, stopped))
        finally:
            tempfile.tempdir = before
            shutil.rmtree(scratch, ignore_errors=True)
    return SchoolResult(0, text.getvalue(), Overview.built(name, built))


def build_schools(folders: list[Path], each: list[Options]) -> int:
    """Every school built on its own core, one worker process per core (each with its own
    LibreOffice); a school that fails never stops the others. Each school's output is printed
    in one piece as it finishes, then a table of all of them."""
    workers = max(1, min(len(folders), os.cpu_count() or 1))
    print(f"Building {len(folders)} schools, {workers} at a time …")
    results: dict[Path, SchoolResult] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(build_one, o): f for o, f in zip(each, folders, strict=True)}
        try:
            for future in as_completed(futures):
                folder = futures[future]
                results[folder] = future.result()
                print(f"\n— {folder.name} —\n{results[folder].output.strip()}", flush=True)
        except BaseException:
            # Stopped (Ctrl-C, SIGTERM): no school not yet started is, and each one building
            # is asked to end as the command was, so that each tidies up after itself.
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in multiprocessing.active_children():
                worker.terminate()
            raise
    headings = ("School folder", "Pack", "Warnings", "Overdue", "KPIs with evidence")
    rows = [headings, *(results[f].row for f in folders)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(headings))]
    print("\nAll schools:")
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print(("  " + "  ".join(cells)).rstrip())
    out = each[0].out
    page = write_overview([results[f].overview for f in folders], each[0].templates, out)
    print(f"\nOverview:  {page} (each school's readiness page, linked)")
    return max(r.code for r in results.values())


def output_folders(schools: dict[Path, School]) -> dict[Path, str]:
    """Each school's folder under outputs/: its name's slug, unless another school in the
    same command has the same name (there are hundreds of St Mary's); then its URN, or else
    its inputs folder's name, is added, and the clash is said before anything is built."""
    slugs = [school.slug for school in schools.values()]
    urns = [school.urn for school in schools.values()]
    names = {}
    for folder, school in schools.items():
        if slugs.count(school.slug) == 1:
            names[folder] = school.slug
        elif school.urn and urns.count(school.urn) == 1:
            names[folder] = f"{school.slug}-{slugify(school.urn)}"
        else:
            names[folder] = f"{school.slug}-{slugify(folder.name)}"
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        clashing = [f for f, school in schools.items() if school.slug == slug]
        print(
            f"{len(clashing)} schools are named {schools[clashing[0]].name} "
            f"({', '.join(f.name for f in clashing)}): each gets its own folder: "
            + ", ".join(f"{names[f]}/" for f in clashing)
            + "."
        )
    return names


def options_from(args: argparse.Namespace) -> Options:
    """The build's options from the command line of ``build`` or ``check``."""
    return Options(
        inputs=args.inputs,
        out=getattr(args, "out", Path("outputs")),
        term=args.term,
        as_of=args.as_of,
        strict=args.strict,
        duplex=getattr(args, "duplex", None),
        timeout=getattr(args, "timeout", None),
    )


# Signals that end a build as Ctrl-C does, where the system has them.
ENDING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGBREAK") if hasattr(signal, name)
)


def _ended_by(signum: int, frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def ends_as_ctrl_c() -> Iterator[None]:
    """SIGTERM and SIGHUP (and Ctrl+Break on Windows) raise :class:`Terminated`, which every
    clean-up meets as it meets Ctrl-C; the handlers before are put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.signal(s, _ended_by) for s in ENDING}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def main(argv: Sequence[str] | None = None) -> int:
    never_dies_on_output()
    args = parser().parse_args(argv)
    try:
        with ends_as_ctrl_c():
            code = _main(args)
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is met below
        return code
    except BrokenPipeError:
        # The output was piped into a program that stopped reading (``| more``, ``| head``):
        # the build itself is done or stopped cleanly; say nothing more, on a closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13  # as a program ended by SIGPIPE


def never_dies_on_output() -> None:
    """A name the console cannot show (Łukasz, Dafydd ap Rhys ŵ, in a Windows code page, or
    output redirected to a file in one) is printed with a stand-in character rather than
    ending the command after the pack is written."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _main(args: argparse.Namespace) -> int:
    try:
        code: int = args.run(args)
        return code
    except InputProblems as stopped:
        print_problems(stopped)
        return stopped.exit_code
    except BuildStopped as stopped:
        print(f"\n{stopped.message}", file=sys.stderr)
        return stopped.exit_code
    except Terminated as ended:
        name = signal.Signals(ended.signum).name
        print(f"\nStopped ({name}): nothing was changed in the outputs folder.", file=sys.stderr)
        return 128 + ended.signum
    except KeyboardInterrupt:
        print("\nInterrupted: nothing was changed in the outputs folder.", file=sys.stderr)
        return 130
