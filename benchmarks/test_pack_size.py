"""How big the pack is: the sample (target under 10 MB), and the sample with 100 phone photos
marked In pack (target under 50 MB, and still printable). Run with `nox -s bench`."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pytest_benchmark.fixture import BenchmarkFixture

PROJECT = Path(__file__).resolve().parent.parent
PHOTOS = 100


def phone_photo(path: Path, seed: int) -> None:
    """A 12-megapixel photo as a phone takes it: detail and noise that compress poorly."""
    rng = random.Random(seed)
    image = Image.effect_noise((4032, 3024), 64).convert("RGB")
    tint = Image.new(
        "RGB", image.size, (rng.randrange(90, 200), rng.randrange(90, 200), rng.randrange(90, 200))
    )
    image = Image.blend(image, tint, 0.55)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(4032), rng.randrange(3024)
        draw.ellipse(
            (x, y, x + rng.randrange(80, 600), y + rng.randrange(80, 600)),
            fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)),
        )
    image.save(path, quality=92)


def build(inputs: Path, out: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--inputs", str(inputs), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return next((out / "2017-18-term-4").glob("*.pdf"))


def test_the_sample_pack(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    pack = benchmark.pedantic(build, args=(PROJECT / "inputs", tmp_path / "out"), rounds=1)
    size = pack.stat().st_size
    benchmark.extra_info["pack_megabytes"] = round(size / 2**20, 2)
    benchmark.extra_info["pages"] = len(PdfReader(pack).pages)
    assert size < 10 * 2**20


def test_a_pack_with_100_phone_photos(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(PROJECT / "inputs", inputs)
    (inputs / "evidence" / "photos").mkdir()
    wb = openpyxl.load_workbook(inputs / "evidence.xlsx")
    ws = wb["Evidence"]
    for n in range(1, PHOTOS + 1):
        name = f"photos/IMG_{n:04d}.jpg"
        phone_photo(inputs / "evidence" / name, n)
        ws.append(
            [
                f"P{n:03d}",
                f"Family event photo {n}",
                "4.2",
                "Photo",
                "17/11/2017",
                name,
                "Yes",
                "Yes",
            ]
        )
    wb.save(inputs / "evidence.xlsx")
    source = sum(p.stat().st_size for p in (inputs / "evidence" / "photos").iterdir())
    pack = benchmark.pedantic(build, args=(inputs, tmp_path / "out"), rounds=1)
    size = pack.stat().st_size
    benchmark.extra_info["photos_megabytes"] = round(source / 2**20, 1)
    benchmark.extra_info["pack_megabytes"] = round(size / 2**20, 1)
    benchmark.extra_info["pages"] = len(PdfReader(pack).pages)
    assert size < 50 * 2**20
