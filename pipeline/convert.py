"""The only code that runs LibreOffice: every document of a build turned into PDF at once.

Each run gets its own profile folder (a second soffice sharing a profile hands its job to the
first and exits 0 having written nothing), ``--norestore``, and a hard timeout that kills the
whole process group. LibreOffice can exit 0 having failed, so every output is checked.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from pipeline.errors import ConversionError, MachineProblem

INSTALL = (
    "Install it, then build again:\n"
    "  Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui "
    "libreoffice-impress-nogui\n"
    "  macOS:         brew install --cask libreoffice\n"
    "  Windows:       winget install TheDocumentFoundation.LibreOffice\n"
    "If it is installed somewhere unusual, set LPPA_SOFFICE to the full path of its soffice "
    "program."
)

_USUAL_PLACES = [
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
]

TIMEOUT_SECONDS = 240.0


def find_soffice() -> Path:
    """LibreOffice's soffice program, from LPPA_SOFFICE, the PATH or its usual install folders."""
    override = os.environ.get("LPPA_SOFFICE")
    if override:
        if Path(override).is_file():
            return Path(override)
        raise MachineProblem(f"LPPA_SOFFICE is set to {override}, which is not a file.\n{INSTALL}")
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for place in _USUAL_PLACES:
        if Path(place).is_file():
            return Path(place)
    raise MachineProblem(f"LibreOffice is needed to make the PDF and was not found.\n{INSTALL}")


def soffice_version(soffice: Path) -> str:
    """``LibreOffice 7.4.7.2 …`` as the program reports itself, recorded with each build."""
    try:
        done = subprocess.run(
            [str(soffice), "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "LibreOffice (version unknown)"
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "LibreOffice"


def is_pdf(path: Path) -> bool:
    """True if ``path`` exists, starts with ``%PDF-`` and opens in pypdf with at least a page."""
    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
        return len(PdfReader(path).pages) > 0
    except (OSError, PdfReadError, ValueError):
        return False


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.communicate()  # reaps it and closes its pipe


def is_docx(path: Path) -> bool:
    """True if ``path`` is a zip holding a Word document body."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _starts(magic: bytes) -> Callable[[Path], bool]:
    def check(path: Path) -> bool:
        try:
            with path.open("rb") as handle:
                return handle.read(len(magic)) == magic
        except OSError:
            return False

    return check


# What --convert-to is given, the file extension it writes, and how its output is checked.
# Besides PDF, documents can be re-saved as LibreOffice saves them (a school's own round trip).
TARGETS: dict[str, tuple[str, str, Callable[[Path], bool]]] = {
    "pdf": ("pdf", "pdf", is_pdf),
    "docx": ("docx:MS Word 2007 XML", "docx", is_docx),
    "xlsx": ("xlsx:Calc MS Excel 2007 XML", "xlsx", _starts(b"PK")),
    "ods": ("ods", "ods", _starts(b"PK")),
    "xls": ("xls:MS Excel 97", "xls", _starts(b"\xd0\xcf\x11\xe0")),
}


def _run_once(
    soffice: Path, sources: Sequence[Path], out_dir: Path, timeout: float, target: str
) -> str:
    """One soffice run over all ``sources``; returns what it printed. Raises on timeout."""
    with tempfile.TemporaryDirectory(prefix="lppa-soffice-") as profile:
        command = [
            str(soffice),
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *(str(s) for s in sources),
        ]
        # LibreOffice's own scratch files go in the run's folder, removed with it.
        scratch = Path(profile) / "tmp"
        scratch.mkdir()
        env = dict(os.environ, TMPDIR=str(scratch), TMP=str(scratch), TEMP=str(scratch))
        options: dict[str, object] = {"env": env}
        if sys.platform == "win32":
            options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
        else:
            options["start_new_session"] = True
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            **options,  # type: ignore[call-overload]
        )
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise
        except BaseException:
            _kill_group(process)
            raise
        return output.decode("utf-8", "replace")


def convert_to_pdf(
    sources: Sequence[Path],
    out_dir: Path,
    soffice: Path | None = None,
    timeout: float = TIMEOUT_SECONDS,
    optional: frozenset[Path] = frozenset(),
) -> dict[Path, Path]:
    """Convert every source (Word, Excel, slides…) to PDF in ``out_dir`` in one LibreOffice run.

    Returns {source: pdf}. A run that hangs is killed and tried once more with a fresh profile;
    documents that still give no valid PDF raise :class:`ConversionError` naming them.
    """
    return convert(sources, out_dir, "pdf", soffice, timeout, optional)


def convert(
    sources: Sequence[Path],
    out_dir: Path,
    to: str,
    soffice: Path | None = None,
    timeout: float = TIMEOUT_SECONDS,
    optional: frozenset[Path] = frozenset(),
) -> dict[Path, Path]:
    """Convert every source to ``to`` (``pdf``, or ``docx`` to re-save a Word file as
    LibreOffice would) in one LibreOffice run; see :func:`convert_to_pdf`."""
    target, extension, valid = TARGETS[to]
    if not sources:
        return {}
    stems = [s.stem.casefold() for s in sources]
    if len(set(stems)) != len(stems):
        raise ValueError(f"two sources would make the same PDF name: {sorted(stems)}")
    soffice = soffice or find_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = {s: out_dir / f"{s.stem}.{extension}" for s in sources}
    for output in targets.values():
        output.unlink(missing_ok=True)
    pending = list(sources)
    log = ""
    for _attempt in (1, 2):
        try:
            log = _run_once(soffice, pending, out_dir, timeout, target)
        except subprocess.TimeoutExpired:
            log = f"LibreOffice did not finish within {timeout:.0f} seconds and was stopped."
        except OSError as exc:
            raise MachineProblem(
                f"LibreOffice ({soffice}) could not be started: {exc}.\n{INSTALL}"
            ) from exc
        pending = [s for s in pending if not valid(targets[s])]
        if not pending:
            return targets
    if all(s in optional for s in pending):
        # Evidence files that will not convert are left out (the appendix says so), never
        # a failed build.
        return {s: t for s, t in targets.items() if s not in pending}
    names = ", ".join(s.name for s in pending if s not in optional)
    last = "\n".join(log.strip().splitlines()[-5:])
    raise ConversionError(
        f"LibreOffice could not turn {names} into {extension.upper()} (tried twice).\n{last}\n"
        "Open the file in LibreOffice to check it, close any LibreOffice window, and build "
        "again."
    )
