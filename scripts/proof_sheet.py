"""Every page of a built pack on one contact sheet, to look at the whole pack in one picture.

    python scripts/proof_sheet.py [PACK.pdf] [--out SHEET.png] [--columns 8] [--docs]

Without PACK, the newest pack under outputs/ is used. ``--docs`` also refreshes the pictures in
docs/images/ that the README shows. Pages are drawn with PDFium (pypdfium2), so this works
the same on Windows, macOS and Linux (pypdfium2 comes with the project).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

PROJECT = Path(__file__).resolve().parent.parent
CELL = 300  # pixels: each page fits a square this size, portrait or landscape
GAP = 16


def newest_pack(outputs: Path) -> Path:
    packs = [p for p in outputs.rglob("*-lppa-pack-*.pdf") if "superseded" not in p.parts]
    if not packs:
        sys.exit(f"No pack under {outputs}/: build one first (nox -s build).")
    return max(packs, key=lambda p: p.stat().st_mtime)


def render(pdf: pdfium.PdfDocument, index: int, longest: int) -> Image.Image:
    page = pdf[index]
    width, height = page.get_size()
    image = page.render(scale=longest / max(width, height)).to_pil()
    page.close()
    return image.convert("RGB")


def contact_sheet(pack: Path, columns: int) -> Image.Image:
    pdf = pdfium.PdfDocument(str(pack))
    count = len(pdf)
    rows = (count + columns - 1) // columns
    label = 18
    sheet = Image.new(
        "RGB", (columns * (CELL + GAP) + GAP, rows * (CELL + label + GAP) + GAP), (128, 128, 128)
    )
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    for index in range(count):
        image = render(pdf, index, CELL)
        column, row = index % columns, index // columns
        left = GAP + column * (CELL + GAP)
        top = GAP + row * (CELL + label + GAP)
        sheet.paste(image, (left + (CELL - image.width) // 2, top + (CELL - image.height) // 2))
        draw.text((left, top + CELL + 2), f"{index + 1}", fill=(255, 255, 255), font=font)
    pdf.close()
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", type=Path, help="the pack (default: the newest)")
    parser.add_argument("--out", type=Path, help="the PNG to write (default: beside the pack)")
    parser.add_argument("--columns", type=int, default=8)
    parser.add_argument("--docs", action="store_true", help="refresh docs/images/ too")
    args = parser.parse_args()
    pack = args.pack or newest_pack(PROJECT / "outputs")
    out = args.out or pack.with_name("contact-sheet.png")
    contact_sheet(pack, args.columns).save(out, optimize=True)
    print(f"Contact sheet of {pack.name}: {out}")
    if args.docs:
        images = PROJECT / "docs" / "images"
        small = contact_sheet(pack, 10)
        small.thumbnail((1600, 1600))
        small.save(images / "pack-contact-sheet.png", optimize=True)
        pdf = pdfium.PdfDocument(str(pack))
        pages: dict[str, int] = {}
        for item in pdf.get_toc():
            if item.get_dest() is not None:
                pages.setdefault(item.get_title(), item.get_dest().get_index())
        for title, name in (
            ("At a glance", "at-a-glance.png"),
            ("School Self-Evaluation Form", "self-evaluation-page.png"),
        ):
            if title in pages:
                # The form's first page is its summary; the next shows KPIs with their evidence.
                page = pages[title] + (1 if title.startswith("School") else 0)
                render(pdf, page, 1100).save(images / name, optimize=True)
        pdf.close()
        print(f"Refreshed {images}/")


if __name__ == "__main__":
    main()
