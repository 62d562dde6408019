"""A school's own spreadsheet, set to print as wide as the page before it is converted.

Calc prints a sheet at its own size unless the sheet says otherwise: a tracker eleven columns
wide printed its last column alone on a second page, apart from its rows. The copy of the
evidence file that is converted (never the school's file) is set, sheet by sheet, to fit the
page's width (any number of pages tall), turned to landscape where the sheet is wider than it
is tall on the page, with its own column breaks taken out. Only the worksheets' page setup is
touched, in the file's XML: what openpyxl would drop (charts, pictures, shapes) stays.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# The elements a worksheet may hold after <pageSetup>, in the order the schema gives them.
AFTER_PAGE_SETUP = (
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)
WIDE = 8  # columns: a sheet this wide or wider prints landscape


def _tag(name: str) -> str:
    return f"{{{MAIN}}}{name}"


def _columns(sheet: etree._Element) -> int:
    """How many columns the sheet uses, from its dimension (A1:K40 is 11)."""
    dimension = sheet.find(_tag("dimension"))
    ref = dimension.get("ref", "") if dimension is not None else ""
    found = re.findall(r"([A-Z]+)\d*", ref.upper())
    if not found:
        return 0
    letters = found[-1]
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def fit_sheet(xml: bytes) -> bytes:
    """One worksheet's XML, set to fit the page's width."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    sheet = etree.fromstring(xml, parser)
    properties = sheet.find(_tag("sheetPr"))
    if properties is None:
        properties = etree.Element(_tag("sheetPr"))
        sheet.insert(0, properties)
    fit = properties.find(_tag("pageSetUpPr"))
    if fit is None:
        fit = etree.SubElement(properties, _tag("pageSetUpPr"))  # after tabColor, outlinePr
    fit.set("fitToPage", "1")
    breaks = sheet.find(_tag("colBreaks"))
    if breaks is not None:
        sheet.remove(breaks)
    setup = sheet.find(_tag("pageSetup"))
    if setup is None:
        setup = etree.Element(_tag("pageSetup"))
        later = next((c for c in sheet if etree.QName(c).localname in AFTER_PAGE_SETUP), None)
        if later is None:
            sheet.append(setup)
        else:
            later.addprevious(setup)
    setup.set("fitToWidth", "1")
    setup.set("fitToHeight", "0")
    if "paperSize" not in setup.attrib:
        setup.set("paperSize", "9")  # A4, as the pack (a new page setup would be Letter)
    if "orientation" not in setup.attrib and _columns(sheet) >= WIDE:
        setup.set("orientation", "landscape")
    return bytes(etree.tostring(sheet, xml_declaration=True, encoding="UTF-8", standalone=True))


def fit_to_width(path: Path) -> bool:
    """Set every worksheet of the .xlsx at ``path`` to print as wide as the page, in place;
    False (and the file as it was) where it cannot be read as one."""
    if path.suffix.casefold() not in (".xlsx", ".xlsm"):
        return False
    fitted = path.with_name(path.name + ".fitted")
    try:
        with (
            zipfile.ZipFile(path) as source,
            zipfile.ZipFile(fitted, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            for info in source.infolist():
                data = source.read(info.filename)
                if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                    data = fit_sheet(data)
                out.writestr(info, data)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError, OSError):
        fitted.unlink(missing_ok=True)
        return False
    shutil.move(str(fitted), str(path))
    return True
