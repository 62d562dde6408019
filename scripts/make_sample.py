"""Write the sample school's workbooks and evidence files into ``inputs/`` (or a folder given).

Run it with ``nox -s sample``. The content lives in ``sample_data.py``; this file only lays it
out the way the contract (``docs/inputs.md``) says, as a clerical team would: KPI columns
formatted as Text, dates as real date cells or typed as text, terms given as labels.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

sys.path.insert(0, str(Path(__file__).parent))
import sample_data as data

FIXED_TIME = datetime(2018, 3, 16, 12, 0, 0)
TEXT_COLUMNS = {"KPI", "KPIs", "Q", "Ref", "Evidence", "Term", "Round", "Objective"}
DATE_COLUMNS = {"Starts", "Ends", "Date", "Start", "Due", "Original due", "Completed"}


def _as_date(text: str) -> object:
    """'24/01/2017' becomes a real date cell, as Excel does when a date is typed."""
    try:
        return datetime.strptime(text, "%d/%m/%Y")
    except ValueError:
        return text


def add_sheet(book: Workbook, title: str, headers: list[str], rows: list[tuple]) -> None:
    ws = book.create_sheet(title)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    for values in rows:
        out = []
        for header, value in zip(headers, values, strict=False):
            if header in DATE_COLUMNS and isinstance(value, str):
                value = _as_date(value)
            if isinstance(value, date) and not isinstance(value, datetime):
                value = datetime(value.year, value.month, value.day)
            out.append(value if value != "" else None)
        ws.append(out)
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        width = max(len(str(header)), *(len(str(r[index - 1])) for r in rows if len(r) >= index))
        ws.column_dimensions[letter].width = min(max(width + 2, 10), 60)
        for (cell,) in ws.iter_rows(min_col=index, max_col=index, min_row=2):
            if header in TEXT_COLUMNS:
                cell.number_format = "@"
                if cell.value is not None:
                    cell.value = str(cell.value)
            elif isinstance(cell.value, datetime):
                cell.number_format = "DD/MM/YYYY"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def save(book: Workbook, path: Path) -> None:
    del book["Sheet"]
    book.properties.creator = "LPPA sample school"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.save(path)


def write_workbooks(folder: Path) -> None:
    book = Workbook()
    add_sheet(book, "School", ["Field", "Value"], list(data.SCHOOL.items()))
    add_sheet(book, "Terms", ["Term", "Starts", "Ends"], data.terms())
    add_sheet(book, "Working group", ["Name", "Role", "Represents"], data.WORKING_GROUP)
    add_sheet(
        book,
        "Objective 9",
        ["Objective", "Achievements", "Impact", "Next priorities"],
        data.OBJECTIVE_9,
    )
    add_sheet(
        book,
        "Verification day",
        ["Time", "Session", "With", "Staff", "Room"],
        data.VERIFICATION_DAY,
    )
    add_sheet(book, "Settings", ["Field", "Value"], data.SETTINGS)
    save(book, folder / "school.xlsx")

    book = Workbook()
    add_sheet(book, "Objectives", ["Objective", "Title", "Theme"], data.OBJECTIVES)
    kpi_rows = [(k, k.split(".")[0], s) for k, s in data.KPIS]
    add_sheet(book, "KPIs", ["KPI", "Objective", "Statement"], kpi_rows)
    save(book, folder / "framework.xlsx")

    rating_rows = []
    for index, term in enumerate((data.BASELINE, data.INTERIM, data.CURRENT)):
        for kpi, levels in data.RATINGS.items():
            if levels[index] is None:
                continue
            latest = index == 2
            rating_rows.append(
                (
                    term,
                    kpi,
                    levels[index],
                    data.ACHIEVEMENTS.get(kpi, "") if latest else "",
                    data.NEXT_STEPS.get(kpi, "") if latest else "",
                )
            )
    book = Workbook()
    add_sheet(
        book,
        "Ratings",
        ["Term", "KPI", "Rating", "Current achievements", "Next steps"],
        rating_rows,
    )
    save(book, folder / "ratings.xlsx")

    book = Workbook()
    add_sheet(
        book,
        "Actions",
        [
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
        ],
        data.ACTIONS,
    )
    add_sheet(book, "Monitoring log", ["Date", "Ref", "Note", "By"], data.MONITORING_LOG)
    save(book, folder / "actions.xlsx")

    book = Workbook()
    add_sheet(
        book,
        "Evidence",
        ["Ref", "Title", "KPIs", "Type", "Date", "Location", "In pack", "Consent"],
        data.EVIDENCE,
    )
    save(book, folder / "evidence.xlsx")

    book = Workbook()
    add_sheet(book, "Forms", ["Form", "Group", "Answers", "Positive"], data.FORMS)
    add_sheet(book, "Rounds", ["Round", "Form", "Date", "Issued", "Returned"], data.ROUNDS)
    add_sheet(book, "Questions", ["Form", "Q", "Question", "KPIs", "Round"], data.QUESTIONS)
    five = ["Strongly agree", "Agree", "Disagree", "Strongly disagree", "Don't know"]
    pupil = ["Yes", "Sometimes", "No"]
    headers = ["Round", "Form", "Q", *five, *pupil]
    tally_rows = []
    for round_, form, q, counts in data.TALLIES:
        row = [round_, form, q] + [""] * (len(five) + len(pupil))
        if form == "Pupil":
            for answer, count in zip(["Yes", "Sometimes", "No", "Don't know"], counts, strict=True):
                row[headers.index(answer)] = count
        else:
            for answer, count in zip(five, counts, strict=True):
                row[headers.index(answer)] = count
        tally_rows.append(tuple(row))
    add_sheet(book, "Tallies", headers, tally_rows)
    add_sheet(book, "Comments", ["Round", "Form", "Comment", "May quote"], data.COMMENTS)
    save(book, folder / "surveys.xlsx")

    book = Workbook()
    add_sheet(book, "Measures", ["Term", "Measure", "Value", "Target"], data.IMPACT)
    save(book, folder / "impact.xlsx")


def write_evidence(folder: Path) -> None:
    """One evidence file of each printable type, and the school's logo."""
    from docx import Document
    from PIL import Image, ImageDraw
    from pptx import Presentation
    from pptx.util import Inches, Pt
    from reportlab.lib.pagesizes import A4

    from pipeline import typeset

    evidence = folder / "evidence"
    evidence.mkdir(parents=True, exist_ok=True)

    fonts = typeset.fonts()  # embedded, as a school's own PDF should be
    pdf = typeset.new_canvas(str(evidence / "E01-statement-of-commitment.pdf"), A4)
    pdf.setTitle("Statement of commitment")
    pdf.setFont(fonts.bold, 20)
    pdf.drawString(72, 760, "Meadowbank Primary School")
    pdf.setFont(fonts.regular, 14)
    pdf.drawString(72, 730, "Statement of commitment to the Leading Parent Partnership Award")
    text = pdf.beginText(72, 690)
    text.setFont(fonts.regular, 11)
    for line in (
        "We, the headteacher and governors of Meadowbank Primary School, commit the school",
        "to working towards the Leading Parent Partnership Award, and to making parents",
        "partners in their children's learning.",
        "",
        "Signed: Helen Okafor, Headteacher          Signed: Priya Nair, Chair of Governors",
        "Date: 24 January 2017",
    ):
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()

    doc = Document()
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    doc.add_heading("LPPA working group: minutes", 0)
    for when, notes in (
        (
            "7 December 2017",
            [
                "Signs installed; feedback positive.",
                "Handbook translation delayed: due date moved to February.",
                "Hall closed until Easter: evening events paused.",
            ],
        ),
        (
            "1 February 2018",
            ["Polish translation received.", "Follow-up survey: 121 parents replied (57%)."],
        ),
        ("15 March 2018", ["Attendance target met.", "Objective 9 summary drafted for the visit."]),
    ):
        doc.add_heading(when, 1)
        for note in notes:
            doc.add_paragraph(note, style="List Bullet")
    doc.save(evidence / "E02-working-group-minutes.docx")

    book = Workbook()
    ws = book.active
    ws.title = "Analysis"
    ws.append(["Question", "Baseline % positive", "Follow-up % positive"])
    for row in (
        ("I feel welcome", 77.2, 91.4),
        ("Kept informed", 62.0, 87.2),
        ("Events at times I can attend", 45.6, 44.2),
    ):
        ws.append(row)
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 20
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.save(evidence / "E05-parent-survey-analysis.xlsx")

    deck = Presentation()
    deck.core_properties.created = FIXED_TIME
    deck.core_properties.modified = FIXED_TIME
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = "Helping your child with maths"
    slide.placeholders[1].text = "Family learning workshop, 23 November 2017"
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Tonight"
    body = slide.placeholders[1].text_frame
    body.text = "How we teach calculation"
    for line in ("Games to play at home", "Questions and answers"):
        body.add_paragraph().text = line
    box = slide.shapes.add_textbox(Inches(1), Inches(6.5), Inches(8), Inches(0.5))
    box.text_frame.text = "Meadowbank Primary School"
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    deck.save(evidence / "E07-family-learning-workshop.pptx")

    def picture(size: tuple[int, int], sky: tuple[int, int, int], caption: str) -> Image.Image:
        image = Image.new("RGB", size, sky)
        draw = ImageDraw.Draw(image)
        w, h = size
        draw.rectangle((0, int(h * 0.65), w, h), fill=(96, 140, 70))
        draw.rectangle((int(w * 0.2), int(h * 0.3), int(w * 0.8), int(h * 0.7)), fill=(180, 70, 60))
        draw.rectangle(
            (int(w * 0.3), int(h * 0.4), int(w * 0.7), int(h * 0.5)), fill=(250, 250, 240)
        )
        draw.text((int(w * 0.32), int(h * 0.43)), caption, fill=(20, 20, 20))
        return image

    picture((1200, 900), (170, 200, 230), "WELCOME  WITAMY  KHUSH AMDEED").save(
        evidence / "E08-welcome-signs.png"
    )
    # Stored sideways with an EXIF orientation, as a phone saves a portrait photo.
    photo = picture((1600, 1200), (230, 220, 180), "FAMILY MATHS MORNING")
    exif = Image.Exif()
    exif[0x0112] = 6
    photo.rotate(90, expand=True).save(
        evidence / "E09-family-maths-morning.jpg", quality=80, exif=exif
    )
    picture((1600, 1200), (200, 180, 220), "READING CAFE").save(
        evidence / "E10-reading-cafe.jpg", quality=80
    )

    logo = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.ellipse((10, 10, 390, 390), fill=(31, 78, 121, 255))
    draw.polygon([(200, 70), (320, 300), (80, 300)], fill=(255, 255, 255, 255))
    draw.rectangle((170, 230, 230, 300), fill=(96, 140, 70, 255))
    logo.save(folder / "logo.png")


def steady(folder: Path) -> None:
    """Give every zip-based file (xlsx, docx, pptx) fixed entry times, so that regenerating an
    unchanged sample changes no file."""
    import zipfile

    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".xlsx", ".docx", ".pptx"):
            continue
        with zipfile.ZipFile(path) as source:
            entries = [(info, source.read(info)) for info in source.infolist()]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in entries:
                if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                    data = re.sub(
                        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                        rb"\g<1>2018-03-16T12:00:00Z\g<2>",
                        data,
                    )
                fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = info.external_attr
                target.writestr(fixed, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default="inputs", type=Path)
    folder = parser.parse_args().folder
    folder.mkdir(parents=True, exist_ok=True)
    write_workbooks(folder)
    write_evidence(folder)
    steady(folder)
    print(f"Sample school written to {folder}/")


if __name__ == "__main__":
    main()
