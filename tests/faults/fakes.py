"""LibreOffice's faults on chosen files: the stand-in soffice (fake_soffice.py) and the files
it meets with a fault."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from pipeline.pack.convert import find_soffice
from tests.conftest import without_kept


def faulty_soffice(folder: Path, **faults: str) -> dict[str, str]:
    """The environment for a build whose LibreOffice brings faults (tests/faults/
    fake_soffice.py): ``faults`` maps a document's file name to hang, crash or silent."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    source = (Path(__file__).parent / "fake_soffice.py").read_text(encoding="utf-8")
    script.write_text(f"#!{sys.executable}\n{source}", encoding="utf-8")
    script.chmod(0o755)
    return dict(
        without_kept(),  # a fault must meet LibreOffice, never a PDF kept from another build
        LPPA_SOFFICE=str(script),
        LPPA_REAL_SOFFICE=str(find_soffice()),
        FAKE_SOFFICE_FAULTS=",".join(f"{kind}:{name}" for name, kind in faults.items()),
    )


def with_fault(path: Path, kind: str) -> None:
    """Make the office file ``path`` one the stand-in LibreOffice meets with ``kind``."""
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(f"lppa-fault/{kind}", kind)
