"""The typed records the readers produce. Each remembers the cell it came from."""

from __future__ import annotations

import difflib
import enum
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from pipeline.errors import CellRef
from pipeline.text import normalise, plain

SLUG_LENGTH = 60  # characters: a school's folder and pack names stay well inside every system's
# Names Windows refuses for a file or folder, with or without an extension.
RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}


def slugify(text: str) -> str:
    """``2017-18 Term 2`` → ``2017-18-term-2``, ``École Sainte-Anne`` → ``ecole-sainte-anne``;
    safe as a folder or file name anywhere. Accents are folded (NFKD), not dropped with their
    letters; a name with no Latin letter or digit at all gets ``untitled-`` and a short hash
    of itself, the same every time, so that two such schools do not share one folder."""
    folded = unicodedata.normalize("NFKD", text.replace("–", "-").replace("/", "-"))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.casefold()).strip("-")
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:8]
    if len(slug) > SLUG_LENGTH:
        # A name of thousands of characters made a folder name no file system accepts: cut at
        # a word, and keep two long names that begin alike apart by a hash of the whole.
        slug = slug[: SLUG_LENGTH - 9].rsplit("-", 1)[0].strip("-") + "-" + digest
    if slug in RESERVED:
        return f"{slug}-{digest}"  # Windows refuses CON, AUX, NUL, COM1 … as a name
    if slug:
        return slug
    if not text.strip():
        return "untitled"
    return "untitled-" + digest


def term_key(label: str) -> str:
    """How term labels are matched: case, spaces and - – / do not matter."""
    text = re.sub(r"[–—/]", "-", plain(label).casefold())
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Term:
    label: str
    starts: date
    ends: date
    source: CellRef

    @property
    def slug(self) -> str:
        return slugify(self.label)


@dataclass(frozen=True)
class Calendar:
    """The school's terms in order of their start date."""

    terms: tuple[Term, ...]
    # Labels of terms whose dates could not be read (already reported): references to them
    # are not reported again.
    unreadable: frozenset[str] = frozenset()

    def is_unreadable(self, label: str) -> bool:
        return term_key(label) in self.unreadable

    def suggest(self, label: str) -> str:
        """' Did you mean "2017-18 Term 2"?' for a label close to one of the terms, else ''."""
        keys = {term_key(t.label): t.label for t in self.terms}
        close = difflib.get_close_matches(term_key(label), list(keys), n=1, cutoff=0.8)
        return f' Did you mean "{keys[close[0]]}"?' if close else ""

    def find(self, label: str) -> Term | None:
        key = term_key(label)
        return next((t for t in self.terms if term_key(t.label) == key), None)

    def term_of(self, day: date) -> Term | None:
        """The term a date belongs to: a date in a holiday belongs to the term that last began."""
        current = None
        for term in self.terms:
            if term.starts <= day:
                current = term
        return current

    def index(self, term: Term) -> int:
        return self.terms.index(term)

    def next_after(self, term: Term) -> Term | None:
        i = self.index(term)
        return self.terms[i + 1] if i + 1 < len(self.terms) else None


class Approach(enum.Enum):
    SCHOOL_LED = "School-led"
    ADVISER_LED = "Adviser-led"


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    represents: str
    source: CellRef


@dataclass(frozen=True)
class Settings:
    logo: str | None = None
    double_sided: bool = False
    reality_check_low: float = 60.0
    reality_check_high: float = 85.0
    minimum_answers: int = 10
    conversion_timeout: int = 60  # seconds LibreOffice may go without finishing a file


@dataclass(frozen=True)
class School:
    name: str
    coordinator: str
    current_term: Term
    calendar: Calendar
    urn: str = ""
    headteacher: str = ""
    chair_of_governors: str = ""
    approach: Approach = Approach.SCHOOL_LED
    registration_date: date | None = None
    interim_visit_date: date | None = None
    verification_date: date | None = None
    working_group: tuple[Member, ...] = ()
    settings: Settings = field(default_factory=Settings)
    objective_9: tuple[SummaryText, ...] = ()
    objective_9_docx: str | None = None  # the file name, when the coordinator wrote it in Word
    verification_day: tuple[VisitSession, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.name)


