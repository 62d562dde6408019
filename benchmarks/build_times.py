"""Where a build's time goes, against what LibreOffice itself needs.

    python benchmarks/build_times.py [--large] [--repeat N]

For the sample school (and, with --large, a large secondary and 25 × the sample): each stage's
time (from the build's own progress lines), the whole build's wall time and peak memory (the
build's process and, separately, its largest LibreOffice child), a rebuild with nothing
changed, a full build with the LibreOffice profile an earlier build kept (a new term's first
build), a rebuild after one rating changed, and the LibreOffice floor measured in the same run:
one `soffice --convert-to pdf` call, with a fresh profile, over exactly the office files the
build converted (its documents and the office files of the evidence). The sample's first build
and its floor are measured N times (3 unless --repeat says), each pair side by side, and the
median ratio reported with the range: one pair on a shared machine can be a fifth off. Each
build runs in a process of its own, so that memory and imports are its own. With --large, also
eight copies of the sample built in one command (a process per core) against the same eight
built one after another: the throughput of a trust's build (N times too).

Peak memory is read with the `resource` module: Linux and macOS only (`nox -s bench`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "inputs"
OFFICE = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".doc", ".xls", ".ppt"}


def one_build(inputs: Path, out: Path) -> None:
    """In a child process: build once and print what it measured as JSON."""
    import resource

    started = time.perf_counter()
    marks: list[tuple[float, str]] = []

    def say(line: str) -> None:
        marks.append((time.perf_counter() - started, line))

    from pipeline.build import build
    from pipeline.stages import Options

    imported = time.perf_counter() - started
    build(Options(inputs=inputs, out=out), say=say)
    total = time.perf_counter() - started
    stages = [("Imports", imported)]
    previous = imported
    for (at, line), following in zip(marks, [*marks[1:], (total, "")], strict=True):
        if line.strip():
            stages.append((line.split(" …")[0].split(":")[0][:44], following[0] - at))
        previous = following[0]
    scale = 1 if sys.platform != "darwin" else 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    print(
        json.dumps(
            {
                "total": total,
                "stages": stages,
                "self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale / 1024,
                "child_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale / 1024,
                "untracked": max(0.0, total - previous),
            }
        )
    )


def measure(inputs: Path, out: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(inputs), str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT,
    )
    if done.returncode != 0:
        sys.exit(f"The build failed:\n{done.stdout}{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def floor(files: list[Path]) -> float:
    """One soffice call, fresh profile, over ``files``: what LibreOffice itself needs."""
    from pipeline.pack.convert import find_soffice

    soffice = find_soffice()
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [
                str(soffice),
                f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                out,
                *map(str, files),
            ],
            capture_output=True,
            check=True,
        )
        return time.perf_counter() - started


def converted_files(term_folder: Path, inputs: Path) -> list[Path]:
    """The office files a build converts: its documents, and the evidence's office files."""
    documents = [p for p in sorted(term_folder.iterdir()) if p.suffix in OFFICE]
    evidence = [p for p in sorted((inputs / "evidence").rglob("*")) if p.suffix in OFFICE]
    return documents + evidence


def change_one_rating(inputs: Path) -> None:
    import openpyxl

    path = inputs / "ratings.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Ratings"]
    headers = [c.value for c in ws[1]]
    column = headers.index("Rating") + 1
    cell = ws.cell(row=ws.max_row, column=column)
    cell.value = "Fully achieved" if cell.value != "Fully achieved" else "Partly achieved"
    wb.save(path)


