"""The only code that runs LibreOffice: documents turned into PDF, many at once.

A build starts one LibreOffice at its very beginning (:class:`Office`) and keeps it running, so
that its couple of seconds of start-up pass while Python reads and renders; each conversion is
then a short ``soffice --convert-to`` call on the same profile, which LibreOffice hands to the
running one and waits for. Without an Office (the clerical kit, tests), each conversion is a
run of its own with a fresh profile. Either way: ``--norestore``; a watchdog rather than a
fixed time limit (each file that comes out is progress; a minute without any and the whole
process group is killed, and a fresh LibreOffice started for what follows); and a second try,
one file at a time, for whatever did not come out, so that a file that fails is named.
LibreOffice can exit 0 having failed, so every output is checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.errors import ConversionError, MachineProblem
from pipeline.pack.cache import KEEP_DAYS

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

# How long LibreOffice may go without finishing a file before it is taken as hung (school.xlsx
# Settings "Conversion timeout", or --timeout): watched, so a long batch is never cut short.
TIMEOUT_SECONDS = 60.0


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


def console_program(soffice: Path) -> Path:
    """The program to ask for LibreOffice's version: on Windows ``soffice.exe`` is a windowed
    program whose output may never reach a console or a pipe, so ``soffice.com`` beside it, the
    console one, is asked where it exists; elsewhere ``soffice`` itself."""
    console = soffice.with_suffix(".com")
    if soffice.suffix.casefold() == ".exe" and console.is_file():
        return console
    return soffice


def _program_stamp(soffice: Path) -> list[str]:
    """The installed program as its files are now: a new version or a repair changes it."""
    program = Path(os.path.realpath(soffice))
    stamp = [str(program)]
    for path in (program, program.with_name("soffice.bin"), program.with_name("soffice.exe")):
        try:
            stat = path.stat()
        except OSError:
            continue
        stamp.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return stamp


def profile_kept(soffice: Path, folder: Path) -> Path:
    """Where, in ``folder``, a LibreOffice profile that an earlier build's LibreOffice made is
    kept for the next: LibreOffice makes a new profile in about 0.8 s of the processor; it starts
    from a copy of one in 0.15 s. One per installed program (its files as they are now)."""
    digest = hashlib.sha256("\0".join(_program_stamp(soffice)).encode()).hexdigest()[:16]
    return folder / f"{PROFILE_KEPT}{digest}"


def soffice_version(soffice: Path, known: Path | None = None) -> str:
    """``LibreOffice 7.4.7.2 …`` as the program reports itself, recorded with each build.

    Asking takes a run of LibreOffice (0.15 s, more on Windows): with ``known``, a file the
    answer is kept in, it is asked again only when the program's files have changed."""
    stamp = _program_stamp(soffice)
    try:
        kept = json.loads(known.read_text(encoding="utf-8")) if known else {}
        if kept.get("program") == stamp and isinstance(kept.get("version"), str):
            return str(kept["version"])
    except (OSError, ValueError, AttributeError):
        pass
    said = _ask_version(soffice)
    if not said.strip():
        return "LibreOffice"
    version = said.strip().splitlines()[0]
    if known is not None:
        try:
            known.parent.mkdir(parents=True, exist_ok=True)
            known.write_text(json.dumps({"program": stamp, "version": version}), encoding="utf-8")
        except OSError:
            pass  # asked again next time
    return version


VERSION_SECONDS = 30.0  # LibreOffice answers --version in 0.15 s; a slow first start, 10


def _ask_version(soffice: Path) -> str:
    """What ``soffice --version`` prints, watched as a conversion is: a LibreOffice that does
    not answer in ``VERSION_SECONDS`` is stopped, all of it, and the build told it is broken."""
    with tempfile.TemporaryDirectory(prefix="lppa-soffice-") as profile:
        _, options = _profile_options(Path(profile))
        with tempfile.TemporaryFile() as said:
            try:
                process = subprocess.Popen(
                    [str(console_program(soffice)), "--version"],
                    stdin=subprocess.DEVNULL,
                    stdout=said,
                    stderr=subprocess.DEVNULL,
                    **options,  # type: ignore[call-overload]
                )
            except OSError as exc:
                raise MachineProblem(
                    f"LibreOffice ({soffice}) could not be started: {exc}.\n{INSTALL}"
                ) from exc
            try:
                process.wait(timeout=VERSION_SECONDS)
            except subprocess.TimeoutExpired:
                _kill_group(process)
                raise MachineProblem(not_working(soffice, "answer --version")) from None
            finally:
                _end_group(process)  # anything it started and left behind
            said.seek(0)
            return said.read().decode("utf-8", "replace")


