"""Build generated schools and check each pack as a verifier would, independently of the proof.

    python -m tests.schools.sweep [N] [--first SEED] [--seeds 3,17] [--keep DIR]

For each seed: a whole school (``generate``), built with the real command into its own
folder; then, from the pack itself (PDFium's plain text, not the proof's reading by position):
the build ended 0 with a pack that is not a draft, and its report's proof found every item;
every action's ref is printed in the Action Plan, every evidence row's ref in the portfolio
index; and every bookmark opens a page that shows what it names. A table of all seeds ends
it, and each failing seed with the commands that rebuild it alone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader

from tests.schools.generate import Facts, make_school

READING = threading.Lock()


@dataclass
class Result:
    seed: int
    facts: Facts | None = None
    code: int = -1
    pages: int = 0
    proof: str = ""
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    output: str = ""

    @property
    def ok(self) -> bool:
        return self.code == 0 and not self.problems


def page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\ufffe", "-"))


def printed(ref: str, text: str) -> bool:
    """``ref`` as a word of ``text``; on a line with right-to-left text PDFium reads "E19" as
    "19E", which is the same ref printed."""
    turned = re.sub(r"^([A-Za-z]+)(\d+)$", r"\2\1", ref)
    colon = re.sub(r"^([A-Za-z]+)(\d+)$", r"\2:\1", ref)  # "E25:" in a turned line: "25:E"
    return any(re.search(rf"(?<![\w.]){re.escape(r)}(?![\w])", text) for r in (ref, turned, colon))


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """Every bookmark: its depth, title and 0-based page."""
    reader = PdfReader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)  # type: ignore[arg-type]
                found.append((depth, str(item.title), page))  # type: ignore[attr-defined]

    walk(reader.outline, 0)
    return found


def part_pages(marks: list[tuple[int, str, int]], title: str, total: int) -> range:
    tops = [(t, p) for d, t, p in marks if d == 0]
    for index, (name, page) in enumerate(tops):
        if name == title:
            end = tops[index + 1][1] if index + 1 < len(tops) else total
            return range(page, end)
    return range(0)


def fullness(pdf: Path) -> list[float]:
    """How far down each page its text and pictures reach, as a share of the page (running
    head and foot left out)."""
    import pypdfium2.raw as pdfium_c

    from pipeline.pack.pagetext import pdf_lines

    lines = pdf_lines(pdf)
    document = pdfium.PdfDocument(str(pdf))
    shares = []
    try:
        for index in range(len(document)):
            page = document[index]
            _, height = page.get_size()
            reach = [
                line.baseline for line in lines.get(index, []) if 40 < line.baseline < height - 40
            ]
            for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
                reach.append(height - image.get_bounds()[1])
            shares.append(max(reach, default=0) / (height - 60))
            page.close()
    finally:
        document.close()
    return shares


def check_pack(pack: Path, facts: Facts) -> list[str]:
    """What a verifier would find wrong, read from the pack alone."""
    problems = []
    texts = page_texts(pack)
    flats = [flat(t) for t in texts]
    marks = outline(pack)
    plan = "\n".join(texts[i] for i in part_pages(marks, "Action Plan", len(texts)))
    for ref in facts.actions:
        if not printed(ref, plan):
            problems.append(f"action {ref} is not in the Action Plan")
    index = "\n".join(texts[i] for i in part_pages(marks, "Portfolio index", len(texts)))
    for ref in facts.evidence:
        if not printed(ref, index):
            problems.append(f"evidence {ref} is not in the portfolio index")
    survey = " ".join(
        " ".join(texts[i].split()) for i in part_pages(marks, "Stakeholder evaluation", len(texts))
    )
    for form, round_ in facts.withheld:
        problems += withheld_printed(survey, form, round_)
    tops = [(t, p) for d, t, p in marks if d == 0]
    ends = {(tops[k + 1][1] - 1 if k + 1 < len(tops) else len(texts) - 1) for k in range(len(tops))}
    # The Action Plan's two sheets each end a run of pages: the plan's last page may be short.
    ends |= {p - 1 for d, t, p in marks if d == 1 and t == "Monitoring the action plan"}
    appendix = next((p for t, p in tops if t == "Evidence appendix"), len(texts))
    for index, share in enumerate(fullness(pack)[:appendix]):
        blank = "intentionally left blank" in texts[index]
        if share < 0.2 and index not in ends and not blank:
            problems.append(f"page {index + 1} is {share:.0%} full in the middle of a section")
    summary = f"Objective {facts.summary}: summary of achievements and future plans"
    if not any(d == 0 and t == summary for d, t, _ in marks):
        problems.append(f"no section titled “{summary}”")
    if facts.young == "Students":
        front = " ".join(texts[i] for i in part_pages(marks, "Verification pack", len(texts)))
        if re.search(r"\bPupils\b", survey + front):
            problems.append("“Pupils” printed for the group the school calls Students")
    for depth, title, page in marks:
        shown = flats[page]
        words = flat(title)
        if depth == 0:
            continue  # a section's bookmark: its first page, checked by the proof's contents
        number = re.match(r"(Objective|KPI)\s*(\d+(?:\.\d+)?)", title)
        ref = re.match(r"([A-Z]+\d+):", title)
        if number:
            head = f"{number[1]}{number[2]}"
            filed = re.search(r"Filedunder(Objective\d+)", shown)
            said = re.search(r"filedunder(Objective\d+)\)$", words)
            if said:  # "(its items are filed under Objective 4)": that page, so headed
                if not filed or said[1] != filed[1]:
                    problems.append(f"bookmark “{title[:40]}” opens page {page + 1}, not there")
            elif filed and number[1] == "Objective" and filed[1] != head:
                problems.append(
                    f"bookmark “{title[:40]}” opens page {page + 1}, filed under {filed[1]}"
                )
            elif (number[1] == "Objective" and head not in shown) or (
                number[1] == "KPI" and number[2] not in shown
            ):
                problems.append(f"bookmark “{title[:40]}” opens page {page + 1}, which lacks it")
        elif ref and not printed(ref[1], texts[page]):
            problems.append(f"bookmark “{title[:40]}” opens page {page + 1}, which lacks {ref[1]}")
        elif not ref and not number and words[:12] not in shown:
            problems.append(f"bookmark “{title[:40]}” opens page {page + 1}, which lacks it")
    return problems


def withheld_printed(survey: str, form: str, round_: str) -> list[str]:
    """A round whose group returned fewer forms than the minimum: between its heading and the
    next, no percentage and no count of answers."""
    start = survey.find(f"{form} form")
    heading = survey.find(f"{round_} round", start)
    if start < 0 or heading < 0:
        return []
    ends = [
        i
        for i in (
            survey.find(" round, ", heading + 10),
            survey.find(" against ", heading),
            survey.find(" form", heading + 10),
            survey.find("Reality check", heading),
        )
        if i > 0
    ]
    segment = survey[heading : min(ends, default=len(survey))]
    found = re.findall(r"\d+%|(?:agree|Yes|No|Sometimes|know) \d+", segment)
    return (
        [f"{form} form, {round_} round (withheld) prints {', '.join(found[:4])}"] if found else []
    )


def sweep_one(seed: int, root: Path, python: str = sys.executable) -> Result:
    result = Result(seed)
    inputs, out = root / f"school-{seed}", root / f"out-{seed}"
    shutil.rmtree(inputs, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    result.facts = make_school(seed, inputs)
    started = time.monotonic()
    run = subprocess.run(
        [python, "-m", "pipeline", "build", "--inputs", str(inputs), "--out", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    result.seconds = time.monotonic() - started
    result.code, result.output = run.returncode, run.stdout + run.stderr
    if "Traceback" in result.output:
        result.problems.append("a Python traceback")
    packs = [p for p in out.rglob("*-lppa-pack-*.pdf") if "superseded" not in p.parts]
    proven = [p for p in packs if "DRAFT" not in p.name]
    found = re.search(r"Proof: (\d+) of (\d+) items", result.output)
    result.proof = f"{found[1]}/{found[2]}" if found else "none"
    if result.code != 0:
        last = [line for line in result.output.strip().splitlines() if line.strip()][-6:]
        result.problems.append(f"exit {result.code}: " + " | ".join(last)[:600])
    if proven:
        with READING:  # PDFium is not thread-safe: one pack read at a time
            result.pages = len(PdfReader(proven[0]).pages)
            result.problems += check_pack(proven[0], result.facts)
    elif result.code == 0:
        result.problems.append("no pack")
    return result


def table(results: list[Result]) -> str:
    rows = [("seed", "school", "actions", "evidence", "pages", "proof", "s", "result")]
    for r in sorted(results, key=lambda r: r.seed):
        facts = r.facts
        rows.append(
            (
                str(r.seed),
                (facts.name if facts else "?")[:38],
                str(len(facts.actions)) if facts else "?",
                str(len(facts.evidence)) if facts else "?",
                str(r.pages),
                r.proof,
                f"{r.seconds:.0f}",
                "ok" if r.ok else f"FAILED ({len(r.problems)})",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=30)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--seeds", help="these seeds only, e.g. 3,17")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp folder)")
    parser.add_argument("--workers", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    args = parser.parse_args()
    seeds = (
        [int(s) for s in args.seeds.split(",")]
        if args.seeds
        else list(range(args.first, args.first + args.count))
    )
    root = args.keep or Path(tempfile.mkdtemp(prefix="lppa-sweep-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"Building {len(seeds)} generated schools in {root} …", flush=True)
    results: list[Result] = []
    with ThreadPoolExecutor(args.workers) as pool:
        for result in pool.map(lambda s: sweep_one(s, root), seeds):
            results.append(result)
            said = "ok" if result.ok else "FAILED"
            print(f"  seed {result.seed}: {said} ({result.seconds:.0f} s)", flush=True)
    print()
    print(table(results))
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"\nSeed {r.seed} failed:")
        for problem in r.problems[:15]:
            print(f"  - {problem}")
        print(
            f"  Rebuild it alone: python -m tests.schools.generate {r.seed} school-{r.seed} && "
            f"python -m pipeline build --inputs school-{r.seed} --out out-{r.seed}"
        )
    print(f"\n{len(results) - len(failed)} of {len(results)} schools built and proven.")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
