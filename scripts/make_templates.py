"""Make the Word templates in ``templates/`` from scratch.

Run it with ``nox -s templates``. A school may instead restyle a template in Word or
LibreOffice (logo, fonts, colours); the build only needs the ``{{ … }}`` and ``{% … %}`` tags.
Each tag is written as a single run here, so no tag is split across Word's runs.
Templates carry no page numbers and no running heads: the pack's page frame (running head,
"Page N of M") is stamped on every page when it is assembled.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

NAVY = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x59, 0x59, 0x59)
FIXED_TIME = datetime(2026, 11, 23, 12, 0, 0)


def new_document(landscape: bool) -> Document:
    doc = Document()
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    doc.core_properties.author = "LPPA pipeline"
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = Mm(15)
    # Room below the text for the page number stamped at assembly.
    section.bottom_margin = Mm(20)
    section.header_distance = Mm(7)
    section.footer_distance = Mm(7)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Calibri")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.append(lang)
    for name, size in (("Title", 24), ("Heading 1", 15), ("Heading 2", 12)):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = NAVY
        style.font.bold = True
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    styles["Heading 1"].paragraph_format.space_after = Pt(4)
    subhead = styles.add_style("Section heading", WD_STYLE_TYPE.PARAGRAPH)
    subhead.base_style = normal
    subhead.font.size = Pt(12)
    subhead.font.bold = True
    subhead.font.color.rgb = NAVY
    subhead.paragraph_format.space_before = Pt(10)
    subhead.paragraph_format.keep_with_next = True
    small = styles.add_style("Table text", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9)
    small.paragraph_format.space_after = Pt(0)
    return doc


def paragraph(doc: Document, text: str, style: str | None = None, **font: object) -> None:
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    for key, value in font.items():
        setattr(run.font, key, value)


def shade(cell, colour: str) -> None:  # type: ignore[no-untyped-def]
    props = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour)
    props.append(fill)


def row_flags(row, header: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A header row repeats on every page the table runs onto. No row is marked "cannot
    split" (w:cantSplit): under a heading kept with its table, LibreOffice 7.4 then drops the
    rows after a page break without a word (docs/decisions.md, "Rows lost at a page break")."""
    if header:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def table(
    doc: Document,
    widths_mm: list[float],
    headers: list[str],
    cells: list[str],
    loop: str,
    total: list[str] | None = None,
    with_next: bool = False,
) -> None:
    """A table with a header row (repeated on every page) and one looped row of ``cells``;
    the paragraph before it keeps with it, so that no heading is left alone at a page foot.
    ``with_next``: every row keeps with the next, so that a short table stays on the page of
    the chart after it."""
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    rows = 4 + (1 if total else 0)
    t = doc.add_table(rows=rows, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False

    def fill(row_index: int, texts: list[str], bold: bool = False) -> None:
        for index, text in enumerate(texts):
            cell = t.rows[row_index].cells[index]
            p = cell.paragraphs[0]
            p.style = doc.styles["Table text"]
            run = p.add_run(text)
            run.font.bold = bold

    fill(0, headers, bold=True)
    for cell in t.rows[0].cells:
        shade(cell, "1F4E79")
        for run in cell.paragraphs[0].runs:
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    row_flags(t.rows[0], header=True)
    fill(1, [f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1))
    fill(2, cells)
    fill(3, ["{%tr endfor %}"] + [""] * (len(headers) - 1))
    if total:
        fill(4, total, bold=True)
    if with_next:
        for row in t.rows:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    # LibreOffice lays a table out by its grid, Word by its cells: set both.
    for column, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(Mm(width).twips))
    for row in t.rows:
        for index, width in enumerate(widths_mm):
            row.cells[index].width = Mm(width)


