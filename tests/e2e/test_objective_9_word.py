"""A coordinator who writes Objective 9 in Word: the pack prints the Word file's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli
from tests.integration.test_objective_9 import write_objective_9_docx

pytestmark = pytest.mark.libreoffice


def test_the_word_file_s_words_are_printed(inputs: Path, tmp_path: Path) -> None:
    write_objective_9_docx(inputs)
    run = run_cli("build", "--inputs", str(inputs), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.text
    pack = next((tmp_path / "out" / "2017-18-term-4").glob("*.pdf"))
    raw = " ".join(p.extract_text() for p in PdfReader(pack).pages)
    text = " ".join(raw.replace("\uf0b7", " ").split())  # the bullet glyph
    assert "The coordinator's words are from objective-9.docx." in text
    assert "Achievements Written in Word: a new reception area. Signs in three languages" in text
    assert "Welcome signs in three languages; a text service" not in text
