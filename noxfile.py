"""Tasks for the LPPA pipeline: `nox -s build` makes the pack, `nox -s tests` checks the project.

Arguments after `--` go to the command, e.g. `nox -s build -- --term "2017-18 Term 3"`.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import nox

# The first nox that loads this file (2024.4.15: `default=` on sessions); older ones end in a
# TypeError before they say anything useful.
nox.needs_version = ">=2024.4.15"
# Plain `nox` builds the pack, as the coordinator expects; `nox -s tests` runs the tests.
nox.options.sessions = ["build"]
nox.options.reuse_venv = "yes"
# uv installs in seconds where pip takes half a minute; without it, virtualenv and pip (nox
# brings virtualenv: Debian's python3 has no venv module without python3-venv). nox says
# "uv binary not found." when it looks for uv and it is not installed: harmless.
nox.options.default_venv_backend = "uv|virtualenv"
PROJECT = Path(__file__).resolve().parent
# The coordinator's and the office's commands (build, check, blank_inputs, new_term, tally)
# share the build session's environment: one install, not five of 235 MB each.
SHARED = PROJECT / ".nox" / "build"


CONSTRAINTS = PROJECT / "constraints.txt"  # every library pinned: see the file


def _stamp(packages: tuple[str, ...]) -> str:
    """What an environment was installed from: the project's metadata, the pins, the asking."""
    return hashlib.sha256(
        (PROJECT / "pyproject.toml").read_bytes()
        + CONSTRAINTS.read_bytes()
        + repr(packages).encode()
    ).hexdigest()


def install(session: nox.Session, *packages: str) -> None:
    """Install into the session's environment, within constraints.txt, only when the project's
    metadata, the pins or what is asked for changed since the last time: the package is
    installed editable, so code changes need no reinstall, and a rebuild starts in a second
    instead of four."""
    stamp = _stamp(packages)
    location = getattr(session.virtualenv, "location", None)
    marker = Path(location) / ".lppa-installed" if location else None
    if marker is not None and marker.is_file() and marker.read_text() == stamp:
        return
    session.install("-c", str(CONSTRAINTS), *packages)
    if marker is not None:
        marker.write_text(stamp)


def shared(session: nox.Session, *args: str, env: str = "build", extras: str = "") -> None:
    """Run ``python ARGS`` in the environment of the session ``env`` (build: the coordinator's
    commands; tests: the developers' tools that need the test libraries), made (or brought up
    to date with the project's requirements) here first if need be, as that session makes it:
    one environment for many sessions."""
    folder = PROJECT / ".nox" / env
    scripts = "Scripts" if sys.platform == "win32" else "bin"
    python = folder / scripts / ("python.exe" if sys.platform == "win32" else "python")
    if not python.exists():
        session.run(sys.executable, "-m", "virtualenv", "-q", str(folder), external=True)
    marker = folder / ".lppa-installed"
    wanted = ("-e", f".{extras}")
    stamp = _stamp(wanted)
    if not (marker.is_file() and marker.read_text() == stamp):
        session.run(
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "-c",
            str(CONSTRAINTS),
            *wanted,
            external=True,
        )
        marker.write_text(stamp)
    session.run(str(python), *args, external=True)


def in_tests_env(session: nox.Session, *args: str) -> None:
    """Run ``python ARGS`` in the tests session's environment (see ``shared``)."""
    shared(session, *args, env="tests", extras="[test,sample]")


@nox.session(venv_backend="virtualenv")  # as shared() makes it, so either may reuse it
def build(session: nox.Session) -> None:
    """Check the workbooks in inputs/ and build the term's pack in outputs/."""
    install(session, "-e", ".")
    session.run("python", "-m", "pipeline", "build", *session.posargs)


@nox.session(venv_backend="none")
def check(session: nox.Session) -> None:
    """Read and check the workbooks only: no documents, no LibreOffice."""
    shared(session, "-m", "pipeline", "check", *session.posargs)


