"""Whole, realistic schools from a seed, as their offices would type them in: for building and
proving packs on schools nobody here wrote.

Every choice is the seed's: the award's own long objective wording or a short one, nine or ten
objectives with two to six KPIs each, three to six terms a year under different labels, 5 to
1,000 actions, names with accents, apostrophes and right-to-left scripts, long and empty texts,
every evidence type and consent state, files that are missing, survey groups under the
school's minimum, and the slips a clerk makes that the contract accepts (FA for Fully achieved,
a term label for a date, KPI 2.4 for 2.4, spaces around a value). What the pack must then show
is returned as :class:`Facts`, worked out here from the school, not from the pipeline.

    python -m tests.schools.generate SEED FOLDER   # one school, to build alone
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from faker import Faker
from openpyxl import Workbook

AWARD_OBJECTIVES = {  # seed 002, "The award objectives"; 5 as schools publish it
    1: "The school demonstrates a commitment to work towards achieving the LPPA",
    2: "The school makes and implements effective plans to achieve and maintain the LPPA",
    3: "The school is a welcoming, communicative and friendly place for parents",
    4: "The school promotes the awareness and participation of all groups of parents in "
    "supporting their children’s learning and developing their own learning. In addition, the "
    "school holds and actively promotes a programme of opportunities and events for joint "
    "parent and child participation",
    5: "The school has effective induction arrangements that set out the responsibilities of "
    "parents, the school and pupils",
    6: "The school provides parents with relevant and user-friendly guidance and information "
    "to help them to support their children’s learning",
    7: "The school produces and implements parent-friendly policies to establish effective "
    "home–school links and to improve children’s attendance, punctuality, progress and "
    "positive participation in school",
    8: "The school provides good support for all parents as their children move through or "
    "leave the school",
}
SUMMARY_OBJECTIVE = (
    "The school summarizes its achievements against the LPPA Objectives and outlines its "
    "future plans"
)
ICT_OBJECTIVE = "The school makes effective use of ICT to communicate and work with parents"
SHORT_OBJECTIVES = {
    1: "Commitment",
    2: "Planning",
    3: "Welcoming and communicative",
    4: "Participation of all parents",
    5: "Induction",
    6: "Guidance",
    7: "Parent-friendly policies",
    8: "Transition",
}
LOCALES = ["en_GB", "en_GB", "en_GB", "pl_PL", "tr_TR", "ar_AA", "hi_IN", "fr_FR", "de_DE", "ga_IE"]
TITLES = ["Mrs", "Mr", "Ms", "Miss", "Dr", "Revd"]
URDU = "والدین کے لیے ہفتہ وار کافی صبح کا اہتمام کریں"
ARABIC = "اجتماع أولياء الأمور الشهري في مكتبة المدرسة"
RATINGS = [
    ("Fully achieved", ["Fully achieved", "FA", "fully achieved", " Fully Achieved "]),
    ("Partly achieved", ["Partly achieved", "PA", "partly achieved"]),
    (
        "Much more development needed",
        ["Much more development needed", "MMDN", "much more development needed"],
    ),
]
STATUSES = ["Completed", "In progress", "Not started", "Dropped"]
EVIDENCE_TYPES = ["Photo", "Document", "Minutes", "Letter", "Web page", "Survey", "Spreadsheet"]


@dataclass
class Facts:
    """What the school's pack must show, from the school itself."""

    seed: int
    name: str
    term: str
    objectives: int
    actions: dict[str, str] = field(default_factory=dict)  # ref → action text
    evidence: dict[str, str] = field(default_factory=dict)  # ref → title, every index row
    withheld: list[tuple[str, str]] = field(default_factory=list)  # (form, round) under minimum
    summary: int = 9  # the summary objective's number
    young: str = ""  # "Students" or "Pupils": the school's word for its pupils' survey group
    notes: list[str] = field(default_factory=list)  # what this school has that is unusual


