"""An evidence document converted with nothing from outside it.

A Word, Excel, PowerPoint or OpenDocument file can show a picture it does not hold: a link to
``file:///…`` anywhere on the machine, or to a web address, which LibreOffice would fetch while
converting (the pack would carry whatever the link found, and the build would connect to the
address). It can also pull in text or data through fields (INCLUDEPICTURE, INCLUDETEXT, LINK,
DDE), another workbook, or a template. Before conversion the copy in the build's working folder
has all of these cut: relationships that lead outside the file (except web and mail links,
which fetch nothing), the fields that fetch, an ODF document's references to files outside its
package. LibreOffice is then run with its link updating off (pack/convert.py): a second wall,
and the only one for the older binary formats (.doc, .xls, .ppt), which are not edited.

What was cut is returned in the coordinator's words, for a warning naming the evidence row.
"""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from pathlib import Path

WEB = re.compile(r"^\s*(https?://|mailto:)", re.IGNORECASE)
_RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\b[^>]*?/?>", re.IGNORECASE)
_EXTERNAL = re.compile(r'\bTargetMode\s*=\s*["\']External["\']', re.IGNORECASE)
_TYPE = re.compile(r'\bType\s*=\s*["\']([^"\']*)["\']')
_TARGET = re.compile(r'\bTarget\s*=\s*["\']([^"\']*)["\']')
# Word fields that fetch content from elsewhere, as an instruction's first word.
_FETCHING = r"INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT"
_INSTR_TEXT = re.compile(rf"(<w:instrText\b[^>]*>\s*)({_FETCHING})\b", re.IGNORECASE)
_INSTR_ATTR = re.compile(rf'(\bw:instr\s*=\s*["\']\s*)({_FETCHING})\b', re.IGNORECASE)
# Excel's links to other programs' data, held in an external-link part.
_DDE = re.compile(r"<(?:\w+:)?(ddeLink|oleLink)\b.*?(</(?:\w+:)?\1>|/>)", re.DOTALL)
# An ODF element naming a file by xlink:href, and ODF's linked sections, tables and DDE.
_ODF_TAG = re.compile(r"<(?P<name>[\w.-]+:[\w.-]+)(?P<attrs>\s[^<>]*?)?(?P<end>/?>)")
_HREF = re.compile(r'\s+xlink:href\s*=\s*(["\'])(?P<href>.*?)\1')
_ODF_LINKED = re.compile(
    r"<(?P<name>text:section-source|table:table-source|office:dde-source|"
    r"text:dde-connection-decl|table:dde-link|text:dde-connection)\b[^>]*?"
    r"(?:/>|>.*?</(?P=name)>)",
    re.DOTALL,
)


class Refused(Exception):
    """An office file that takes content from outside itself in a way that could not be cut,
    or whose parts cannot be checked: it is not printed. The message says why."""


def cut_outside(path: Path) -> list[str]:
    """Cut from the office file at ``path`` (a working copy: it is rewritten) everything that
    would load content from outside it; returns what was cut, each in a few words.

    The cutting edits the parts' text, so that everything else in them stays byte for byte;
    then every part that is XML (an SVG picture included, whatever its name) is read with an
    XML parser, as LibreOffice will read it, and anything still reaching outside (written in
    a way the cutting did not see: an escaped letter, another prefix, UTF-16) refuses the
    whole file (:class:`Refused`), as does a part that is not well-formed XML."""
    if not zipfile.is_zipfile(path):
        return []
    cut: list[str] = []
    changed: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
            infos = archive.infolist()
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
        raise Refused(f"it cannot be read as a package ({type(exc).__name__})") from exc
    for name, data in parts.items():
        if not (name.casefold().endswith((".xml", ".rels")) or _looks_xml(data)):
            continue
        text = data.decode("utf-8", "replace")
        new = _cut_relationships(text, cut) if name.casefold().endswith(".rels") else text
        new = _cut_fields(_cut_odf(new, cut), cut)
        new, count = _DDE.subn("", new)
        cut += ["a link to another program's data (DDE)"] * count
        if new != text:
            changed[name] = new.encode("utf-8")
    for name, data in parts.items():
        data = changed.get(name, data)
        if name.casefold().endswith((".xml", ".rels")) or _looks_xml(data):
            still = _outside_in(name, data)
            if still:
                raise Refused(
                    f"it takes content from outside itself in a way that cannot be cut "
                    f"({'; '.join(sorted(set(still))[:3])})"
                )
    if not changed:
        return _counted(cut)
    rewritten = path.with_name(f"{path.name}.cut")
    with zipfile.ZipFile(rewritten, "w") as out:
        for info in infos:
            out.writestr(info, changed.get(info.filename, parts[info.filename]))
    shutil.move(rewritten, path)
    return _counted(cut)


def _looks_xml(data: bytes) -> bool:
    """Whether a part is XML by its first bytes (an SVG picture saved as image1.png is)."""
    head = data[:64]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


