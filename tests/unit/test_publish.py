"""Renaming the term folder into place while another program holds a file for a moment, as an
antivirus scan, OneDrive or Explorer's preview does on Windows. Linux never refuses a rename for
an open file, so the refusal is made here by the operation itself; the renames are real."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.pack.publish import holders, patiently


def refused_first(times: int, source: Path, target: Path) -> tuple[list[float], Callable[[], None]]:
    calls: list[float] = []

    def rename() -> None:
        calls.append(time.monotonic())
        if len(calls) <= times:
            raise PermissionError(13, "The process cannot access the file", str(source))
        source.rename(target)

    return calls, rename


def test_a_rename_refused_for_a_moment_is_tried_again(tmp_path: Path) -> None:
    (tmp_path / "stage").mkdir()
    calls, rename = refused_first(3, tmp_path / "stage", tmp_path / "final")
    patiently(rename, seconds=5)
    assert (tmp_path / "final").is_dir() and not (tmp_path / "stage").exists()
    assert len(calls) == 4
    assert calls[-1] - calls[0] < 3.0  # short pauses first (0.35 s, on an idle machine)


def test_a_rename_refused_for_good_is_given_up_and_said(tmp_path: Path) -> None:
    (tmp_path / "stage").mkdir()
    _, rename = refused_first(1000, tmp_path / "stage", tmp_path / "final")
    started = time.monotonic()
    with pytest.raises(PermissionError):
        patiently(rename, seconds=0.5)
    assert time.monotonic() - started >= 0.5
    assert (tmp_path / "stage").is_dir()


def test_any_other_failure_is_not_waited_for(tmp_path: Path) -> None:
    tries = []

    def rename() -> None:
        tries.append(1)
        (tmp_path / "missing").rename(tmp_path / "final")

    with pytest.raises(FileNotFoundError):
        patiently(rename, seconds=5)
    assert len(tries) == 1


def test_the_programs_holding_a_file_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "2017-18-term-4"
    folder.mkdir()
    with (folder / "pack.pdf").open("wb"):
        assert any(f"(process {os.getpid()})" in h for h in holders(folder))
    assert holders(folder) == []