def report(name: str, run: dict[str, object], lo_floor: float | None = None) -> None:
    total = float(run["total"])  # type: ignore[arg-type]
    ratio = f"   {total / lo_floor:.1f} × the floor" if lo_floor else ""
    print(f"\n{name}: {total:.2f} s{ratio}")
    for stage, seconds in run["stages"]:  # type: ignore[attr-defined]
        print(f"  {stage:<46}{seconds:6.2f} s")
    print(
        f"  peak memory: build {float(run['self_mib']):.0f} MiB, "  # type: ignore[arg-type]
        f"largest LibreOffice {float(run['child_mib']):.0f} MiB"  # type: ignore[arg-type]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--large", action="store_true", help="also a large secondary (takes a few minutes)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        metavar="N",
        help="the sample's first build and its floor, and the eight schools both ways, N times "
        "each, the median reported with the range (default 3)",
    )
    args = parser.parse_args()
    if args.one:
        one_build(*args.one)
        return
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs"
        shutil.copytree(SAMPLE, inputs)
        out = Path(folder) / "outputs"
        lo_floor = full_build("Sample school", inputs, out, max(1, args.repeat))
        report("Rebuild, nothing changed", measure(inputs, out), lo_floor)
        # A new term's first build: nothing of this term converted yet, but LibreOffice's
        # profile kept by the builds before it.
        again = Path(folder) / "next-term"
        shutil.copytree(out / ".cache", again / ".cache", ignore=shutil.ignore_patterns("pdf"))
        shutil.rmtree(again / ".cache" / "charts", ignore_errors=True)
        report("Full build, LibreOffice's profile kept", measure(inputs, again), lo_floor)
        change_one_rating(inputs)
        report("Rebuild, one rating changed", measure(inputs, out), lo_floor)
        nox = shutil.which("nox")
        if nox:
            command = [nox, "-f", str(PROJECT / "noxfile.py"), "-s", "build", "--"]
            command += ["--inputs", str(inputs), "--out", str(out)]
            subprocess.run(command, capture_output=True, check=True, cwd=PROJECT)
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, cwd=PROJECT)
            seconds = time.perf_counter() - started
            print(f"\nRebuild through nox -s build, nothing changed: {seconds:.2f} s")
    if args.large:
        from large_school import make_large, make_scaled

        with tempfile.TemporaryDirectory() as folder:
            inputs = make_large(Path(folder) / "inputs")
            name = "Large secondary (1,000 actions, 3,000 items, 350 In pack, 6 survey rounds)"
            full_build(name, inputs, Path(folder) / "outputs")
        with tempfile.TemporaryDirectory() as folder:
            inputs = make_scaled(Path(folder) / "inputs", 25)
            full_build(
                "25 × the sample (725 actions, 525 items, 175 In pack)",
                inputs,
                Path(folder) / "outputs",
            )
        many_schools(8, max(1, args.repeat))


def many_schools(count: int, repeat: int = 1) -> None:
    """``count`` copies of the sample: built one after another, then all in one command;
    ``repeat`` times, the median throughput reported with the range."""
    ratios = []
    for _ in range(repeat):
        alone, together = _many_schools_once(count)
        ratios.append(alone / together)
        print(
            f"\n{count} schools like the sample: {alone:.1f} s one after another, "
            f"{together:.1f} s in one command: {alone / together:.2f} × the throughput"
        )
    if repeat > 1:
        ratios.sort()
        print(
            f"  over {repeat} runs: {ratios[0]:.2f}–{ratios[-1]:.2f} × the throughput "
            f"(median {statistics.median(ratios):.2f} ×)"
        )


def _many_schools_once(count: int) -> tuple[float, float]:
    """Seconds for ``count`` copies of the sample one after another, and in one command."""
    with tempfile.TemporaryDirectory() as folder:
        trust = Path(folder) / "trust"
        for number in range(1, count + 1):
            shutil.copytree(SAMPLE, trust / f"school-{number}")
        command = [sys.executable, "-m", "pipeline", "build"]
        started = time.perf_counter()
        for school in sorted(trust.iterdir()):
            out = Path(folder) / "one-by-one" / school.name
            subprocess.run(
                [*command, "--inputs", str(school), "--out", str(out)],
                capture_output=True,
                check=True,
                cwd=PROJECT,
            )
        alone = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run(
            [*command, "--inputs", str(trust), "--out", str(Path(folder) / "all")],
            capture_output=True,
            check=True,
            cwd=PROJECT,
        )
        together = time.perf_counter() - started
    return alone, together


def full_build(name: str, inputs: Path, out: Path, repeat: int = 1) -> float:
    """A first build of ``inputs``, reported against the floor measured over the same files
    right after it; ``repeat`` times (each into a fresh folder, ``out`` the first), as one run
    on a shared machine can be a fifth off either way: the build whose ratio is the median (the
    lower of the two middle ones for an even count) is reported, with the range and the median.
    Returns its floor."""
    runs = []
    for number in range(repeat):
        folder = out if number == 0 else out.with_name(f"{out.name}-{number + 1}")
        run = measure(inputs, folder)
        files = converted_files(folder / "2017-18-term-4", inputs)
        lo_floor = floor(files)
        total = float(run["total"])  # type: ignore[arg-type]
        runs.append((total / lo_floor, lo_floor, total, run, files))
    runs.sort(key=lambda r: r[0])
    _, lo_floor, _, run, files = runs[(len(runs) - 1) // 2]  # the middle (or lower middle)
    print(
        f"\n{name}: LibreOffice floor {lo_floor:.2f} s (one soffice call over {len(files)} files)"
    )
    report(f"{name}, full build", run, lo_floor)
    if repeat > 1:
        totals = sorted(r[2] for r in runs)
        middle = statistics.median(r[0] for r in runs)
        floors = sorted(r[1] for r in runs)
        print(
            f"  over {repeat} builds, each with its own floor: {runs[0][0]:.2f}–{runs[-1][0]:.2f} "
            f"× the floor (median {middle:.2f} ×); builds {totals[0]:.2f}–{totals[-1]:.2f} s, "
            f"floors {floors[0]:.2f}–{floors[-1]:.2f} s"
        )
    return lo_floor


if __name__ == "__main__":
    main()
