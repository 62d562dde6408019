"""Appendix pages drawn from real files: a small photo is never stretched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from pipeline.build import check
from pipeline.pack.appendix import Item, image_page
from pipeline.stages import Options
from tests.conftest import SAMPLE
from tests.e2e.test_the_whole_pack import placed_images


def test_a_small_photo_is_printed_at_its_natural_size_not_stretched(tmp_path: Path) -> None:
    checked = check(Options(inputs=SAMPLE), today=date(2026, 11, 23))
    evidence = next(e for e in checked.evidence if e.ref == "E08")
    photo = tmp_path / "small.png"
    Image.new("RGB", (400, 300), "teal").save(photo)
    page = image_page(Item(evidence, "image", photo), tmp_path / "page.pdf")
    [(wide, high, points)] = placed_images(PdfReader(page).pages[0])
    assert (wide, high) == (400, 300)
    assert abs(points - 400 / 150 * 72) < 0.01  # 150 pixels per inch: 192 points, 68 mm
