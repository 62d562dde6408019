"""A stand-in for soffice that brings LibreOffice's faults, and is the real one otherwise.

Set LPPA_SOFFICE to this script and LPPA_REAL_SOFFICE to the real soffice. A file given to
``--convert-to`` is faulty if it is a zip (Word, Excel, slides) holding a member
``lppa-fault/<fault>``, or if its name is in FAKE_SOFFICE_FAULTS (``hang:portfolio-index.docx,
silent:…``): the other files are converted by the real LibreOffice first, then the fault:

- hang: never finishes (LibreOffice stuck on a file);
- crash: exits 1 at once, having made nothing (LibreOffice dying);
- silent: exits 0 having made nothing (LibreOffice failing without a word).

Everything else (--version, the running LibreOffice a build starts) is the real one, unless
FAKE_SOFFICE_BROKEN says otherwise: "version" hangs on --version, "converting" on everything
but --version, "everything" on everything (each hang with a child process of its own).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HUNG_CHILD = "lppa-fake-hung-child"


def fault(path: Path) -> str | None:
    for item in os.environ.get("FAKE_SOFFICE_FAULTS", "").split(","):
        kind, _, name = item.partition(":")
        if name and name == path.name:
            return kind
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("lppa-fault/"):
                    return name.split("/", 1)[1]
    except (OSError, zipfile.BadZipFile):
        pass
    return None


def hang() -> None:
    """Never finish, with a child of its own that must be stopped too."""
    marker = [HUNG_CHILD, os.environ.get("TMPDIR", "")]  # found by the test's temporary folder
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(900)", *marker])
    while True:
        time.sleep(60)


def main() -> int:
    real = os.environ["LPPA_REAL_SOFFICE"]
    args = sys.argv[1:]
    broken = os.environ.get("FAKE_SOFFICE_BROKEN", "")
    if broken == "everything" or (broken == "version" and "--version" in args):
        hang()
    if broken == "converting" and "--version" not in args:
        hang()  # the listening LibreOffice a build starts, and every conversion
    if "--convert-to" not in args:
        os.execv(real, [real, *args])
    files = [a for a in args if not a.startswith("-") and Path(a).is_file()]
    faults = {f: fault(Path(f)) for f in files}
    found = [kind for kind in faults.values() if kind]
    if not found:
        os.execv(real, [real, *args])
    rest = [a for a in args if faults.get(a) is None]
    if any(a in faults for a in rest):
        subprocess.run([real, *rest], check=False)
    if "hang" in found:
        while True:
            time.sleep(60)
    return 1 if "crash" in found else 0


if __name__ == "__main__":
    sys.exit(main())