def not_working(soffice: Path, what: str) -> str:
    """The message that ends a build whose LibreOffice is broken, and what to do about it."""
    return (
        f"LibreOffice is not working: {soffice} did not {what}.\n"
        "Close every LibreOffice window, end any soffice.bin or soffice.exe left running (Task "
        "Manager on Windows, Activity Monitor on a Mac), and build again. If it happens again, "
        "restart the computer; then reinstall LibreOffice.\n" + INSTALL
    )


def is_pdf(path: Path) -> bool:
    """True if ``path`` exists, starts with ``%PDF-`` and opens in pypdf with at least a page."""
    from pypdf import PdfReader  # here: a rebuild with nothing changed never needs it
    from pypdf.errors import PdfReadError

    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
        return len(PdfReader(path).pages) > 0
    except (OSError, PdfReadError, ValueError):
        return False


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and what it started, without waiting for it: its process group on
    Linux and macOS; on Windows, where soffice.exe only starts soffice.bin, every process
    beneath it, then itself (killing soffice.exe alone leaves soffice.bin holding files)."""
    if sys.platform == "win32":
        import psutil

        try:
            parent = psutil.Process(process.pid)
            family = [*parent.children(recursive=True), parent]
        except psutil.Error:
            return  # already gone
        for member in family:
            with contextlib.suppress(psutil.Error):
                member.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    _end_group(process)
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
    # A Word document's bookmarks exported as PDF destinations, named as in the document: the
    # places its renderer marked (LibreOffice 7.4 or later reads filter options as JSON).
    "pdf-marked": (
        'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":'
        '{"type":"boolean","value":"true"}}',
        "pdf",
        is_pdf,
    ),
    "docx": ("docx:MS Word 2007 XML", "docx", is_docx),
    "xlsx": ("xlsx:Calc MS Excel 2007 XML", "xlsx", _starts(b"PK")),
    "ods": ("ods", "ods", _starts(b"PK")),
    "xls": ("xls:MS Excel 97", "xls", _starts(b"\xd0\xcf\x11\xe0")),
}


# LibreOffice's settings that keep a document from loading anything from outside it, written
# into every profile before LibreOffice starts on it (docs/decisions.md, #28). Measured on 7.4:
# a picture linked from a file or the web is loaded by default; BlockUntrustedRefererLinks
# stops it (Security/Scripting/SecureURL must stay empty, or it stops nothing); a proxy that
# leads nowhere stops what it misses over the web and FTP (fill and background pictures,
# slides); links are never updated (Writer's Link 0 and Calc's Link 1 both mean never).
_WALL = (
    ("org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    ("org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
    ("org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    ("org.openoffice.Office.Writer/Content/Update", "Link", "0"),
    ("org.openoffice.Office.Calc/Content/Update", "Link", "1"),
)
_REGISTRY = "registrymodifications.xcu"


def wall_settings(profile: Path) -> None:
    """Write ``_WALL`` into the LibreOffice profile at ``profile`` (its ``user`` folder's
    registrymodifications.xcu), keeping every other setting there; nothing if already there."""
    user = profile / "user"
    registry = user / _REGISTRY
    items = [
        f'<item oor:path="/{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}'
        "</value></prop></item>"
        for path, name, value in _WALL
    ]
    try:
        text = registry.read_text(encoding="utf-8")
    except OSError:
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.'
            'org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://'
            'www.w3.org/2001/XMLSchema-instance">\n</oor:items>\n'
        )
    if all(item in text for item in items):
        return
    for path, name, _ in _WALL:  # the same setting with another value: ours replaces it
        text = re.sub(
            rf'<item oor:path="/{re.escape(path)}"><prop oor:name="{name}"[^\n]*?</item>\n?',
            "",
            text,
        )
    text = text.replace("</oor:items>", "\n".join(items) + "\n</oor:items>", 1)
    user.mkdir(parents=True, exist_ok=True)
    registry.write_text(text, encoding="utf-8")


def _profile_options(profile: Path) -> tuple[str, dict[str, object]]:
    """The ``-env:UserInstallation`` argument for ``profile``, and Popen's options: LibreOffice's
    own scratch files in the profile's folder, removed with it, and a process group of its own
    (so that a timeout stops all of it). The profile gets the settings that keep documents from
    loading anything from outside them (``wall_settings``) before LibreOffice starts on it."""
    wall_settings(profile)
    scratch = profile / "tmp"
    scratch.mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(scratch), TMP=str(scratch), TEMP=str(scratch))
    options: dict[str, object] = {"env": env}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True
    return f"-env:UserInstallation={profile.resolve().as_uri()}", options


Waiting = Callable[[Path, float], None]  # the file it is on, seconds without progress
NOTICE_SECONDS = 10.0


def _conversion(
    soffice: Path,
    profile: Path,
    sources: Sequence[Path],
    out_dir: Path,
    timeout: float,
    target: str,
    running: set[subprocess.Popen[bytes]] | None = None,
    waiting: Waiting | None = None,
) -> str:
    """``soffice --convert-to`` over ``sources`` with ``profile``; returns what it printed.

    Watched rather than timed: each output that appears is progress, and ``timeout`` seconds
    without any means a file has hung it, so the call's whole process group is killed and
    :class:`subprocess.TimeoutExpired` raised. Every ``NOTICE_SECONDS`` without progress (more
    often with a short timeout), ``waiting`` is told which file it is on. The call is in
    ``running`` while it runs, for whoever must stop it sooner."""
    installation, options = _profile_options(profile)
    extension = target.split(":")[0]
    outputs = [out_dir / f"{s.stem}.{extension}" for s in sources]
    command = [
        str(soffice),
        installation,
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
    with tempfile.TemporaryFile() as said:  # a file, never a pipe that a long batch could fill
        process = subprocess.Popen(
            command,
            stdout=said,
            stderr=subprocess.STDOUT,
            **options,  # type: ignore[call-overload]
        )
        if running is not None:
            running.add(process)
        try:
            _watch(process, list(zip(sources, outputs, strict=True)), timeout, waiting)
        except BaseException:
            _kill_group(process)
            raise
        finally:
            if running is not None:
                running.discard(process)
        said.seek(0)
        return said.read().decode("utf-8", "replace")


def _watch(
    process: subprocess.Popen[bytes],
    files: list[tuple[Path, Path]],
    timeout: float,
    waiting: Waiting | None,
) -> None:
    """Wait for ``process`` to end while it makes progress through ``files`` (source, output)."""
    made, since = 0, time.monotonic()
    told, notice = since, min(NOTICE_SECONDS, max(1.0, timeout / 3))
    while True:
        try:
            process.wait(timeout=0.2)
            return
        except subprocess.TimeoutExpired:
            pass
        now = time.monotonic()
        count = sum(1 for _, output in files if output.exists())
        if count > made:
            made, since, told = count, now, now
        if now - since > timeout:
            raise subprocess.TimeoutExpired(process.args, timeout)
        if waiting is not None and now - told >= notice:
            told = now
            on = next((source for source, output in files if not output.exists()), files[-1][0])
            waiting(on, now - since)


def _run_once(
    soffice: Path,
    sources: Sequence[Path],
    out_dir: Path,
    timeout: float,
    target: str,
    waiting: Waiting | None = None,
) -> str:
    """One soffice run of its own over all ``sources``, with a fresh profile."""
    with tempfile.TemporaryDirectory(prefix="lppa-soffice-") as profile:
        return _conversion(soffice, Path(profile), sources, out_dir, timeout, target, None, waiting)


Run = Callable[[Path, Sequence[Path], Path, float, str, "Waiting | None"], str]


PROFILE_PREFIX = "lppa-office-"
PROFILE_KEPT = "libreoffice-profile-"
SCRATCH_PREFIX = "lppa-school-"  # a school's worker's own temporary folder (cli.build_one)
OWNER = "build.json"
# Where profiles live: the system's temporary folder as it was when the tool started, even in a
# worker that keeps its own temporary files in a folder of its own (cli.build_one), so that
# the next build finds a killed build's profile there.
PROFILES = Path(tempfile.gettempdir())


def _mark_owner(profile: Path) -> None:
    """Say in ``profile`` which build it belongs to: its process, and when that started (a
    process number alone may be given again to another process)."""
    import psutil

    me = psutil.Process()
    (profile / OWNER).write_text(
        json.dumps({"process": me.pid, "started": me.create_time()}), encoding="utf-8"
    )


def private_scratch() -> Path:
    """A temporary folder for one process's own use, marked as its own: if the process is
    killed outright (SIGKILL, or Windows ending a worker), the next build removes it."""
    folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=PROFILES))
    _mark_owner(folder)
    return folder


def _owner_alive(profile: Path) -> bool:
    import psutil

    try:
        owner = json.loads((profile / OWNER).read_text(encoding="utf-8"))
        process = psutil.Process(int(owner["process"]))
        return abs(process.create_time() - float(owner["started"])) < 1.0
    except FileNotFoundError:
        # Not yet marked (it is being made this moment), or not ours: left alone for a while.
        return time.time() - profile.stat().st_mtime < 600
    except (OSError, ValueError, KeyError, TypeError, psutil.Error):
        return False


def sweep_profiles(folder: Path | None = None) -> list[Path]:
    """What builds that were killed outright (SIGKILL, a crash, a power cut) left in the
    temporary folder: each LibreOffice profile (and worker's scratch folder) whose build is no
    longer running, with any LibreOffice still running on it, which is stopped. Returns the
    folders removed."""
    import psutil

    dead = [
        p
        for prefix in (PROFILE_PREFIX, SCRATCH_PREFIX)
        for p in (folder or PROFILES).glob(f"{prefix}*")
        if p.is_dir() and not _owner_alive(p)
    ]
    if not dead:
        return []
    names = {p.name for p in dead}
    for process in psutil.process_iter(["cmdline"]):
        try:
            line = " ".join(process.info["cmdline"] or ())
            if any(name in line for name in names):
                process.kill()
        except psutil.Error:
            continue
    for profile in dead:
        shutil.rmtree(profile, ignore_errors=True)
    return dead


class Office:
    """One LibreOffice for a whole build: started at once, kept warm, stopped with the build.

    Use it as a context manager. If it cannot start, or stops answering, conversions fall back
    to runs of their own, so a build never depends on it.
    """

    READY_SECONDS = 60.0

    def __init__(self, soffice: Path | None = None, kept: Path | None = None) -> None:
        """``kept``: a folder where a profile of an earlier build's LibreOffice may be kept
        (:func:`profile_kept`): this one starts from a copy of it, and :meth:`close` keeps its
        own there if there is none."""
        self.soffice = soffice or find_soffice()
        sweep_profiles()
        prefix = f"{PROFILE_PREFIX}{os.getpid()}-"
        self._profile = Path(tempfile.mkdtemp(prefix=prefix, dir=PROFILES))
        _mark_owner(self._profile)
        self._kept = profile_kept(self.soffice, kept) if kept else None
        self._from_kept = False
        if self._kept is not None and self._kept.is_dir():
            with contextlib.suppress(OSError):  # used: not removed as forgotten (_keep_profile)
                os.utime(self._kept)
            try:
                shutil.copytree(self._kept, self._profile / "user")
                self._from_kept = True
            except OSError:  # LibreOffice makes what is missing
                pass
        self._ready = False
        self._gave_up = False  # it never answered: not started again in this build
        self._closed = False
        self._worked = False  # a conversion came back from it
        self._process: subprocess.Popen[bytes] | None = None
        self._calls: set[subprocess.Popen[bytes]] = set()  # conversions handed to it, running
        self._start()

    def _start(self) -> None:
        """Start LibreOffice, listening; the first conversion waits until it answers."""
        self._ready = False
        with socket.socket() as probe:  # a free port on this machine only, to ask if it is up
            probe.bind(("127.0.0.1", 0))
            self._port = probe.getsockname()[1]
        installation, options = _profile_options(self._profile)
        # LibreOffice ends once a handed-over conversion leaves no document open: one stays open.
        held = self._profile / "held-open.txt"
        held.write_text("LPPA\n", encoding="utf-8")
        try:
            self._process = subprocess.Popen(
                [
                    str(self.soffice),
                    installation,
                    "--headless",
                    "--invisible",
                    "--norestore",
                    "--nologo",
                    "--nolockcheck",
                    "--nodefault",
                    f"--accept=socket,host=127.0.0.1,port={self._port};urp;",
                    str(held),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                **options,  # type: ignore[call-overload]
            )
        except OSError:
            self._process = None  # the first conversion reports it, in a run of its own

    def __enter__(self) -> Office:
        return self

    @property
    def profile(self) -> Path:
        """Its profile folder: on the command line of each of its processes."""
        return self._profile

    def __exit__(self, *_: object) -> None:
        self.close()

    def _answers(self, timeout: float) -> bool:
        """True once the running LibreOffice takes work (waiting for it up to READY_SECONDS, or
        twice the conversions' timeout if less, and at least 20 s); False, having stopped it,
        if it never does: then every conversion of the build runs on its own."""
        if self._gave_up or self._process is None or self._process.poll() is not None:
            return False
        wait = min(self.READY_SECONDS, max(2 * timeout, 20.0))
        deadline = time.monotonic() + wait
        while not self._ready and time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", self._port), timeout=1).close()
                self._ready = True
            except OSError:
                time.sleep(0.05)
        if not self._ready:
            self._stop()
            self._gave_up = True
            if self._from_kept and self._kept is not None:  # it may be why: not used again
                _discard(self._kept)
                self._from_kept = False
        return self._ready

    def _run(
        self,
        soffice: Path,
        sources: Sequence[Path],
        out_dir: Path,
        timeout: float,
        target: str,
        waiting: Waiting | None = None,
    ) -> str:
        if self._closed:
            raise ConversionError("LibreOffice was stopped with the build.")
        if not self._gave_up and (self._process is None or self._process.poll() is not None):
            self._stop()
            self._start()  # stopped after a hang, or it died: a fresh one for what follows
        if not self._answers(timeout):
            return _run_once(soffice, sources, out_dir, timeout, target, waiting)
        try:
            said = _conversion(
                soffice, self._profile, sources, out_dir, timeout, target, self._calls, waiting
            )
        except BaseException:
            self._stop()  # it may be the one that hangs: the next call starts a fresh one
            raise
        if self._closed:  # stopped while converting: no second try
            raise ConversionError("LibreOffice was stopped with the build.")
        self._worked = True
        return said

    def convert(
        self,
        sources: Sequence[Path],
        out_dir: Path,
        to: str = "pdf",
        timeout: float = TIMEOUT_SECONDS,
        optional: frozenset[Path] = frozenset(),
        waiting: Waiting | None = None,
    ) -> dict[Path, Path]:
        """:func:`convert` through the running LibreOffice (started afresh after a hang)."""
        return convert(
            sources, out_dir, to, self.soffice, timeout, optional, first=self._run, waiting=waiting
        )

    def _stop(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                _kill_group(self._process)
            self._process = None
        self._ready = False

    def close(self, keep: bool = False) -> None:
        """Stop LibreOffice, and any conversion handed to it, and remove its profile: from
        any thread, at any moment (a build that is stopped stops it). With ``keep`` (a build
        that ended well), its profile is first kept for the next build's LibreOffice, if it
        made one that converted and none is kept yet."""
        self._closed = True
        for call in list(self._calls):
            _end_group(call)  # the thread that waits for it reaps it
        self._stop()
        if keep and self._worked and self._kept is not None and not self._kept.exists():
            _wait_gone(self._profile)  # Windows: a killed soffice.bin may still hold its files
            _keep_profile(self._profile / "user", self._kept)
        shutil.rmtree(self._profile, ignore_errors=True)


def _wait_gone(profile: Path, seconds: float = 5.0) -> None:
    """Wait for the processes running on ``profile`` to end (killed, they may take a moment)."""
    import psutil

    running = []
    for process in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            if profile.name in " ".join(process.info["cmdline"] or ()):
                running.append(process)
    psutil.wait_procs(running, timeout=seconds)


def _keep_profile(profile: Path, kept: Path) -> None:
    """Copy ``profile`` to ``kept`` whole or not at all: copied aside, then renamed (another
    build may be keeping its own at the same moment: the first one there stays). Profiles kept
    for programs no build has used for ``KEEP_DAYS``, and copies left by builds stopped while
    copying, are removed."""
    part = kept.with_name(f"{kept.name}.{os.getpid()}.part")
    try:
        shutil.copytree(profile, part)
        os.replace(part, kept)
    except OSError:
        shutil.rmtree(part, ignore_errors=True)  # not kept: the next build makes its own
        return
    now = time.time()
    for other in kept.parent.glob(f"{PROFILE_KEPT}*"):
        with contextlib.suppress(OSError):
            age = now - other.stat().st_mtime
            left = other.suffix in (".part", ".old")
            if other != kept and (age > KEEP_DAYS * 86400 or (left and age > 3600)):
                _discard(other)


def _discard(folder: Path) -> None:
    """Remove ``folder``, first renamed aside, so that no build meets it half removed (on
    Windows a file another program holds stays until it lets go)."""
    aside = folder.with_name(f"{folder.name}.{os.getpid()}.old")
    try:
        os.replace(folder, aside)
    except OSError:
        return  # in use, or gone already: the next build tries again
    shutil.rmtree(aside, ignore_errors=True)


TRIAL = "LibreOffice trial page\n"
TRIAL_SECONDS = 10.0  # a one-line file takes LibreOffice 1–3 s, starting included


def _still_working(soffice: Path, first: Run, out_dir: Path, timeout: float) -> None:
    """After a hang: whether LibreOffice still turns a one-line text file into PDF. Two failures
    end the build as :func:`not_working` (a LibreOffice that hangs on everything would otherwise
    cost a timeout for every file, twice); the file that hung is then tried on its own."""
    trial_dir = out_dir / "lppa-trial"
    trial_dir.mkdir(parents=True, exist_ok=True)
    trial = trial_dir / "lppa-trial.txt"
    trial.write_text(TRIAL, encoding="utf-8")
    made = trial_dir / "lppa-trial.pdf"
    timeout = max(timeout, TRIAL_SECONDS)  # a timeout too short for anything is not a fault
    try:
        for _ in range(2):
            made.unlink(missing_ok=True)
            with contextlib.suppress(subprocess.TimeoutExpired, ConversionError):
                first(soffice, [trial], trial_dir, timeout, TARGETS["pdf"][0], None)
            if is_pdf(made):
                return
    finally:
        shutil.rmtree(trial_dir, ignore_errors=True)
    seconds = f"{timeout:.0f} second{'' if f'{timeout:.0f}' == '1' else 's'}"
    raise ConversionError(
        not_working(soffice, f"turn a one-line text file into PDF in {seconds}, twice")
    )


def convert_to_pdf(
    sources: Sequence[Path],
    out_dir: Path,
    soffice: Path | None = None,
    timeout: float = TIMEOUT_SECONDS,
    optional: frozenset[Path] = frozenset(),
) -> dict[Path, Path]:
    """Convert every source (Word, Excel, slides…) to PDF in ``out_dir`` in one LibreOffice run.

    Returns {source: pdf}. A run that hangs is killed; what did not come out is tried again one
    file at a time; documents that still give no valid PDF raise :class:`ConversionError`
    naming them.
    """
    return convert(sources, out_dir, "pdf", soffice, timeout, optional)


def convert(
    sources: Sequence[Path],
    out_dir: Path,
    to: str,
    soffice: Path | None = None,
    timeout: float = TIMEOUT_SECONDS,
    optional: frozenset[Path] = frozenset(),
    first: Run = _run_once,
    waiting: Waiting | None = None,
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

    def attempt(files: list[Path]) -> str:
        """What LibreOffice said, converting ``files``; or that it hung, and on which."""
        try:
            return first(soffice, files, out_dir, timeout, target, waiting)
        except subprocess.TimeoutExpired:
            on = next((s for s in files if not valid(targets[s])), files[-1])
            seconds = f"{timeout:.0f} second{'' if f'{timeout:.0f}' == '1' else 's'}"
            return f"LibreOffice made no progress on {on.name} for {seconds} and was stopped."
        except OSError as exc:
            raise MachineProblem(
                f"LibreOffice ({soffice}) could not be started: {exc}.\n{INSTALL}"
            ) from exc

    log = attempt(list(sources))  # all at once
    pending = [s for s in sources if not valid(targets[s])]
    if pending and "made no progress" in log:
        _still_working(soffice, first, out_dir, timeout)
    # Then each that did not come out on its own, so that a file that fails is named and the
    # rest still convert: a file that hangs costs two timeouts at most.
    for source in pending:
        log = attempt([source])
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
