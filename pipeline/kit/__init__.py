"""The clerical team's kit, one module per command: ``blanks`` writes the blank workbooks,
``new_term`` starts a term, ``tally`` counts a form's export into surveys.xlsx. Each writes
new files beside the school's, never over them."""

from __future__ import annotations

from pipeline.errors import BuildStopped


class KitProblem(BuildStopped):
    """Raised when the kit would overwrite a file or lacks what it needs; exit status 1."""

    exit_code = 1
