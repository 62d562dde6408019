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
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

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


# What a page keeps when it is copied: its boxes, content, resources and annotations; nothing
# else of the page (no /AA, /AF attachments, /PresSteps, /Trans, nor a key that leads to the
# document's catalogue).
PAGE_KEYS = {
    "/Type",
    "/Parent",
    "/MediaBox",
    "/CropBox",
    "/BleedBox",
    "/TrimBox",
    "/ArtBox",
    "/Rotate",
    "/Resources",
    "/Contents",
    "/Group",
    "/UserUnit",
    "/Annots",
}
# What a kept annotation keeps: how it looks and what it says; no actions, no attachments, no
# link to another annotation (/Popup, /IRT, /Kids, /Parent), which could carry them.
ANNOTATION_KEYS = {
    "/Type",
    "/Subtype",
    "/Rect",
    "/Contents",
    "/F",
    "/AP",
    "/AS",
    "/Border",
    "/BS",
    "/BE",
    "/C",
    "/IC",
    "/CA",
    "/QuadPoints",
    "/InkList",
    "/Vertices",
    "/L",
    "/LE",
    "/CL",
    "/RD",
    "/NM",
    "/M",
    "/T",
    "/Subj",
    "/RC",
    "/CreationDate",
    "/Name",
    "/DA",
    "/DS",
    "/Q",
    "/MK",
    "/FT",
    "/V",
    "/Ff",
    "/H",
}
# Keys that are active content wherever they are, and the kinds of object that are.
DENIED_KEYS = {
    "/AA",
    "/OpenAction",
    "/JS",
    "/JavaScript",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/EF",
    "/AF",
    "/XFA",
    "/PresSteps",
    "/RichMediaContent",
}
DENIED_TYPES = {"/Catalog", "/Filespec", "/EmbeddedFile", "/Action"}


def clean_page(page: Any) -> int:
    """Keep of ``page`` only what it shows (see the module), in place, before the page is
    copied into a new PDF (what is no longer referenced is then not copied); returns how many
    things were removed."""
    removed = 0
    for key in list(page.keys()):
        if key not in PAGE_KEYS:
            del page[NameObject(key)]
            removed += 1
    if "/Annots" not in page:
        return removed
    kept = ArrayObject()
    annotations = page["/Annots"].get_object()
    for reference in annotations if isinstance(annotations, list) else []:
        annotation = reference.get_object()
        kind = (
            _resolved(annotation.get("/Subtype"))
            if isinstance(annotation, DictionaryObject)
            else None
        )
        action = _resolved(annotation.get("/A")) if kind else None
        if kind not in SHOWN or (kind == "/Link" and not web_link(action)):
            removed += 1
            continue
        for key in list(annotation.keys()):
            if key not in ANNOTATION_KEYS:
                del annotation[NameObject(key)]
        if kind == "/Link" and isinstance(action, DictionaryObject):
            annotation[NameObject("/A")] = DictionaryObject(
                {
                    NameObject("/S"): NameObject("/URI"),
                    NameObject("/URI"): TextStringObject(str(_resolved(action["/URI"]))),
                }
            )
        kept.append(reference)
    page[NameObject("/Annots")] = kept
    return removed


def scrub(writer: Any) -> None:
    """Neutralise every active object a new PDF holds, reachable or not, whatever copied it in
    (an appearance stream's or a resource's stray keys): denied keys removed, actions,
    attachments and any catalogue but the writer's own emptied."""
    root = writer._root_object
    for value in writer._objects:
        if not isinstance(value, DictionaryObject) or value is root:
            continue
        kind = _resolved(value.get("/Type"))
        action = _resolved(value.get("/S"))
        if kind in DENIED_TYPES or action in ACTIVE_KINDS:
            if isinstance(value, StreamObject):
                value.set_data(b"")
            for key in list(value.keys()):
                if key not in ("/Length", "/Filter"):
                    del value[NameObject(key)]
            continue
        for key in list(value.keys()):
            if key in DENIED_KEYS:
                del value[NameObject(key)]


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def active_content(pdf: Path) -> list[str]:
    """Every active thing in ``pdf``, read from every object it holds (not only its pages):
    each as the key or action found and the object it is in. Empty for a clean file."""
    reader = PdfReader(pdf)
    found: list[str] = []
    seen: set[tuple[int, int]] = set()

    def walk(value: Any, where: str) -> None:
        if isinstance(value, IndirectObject):
            if (value.idnum, value.generation) in seen:
                return
            seen.add((value.idnum, value.generation))
            where = f"object {value.idnum}"
            value = value.get_object()
        if isinstance(value, DictionaryObject):
            for key, item in value.items():
                item_value = _resolved(item)
                if key in DENIED_KEYS:
                    found.append(f"{key} in {where}")
                if key in ("/S", "/Subtype") and item_value in ACTIVE_KINDS:
                    found.append(f"{key} {item_value} in {where}")
                if key == "/S" and item_value == "/URI" and not web_link(value):
                    found.append(f"a link to {_resolved(value.get('/URI'))!r} in {where}")
                if key == "/Type" and item_value in ("/EmbeddedFile", "/Filespec"):
                    found.append(f"{item_value} in {where}")
                walk(item, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    walk(reader.trailer, "the trailer")
    for generation, numbers in reader.xref.items():
        for number in numbers:
            try:
                walk(IndirectObject(number, generation, reader), f"object {number}")
            except Exception:
                continue
    for number in reader.xref_objStm:
        try:
            walk(IndirectObject(number, 0, reader), f"object {number}")
        except Exception:
            continue
    return found
