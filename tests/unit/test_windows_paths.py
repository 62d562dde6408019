"""What the code does with Windows' file names, tried on real files here (the programs
themselves cannot run on this machine)."""

from __future__ import annotations

from pathlib import Path

from pipeline.pack.convert import console_program


def test_libreoffice_s_console_program_is_asked_for_its_version_on_windows(tmp_path: Path) -> None:
    program = tmp_path / "program"
    program.mkdir()
    exe, com = program / "soffice.exe", program / "soffice.com"
    exe.write_bytes(b"MZ")
    assert console_program(exe) == exe  # no soffice.com beside it: the .exe
    com.write_bytes(b"MZ")
    assert console_program(exe) == com
    assert console_program(program / "soffice") == program / "soffice"  # Linux, macOS


def test_a_school_s_folder_name_is_one_every_system_accepts() -> None:
    """A 5,000-character school name ended in "File name too long" (#28, item 6); schools named
    "Con" and "Aux." built into folders Windows refuses (#29, item 15)."""
    from pipeline.records import SLUG_LENGTH, slugify

    long = "Meadowbank " * 500
    slug = slugify(long + "Primary School")
    assert len(slug) <= SLUG_LENGTH and slug.startswith("meadowbank-meadowbank")
    assert slugify(long + "Infant School") != slug  # two long names stay apart
    assert slugify(long + "Primary School") == slug  # and the same name, the same folder
    for reserved in ("Con", "Aux.", "NUL", "com1", "LPT9"):
        made = slugify(reserved)
        assert made.split("-")[0] == reserved.casefold().rstrip(".") and made != made.split("-")[0]
    assert slugify("Meadowbank Primary School") == "meadowbank-primary-school"  # as before
    assert slugify("Connaught Road") == "connaught-road"
