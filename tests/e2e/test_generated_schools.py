"""Schools nobody here wrote: whole schools made from a seed (tests/schools/generate.py), built
with the real command and checked from the pack alone (tests/schools/sweep.py). The seeds here
each found a bug once; ``nox -s sweep -- N`` builds N more.

- 4: an Urdu KPI statement (Nastaliq: its letters read back only in part)
- 6: "Overdue (Not started)" in bold beside Arabic, its brackets read back mirrored
- 7: the award's own objective wording; objectives whose evidence is filed under another
- 10: ninety actions, Arabic evidence titles, a location on a shared drive
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.schools.sweep import sweep_one


@pytest.mark.parametrize("seed", [4, 6, 7, 10])
def test_a_generated_school_gets_its_proven_pack(seed: int, tmp_path: Path) -> None:
    result = sweep_one(seed, tmp_path)
    assert result.problems == [], result.output[-3000:]
    assert result.code == 0
    found, checked = result.proof.split("/")
    assert found == checked and int(checked) > 300
