"""The documentation cannot drift from the code: docs/inputs.md is written from the contract the
readers read by, and no reader reads a column the contract does not name."""

from __future__ import annotations

import re

from pipeline import contract
from pipeline.contract_docs import render_inputs_md
from tests.conftest import PROJECT

DOCS = PROJECT / "docs" / "inputs.md"


def test_docs_inputs_md_is_the_contract_as_written_now() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_inputs_md(), (
        "docs/inputs.md is out of date: run `nox -s docs` and review the diff"
    )


def test_readers_take_every_column_from_the_contract() -> None:
    sheets = {(b.file, s.name) for b in contract.BOOKS for s in b.sheets}
    for module in sorted((PROJECT / "pipeline" / "read").glob("*.py")):
        if module.name == "sheets.py":
            continue
        source = module.read_text(encoding="utf-8")
        assert "Column(" not in source, f"{module.name} names a column outside the contract"
        file = re.search(r'^FILE = "([^"]+)"', source, re.MULTILINE)
        for sheet in re.findall(r'\.rows\(\s*"([^"]+)"', source):
            assert file and (file[1], sheet) in sheets, (module.name, sheet)


def test_every_sheet_and_column_is_documented_with_an_example() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for book in contract.BOOKS:
        assert f"## {book.file} " in docs
        for sheet in book.sheets:
            assert f"### Sheet `{sheet.name}`" in docs
            if sheet.is_field_sheet:
                assert "Two columns, `Field` | `Value`" in docs
            for field in sheet.fields or sheet.columns:
                assert f"| `{field.name}`" in docs
                assert field.example, (sheet.name, field.name)


def test_the_readme_gives_the_two_commands() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "nox -s build" in readme
    assert "nox -s tests" in readme
