"""Hostile files, made by the tests as an attacker or a careless clerk would: a PDF carrying
every kind of active content, office files whose pictures and fields reach outside them."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

PDF_WORDS = "Coffee morning sign-in sheet, kept by the office"


def _name(value: str) -> NameObject:
    return NameObject(value)


def _action(**entries: object) -> DictionaryObject:
    action = DictionaryObject({_name("/Type"): _name("/Action")})
    for key, value in entries.items():
        action[_name(f"/{key}")] = value  # type: ignore[assignment]
    return action


def _link(writer: PdfWriter, rect: tuple[float, ...], action: DictionaryObject) -> object:
    return writer._add_object(
        DictionaryObject(
            {
                _name("/Type"): _name("/Annot"),
                _name("/Subtype"): _name("/Link"),
                _name("/Rect"): ArrayObject(FloatObject(n) for n in rect),
                _name("/A"): action,
            }
        )
    )


def active_pdf(path: Path, web: str) -> Path:
    """A one-page PDF with readable words and, around them, JavaScript on opening and on the
    page, a Launch link, a JavaScript link, a form that submits itself, an ImportData and a
    GoToR action, a file: link, an attached file, an embedded file in the catalogue — and one
    ordinary web link to ``web``, which the pack keeps."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica", 14)
    canvas.drawString(72, 760, PDF_WORDS)
    canvas.drawString(72, 720, "Our website")
    canvas.showPage()
    canvas.save()
    buffer.seek(0)
    writer = PdfWriter(clone_from=buffer)
    page = writer.pages[0]
    js = TextStringObject("app.alert('hello from the evidence');")
    page[_name("/AA")] = DictionaryObject({_name("/O"): _action(S=_name("/JavaScript"), JS=js)})
    launch = _action(
        S=_name("/Launch"),
        F=TextStringObject("cmd.exe"),
        Win=DictionaryObject({_name("/F"): TextStringObject("cmd.exe /c calc")}),
    )
    submit = _action(S=_name("/SubmitForm"), F=TextStringObject("http://127.0.0.1:9/collect"))
    annotations = ArrayObject(
        [
            _link(writer, (72, 700, 200, 716), launch),
            _link(writer, (72, 680, 200, 696), _action(S=_name("/JavaScript"), JS=js)),
            _link(writer, (72, 660, 200, 676), submit),
            _link(
                writer,
                (72, 640, 200, 656),
                _action(S=_name("/ImportData"), F=TextStringObject("x.fdf")),
            ),
            _link(
                writer,
                (72, 620, 200, 636),
                _action(
                    S=_name("/GoToR"),
                    F=TextStringObject("other.pdf"),
                    D=ArrayObject([NumberObject(0), _name("/Fit")]),
                ),
            ),
            _link(
                writer,
                (72, 600, 200, 616),
                _action(S=_name("/URI"), URI=TextStringObject("file:///etc/passwd")),
            ),
            _link(writer, (72, 716, 180, 734), _action(S=_name("/URI"), URI=TextStringObject(web))),
        ]
    )
    attached = DecodedStreamObject()
    attached.set_data(b"MZ not really a program")
    attached[_name("/Type")] = _name("/EmbeddedFile")
    spec = DictionaryObject(
        {
            _name("/Type"): _name("/Filespec"),
            _name("/F"): TextStringObject("invoice.exe"),
            _name("/EF"): DictionaryObject({_name("/F"): writer._add_object(attached)}),
        }
    )
    annotations.append(
        writer._add_object(
            DictionaryObject(
                {
                    _name("/Type"): _name("/Annot"),
                    _name("/Subtype"): _name("/FileAttachment"),
                    _name("/Rect"): ArrayObject(FloatObject(n) for n in (400, 700, 420, 720)),
                    _name("/FS"): writer._add_object(spec),
                }
            )
        )
    )
    page[_name("/Annots")] = annotations
    names = writer._root_object.setdefault(_name("/Names"), DictionaryObject())
    names[_name("/JavaScript")] = DictionaryObject(
        {
            _name("/Names"): ArrayObject(
                [TextStringObject("opened"), _action(S=_name("/JavaScript"), JS=js)]
            )
        }
    )
    writer.add_attachment("payload.txt", b"an attachment the pack must not carry")
    writer._root_object[_name("/OpenAction")] = _action(S=_name("/JavaScript"), JS=js)
    with path.open("wb") as handle:
        writer.write(handle)
    return path