_LINKED_LOCAL = {
    "section-source",
    "table-source",
    "dde-source",
    "dde-connection-decl",
    "dde-link",
    "dde-connection",
    "ddeLink",
    "oleLink",
}


def _outside_in(name: str, data: bytes) -> list[str]:
    """What in one part (parsed as XML, entities and encodings as a parser reads them) still
    reaches outside the file; a part that will not parse is reported as such."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except Exception:
        return [f"its part {name} is not well-formed XML"]
    found = []
    for element in root.iter():
        local = _local(element.tag)
        attrs = {_local(k): v for k, v in element.attrib.items()}
        if local in _LINKED_LOCAL:
            found.append(f"a linked {local} in {name}")
        if local == "Relationship" and attrs.get("TargetMode", "Internal").strip() != "Internal":
            web = attrs.get("Type", "").endswith("/hyperlink") and WEB.match(
                attrs.get("Target", "")
            )
            if not web:
                found.append(f"a link to {attrs.get('Target', '')[:60]} in {name}")
        if local in ("instrText",) and re.match(rf"\s*({_FETCHING})\b", element.text or "", re.I):
            found.append(f"a fetching field in {name}")
        if local == "fldSimple" and re.match(rf"\s*({_FETCHING})\b", attrs.get("instr", ""), re.I):
            found.append(f"a fetching field in {name}")
        for key, value in element.attrib.items():
            if _local(key) != "href":
                continue
            if local == "a" and WEB.match(value):
                continue
            if _inside_package(value):
                continue
            found.append(f"a reference to {value[:60]} in {name}")
    return found


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _cut_relationships(text: str, cut: list[str]) -> str:
    def one(match: re.Match[str]) -> str:
        element = match[0]
        if not _EXTERNAL.search(element):
            return element
        typed, aimed = _TYPE.search(element), _TARGET.search(element)
        kind = typed[1].rsplit("/", 1)[-1] if typed else ""
        target = html.unescape(aimed[1]) if aimed else ""
        if kind == "hyperlink" and WEB.match(target):
            return element  # a web or mail link fetches nothing until clicked
        cut.append(_described(kind, target))
        return ""

    return _RELATIONSHIP.sub(one, text)


def _described(kind: str, target: str) -> str:
    what = {
        "image": "a linked picture",
        "hyperlink": "a link to a file",
        "oleObject": "a linked object",
        "package": "a linked object",
        "attachedTemplate": "a linked template",
        "externalLinkPath": "a link to another workbook",
        "subDocument": "a linked document",
        "frame": "a linked frame",
        "video": "a linked video",
        "audio": "a linked sound",
        "media": "linked media",
    }.get(kind, "a link to outside content")
    shown = target if len(target) <= 60 else f"{target[:57]}…"
    return f"{what} ({shown})" if shown else what


def _cut_fields(text: str, cut: list[str]) -> str:
    def one(match: re.Match[str]) -> str:
        name = match[2].upper()
        cut.append(f"{'an' if name[0] in 'AEIOU' else 'a'} {name} field")
        return f"{match[1]}QUOTE"  # a field that only shows its own words

    return _INSTR_ATTR.sub(one, _INSTR_TEXT.sub(one, text))


def _cut_odf(text: str, cut: list[str]) -> str:
    def linked(match: re.Match[str]) -> str:
        cut.append("a linked section, table or DDE link")
        return ""

    def tag(match: re.Match[str]) -> str:
        attrs = match["attrs"] or ""
        if "xlink:href" not in attrs:
            return match[0]

        def href(found: re.Match[str]) -> str:
            target = html.unescape(found["href"])
            if match["name"] == "text:a" and WEB.match(target):
                return found[0]
            if _inside_package(target) and match["name"] != "text:a":
                return found[0]
            cut.append(_described("image" if "image" in match["name"] else "", target))
            return ""

        return f"<{match['name']}{_HREF.sub(href, attrs)}{match['end']}"

    return _ODF_TAG.sub(tag, _ODF_LINKED.sub(linked, text))


def _inside_package(target: str) -> bool:
    """A reference to a part of its own file ("Pictures/1.png", "./Object 1"), to a place in
    the same part ("#id"), or to data written into the reference itself ("data:…")."""
    text = target.strip()
    if not text or text.casefold().startswith("data:") or text.startswith("#"):
        return True  # nothing, a place in the part, or data written into the reference
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):  # file:, http:, C:
        return False
    return not text.startswith(("/", "\\", "../", "..\\"))


def _counted(cut: list[str]) -> list[str]:
    """``cut`` with repeats counted: "3 × a linked picture (…)"."""
    counts: dict[str, int] = {}
    for item in cut:
        counts[item] = counts.get(item, 0) + 1
    return [f"{n} × {item}" if n > 1 else item for item, n in counts.items()]