def self_evaluation(path: Path) -> None:
    doc = new_document(landscape=True)
    doc.add_paragraph("School Self-Evaluation Form", style="Title")
    paragraph(doc, "{{ school_name }}")
    doc.paragraphs[-1].runs[0].font.size = Pt(16)
    doc.paragraphs[-1].runs[0].font.bold = True
    paragraph(
        doc,
        "Term: {{ term }}   ·   Baseline: {{ baseline_term }}   ·   As of {{ as_of }}   ·   "
        "LPPA coordinator: {{ coordinator }}",
    )
    paragraph(
        doc,
        "Each key performance indicator (KPI) is rated Fully achieved, Partly achieved or Much "
        "more development needed. The baseline is the school's first self-evaluation "
        "({{ baseline_term }}); the current rating is the latest up to {{ term }}. Movement "
        "compares the two. Evidence names each KPI's items, with the evidence appendix's page "
        "where it is printed (p. A3: the appendix's third page, numbered so at its foot); the "
        "portfolio index says where every item is kept.",
        color_rgb=GREY,
    )
    doc.add_paragraph("Ratings by objective", style="Section heading")
    table(
        doc,
        [105, 30, 30, 42, 25, 35],
        [
            "Objective",
            "Fully achieved",
            "Partly achieved",
            "Much more development needed",
            "Not rated",
            "Improved since baseline",
        ],
        [
            "{{ o.heading }}",
            "{{ o.fully }}",
            "{{ o.partly }}",
            "{{ o.mmdn }}",
            "{{ o.not_rated }}",
            "{{ o.improved }}",
        ],
        loop="o in objectives",
        total=[
            "All {{ totals.kpis }} KPIs",
            "{{ totals.fully }}",
            "{{ totals.partly }}",
            "{{ totals.mmdn }}",
            "{{ totals.not_rated }}",
            "{{ totals.improved }}",
        ],
    )
    doc.add_paragraph("{%p for o in objectives %}")
    doc.add_paragraph("{{ o.heading }}", style="Heading 1")
    paragraph(doc, "{{ o.theme_line }}{{ o.counts_line }}", italic=True, color_rgb=GREY)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    table(
        doc,
        [13, 44, 48, 48, 20, 36, 36, 22],
        [
            "KPI",
            "Statement",
            "Baseline",
            "Current",
            "Movement",
            "Current achievements",
            "Next steps",
            "Evidence",
        ],
        [
            # The KPI's number in a Word bookmark (kpi-8-3) that LibreOffice exports as a PDF
            # destination: the pack's KPI bookmarks are placed from it, never found in text.
            "{{r k.marked_id }}",
            "{{ k.statement }}",
            "{% cellbg k.baseline_fill %}{{ k.baseline }}",
            "{% cellbg k.current_fill %}{{ k.current }}",
            "{{ k.movement }}",
            "{{ k.achievements }}",
            "{{ k.next_steps }}",
            "{{ k.evidence }}",
        ],
        loop="k in o.kpis",
    )
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)


# About 156 characters wide in all: fitted to A4 landscape, 9-point text prints at 8 points or
# more. Widen a column and the whole plan prints smaller.
def paragraphs_block(doc: Document, expression: str) -> None:
    """Loop over a list of {text, bullet} paragraphs: bullets in List Bullet, the rest Normal."""
    doc.add_paragraph(f"{{%p for p in {expression} %}}")
    doc.add_paragraph("{%p if p.bullet %}")
    doc.add_paragraph("{{ p.text }}", style="List Bullet")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ p.text }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")


