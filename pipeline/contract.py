"""The input contract as data: every workbook, sheet and column the tool reads, what goes there,
an example, and the kind of value. The readers take their columns from here, the blank
workbooks are laid out from here, and docs/inputs.md is written from here, so the three cannot
drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.records import Level, Status

# The drop-downs' words are the records' own: the best rating first, as the forms list them.
RATINGS = tuple(level.value for level in reversed(Level))
STATUSES = tuple(status.value for status in Status)
GROUPS = ("Parents", "Staff", "Pupils", "Governors", "Partners")
APPROACHES = ("School-led", "Adviser-led")
YES_NO = ("Yes", "No")
# What a drop-down offers beyond a field's words: the short forms the readers also take
# (pipeline/read/values.py), so that the drop-down, its help and docs/inputs.md say one thing.
YES_NO_SHORT = ("Y", "N")
RATINGS_SHORT = ("FA", "PA", "MMDN")

# What each kind of value accepts, in the words of docs/inputs.md.
KINDS = {
    "text": "text",
    "long": "text; line breaks are kept",
    "kpi": "one KPI number, e.g. 2.4 (column formatted as Text)",
    "kpis": "one or more KPI numbers separated by commas, e.g. 2.4, 3.1",
    "ref": "a ref, unique on the sheet",
    "action_ref": "an action's ref from the Actions sheet; a ref may repeat (a row per review)",
    "refs": "one or more refs separated by commas",
    "date": "a date (day/month/year)",
    "when": "a date (day/month/year) or a term label from school.xlsx",
    "term": "a term label from school.xlsx",
    "due": "a date, a term label, Ongoing (never overdue) or TBC",
    "yes_no": "Yes or No (Y, N, True, False, ✓; blank is No)",
    "consent": "Yes, No, or blank (not yet checked)",
    "whole": "a whole number, 0 or more",
    "number": "a number; a percentage cell reads as the percentage shown",
    "choice": "one of the listed words",
    "time": "a time, e.g. 09:30",
    "answers": "the form's answers in order, separated by commas",
    "objective": "an objective's number",
}


@dataclass(frozen=True)
class Column:
    """A column the contract names; ``aliases`` are older names still read."""

    name: str
    required: bool = True
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    """A column of a sheet, or a row of a Field | Value sheet."""

    name: str
    required: bool
    kind: str
    help: str
    example: str
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    width: int = 16
    short: tuple[str, ...] = ()  # short forms of the choices, also read (FA for Fully achieved)

    @property
    def column(self) -> Column:
        return Column(self.name, self.required, self.aliases)

    @property
    def accepts(self) -> str:
        if self.choices:
            words = ", ".join(self.choices[:-1]) + f" or {self.choices[-1]}"
            if self.short:
                words += f" ({', '.join(self.short[:-1])} or {self.short[-1]} for short)"
            return words
        return KINDS[self.kind]

    @property
    def listed(self) -> tuple[str, ...]:
        """What the blank workbook's drop-down offers: every word the field is read as (the
        choices and their short forms; Yes, No, Y and N), nothing the reader refuses."""
        if self.choices:
            return self.choices + self.short
        if self.kind in ("yes_no", "consent"):
            return YES_NO + YES_NO_SHORT
        return ()


@dataclass(frozen=True)
class Sheet:
    name: str
    required: bool
    purpose: str
    columns: tuple[Field, ...]
    fields: tuple[Field, ...] = ()  # the rows of a two-column Field | Value sheet

    @property
    def is_field_sheet(self) -> bool:
        return bool(self.fields)

    def column(self, name: str) -> Field:
        return next(c for c in self.columns if c.name == name)


@dataclass(frozen=True)
class Book:
    file: str
    required: bool
    owner: str
    purpose: str
    sheets: tuple[Sheet, ...]

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


def f(
    name: str, kind: str, help: str, example: str, required: bool = True, **more: object
) -> Field:
    return Field(name, required, kind, help, example, **more)  # type: ignore[arg-type]


def opt(name: str, kind: str, help: str, example: str, **more: object) -> Field:
    return f(name, kind, help, example, required=False, **more)


FIELD_VALUE = (
    f("Field", "text", "the name of the field, as listed", "School name", width=24),
    f("Value", "text", "its value", "Meadowbank Primary School", width=44),
)

SCHOOL = Book(
    "school.xlsx",
    True,
    "the coordinator",
    "The school's details, its calendar of terms, the working group and settings.",
    (
        Sheet(
            "School",
            True,
            "One field a row: the school's details and the term being worked on.",
            FIELD_VALUE,
            fields=(
                f("School name", "text", "as printed on the cover", "Meadowbank Primary School"),
                opt("URN", "text", "the school's unique reference number", "199999"),
                opt("Headteacher", "text", "the headteacher's name", "Mrs Helen Okafor"),
                f("LPPA coordinator", "text", "who leads the award", "Mr Daniel Reyes"),
                opt("Chair of governors", "text", "", "Dr Priya Nair"),
                opt("Approach", "choice", "default School-led", "School-led", choices=APPROACHES),
                opt("Registration date", "when", "when the school registered", "10/01/2017"),
                opt("Interim visit date", "when", "", "12/10/2017"),
                opt("Verification date", "when", "planned or actual", "21/03/2018"),
                f(
                    "Current term",
                    "term",
                    "the pack is built for this term unless --term says otherwise",
                    "2017-18 Term 4",
                ),
            ),
        ),
        Sheet(
            "Terms",
            True,
            "The school's own calendar: one row per term. Terms must not overlap.",
            (
                f(
                    "Term",
                    "text",
                    "the term's label, used everywhere else",
                    "2017-18 Term 2",
                    width=18,
                ),
                f("Starts", "date", "its first day", "30/10/2017", width=12),
                f("Ends", "date", "its last day", "20/12/2017", width=12),
            ),
        ),
        Sheet(
            "Working group",
            False,
            "Who is on the LPPA working group and whom each represents.",
            (
                f("Name", "text", "", "Ms Aisha Rahman", width=28),
                opt("Role", "text", "", "Parent governor", width=30),
                opt("Represents", "text", "", "Parents", width=24),
            ),
        ),
        Sheet(
            "Objective 9",
            False,
            "The coordinator's summative evaluation: one row per objective except the last, "
            "plus optional Vision and Overall rows. Line breaks are paragraphs; lines starting "
            "•, - or * are bullet points. objective-9.docx, if present, is used instead.",
            (
                f(
                    "Objective",
                    "objective",
                    "an objective's number, or Vision or Overall",
                    "3",
                    width=12,
                ),
                opt(
                    "Achievements",
                    "long",
                    "what has been achieved",
                    "Welcome signs in three languages.",
                    width=50,
                ),
                opt(
                    "Impact",
                    "long",
                    "the difference it has made",
                    "Parents feeling welcome rose from 74% to 92%.",
                    width=50,
                ),
                opt(
                    "Next priorities",
                    "long",
                    "what comes next",
                    "Translate the handbook.",
                    width=50,
                ),
            ),
        ),
        Sheet(
            "Verification day",
            False,
            "The plan for the verifier's visit: portfolio review, discussion groups, tour.",
            (
                f("Time", "time", "when it starts", "09:45", width=10),
                f("Session", "text", "what happens", "Portfolio review", width=36),
                opt("With", "text", "who takes part", "Eight parents", width=28),
                opt("Staff", "text", "who from school leads it", "Mr Daniel Reyes", width=22),
                opt("Room", "text", "", "Library", width=16),
            ),
        ),
        Sheet(
            "Settings",
            False,
            "Optional settings, one a row.",
            FIELD_VALUE,
            fields=(
                opt(
                    "Logo",
                    "text",
                    "an image file in the inputs folder, for the cover and headers",
                    "logo.png",
                ),
                opt(
                    "Double-sided",
                    "yes_no",
                    "start each section on a right-hand page (default No)",
                    "No",
                ),
                opt(
                    "Reality check low",
                    "number",
                    "% positive under which a Fully achieved rating is challenged (default 60)",
                    "60",
                ),
                opt(
                    "Reality check high",
                    "number",
                    "% positive over which a Much more "
                    "development needed rating is challenged (default 85)",
                    "85",
                ),
                opt(
                    "Minimum answers",
                    "whole",
                    "fewer answers than this and nothing of them is printed (default 10)",
                    "10",
                ),
                opt(
                    "Conversion timeout",
                    "whole",
                    "seconds LibreOffice may spend on one file before it is stopped and tried "
                    "once more; a file that still hangs is left out and named (default 60)",
                    "60",
                ),
            ),
        ),
    ),
)

FRAMEWORK = Book(
    "framework.xlsx",
    True,
    "the coordinator (ships with a default)",
    "The award's objectives and KPIs. Paste the official wording received on registration. "
    "The last objective is the summary one.",
    (
        Sheet(
            "Objectives",
            True,
            "One row per objective.",
            (
                f("Objective", "whole", "its number: 1, 2, …", "3", width=10),
                f("Title", "text", "", "A welcoming, communicative and friendly school", width=50),
                opt("Theme", "text", "a word or two", "Communication", width=20),
            ),
        ),
        Sheet(
            "KPIs",
            True,
            "One row per key performance indicator. A KPI's number starts with its objective's.",
            (
                f("KPI", "kpi", "objective.KPI", "3.2", width=8),
                f("Objective", "whole", "the objective it belongs to", "3", width=10),
                f(
                    "Statement",
                    "long",
                    "the KPI's wording",
                    "Parents can raise a concern easily.",
                    width=70,
                ),
            ),
        ),
    ),
)

RATINGS_BOOK = Book(
    "ratings.xlsx",
    True,
    "the coordinator",
    "The self-evaluation, updated each term: add rows for each new term, never overwrite. The "
    "earliest term with ratings is the baseline.",
    (
        Sheet(
            "Ratings",
            True,
            "One row per KPI per term at most.",
            (
                f("Term", "term", "the term of this rating", "2017-18 Term 4", width=16),
                f("KPI", "kpi", "", "2.4", width=8),
                f(
                    "Rating",
                    "choice",
                    "",
                    Level.PARTLY.value,
                    choices=RATINGS,
                    width=28,
                    short=RATINGS_SHORT,
                ),
                opt(
                    "Current achievements",
                    "long",
                    "",
                    "Action plan reviewed at each meeting.",
                    width=45,
                ),
                opt("Next steps", "long", "", "Record decisions in the monitoring log.", width=45),
                opt(
                    "Carried forward",
                    "yes_no",
                    "Yes on a row copied from the last term by "
                    "new-term; clear it once the rating has been reviewed",
                    "Yes",
                    width=12,
                ),
            ),
        ),
    ),
)

ACTIONS = Book(
    "actions.xlsx",
    True,
    "the coordinator and the clerical team",
    "The action plan, and the working group's monitoring of it (KPI 2.4).",
    (
        Sheet(
            "Actions",
            True,
            "One row per action.",
            (
                f("Ref", "ref", "unique", "A17", width=7),
                f(
                    "KPI",
                    "kpis",
                    "the KPI or KPIs the action serves",
                    "4.2, 6.2",
                    aliases=("KPIs",),
                    width=10,
                ),
                f(
                    "Action",
                    "long",
                    "what will be done",
                    "Run a family maths morning each half term",
                    width=40,
                ),
                opt("Lead", "text", "who delivers it", "Mrs Sarah Lowe", width=18),
                opt(
                    "Monitored by",
                    "text",
                    "who checks it: someone other than the lead",
                    "Mr Daniel Reyes",
                    width=18,
                ),
                opt(
                    "Start", "when", "a term label means its first day", "2017-18 Term 1", width=14
                ),
                f("Due", "due", "a term label means its last day", "2017-18 Term 3", width=14),
                opt(
                    "Original due",
                    "when",
                    "the first target, where Due has since moved",
                    "2017-18 Term 2",
                    width=14,
                ),
                f("Status", "choice", "", Status.IN_PROGRESS.value, choices=STATUSES, width=13),
                opt(
                    "Completed", "when", "required when Status is Completed", "14/03/2018", width=13
                ),
                opt("Success criteria", "long", "", "At least 15 families each time", width=30),
                opt("Evidence", "refs", "refs from evidence.xlsx", "E07, E09", width=11),
                opt(
                    "Notes",
                    "long",
                    "impact, changes; expected for Dropped actions",
                    "Paused while the hall is refurbished.",
                    width=30,
                ),
            ),
        ),
        Sheet(
            "Monitoring log",
            False,
            "What the working group recorded when it reviewed an action.",
            (
                f("Date", "date", "the date of the review", "07/12/2017", width=12),
                f("Ref", "action_ref", "the action's ref", "A11", width=7),
                f(
                    "Note",
                    "long",
                    "what was found and decided",
                    "Due date moved to February.",
                    width=60,
                ),
                opt("By", "text", "", "Working group", width=18),
            ),
        ),
    ),
)

EVIDENCE = Book(
    "evidence.xlsx",
    True,
    "the clerical team",
    "The portfolio index. Files live in the evidence folder inside the inputs folder.",
    (
        Sheet(
            "Evidence",
            True,
            "One row per item of evidence.",
            (
                f("Ref", "ref", "unique", "E042", width=7),
                f("Title", "text", "", "Family maths morning photo", width=36),
                f("KPIs", "kpis", "the KPIs it evidences", "4.2", aliases=("KPI",), width=10),
                opt(
                    "Type",
                    "text",
                    "e.g. Document, Photo, Minutes, Web page, Survey, Letter",
                    "Photo",
                    width=12,
                ),
                opt("Date", "when", "", "17/11/2017", width=12),
                opt(
                    "Location",
                    "text",
                    "a path inside the evidence folder (either slash), a web "
                    "address, or where the paper copy is",
                    "photos/maths-morning.jpg",
                    width=36,
                ),
                opt(
                    "In pack",
                    "yes_no",
                    "Yes: print this file in the pack's evidence appendix "
                    "(PDF, Word, spreadsheet, slides, JPEG or PNG)",
                    "Yes",
                    width=9,
                ),
                opt(
                    "Consent",
                    "consent",
                    "consent checked for every child and adult shown; a "
                    "photo is printed only with Yes",
                    "Yes",
                    width=9,
                ),
            ),
        ),
    ),
)

SURVEYS = Book(
    "surveys.xlsx",
    False,
    "the clerical team",
    "The stakeholder evaluation forms: who was asked what, and how they answered.",
    (
        Sheet(
            "Forms",
            False,
            "The questionnaires and their answer scales. Without this sheet, forms named "
            "Parent, Staff and Pupil use the five-point scale Strongly agree, Agree, Disagree, "
            "Strongly disagree, Don't know.",
            (
                f("Form", "text", "the school's name for it", "Pupil", width=14),
                f("Group", "choice", "", "Pupils", choices=GROUPS, width=12),
                f("Answers", "answers", "", "Yes, Sometimes, No, Don't know", width=40),
                f("Positive", "answers", "the answers that count as positive", "Yes", width=24),
            ),
        ),
        Sheet(
            "Rounds",
            True,
            "One row per form per round.",
            (
                f("Round", "text", "", "Baseline", width=12),
                f("Form", "text", "a form from sheet Forms", "Parent", width=12),
                f("Date", "when", "when it was given out", "16/01/2017", width=12),
                opt("Issued", "whole", "how many were given out", "210", width=9),
                f("Returned", "whole", "how many came back", "96", width=10),
            ),
        ),
        Sheet(
            "Questions",
            True,
            "The questions of each form.",
            (
                f("Form", "text", "", "Parent", width=12),
                f("Q", "text", "its number; Q1 and 1 are the same", "1", width=6),
                f(
                    "Question",
                    "long",
                    "as asked",
                    "I feel welcome when I come into school.",
                    width=50,
                ),
                opt("KPIs", "kpis", "the KPIs it informs", "3.1", aliases=("KPI",), width=10),
                opt("Round", "text", "blank: asked in every round", "Follow-up", width=12),
            ),
        ),
        Sheet(
            "Tallies",
            True,
            "How many gave each answer: one row per question per round, one column per answer "
            "of the form's scale (other forms' answers stay blank). A blank count is 0.",
            (
                f("Round", "text", "", "Baseline", width=12),
                f("Form", "text", "", "Parent", width=12),
                f("Q", "text", "", "1", width=6),
            ),
        ),
        Sheet(
            "Comments",
            False,
            "Written comments; printed only where May quote is Yes.",
            (
                f("Round", "text", "", "Follow-up", width=12),
                f("Form", "text", "", "Parent", width=12),
                f("Comment", "long", "", "The new signs make a real difference.", width=60),
                f("May quote", "yes_no", "", "Yes", width=10),
            ),
        ),
    ),
)

IMPACT = Book(
    "impact.xlsx",
    False,
    "the clerical team",
    "Termly measures of impact, charted in the Objective 9 summary.",
    (
        Sheet(
            "Measures",
            True,
            "One row per measure per term.",
            (
                f("Term", "term", "", "2017-18 Term 1", width=16),
                f("Measure", "text", "", "Attendance %", width=28),
                f("Value", "number", "", "96.1", width=10),
                opt("Target", "number", "", "96", width=10),
            ),
        ),
    ),
)

BOOKS = (SCHOOL, FRAMEWORK, RATINGS_BOOK, ACTIONS, EVIDENCE, SURVEYS, IMPACT)


def book(file: str) -> Book:
    return next(b for b in BOOKS if b.file == file)


def columns(file: str, sheet: str) -> list[Column]:
    """The columns a reader asks for, from the contract."""
    return [c.column for c in book(file).sheet(sheet).columns]


def field_names(file: str, sheet: str) -> tuple[str, ...]:
    return tuple(x.name for x in book(file).sheet(sheet).fields)