class School:
    def __init__(self, seed: int, actions: int | None = None) -> None:
        self.rnd = random.Random(seed)
        self.seed = seed
        self.fakers = {locale: Faker(locale) for locale in LOCALES}
        for index, faker in enumerate(self.fakers.values()):
            faker.seed_instance(seed * 100 + index)
        self.gb = self.fakers["en_GB"]
        # Every 25th seed a large school: 1,000 actions (and 400 for the 12th after it), chosen
        # from the seed itself so that the other seeds' schools stay as they were.
        large = {0: 1000, 12: 400}.get(seed % 25)
        self.action_count = (
            actions or large or self.rnd.choice([5, 8, 12, 18, 25, 30, 40, 55, 70, 90, 124, 160])
        )

    # --- words -------------------------------------------------------------------------------

    def person(self) -> str:
        locale = self.rnd.choice(LOCALES)
        faker = self.fakers[locale]
        name = f"{faker.first_name()} {faker.last_name()}"
        if self.rnd.random() < 0.08:
            name = (
                f"{faker.first_name()}-{faker.first_name()} {faker.last_name()}-{faker.last_name()}"
            )
        if self.rnd.random() < 0.05:
            name = f"{self.gb.first_name()} O'{self.gb.last_name()}"
        return f"{self.rnd.choice(TITLES)} {name}"

    def sentence(self, low: int = 4, high: int = 16) -> str:
        text = self.gb.sentence(nb_words=self.rnd.randint(low, high)).rstrip(".")
        roll = self.rnd.random()
        if roll < 0.04:
            return f"{text}: {URDU}"
        if roll < 0.08:
            return f"{ARABIC} — {text}"
        if roll < 0.11:
            return f"Café for parents, naïve ré\u0301sumé: {text}"  # combining acute too
        return text

    def long_text(self, chance: float, low: int = 300, high: int = 2500) -> str:
        if self.rnd.random() >= chance:
            return ""
        words = []
        while sum(len(w) + 1 for w in words) < self.rnd.randint(low, high):
            words.append(self.sentence(6, 20) + ".")
        return " ".join(words)

    # --- the school --------------------------------------------------------------------------

    def make(self, folder: Path) -> Facts:
        rnd = self.rnd
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "evidence").mkdir(exist_ok=True)
        town = self.gb.city()
        name = rnd.choice(
            [
                f"{town} Primary School",
                f"St {self.gb.first_name()}'s Church of England Primary School",
                f"{town} Academy",
                f"Ysgol {town}",
                f"{town} Community High School and Sixth Form College, {self.gb.county()}",
            ]
        )
        ten = rnd.random() < 0.25
        summary = 10 if ten else 9
        self.terms = self.calendar(rnd.choice([3, 3, 5, 6, 6]), rnd.randint(2014, 2023))
        current = rnd.randint(len(self.terms) // 3 + 1, len(self.terms) - 2)
        self.current = current
        facts = Facts(self.seed, name, self.terms[current][0], summary, summary=summary)
        self.framework = self.make_framework(folder, ten, rnd.random() < 0.6)
        self.staff = [self.person() for _ in range(rnd.randint(4, 14))]
        self.write_school(folder, name, summary)
        self.write_ratings(folder)
        self.evidence_refs = self.write_evidence(folder, facts)
        self.write_actions(folder, facts)
        if rnd.random() < 0.9:
            self.write_surveys(folder, facts)
        if rnd.random() < 0.7:
            self.write_impact(folder)
        return facts

    def calendar(self, per_year: int, first: int) -> list[tuple[str, date, date]]:
        names = {
            3: ["Autumn", "Spring", "Summer"],
            6: ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"],
        }
        style = self.rnd.choice(["numbered", "named"]) if per_year in names else "numbered"
        terms = []
        for year in range(first, first + 4):
            start, end = date(year, 9, 3), date(year + 1, 7, 21)
            length = (end - start).days // per_year
            for k in range(per_year):
                begins = start + timedelta(days=k * length)
                ends = begins + timedelta(days=length - 10)
                if style == "named":
                    label = f"{names[per_year][k]} {begins.year}"
                else:
                    label = f"{year}-{(year + 1) % 100:02d} Term {k + 1}"
                terms.append((label, begins, ends))
        return terms

    def make_framework(self, folder: Path, ten: bool, award: bool) -> dict[int, list[str]]:
        rnd = self.rnd
        count = 10 if ten else 9
        objectives, kpis = [], []
        framework: dict[int, list[str]] = {}
        for number in range(1, count + 1):
            if number == count:
                title = SUMMARY_OBJECTIVE if award else "Summary and next steps"
            elif ten and number == 9:
                title = ICT_OBJECTIVE if award else "ICT"
            else:
                title = AWARD_OBJECTIVES[number] if award else SHORT_OBJECTIVES[number]
            objectives.append((str(number), title, ""))
            framework[number] = []
            for k in range(1, rnd.randint(2, 6) + 1):
                ident = f"{number}.{k}"
                statement = self.sentence(8, 24) + "."
                if rnd.random() < 0.08:
                    statement = (statement + " " + self.long_text(1, 200, 240)).strip()
                kpis.append((rnd.choice([ident, ident, f"KPI {ident}"]), str(number), statement))
                framework[number].append(ident)
        book = Workbook()
        _sheet(book, "Objectives", ["Objective", "Title", "Theme"], objectives)
        _sheet(book, "KPIs", ["KPI", "Objective", "Statement"], kpis, text=("KPI",))
        _save(book, folder / "framework.xlsx")
        return framework

    def term_or_date(self, index: int, last: bool = True) -> object:
        label, begins, ends = self.terms[max(0, min(index, len(self.terms) - 1))]
        if self.rnd.random() < 0.3:
            return label
        day = begins + timedelta(days=self.rnd.randint(0, (ends - begins).days))
        if self.rnd.random() < 0.2:
            return day.strftime("%d.%m.%Y")  # typed as text, the UK way
        return day

    def write_school(self, folder: Path, name: str, summary: int) -> None:
        rnd = self.rnd
        current_label, _, _current_ends = self.terms[self.current]
        verification = self.terms[min(self.current + 1, len(self.terms) - 1)][1] + timedelta(
            days=rnd.randint(5, 30)
        )
        fields = [
            ("School name", name),
            ("URN", str(rnd.randint(100000, 149999))),
            ("Headteacher", self.person()),
            ("LPPA coordinator", self.staff[0]),
            ("Chair of governors", self.person() if rnd.random() < 0.8 else ""),
            ("Approach", rnd.choice(["School-led", "Adviser-led"])),
            ("Registration date", self.terms[0][1] + timedelta(days=rnd.randint(3, 40))),
            ("Interim visit date", self.terms[self.current // 2][2] - timedelta(days=3)),
            ("Verification date", verification),
            ("Current term", current_label),
        ]
        book = Workbook()
        _sheet(book, "School", ["Field", "Value"], fields)
        _sheet(book, "Terms", ["Term", "Starts", "Ends"], self.terms)
        group = [(p, rnd.choice(["Teacher", "Parent", "Governor", "TA"]), "") for p in self.staff]
        _sheet(book, "Working group", ["Name", "Role", "Represents"], group[:8])
        if rnd.random() < 0.8:
            rows = [
                (str(n), self.long_text(0.3, 100, 900), self.sentence(), self.sentence())
                for n in range(1, summary)
                if rnd.random() < 0.85
            ]
            _sheet(
                book,
                "Objective 9",
                ["Objective", "Achievements", "Impact", "Next priorities"],
                rows,
            )
        self.minimum = rnd.choice([10, 10, 5, 8])
        settings = [("Minimum answers", self.minimum)]
        _sheet(book, "Settings", ["Field", "Value"], settings)
        _save(book, folder / "school.xlsx")

    def write_ratings(self, folder: Path) -> None:
        rnd = self.rnd
        baseline = rnd.randint(0, max(0, self.current - 2))
        later = sorted({baseline, rnd.randint(baseline, self.current), self.current})
        rows = []
        for _number, kpis in self.framework.items():
            for kpi in kpis:
                for term in later:
                    if term != baseline and rnd.random() < 0.3:
                        continue
                    rating = rnd.choice(rnd.choice(RATINGS)[1])
                    rows.append(
                        (
                            self.terms[term][0],
                            kpi,
                            rating,
                            self.long_text(0.15, 50, 600) or self.sentence(),
                            self.sentence() if rnd.random() < 0.7 else "",
                        )
                    )
        book = Workbook()
        headers = ["Term", "KPI", "Rating", "Current achievements", "Next steps"]
        _sheet(book, "Ratings", headers, rows, text=("KPI",))
        _save(book, folder / "ratings.xlsx")

    def write_actions(self, folder: Path, facts: Facts) -> None:
        rnd = self.rnd
        kpis = [k for number, ks in self.framework.items() for k in ks]
        width = 2 if self.action_count < 100 else 3 if self.action_count < 1000 else 4
        rows, log = [], []
        for n in range(1, self.action_count + 1):
            ref = f"A{n:0{width}d}"
            start = rnd.randint(0, self.current)
            due = rnd.randint(start, min(start + 4, len(self.terms) - 1))
            status = rnd.choice(STATUSES)
            if due < self.current and rnd.random() < 0.5:
                status = "Completed"
            completed = self.term_or_date(min(due, self.current)) if status == "Completed" else ""
            lead = rnd.choice(self.staff) if rnd.random() > 0.05 else ""
            monitor = rnd.choice(self.staff) if rnd.random() > 0.05 else ""
            text = self.sentence(5, 22)
            if rnd.random() < 0.06:
                text = self.long_text(1, 400, 3000)
            original = self.term_or_date(due - 1) if rnd.random() < 0.1 and due > start else ""
            refs = rnd.sample(self.evidence_refs, k=min(len(self.evidence_refs), rnd.randint(0, 2)))
            rows.append(
                (
                    ref,
                    ", ".join(rnd.sample(kpis, k=rnd.choice([1, 1, 1, 2]))),
                    text,
                    lead,
                    monitor,
                    self.term_or_date(start, last=False),
                    rnd.choice(["Ongoing", "TBC"])
                    if rnd.random() < 0.05
                    else self.term_or_date(due),
                    original,
                    status,
                    completed,
                    self.sentence() if rnd.random() < 0.7 else "",
                    ", ".join(refs),
                    self.long_text(0.05) or (self.sentence() if status == "Dropped" else ""),
                )
            )
            facts.actions[ref] = text
            if rnd.random() < 0.3:
                log.append(
                    (self.terms[self.current][1], ref, self.sentence(), rnd.choice(["", "WG"]))
                )
        if self.rnd.random() < 0.01 and rows:  # the longest a cell may hold
            first = list(rows[0])
            first[2] = (self.sentence(8, 20) + ". ") * 1500
            first[2] = first[2][:32000]
            rows[0] = tuple(first)
            facts.actions[first[0]] = first[2]
        headers = [
            "Ref",
            "KPI",
            "Action",
            "Lead",
            "Monitored by",
            "Start",
            "Due",
            "Original due",
            "Status",
            "Completed",
            "Success criteria",
            "Evidence",
            "Notes",
        ]
        book = Workbook()
        _sheet(book, "Actions", headers, rows, text=("KPI", "Ref"))
        seen: set[str] = set()
        log = [row for row in log if not (row[1] in seen or seen.add(row[1]))]
        _sheet(book, "Monitoring log", ["Date", "Ref", "Note", "By"], log)
        _save(book, folder / "actions.xlsx")

    def write_evidence(self, folder: Path, facts: Facts) -> list[str]:
        rnd = self.rnd
        kpis = [k for number, ks in self.framework.items() for k in ks]
        count = rnd.randint(5, 90 if self.action_count > 60 else 40)
        rows, refs = [], []
        for n in range(1, count + 1):
            ref = f"E{n:02d}"
            kind = rnd.choice(EVIDENCE_TYPES)
            title = self.sentence(2, 9)
            if rnd.random() < 0.05:
                title = f"{ARABIC} ({ref})"
            location: object = ""
            in_pack = rnd.random() < 0.5
            consent = rnd.choice(["Yes", "Yes", "No", ""])
            roll = rnd.random()
            if roll < 0.55:
                location = self.evidence_file(folder, ref, kind, missing=rnd.random() < 0.08)
            elif roll < 0.7:
                location = f"https://www.example.sch.uk/{ref.lower()}"
            elif roll < 0.8:
                location = "Shared drive: LPPA/Tracker.xlsx"
            else:
                location = f"Portfolio binder, tab {rnd.randint(1, 9)}"
            day: object = self.term_or_date(rnd.randint(0, self.current))
            if rnd.random() < 0.05:
                day = self.terms[self.current][0]  # the current term's label, as a date
            rows.append(
                (
                    ref,
                    title,
                    ", ".join(rnd.sample(kpis, k=rnd.choice([1, 1, 2, 3]))),
                    kind,
                    day,
                    location,
                    rnd.choice(["Yes", "Y", "✓"]) if in_pack else rnd.choice(["No", "", "N"]),
                    consent,
                )
            )
            refs.append(ref)
            facts.evidence[ref] = title
        book = Workbook()
        headers = ["Ref", "Title", "KPIs", "Type", "Date", "Location", "In pack", "Consent"]
        _sheet(book, "Evidence", headers, rows, text=("KPIs",))
        _save(book, folder / "evidence.xlsx")
        return refs

    def evidence_file(self, folder: Path, ref: str, kind: str, missing: bool) -> str:
        """A real file in the evidence folder (or its name only, when ``missing``)."""
        suffix = {"Photo": ".jpg", "Spreadsheet": ".xlsx", "Minutes": ".docx"}.get(kind, ".pdf")
        if kind == "Photo" and self.rnd.random() < 0.3:
            suffix = ".png"
        name = f"{ref.lower()}-{kind.lower().replace(' ', '-')}{suffix}"
        if missing:
            return name
        path = folder / "evidence" / name
        if suffix in (".jpg", ".png"):
            from PIL import Image

            colour = tuple(self.rnd.randint(40, 220) for _ in range(3))
            Image.new("RGB", (self.rnd.choice([640, 1200]), 480), colour).save(path)
        elif suffix == ".xlsx":
            book = Workbook()
            ws = book.active
            columns = self.rnd.randint(3, 16)
            ws.append([f"Column {c}" for c in range(1, columns + 1)])
            for r in range(self.rnd.randint(3, 40)):
                ws.append([self.gb.word() if c % 2 else r * c for c in range(columns)])
            book.save(path)
        elif suffix == ".docx":
            import docx

            document = docx.Document()
            document.add_heading(f"Minutes {ref}", 1)
            for _ in range(self.rnd.randint(1, 6)):
                document.add_paragraph(self.gb.paragraph())
            document.save(str(path))
        else:
            from reportlab.lib.pagesizes import A4
            from reportlab.pdfgen import canvas

            pdf = canvas.Canvas(str(path), pagesize=A4)
            for page in range(self.rnd.randint(1, 3)):
                pdf.drawString(72, 760, f"{ref}: page {page + 1}")
                pdf.showPage()
            pdf.save()
        return name if self.rnd.random() < 0.8 else name.replace("/", "\\")

    def write_surveys(self, folder: Path, facts: Facts) -> None:
        rnd = self.rnd
        kpis = [k for number, ks in self.framework.items() for k in ks]
        five = ["Strongly agree", "Agree", "Disagree", "Strongly disagree", "Don't know"]
        pupil = ["Yes", "Sometimes", "No", "Don't know"]
        young = rnd.choice(["Pupil", "Student"])
        facts.young = f"{young}s"  # what the school calls them, which the pack must print
        forms = [
            ("Parent", "Parents", five, ["Strongly agree", "Agree"]),
            ("Staff", "Staff", five, ["Strongly agree", "Agree"]),
            (young, f"{young}s", pupil, ["Yes"]),
        ]
        if rnd.random() < 0.6:
            forms.append(("Governor", "Governors", five, ["Strongly agree", "Agree"]))
        minimum = self.minimum
        rounds, questions, tallies, comments = [], [], [], []
        for form, _group, answers, _ in forms:
            asked = [self.sentence(4, 12) + "." for _ in range(rnd.randint(2, 6))]
            for q, question in enumerate(asked, start=1):
                questions.append((form, str(q), question, rnd.choice(kpis), ""))
            for round_, when in (("Baseline", 0), ("Follow-up", self.current)):
                returned = rnd.randint(5, 12) if form == "Governor" else rnd.randint(8, 200)
                if returned < minimum:
                    facts.withheld.append((form, round_))
                rounds.append((round_, form, self.terms[when][1], returned + 20, returned))
                for q in range(1, len(asked) + 1):
                    counts = [0] * len(answers)
                    for _ in range(returned - rnd.randint(0, 2)):
                        counts[rnd.randrange(len(answers))] += 1
                    tallies.append((round_, form, str(q), dict(zip(answers, counts, strict=True))))
                if rnd.random() < 0.5:
                    comments.append((round_, form, self.sentence(), rnd.choice(["Yes", "No"])))
        headers = ["Round", "Form", "Q", *five, "Yes", "Sometimes", "No"]
        tally_rows = [(r, f, q, *(c.get(h, "") for h in headers[3:])) for r, f, q, c in tallies]
        book = Workbook()
        _sheet(
            book,
            "Forms",
            ["Form", "Group", "Answers", "Positive"],
            [(f, g, ", ".join(a), ", ".join(p)) for f, g, a, p in forms],
        )
        _sheet(book, "Rounds", ["Round", "Form", "Date", "Issued", "Returned"], rounds)
        _sheet(book, "Questions", ["Form", "Q", "Question", "KPIs", "Round"], questions)
        _sheet(book, "Tallies", headers, tally_rows)
        _sheet(book, "Comments", ["Round", "Form", "Comment", "May quote"], comments)
        _save(book, folder / "surveys.xlsx")

    def write_impact(self, folder: Path) -> None:
        rnd = self.rnd
        rows = []
        level = rnd.uniform(94.5, 96.0)
        for label, _, _ in self.terms[: self.current + 1]:
            level += rnd.uniform(-0.4, 0.5)
            rows.append((label, "Attendance %", round(level, 1), 96))
            rows.append((label, "Parents at events", rnd.randint(10, 120), ""))
        book = Workbook()
        _sheet(book, "Measures", ["Term", "Measure", "Value", "Target"], rows)
        _save(book, folder / "impact.xlsx")


def _sheet(
    book: Workbook,
    title: str,
    headers: list[str],
    rows: list[tuple[object, ...]],
    text: tuple[str, ...] = (),
) -> None:
    """A sheet as Excel holds it: dates as date cells, text columns formatted as Text."""
    ws = book.create_sheet(title)
    if "Sheet" in book.sheetnames and len(book.sheetnames) > 1:
        del book["Sheet"]
    ws.append(headers)
    for values in rows:
        ws.append(
            [
                datetime(v.year, v.month, v.day)
                if isinstance(v, date)
                else (v if v != "" else None)
                for v in values
            ]
        )
    for column, header in enumerate(headers, start=1):
        for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
            if isinstance(cell.value, datetime):
                cell.number_format = "DD/MM/YYYY"
            elif header in text:
                cell.number_format = "@"


def _save(book: Workbook, path: Path) -> None:
    book.save(path)


def make_school(seed: int, folder: Path, actions: int | None = None) -> Facts:
    """Write a whole school's inputs into ``folder``; returns what its pack must show."""
    return School(seed, actions).make(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--actions", type=int)
    args = parser.parse_args()
    facts = make_school(args.seed, args.folder, args.actions)
    print(f"{facts.name}: {len(facts.actions)} actions, {len(facts.evidence)} evidence items")


if __name__ == "__main__":
    main()