@nox.session(venv_backend="virtualenv")  # as shared() makes it, so either may reuse it
def tests(session: nox.Session) -> None:
    """Run the test suite with real workbooks, real templates and real LibreOffice."""
    install(session, "-e", ".[test,sample]")
    # Two workers per core, each test to whichever is free: many tests wait (for a hung
    # LibreOffice to be noticed, for a lock), and another's work fills the wait. The packs many
    # tests read are built once for all workers (tests/conftest.py, made_once), and each
    # worker's LibreOffice runs with its own profile.
    workers = str(2 * (os.cpu_count() or 1))
    session.run("pytest", "-n", workers, "--dist", "worksteal", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting and style with ruff, and types with mypy."""
    install(session, "-e", ".", "ruff", "mypy")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy")


@nox.session(default=False, venv_backend="none")
def fuzz(session: nox.Session) -> None:
    """Hypothesis writes 2,000 random workbooks (or -- N): the check only ever reports
    located problems, never raises."""
    session.env["FUZZ_EXAMPLES"] = session.posargs[0] if session.posargs else "2000"
    session.env["FUZZ_RANDOM"] = "1"
    in_tests_env(session, "-m", "pytest", "tests/faults/test_fuzz.py", "-p", "no:cacheprovider")


@nox.session(default=False, venv_backend="none")
def sweep(session: nox.Session) -> None:
    """Build N generated schools (default 30, or -- N) and check every pack as a verifier would."""
    in_tests_env(session, "-m", "tests.schools.sweep", *session.posargs)


@nox.session(default=False, venv_backend="none")
def proof_sweep(session: nox.Session) -> None:
    """Move page breaks through 300 generated portfolio indexes: no row may be lost."""
    session.env["PROOF_CASES"] = session.posargs[0] if session.posargs else "300"
    in_tests_env(
        session,
        "-m",
        "pytest",
        "tests/e2e/test_proof.py",
        "-k",
        "wherever_the_page_break_falls",
        "-p",
        "no:cacheprovider",
    )


@nox.session(default=False, venv_backend="none")
def proof_sheet(session: nox.Session) -> None:
    """Build the sample pack and put every page on one contact sheet (--docs: docs/images/)."""
    if not any(arg.endswith(".pdf") for arg in session.posargs):
        shared(session, "-m", "pipeline", "build")
    shared(session, "scripts/proof_sheet.py", *session.posargs)


@nox.session(default=False, venv_backend="none")
def sample(session: nox.Session) -> None:
    """Regenerate the sample school's workbooks and evidence in inputs/."""
    in_tests_env(session, "scripts/make_sample.py", *session.posargs)


@nox.session(default=False, venv_backend="none")
def templates(session: nox.Session) -> None:
    """Regenerate the Word templates in templates/ from scripts/make_templates.py."""
    shared(session, "scripts/make_templates.py", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Time `check` on the sample school (target: under a second), the pack's size, and where a
    build's time goes against the LibreOffice floor (full build, no-change and one-rating
    rebuilds, peak memory)."""
    install(session, "-e", ".", "pytest", "pytest-benchmark")
    session.run("pytest", "benchmarks", "-p", "no:cacheprovider", *session.posargs)
    session.run("python", "benchmarks/build_times.py", "--large")


@nox.session(default=False, venv_backend="none")
def docs(session: nox.Session) -> None:
    """Write docs/inputs.md from the input contract in pipeline/contract.py."""
    shared(
        session,
        "-c",
        "from pathlib import Path; from pipeline.contract_docs import render_inputs_md; "
        "Path('docs/inputs.md').write_text(render_inputs_md(), encoding='utf-8')",
    )


@nox.session(default=False, venv_backend="none")
def blank_inputs(session: nox.Session) -> None:
    """Write blank workbooks with drop-downs and help: nox -s blank_inputs -- DIR."""
    if not session.posargs:
        session.error(
            "Say where the blank workbooks go, a new or empty folder: "
            "nox -s blank_inputs -- DIR (e.g. a folder on the office's shared drive). "
            "Add --inputs inputs for the school's own terms and KPIs in the drop-downs."
        )
    shared(session, "-m", "pipeline", "blanks", *session.posargs)


@nox.session(default=False, venv_backend="none")
def new_term(session: nox.Session) -> None:
    """Start a new term and roll ratings forward: nox -s new_term -- "2018-19 Term 1"."""
    shared(session, "-m", "pipeline", "new-term", *session.posargs)


@nox.session(default=False, venv_backend="none")
def tally(session: nox.Session) -> None:
    """Count a Forms export: nox -s tally -- EXPORT --form Parent --round Follow-up."""
    shared(session, "-m", "pipeline", "tally", *session.posargs)