def objective_9_summary(path: Path) -> None:
    doc = new_document(landscape=False)
    doc.add_paragraph("{{ title }}", style="Title")
    paragraph(doc, "{{ school_name }}")
    doc.paragraphs[-1].runs[0].font.size = Pt(16)
    doc.paragraphs[-1].runs[0].font.bold = True
    paragraph(
        doc, "Term: {{ term }}   ·   As of {{ as_of }}   ·   LPPA coordinator: {{ coordinator }}"
    )
    paragraph(doc, "{{ source_line }}", color_rgb=GREY, italic=True)

    doc.add_paragraph("Our vision", style="Heading 1")
    paragraphs_block(doc, "vision")

    doc.add_paragraph("{%p for o in objectives %}")
    doc.add_paragraph("{{ o.heading }}", style="Heading 1")
    doc.add_paragraph("{%p if o.has_words %}")
    for title, key in (
        ("Achievements", "achievements"),
        ("Impact", "impact"),
        ("Next priorities", "next_priorities"),
    ):
        doc.add_paragraph(title, style="Section heading")
        paragraphs_block(doc, f"o.{key}")
    doc.add_paragraph("{%p else %}")
    paragraph(doc, "{{ o.no_words }}", italic=True)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("What the data shows", style="Section heading")
    for title, key in (
        ("Ratings from the baseline to now", "ratings"),
        ("Actions completed", "completed"),
        ("Evidence held", "evidence"),
    ):
        paragraph(doc, title, bold=True, color_rgb=GREY)
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
        paragraphs_block(doc, f"o.{key}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("Overall", style="Heading 1")
    paragraphs_block(doc, "overall")

    doc.add_paragraph("Next priorities", style="Heading 1")
    doc.add_paragraph("{%p for g in priorities %}")
    doc.add_paragraph("{{ g.heading }}", style="Section heading")
    paragraphs_block(doc, "g.lines")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("Impact measures", style="Heading 1")
    doc.add_paragraph("{%p for c in charts %}")
    doc.add_paragraph("{{ c.image }}")
    paragraph(doc, "{{ c.caption }}", italic=True, color_rgb=GREY)
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if not charts %}")
    paragraph(doc, "{{ no_charts }}", italic=True)
    doc.add_paragraph("{%p endif %}")

    doc.add_paragraph("Achieved term by term", style="Heading 1")
    doc.add_paragraph("{%p for t in by_term %}")
    doc.add_paragraph("{{ t.label }}", style="Section heading")
    paragraphs_block(doc, "t.lines")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)


