"""The pack typeset as one book: one family, embedded, on every page."""

from __future__ import annotations

from typing import Any

import pytest
from pypdf.generic import DictionaryObject

from tests.e2e.conftest import SampleBuild

pytestmark = pytest.mark.libreoffice


def fonts_of(page: Any) -> dict[str, bool]:
    """Each font a page's text is set in (forms included), and whether the PDF embeds it."""
    found: dict[str, bool] = {}

    def walk(resources: Any) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or DictionaryObject()).get_object().values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
        for xobject in (resources.get("/XObject") or DictionaryObject()).get_object().values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    walk(page.get("/Resources"))
    return found


def test_every_font_is_embedded_and_our_pages_use_one_family(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    for number, page in enumerate(reader.pages, start=1):
        fonts = fonts_of(page)
        assert all(fonts.values()), (number, fonts)
    # The pages the pipeline draws itself: the contents, and every running foot.
    for number in (2, 3):
        names = {name.split("+")[-1] for name in fonts_of(reader.pages[number - 1])}
        assert names <= {"Carlito", "Carlito-Bold", "Carlito-Italic"}, names
    for number, page in enumerate(reader.pages, start=1):
        assert any("Carlito" in name for name in fonts_of(page)), number


def test_the_contents_follows_the_cover(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    assert [o.title for o in reader.outline if not isinstance(o, list)][:3] == [
        "Cover",
        "Contents",
        "Verification pack",
    ]
    assert reader.pages[1].extract_text().startswith("Contents\nMeadowbank Primary School")
