"""How names, headers and refs typed in the workbooks are matched: pure text helpers that the
readers, the checks and the kit share. No file, no workbook, no I/O library."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

# What text pasted from Word, a web page or a form export carries that a person cannot see or
# does not mean: zero-width characters, and curly quotes, odd spaces and dashes for plain ones.
# (Not the zero-width joiner and non-joiner: they spell words in Persian and Indic scripts.)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)


def plain(text: str) -> str:
    """``text`` as typed by hand: invisible characters removed, curly quotes, non-breaking
    spaces and dashes made plain."""
    return text.translate(_INVISIBLE).translate(_PLAIN)


def normalise(name: object) -> str:
    """How names match (sheets, headers, fields, forms, people): case, surrounding and doubled
    spaces ignored, and what pasting brings (see :func:`plain`)."""
    return re.sub(r"\s+", " ", plain(str(name))).strip().casefold()


def did_you_mean(typed: str, choices: Sequence[str], cutoff: float = 0.75) -> str:
    """' Did you mean "Completed"?' when ``typed`` is a near miss for one of ``choices``."""
    keys = {normalise(c): c for c in choices}
    wanted = normalise(typed)
    if not wanted:
        return ""
    close = difflib.get_close_matches(wanted, list(keys), n=1, cutoff=cutoff)
    if not close:
        # "Complete" for "Completed", "Due date" for "Due": one contains the other.
        close = [
            k for k in keys if len(wanted) >= 3 and (k.startswith(wanted) or wanted.startswith(k))
        ][:1]
    return f' Did you mean "{keys[close[0]]}"?' if close else ""


def ref_key(ref: str) -> str:
    """Refs match ignoring case, surrounding spaces and what pasting brings."""
    return plain(ref).strip().casefold()


def ref_order(ref: str) -> tuple[str, int, str]:
    """Refs in the order a person files them: E2 before E10."""
    digits = "".join(ch for ch in ref if ch.isdigit())
    return (ref.rstrip("0123456789").casefold(), int(digits) if digits else 0, ref)


# Unicode's invisible direction controls that reorder what follows them (embeddings, overrides,
# isolates): U+202E then "fdp.exe" reads as "exe.pdf". The marks (U+200E, U+200F, U+061C) only
# nudge neutral characters beside them and are kept: Arabic and Hebrew text uses them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_WARNING = (
    "held {count} invisible direction-control character{s} (such as U+202E, right-to-left "
    "override), which can make text read back to front; they were left out of the pack. "
    "Retype the text to be sure it reads as meant."
)


def without_bidi_controls(text: str) -> tuple[str, int]:
    """``text`` without the direction controls that reorder it, and how many there were."""
    cleaned, count = BIDI_CONTROLS.subn("", text)
    return cleaned, count