def kpi_sort_key(kpi_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in kpi_id.split(".") if part.isdigit())


@dataclass(frozen=True)
class Kpi:
    id: str
    objective: int
    statement: str
    source: CellRef


@dataclass(frozen=True)
class Objective:
    number: int
    title: str
    theme: str
    kpis: tuple[Kpi, ...]
    source: CellRef


@dataclass(frozen=True)
class Framework:
    """The award's objectives and KPIs, as data: the last objective is the summary one."""

    objectives: tuple[Objective, ...]

    @property
    def kpis(self) -> tuple[Kpi, ...]:
        return tuple(k for o in self.objectives for k in o.kpis)

    def kpi(self, kpi_id: str) -> Kpi | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)

    def objective(self, number: int) -> Objective | None:
        return next((o for o in self.objectives if o.number == number), None)

    def not_found(self, kpi_id: str) -> str:
        """Why a KPI is not in the framework, with what is: 'objective 2 has 2.1–2.4'."""
        number = kpi_sort_key(kpi_id)[0] if kpi_sort_key(kpi_id) else None
        objective = self.objective(number) if number is not None else None
        if objective and objective.kpis:
            return (
                f"KPI {kpi_id} is not in framework.xlsx; objective {objective.number} has "
                f"{objective.kpis[0].id}–{objective.kpis[-1].id}."
            )
        numbers = [o.number for o in self.objectives]
        return (
            f"KPI {kpi_id} is not in framework.xlsx; its objectives are {numbers[0]}–{numbers[-1]}."
        )

    @property
    def kpi_ids(self) -> frozenset[str]:
        return frozenset(k.id for k in self.kpis)

    @property
    def summary_objective(self) -> Objective:
        return self.objectives[-1]


class Level(enum.Enum):
    """A self-evaluation rating; the value is the wording printed in every document."""

    MMDN = "Much more development needed"
    PARTLY = "Partly achieved"
    FULLY = "Fully achieved"

    @property
    def score(self) -> int:
        return list(Level).index(self)


@dataclass(frozen=True)
class Rating:
    term: Term
    kpi: str
    level: Level
    achievements: str
    next_steps: str
    source: CellRef
    carried_forward: bool = False


