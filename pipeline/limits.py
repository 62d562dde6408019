"""What the build accepts, in one place (docs/inputs.md, "Limits", is written from it): far past
the largest school (a few hundred actions and items of evidence), and within what the build
reads in seconds and under 1 GB of memory (``nox -s bench -- limits`` measures it)."""

from __future__ import annotations

MAX_WORKBOOK_MB = 25  # a workbook of the contract, as saved
MAX_XML_MB = 60  # its sheets and text unpacked (a workbook is a zip of XML)
MAX_ROWS = 5000  # rows on any sheet of a workbook of the contract
MAX_EVIDENCE_MB = 100  # an evidence file the appendix prints (a scanned binder is 20–50 MB)
# A picture larger than this is not printed: four times a 30-megapixel camera's photo.
MAX_PIXELS = 120_000_000


def limits_md() -> str:
    """The limits as docs/inputs.md states them."""
    return f"""
## Limits

- A workbook may be {MAX_WORKBOOK_MB} MB as saved, {MAX_XML_MB} MB of sheets unpacked, and
  {MAX_ROWS:,} rows on any sheet (rows formatted past the data count). One past these is an
  error naming it, found in about a second, before it is read.
- An evidence file may be {MAX_EVIDENCE_MB} MB; a picture {MAX_PIXELS // 1_000_000} million
  pixels. One past these is not printed: a warning names its row, and its appendix page says
  why.
- An evidence file that is a folder, a pipe or device, or one the build may not read, is named
  as such (a warning, and a "not available" page). A file in the inputs folder that no row
  names is never read for the pack, whatever it is.
- The evidence folder must be a folder inside the inputs folder (a link to somewhere else is
  an error): the pack prints nothing from outside the inputs folder.
"""
