"""The documentation cannot drift from the code: every sheet, column and field read is in it."""

from __future__ import annotations

import re

from pipeline.read import school
from tests.conftest import PROJECT

DOCS = (PROJECT / "docs" / "inputs.md").read_text(encoding="utf-8")


def names_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for module in sorted((PROJECT / "pipeline" / "read").glob("*.py")):
        source = module.read_text(encoding="utf-8")
        names.update(re.findall(r'Column\("([^"]+)"', source))
        names.update(re.findall(r'\.rows\(\s*"([^"]+)"', source))
        names.update(re.findall(r'field_rows\(\s*book,\s*"([^"]+)"', source))
        names.update(re.findall(r'open_workbook\(folder, "([^"]+)"', source))
        names.update(re.findall(r'^FILE = "([^"]+)"', source, re.MULTILINE))
    names.update(school.SCHOOL_FIELDS)
    names.update(school.SETTINGS_FIELDS)
    return names


def test_every_name_the_code_reads_is_documented() -> None:
    names = names_read_by_the_code()
    assert {"Current term", "Reality check low", "Working group", "KPIs", "ratings.xlsx"} <= names
    missing = sorted(name for name in names if name not in DOCS)
    assert missing == []


def test_the_readme_gives_the_two_commands() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "nox -s build" in readme
    assert "nox -s tests" in readme
