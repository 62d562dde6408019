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