def stakeholder_evaluation(path: Path) -> None:
    doc = new_document(landscape=False)
    doc.add_paragraph("Stakeholder evaluation", style="Title")
    paragraph(doc, "{{ school_name }}")
    doc.paragraphs[-1].runs[0].font.size = Pt(16)
    doc.paragraphs[-1].runs[0].font.bold = True
    paragraph(doc, "Term: {{ term }}   ·   As of {{ as_of }}")
    paragraph(
        doc,
        "What staff, parents and pupils told us in the stakeholder evaluation forms. A positive "
        "share is the positive answers out of all answers other than Don't know. For a question "
        "it is shown with n, the answers it rests on; where questions are pooled (the reality "
        "check) with the number of people who returned forms. Where fewer than {{ minimum }} "
        "answered, nothing of their answers is printed, in a table or a chart: it is withheld.",
        color_rgb=GREY,
    )
    doc.add_paragraph("{%p for f in forms %}")
    doc.add_paragraph("{{ f.heading }}", style="Heading 1")
    paragraph(doc, "{{ f.scale }}", italic=True, color_rgb=GREY)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the heading with a round
    doc.add_paragraph("{%p for r in f.rounds %}")
    doc.add_paragraph("{{ r.heading }}", style="Section heading")
    paragraph(doc, "{{ r.response }}")
    table(
        doc,
        [10, 70, 70, 30],
        ["Q", "Question", "Answers (count)", "Positive (n)"],
        ["{{ q.number }}", "{{ q.text }}", "{{ q.answers }}", "{{ q.share }}"],
        loop="q in r.questions",
        with_next=True,
    )
    doc.add_paragraph("{{ r.chart }}")
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the chart with its caption
    paragraph(doc, "{{ r.chart_note }}", italic=True, color_rgb=GREY, size=Pt(9))
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if f.changes %}")
    doc.add_paragraph("{{ f.change_heading }}", style="Section heading")
    table(
        doc,
        [10, 80, 30, 30, 30],
        ["Q", "Question", "{{ f.first }}", "{{ f.last }}", "Change"],
        ["{{ c.number }}", "{{ c.text }}", "{{ c.baseline }}", "{{ c.latest }}", "{{ c.words }}"],
        loop="c in f.changes",
        with_next=True,
    )
    doc.add_paragraph("{{ f.change_chart }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if f.comments %}")
    doc.add_paragraph("In their own words", style="Section heading")
    doc.add_paragraph("{%p for c in f.comments %}")
    doc.add_paragraph("“{{ c.text }}” ({{ c.round }})", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")

    doc.add_paragraph("The reality check", style="Heading 1")
    paragraph(
        doc,
        "The coordinator's current rating of each KPI beside what each group said on the "
        "questions linked to it, pooled, in the latest round. A Fully achieved rating is "
        "challenged where a group's positive share is under {{ low }}%; a Much more development "
        "needed rating where every group's is over {{ high }}%. Withheld shares never challenge "
        "a rating.",
        color_rgb=GREY,
    )
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the heading with its table
    doc.add_paragraph("{%p if checks %}")
    table(
        doc,
        [14, 40, 76, 50],
        ["KPI", "Coordinator's rating", "What the stakeholders say", "Check"],
        ["{{ k.kpi }}", "{{ k.rating }}", "{{ k.groups }}", "{% cellbg k.fill %}{{ k.flag }}"],
        loop="k in checks",
    )
    doc.add_paragraph("{%p else %}")
    paragraph(doc, "No survey question is linked to a KPI, so there is nothing to check.")
    doc.add_paragraph("{%p endif %}")
    doc.save(path)


def verification_pack(path: Path) -> None:
    """The front matter: cover, the school, the working group, the timeline, the interim
    follow-up and the verification-day plan."""
    from docx.enum.text import WD_BREAK

    doc = new_document(landscape=False)
    for _ in range(3):
        doc.add_paragraph("")
    centred = []
    centred.append(doc.add_paragraph("{{ logo }}"))
    p = doc.add_paragraph("{{ school_name }}", style="Title")
    centred.append(p)
    for text, size, bold in (
        ("Leading Parent Partnership Award", 20, True),
        ("Verification pack", 18, False),
        ("{{ term }}", 14, False),
        ("{{ date_line }}", 12, False),
    ):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = NAVY
        centred.append(p)
    for p in centred:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    doc.add_paragraph("At a glance", style="Heading 1")
    paragraph(doc, "{{ glance_intro }}", color_rgb=GREY)
    table(
        doc,
        [64, 14, 20, 20, 28, 18, 16],
        [
            "Objective",
            "KPIs",
            "Fully achieved",
            "Partly achieved",
            "Much more development needed",
            "Improved since baseline",
            "KPIs with evidence",
        ],
        [
            "{{ o.name }}",
            "{{ o.kpis }}",
            "{{ o.fully }}",
            "{{ o.partly }}",
            "{{ o.mmdn }}",
            "{{ o.improved }}",
            "{{ o.evidence }}",
        ],
        loop="o in glance_objectives",
        total=[
            "{{ glance_total.name }}",
            "{{ glance_total.kpis }}",
            "{{ glance_total.fully }}",
            "{{ glance_total.partly }}",
            "{{ glance_total.mmdn }}",
            "{{ glance_total.improved }}",
            "{{ glance_total.evidence }}",
        ],
    )
    paragraph(doc, "")
    table(
        doc,
        [30, 112, 38],
        ["", "Where the school stands", "In full"],
        ["{{ h.what }}", "{{ h.text }}", "{{ h.where }}"],
        loop="h in glance",
    )
    doc.add_paragraph("The school", style="Heading 1")
    doc.paragraphs[-1].paragraph_format.page_break_before = True  # at a glance: a page alone
    table(
        doc,
        [60, 120],
        ["Detail", "As recorded"],
        ["{{ d.field }}", "{{ d.value }}"],
        loop="d in details",
    )
    doc.add_paragraph("The LPPA working group", style="Heading 1")
    paragraph(doc, "{{ group_intro }}")
    doc.add_paragraph("{%p if members %}")
    table(
        doc,
        [60, 70, 50],
        ["Name", "Role", "Represents"],
        ["{{ m.name }}", "{{ m.role }}", "{{ m.represents }}"],
        loop="m in members",
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("The award timeline", style="Heading 1")
    table(
        doc,
        [70, 80, 30],
        ["Milestone", "Date", "Status"],
        ["{{ t.name }}", "{{ t.when }}", "{{ t.state }}"],
        loop="t in timeline",
    )
    doc.add_paragraph("Since the interim visit", style="Heading 1")
    paragraph(doc, "{{ interim_intro }}")
    doc.add_paragraph("{%p if follow_up %}")
    table(
        doc,
        [14, 52, 74, 40],
        ["KPI", "At the interim visit", "Actions since", "Rating now"],
        ["{{ f.kpi }}", "{{ f.then }}", "{{ f.actions }}", "{% cellbg f.fill %}{{ f.now }}"],
        loop="f in follow_up",
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("The verification day", style="Heading 1")
    paragraph(doc, "{{ plan_note }}")
    table(
        doc,
        [20, 62, 40, 34, 24],
        ["Time", "Session", "With", "Staff", "Room"],
        ["{{ s.time }}", "{{ s.session }}", "{{ s.with_whom }}", "{{ s.staff }}", "{{ s.room }}"],
        loop="s in plan",
    )
    doc.save(path)


def portfolio_index(path: Path) -> None:
    doc = new_document(landscape=False)
    doc.add_paragraph("Portfolio index", style="Title")
    paragraph(doc, "{{ intro }}", color_rgb=GREY)
    doc.add_paragraph("{%p for o in objectives %}")
    doc.add_paragraph("{{ o.heading }}", style="Heading 1")
    doc.add_paragraph("{%p for k in o.kpis %}")
    doc.add_paragraph("{{ k.heading }}", style="Heading 2")
    doc.add_paragraph("{%p if k.entries %}")
    table(
        doc,
        [14, 66, 22, 22, 56],
        ["Ref", "Title", "Type", "Date", "Where it is"],
        ["{{ e.ref }}", "{{ e.title }}", "{{ e.type }}", "{{ e.date }}", "{{ e.where }}"],
        loop="e in k.entries",
    )
    doc.add_paragraph("{%p else %}")
    paragraph(doc, "No evidence indexed for this KPI.", bold=True, color_rgb=RGBColor(0x9C, 0, 6))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)


ACTION_COLUMNS = [
    ("Ref", 6.5),
    ("KPI", 7),
    ("Action", 27),
    ("Lead", 12),
    ("Monitored by", 12),
    ("Start", 10.5),
    ("Due", 12),
    ("Status", 11),
    ("Completed", 10.5),
    ("Success criteria", 18),
    ("Evidence", 8.5),
    ("Notes", 14),
]
MONITORING_COLUMNS = [
    ("Objective", 58),
    ("Completed", 12),
    ("In progress", 12),
    ("Not started", 12),
    ("Overdue", 12),
    ("Dropped", 12),
    ("All", 10),
]


def action_plan(path: Path) -> None:
    """The Action Plan workbook. The three rows under the header row are prototypes: an
    objective row, a KPI row and an action row. The build copies their look (fonts, fills,
    borders) to every row it writes, so a school restyles the plan by restyling them."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.workbook.defined_name import DefinedName

    navy, thin = "1F4E79", Side(style="thin", color="A6A6A6")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    wb.properties.creator = "LPPA pipeline"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME

    def sheet_setup(ws, columns, header_row: int, repeat_header: bool = True) -> None:  # type: ignore[no-untyped-def]
        for index, (name, width) in enumerate(columns, start=1):
            letter = ws.cell(row=1, column=index).column_letter
            ws.column_dimensions[letter].width = width
            cell = ws.cell(row=header_row, column=index, value=name)
            cell.font = Font(name="Calibri", size=9, bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor=navy)
            cell.alignment = Alignment(
                wrap_text=True, vertical="center", horizontal="left", indent=1
            )
            cell.border = box
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        if repeat_header:
            ws.print_title_rows = f"{header_row}:{header_row}"
        # Turned on a portrait page, the sides carry the running head and the page number,
        # 9 mm from the edge: the table keeps 16.5 mm clear of both.
        ws.page_margins.left = ws.page_margins.right = 0.65
        ws.page_margins.top = 0.5
        ws.page_margins.bottom = 0.8  # room for the page number stamped at assembly
        ws.sheet_view.showGridLines = False

    ws = wb.active
    ws.title = "Action plan"
    sheet_setup(ws, ACTION_COLUMNS, header_row=5)
    ws["C1"] = "Action Plan"
    ws["C1"].font = Font(name="Calibri", size=18, bold=True, color=navy)
    ws["C2"] = "School name"
    ws["C2"].font = Font(name="Calibri", size=12, bold=True)
    ws["C3"] = "Term and as-of date"
    ws["C3"].font = Font(name="Calibri", size=10, color="595959")
    ws.row_dimensions[1].height = 24
    wb.defined_names["SchoolName"] = DefinedName("SchoolName", attr_text="'Action plan'!$C$2")
    wb.defined_names["TermLine"] = DefinedName("TermLine", attr_text="'Action plan'!$C$3")
    prototypes = [
        (
            "Objective 1: objective row (prototype)",
            Font(name="Calibri", size=11, bold=True, color=navy),
            PatternFill("solid", fgColor="DCE6F1"),
        ),
        (
            "KPI 1.1: KPI row (prototype)",
            Font(name="Calibri", size=9, italic=True),
            PatternFill("solid", fgColor="F2F2F2"),
        ),
        ("A01", Font(name="Calibri", size=9), None),
    ]
    for offset, (text, font, fill) in enumerate(prototypes, start=6):
        for index in range(1, len(ACTION_COLUMNS) + 1):
            cell = ws.cell(row=offset, column=index)
            cell.font = font
            if fill is not None:
                cell.fill = fill
            cell.border = box
            # Indented one step, so that no text or number touches the cell's rule.
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left", indent=1)
        ws.cell(row=offset, column=1, value=text)
    ws.cell(row=8, column=8, value="In progress")
    # Status in colour as well as in words; the words decide the colour.
    status = "H6:H3000"
    for word, fill, font in (
        ("Overdue", "FFC7CE", "9C0006"),
        ("Completed", "C6EFCE", "006100"),
        ("Dropped", "D9D9D9", "404040"),
        ("In progress", "FFEB9C", "9C5700"),
        ("Not started", "FFEB9C", "9C5700"),
    ):
        ws.conditional_formatting.add(
            status,
            FormulaRule(
                formula=[f'NOT(ISERROR(SEARCH("{word}",H6)))'],
                fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                font=Font(color=font, bold=word == "Overdue"),
                stopIfTrue=True,
            ),
        )

    ws = wb.create_sheet("Monitoring")
    # The table fits one page; the lists below it need no header repeated over them.
    sheet_setup(ws, MONITORING_COLUMNS, header_row=4, repeat_header=False)
    ws["A1"] = "Monitoring the action plan"
    ws["A1"].font = Font(name="Calibri", size=18, bold=True, color=navy)
    ws["A2"] = "Are we doing what we said we would do, and are we doing it on time? (KPI 2.4)"
    ws["A2"].font = Font(name="Calibri", size=10, italic=True, color="595959")
    for index in range(1, len(MONITORING_COLUMNS) + 1):
        cell = ws.cell(row=5, column=index, value="0" if index > 1 else "Objective (prototype)")
        cell.font = Font(name="Calibri", size=10)
        cell.border = box
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default="templates", type=Path)
    folder = parser.parse_args().folder
    folder.mkdir(parents=True, exist_ok=True)
    self_evaluation(folder / "self-evaluation.docx")
    action_plan(folder / "action-plan.xlsx")
    objective_9_summary(folder / "objective-9-summary.docx")
    stakeholder_evaluation(folder / "stakeholder-evaluation.docx")
    verification_pack(folder / "verification-pack.docx")
    portfolio_index(folder / "portfolio-index.docx")
    print(f"Templates written to {folder}/")


if __name__ == "__main__":
    main()