class Status(enum.Enum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"
    DROPPED = "Dropped"


@dataclass(frozen=True)
class Action:
    """One row of the action plan. ``due`` is None when Due is Ongoing or TBC (``due_word``)."""

    ref: str
    kpis: tuple[str, ...]
    text: str
    lead: str
    monitor: str
    start: date | None
    due: date | None
    due_word: str  # "", "Ongoing" or "TBC"
    original_due: date | None
    status: Status
    completed: date | None
    success_criteria: str
    evidence: tuple[str, ...]
    notes: str
    source: CellRef

    @property
    def monitors_self(self) -> bool:
        """Its lead is also the one who monitors it (names compared as the contract compares)."""
        lead = normalise(self.lead)
        return bool(lead) and lead == normalise(self.monitor)

    def is_overdue(self, as_of: date) -> bool:
        """Not Completed or Dropped, and due before the as-of date (Ongoing and TBC never are)."""
        if self.status in (Status.COMPLETED, Status.DROPPED) or self.due is None:
            return False
        return self.due < as_of


@dataclass(frozen=True)
class LogEntry:
    day: date
    ref: str
    note: str
    by: str
    source: CellRef


class Place(enum.Enum):
    """Where an item of evidence is."""

    FILE = "file"
    WEB = "web"
    PAPER = "paper"
    NONE = "none"


def appendix_label(page: int) -> str:
    """The name of the evidence appendix's ``page``-th page (A1, A2 …), printed at its foot and
    wherever the pack points into the appendix: the appendix numbers its own pages, so what
    points into it need not wait for, or change with, the length of what comes before it."""
    return f"A{page}"


@dataclass(frozen=True)
class Evidence:
    ref: str
    title: str
    kpis: tuple[str, ...]
    type: str
    day: date | None
    location: str
    place: Place
    path: str | None  # relative to the inputs folder's evidence/, with forward slashes
    in_pack: bool
    consent: bool | None  # None: left blank
    source: CellRef
    # The Date was given as a term's label: the item is dated "in" that term (``day`` is its
    # last day), printed as typed, and is not later than an as-of date inside the term.
    term: Term | None = None
    # What the file is by its first bytes ("image", "pdf", "zip" for an office file, "" when
    # unknown or absent), whatever its name says: a photo renamed .docx is still a photo.
    content: str = ""

    @property
    def is_photo(self) -> bool:
        """A photo, by what the row says or what the file is: printed only with consent."""
        suffix = PurePosixPath(self.path).suffix.casefold() if self.path else ""
        return (
            self.type.strip().casefold() in ("photo", "photograph", "picture")
            or suffix in (".jpg", ".jpeg", ".png")
            or self.content == "image"
        )

    @property
    def dated(self) -> str:
        """The date as the pack prints it: the term as typed, or the day."""
        if self.term is not None:
            return self.term.label
        return f"{self.day:%d/%m/%Y}" if self.day else ""

    def later_than(self, as_of: date) -> bool:
        """Dated after ``as_of``: a term only if it had not begun by then."""
        if self.term is not None:
            return self.term.starts > as_of
        return self.day is not None and self.day > as_of


DONT_KNOW = ("don't know", "dont know", "don’t know", "n/a", "na", "not applicable")


@dataclass(frozen=True)
class Form:
    name: str
    group: str
    answers: tuple[str, ...]
    positive: tuple[str, ...]
    source: CellRef | None  # None: the default form used without a Forms sheet
    called: str = ""  # what the school calls the group ("Students"), where not ``group``

    @property
    def group_name(self) -> str:
        """The group as the school names it: the pack prints this, and pools by ``group``."""
        return self.called or self.group

    def is_dont_know(self, answer: str) -> bool:
        return answer.casefold().replace("’", "'") in DONT_KNOW


@dataclass(frozen=True)
class SurveyRound:
    name: str
    form: str
    day: date | None
    issued: int | None
    returned: int
    source: CellRef


@dataclass(frozen=True)
class Question:
    form: str
    number: str
    text: str
    kpis: tuple[str, ...]
    round: str | None  # None: asked in every round
    source: CellRef


@dataclass(frozen=True)
class Tally:
    round: str
    form: str
    number: str
    counts: tuple[tuple[str, int], ...]  # in the form's answer order
    source: CellRef
    blank: frozenset[str] = frozenset()  # answers whose cell was left blank (counted as 0)


@dataclass(frozen=True)
class Comment:
    round: str
    form: str
    text: str
    may_quote: bool
    source: CellRef


@dataclass(frozen=True)
class Surveys:
    forms: tuple[Form, ...]
    rounds: tuple[SurveyRound, ...]
    questions: tuple[Question, ...]
    tallies: tuple[Tally, ...]
    comments: tuple[Comment, ...]


@dataclass(frozen=True)
class Measure:
    term: Term
    name: str
    value: float
    target: float | None
    source: CellRef


@dataclass(frozen=True)
class SummaryText:
    """One row of the Objective 9 sheet: an objective's number, or Vision or Overall."""

    objective: str
    achievements: str
    impact: str
    next_priorities: str
    source: CellRef


@dataclass(frozen=True)
class VisitSession:
    time: str
    session: str
    with_whom: str
    staff: str
    room: str
    source: CellRef | None = None
