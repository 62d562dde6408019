"""Nothing active reaches the pack: an evidence PDF's pages keep their text, pictures, markup and
ordinary web links, and lose every action that runs, opens, sends or fetches something.

An evidence PDF is the school's own file, or one LibreOffice made from it; either can carry
JavaScript, a Launch action (``cmd.exe /c …``), a form that submits itself, an attached file.
The pack goes to a person outside the school. What stays and why is in docs/decisions.md:

- a link whose action is a web address (``http``, ``https``) or ``mailto:``: the verifier may
  read the pack on screen, and a web link does nothing until clicked, as in any document;
- markup (highlights, notes, stamps) and form fields, with their actions removed: a filled form
  prints what it holds;
- never: a page's or annotation's additional actions (/AA), JavaScript, Launch, SubmitForm,
  ImportData, ResetForm, GoToR and GoToE (another file), named actions, renditions, sounds,
  movies, attachments (/FileAttachment), 3D and rich media, and a link into the document's own
  pages (its pages move in the pack).

A page is copied into the pack on its own, so the document's catalogue (OpenAction, names,
embedded files, its form's calculation scripts) never comes with it; ``active_content`` reads
every object of a finished PDF to show it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Annotations that only show something; any action they carry is removed.
SHOWN = {
    "/Link",
    "/Widget",
    "/Text",
    "/FreeText",
    "/Line",
    "/Square",
    "/Circle",
    "/Polygon",
    "/PolyLine",
    "/Highlight",
    "/Underline",
    "/Squiggly",
    "/StrikeOut",
    "/Stamp",
    "/Caret",
    "/Ink",
    "/Popup",
    "/Redact",
    "/Watermark",
}
# Keys whose presence anywhere in a PDF is active content.
ACTIVE_KEYS = {"/AA", "/OpenAction", "/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile"}
ACTIVE_KINDS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/ResetForm",
    "/GoToR",
    "/GoToE",
    "/Named",
    "/Rendition",
    "/Sound",
    "/Movie",
    "/Hide",
    "/SetOCGState",
    "/Trans",
    "/GoTo3DView",
    "/RichMediaExecute",
    "/FileAttachment",
    "/Screen",
    "/3D",
    "/RichMedia",
}


def web_link(action: Any) -> bool:
    """A URI action to a web or mail address, and nothing chained after it."""
    if not isinstance(action, DictionaryObject) or action.get("/S") != "/URI":
        return False
    if "/Next" in action:
        return False
    uri = str(action.get("/URI", "")).strip().casefold()
    return uri.startswith(SAFE_SCHEMES)


def clean_page(page: Any) -> int:
    """Remove from ``page`` everything active (see the module), in place, before the page is
    copied into a new PDF (what is no longer referenced is then not copied); returns how many
    things were removed."""
    removed = 0
    for key in ("/AA", "/Trans", "/Dur"):
        if key in page:
            del page[NameObject(key)]
            removed += key == "/AA"
    if "/Annots" not in page:
        return removed
    kept = ArrayObject()
    for reference in page["/Annots"].get_object():
        annotation = reference.get_object()
        kind = annotation.get("/Subtype") if isinstance(annotation, DictionaryObject) else None
        action = annotation.get("/A") if kind else None
        if kind not in SHOWN or (kind == "/Link" and not web_link(action)):
            removed += 1
            continue
        for key in ("/AA", "/A", "/Dest", "/Parent", "/P"):
            if key in annotation:
                removed += key in ("/AA", "/A") and kind != "/Link"
                del annotation[NameObject(key)]
        if kind == "/Link" and isinstance(action, DictionaryObject):
            annotation[NameObject("/A")] = DictionaryObject(
                {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): action["/URI"]}
            )
        kept.append(reference)
    page[NameObject("/Annots")] = kept
    return removed


def active_content(pdf: Path) -> list[str]:
    """Every active thing in ``pdf``, read from every object it holds (not only its pages):
    each as the key or action found and the object it is in. Empty for a clean file."""
    reader = PdfReader(pdf)
    found: list[str] = []
    seen: set[int] = set()

    def walk(value: Any, where: str) -> None:
        if isinstance(value, IndirectObject):
            if value.idnum in seen:
                return
            seen.add(value.idnum)
            where = f"object {value.idnum}"
            value = value.get_object()
        if isinstance(value, DictionaryObject):
            for key, item in value.items():
                if key in ACTIVE_KEYS:
                    found.append(f"{key} in {where}")
                if key in ("/S", "/Subtype") and item in ACTIVE_KINDS:
                    found.append(f"{key} {item} in {where}")
                if key == "/S" and item == "/URI" and not web_link(value):
                    found.append(f"a link to {value.get('/URI')!r} in {where}")
                if key == "/Type" and item in ("/EmbeddedFile", "/Filespec"):
                    found.append(f"{item} in {where}")
                walk(item, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    walk(reader.trailer, "the trailer")
    for number in range(1, _highest_object(reader) + 1):
        try:
            walk(IndirectObject(number, 0, reader), f"object {number}")
        except Exception:
            continue
    return found


def _highest_object(reader: PdfReader) -> int:
    numbers = [n for generation in reader.xref.values() for n in generation]
    numbers += list(reader.xref_objStm)
    return max(numbers, default=0)
