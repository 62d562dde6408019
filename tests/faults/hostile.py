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


DOCX_WORDS = "Parents evening feedback, with pictures linked from elsewhere"
ODT_WORDS = "Open day leaflet, its picture linked from elsewhere"


def red_png(path: Path) -> Path:
    """The picture that must never reach the pack: solid red, 200 pixels square."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (200, 200), (255, 0, 0)).save(path, "PNG")
    return path


def linked_docx(path: Path, outside: str, web: str) -> Path:
    """A Word document whose two pictures are links (one to ``outside``, a file: address,
    one to ``web``), with an INCLUDEPICTURE field fetching from ``web`` too."""
    import re
    import zipfile

    from docx import Document
    from PIL import Image

    holders = [path.with_name(f"{path.stem}-{n}.png") for n in range(2)]
    for n, holder in enumerate(holders):  # two pictures apart: Word keeps one of two the same
        Image.new("RGB", (20, 20), (0, 0, 255 - n)).save(holder)
    document = Document()
    document.add_paragraph(DOCX_WORDS)
    for holder in holders:
        document.add_picture(str(holder))
        holder.unlink()
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    body = parts["word/document.xml"].decode()
    ids = re.findall(r'r:embed="(rId\d+)"', body)
    assert len(set(ids)) == 2, ids  # one picture to each address
    for rid in ids:
        body = body.replace(f'r:embed="{rid}"', f'r:link="{rid}"', 1)
    field = (
        f'<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;{web}field.png&quot; \\d ">'
        "<w:r><w:t>field</w:t></w:r></w:fldSimple></w:p>"
    )
    body = body.replace("<w:sectPr", field + "<w:sectPr", 1)
    parts["word/document.xml"] = body.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    for rid, target in zip(ids, (outside, f"{web}linked.png"), strict=False):
        rels = re.sub(
            rf'<Relationship Id="{rid}"[^>]*/>',
            f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/image" Target="{target}" TargetMode="External"/>',
            rels,
        )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def linked_odt(path: Path, outside: str, web: str) -> Path:
    """An OpenDocument text whose pictures are links to ``outside`` and to ``web``."""
    import zipfile

    frames = "".join(
        f'<text:p><draw:frame draw:name="p{n}" text:anchor-type="as-char" svg:width="3cm" '
        f'svg:height="3cm"><draw:image xlink:href="{href}" xlink:type="simple" '
        'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>'
        for n, href in enumerate((outside, f"{web}odt.png"))
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2">'
        f"<office:body><office:text><text:p>{ODT_WORDS}</text:p>{frames}"
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def huge_png(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A PNG that says it is ``width`` × ``height`` (900 megapixels) in a few kilobytes: its
    pixels compress to almost nothing, as a decompression bomb's do."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    packed = zlib.compressobj(9)
    row = b"\0" * (width + 1)
    data = b"".join(packed.compress(row) for _ in range(64)) + packed.flush()
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


def encrypted_pdf(source: Path, path: Path, user: str, owner: str) -> Path:
    """``source`` encrypted with AES-256: with ``user`` "" it opens without a password (only
    the owner's limits what may be done with it)."""
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _rewrite(path: Path, change: dict[str, object]) -> Path:
    """The package at ``path`` with parts replaced: name → bytes, or a function of the old."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    for name, new in change.items():
        parts[name] = new(parts[name]) if callable(new) else new  # type: ignore[assignment]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def dodged_docx(path: Path, outside: str, web: str, dodge: str) -> Path:
    """``linked_docx`` with its links written so that a reader of text would miss them and an
    XML parser (as LibreOffice is) would not: an escaped letter, or UTF-16."""
    linked_docx(path, outside, web)
    rels = "word/_rels/document.xml.rels"

    def escaped(data: bytes) -> bytes:
        return data.replace(b'TargetMode="External"', b'TargetMode="&#69;xternal"')

    def utf16(data: bytes) -> bytes:
        text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
        return text.encode("utf-16")

    return _rewrite(path, {rels: escaped if dodge == "escaped" else utf16})


def svg_in_docx(path: Path, outside: str) -> Path:
    """A Word document whose one picture is an SVG (saved as .png) drawing a file outside."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="200" height="200"><image xlink:href="{outside}" width="200" height="200"/></svg>'
    ).encode()
    linked_docx(path, outside, "http://127.0.0.1:9/")
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    rels = re.sub(r'Target="[^"]*" TargetMode="External"', 'Target="media/image1.png"', rels)
    return _rewrite(
        path, {"word/_rels/document.xml.rels": rels.encode(), "word/media/image1.png": svg}
    )


def prefixed_odt(path: Path, outside: str) -> Path:
    """An OpenDocument text whose picture link is written under another prefix for xlink."""
    linked_odt(path, outside, "http://127.0.0.1:9/")

    def other(data: bytes) -> bytes:
        return data.replace(b"xmlns:xlink=", b"xmlns:l=").replace(b"xlink:", b"l:")

    return _rewrite(path, {"content.xml": other})


def attached_pdf(path: Path) -> Path:
    """A one-page PDF whose page carries an attached file without its /Type keys (/AF → /EF)
    and a key that leads to the document's catalogue (with its OpenAction)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawString(72, 760, PDF_WORDS)
    canvas.showPage()
    canvas.save()
    buffer.seek(0)
    writer = PdfWriter(clone_from=buffer)
    payload = DecodedStreamObject()
    payload.set_data(b"MZ untyped payload")
    spec = DictionaryObject(
        {
            _name("/F"): TextStringObject("payload.exe"),
            _name("/EF"): DictionaryObject({_name("/F"): writer._add_object(payload)}),
        }
    )
    page = writer.pages[0]
    page[_name("/AF")] = ArrayObject([writer._add_object(spec)])
    writer._root_object[_name("/OpenAction")] = _action(
        S=_name("/JavaScript"), JS=TextStringObject("app.alert(1)")
    )
    page[_name("/Catalogue")] = writer._root_object.indirect_reference
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def red_pages(pdf: Path) -> list[int]:
    """The pages of ``pdf`` that hold a mostly red picture (the one that must not get in)."""
    from pypdf import PdfReader

    found = []
    for number, page in enumerate(PdfReader(pdf).pages):
        for image in page.images:
            data = image.image.convert("RGB").resize((8, 8)).tobytes()
            pixels = [data[i : i + 3] for i in range(0, len(data), 3)]
            if sum(1 for r, g, b in pixels if r > 200 and g < 60 and b < 60) > 48:
                found.append(number + 1)
    return found


def saved_as(source: Path, target: str, folder: Path, profile: Path) -> Path:
    """``source`` saved by LibreOffice itself in another format (``doc:MS Word 97``, ``odt``),
    as an office would make such a file; returns the file made."""
    import subprocess

    from pipeline.pack.convert import find_soffice

    subprocess.run(
        [
            str(find_soffice()),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return folder / f"{source.stem}.{target.split(':')[0]}"
