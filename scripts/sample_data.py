"""The sample school's content: a fictional primary school part-way through the award.

Everything here is invented, and the KPI wording is our own: the official wording belongs to
the award body, and a school pastes its own into framework.xlsx. ``make_sample.py`` turns this
into the workbooks in ``inputs/``.
"""

from __future__ import annotations

from datetime import date

from pipeline.default_framework import DEFAULT_KPIS, DEFAULT_OBJECTIVES

# The tables below are laid out a row a line, as they would be in a spreadsheet.
# fmt: off

SCHOOL = {
    "School name": "Meadowbank Primary School",
    "URN": "199999",
    "Headteacher": "Mrs Helen Okafor",
    "LPPA coordinator": "Mr Daniel Reyes",
    "Chair of governors": "Dr Priya Nair",
    "Approach": "School-led",
    "Registration date": date(2017, 1, 10),
    "Interim visit date": date(2017, 10, 12),
    "Verification date": date(2018, 4, 25),
    "Current term": "2017-18 Term 4",
}

# A six-term calendar; other schools use three terms, or different dates.
_TERM_DATES = [
    ((9, 5), (10, 21)),
    ((10, 31), (12, 20)),
    ((1, 4), (2, 10)),
    ((2, 20), (3, 29)),
    ((4, 17), (5, 26)),
    ((6, 5), (7, 21)),
]


def terms() -> list[tuple[str, date, date]]:
    rows = []
    for first_year in (2016, 2017, 2018):
        label_year = f"{first_year}-{(first_year + 1) % 100:02d}"
        for number, ((sm, sd), (em, ed)) in enumerate(_TERM_DATES, start=1):
            sy = first_year if sm >= 9 else first_year + 1
            ey = first_year if em >= 9 else first_year + 1
            rows.append((f"{label_year} Term {number}", date(sy, sm, sd), date(ey, em, ed)))
    return rows


WORKING_GROUP = [
    ("Mr Daniel Reyes", "LPPA coordinator, Year 4 teacher", "Staff"),
    ("Mrs Helen Okafor", "Headteacher", "Senior leadership team"),
    ("Mrs Joanne Pike", "School business manager", "Clerical team"),
    ("Mr Tomasz Nowak", "Parent governor", "Governors and parents"),
    ("Ms Aisha Rahman", "Parent, Friends of Meadowbank", "Parents"),
    ("Ella (Year 6) and Sami (Year 5)", "School council", "Pupils"),
    ("Revd Mark Ellis", "St Luke's Community Centre", "Community partners"),
]

# The default framework ships with the tool (pipeline/default_framework.py).
OBJECTIVES = DEFAULT_OBJECTIVES
KPIS = DEFAULT_KPIS

BASELINE, INTERIM, CURRENT = "2016-17 Term 3", "2017-18 Term 1", "2017-18 Term 4"
F, P, M = "Fully achieved", "Partly achieved", "Much more development needed"

# KPI: (baseline, interim, current); None = not rated that term.
RATINGS = {
    "1.1": (P, F, F),
    "1.2": (P, F, F),
    "1.3": (M, P, F),
    "1.4": (M, P, F),
    "2.1": (P, F, F),
    "2.2": (M, P, F),
    "2.3": (P, P, F),
    "2.4": (M, P, P),
    "3.1": (P, P, F),
    "3.2": (P, F, F),
    "3.3": (P, P, P),
    "3.4": (M, M, P),
    "3.5": (M, P, F),
    "4.1": (M, M, P),
    "4.2": (P, P, F),
    "4.3": (P, P, M),
    "4.4": (M, P, P),
    "4.5": (M, P, F),
    "5.1": (P, P, F),
    "5.2": (P, F, F),
    "5.3": (M, P, P),
    "6.1": (P, F, F),
    "6.2": (M, P, F),
    "6.3": (F, F, F),
    "6.4": (M, M, P),
    "7.1": (M, P, F),
    "7.2": (M, M, P),
    "7.3": (P, P, F),
    "7.4": (P, F, F),
    "8.1": (P, P, F),
    "8.2": (P, P, P),
    "8.3": (M, P, None),
    "9.1": (M, M, P),
    "9.2": (M, M, P),
}

ACHIEVEMENTS = {
    "1.1": "Statement of commitment signed by the headteacher and chair of governors (E01).",
    "1.3": "Working group meets every half term; minutes kept and shared (E02).",
    "2.4": "Action plan reviewed at working group meetings; slippage on two actions noted.",
    "3.1": "New signs in three languages; reception seating area refurbished.",
    "3.4": "Newsletter summary now in Polish and Urdu; website translation tool added.",
    "4.2": "Family maths mornings each half term, 18–25 families each time.",
    "4.3": "Evening events paused while the hall is refurbished; daytime events go on.",
    "6.2": "Phonics and calculation workshops for Reception and Year 3 parents.",
    "8.2": "Year 6 transition evening with the two main secondary schools.",
    "9.1": "Draft summary written for the working group to review.",
}

NEXT_STEPS = {
    "2.4": "Record what was decided at each review in the monitoring log.",
    "3.3": "Check each half term that replies meet the published times.",
    "3.4": "Translate the parent handbook into Polish and Urdu.",
    "4.1": "Use the parent survey to identify fathers and working parents who rarely attend.",
    "4.3": "Restart evening events with a crèche once the hall reopens.",
    "4.4": "Offer an English course with the community centre.",
    "5.3": "Write a mid-year welcome pack.",
    "7.2": "Consult parents on the revised homework policy.",
    "8.2": "Add a second transition evening in the summer term.",
    "9.2": "Agree next year's priorities with the working group.",
}

# Ref, KPIs, action, lead, monitored by, start, due, original due, status, completed,
# success criteria, evidence, notes.
ACTIONS = [
    ("A01", "1.1", "Headteacher and chair of governors sign the statement of commitment", "Mrs Helen Okafor", "Dr Priya Nair", "2016-17 Term 3", "2016-17 Term 3", "", "Completed", "24/01/2017", "Signed statement displayed in reception", "E01", ""),
    ("A02", "1.2, 1.3", "Appoint coordinator and set up the working group", "Mrs Helen Okafor", "Dr Priya Nair", "2016-17 Term 3", "2016-17 Term 4", "", "Completed", "2016-17 Term 4", "Group meets each half term", "E02", ""),
    ("A03", "1.4", "Tell parents, staff and partners about the award in the newsletter and at assembly", "Mr Daniel Reyes", "Mrs Helen Okafor", "2016-17 Term 4", "2016-17 Term 5", "", "Completed", "12/05/2017", "Item in newsletter; staff briefing held", "E03", ""),
    ("A04", "2.1", "Complete the self-evaluation and the three stakeholder surveys", "Mr Daniel Reyes", "Mrs Helen Okafor", "2016-17 Term 3", "2016-17 Term 4", "", "Completed", "2016-17 Term 4", "Baseline ratings and survey tallies recorded", "E05", ""),
    ("A05", "2.2", "Write the action plan with a lead and a monitor for every action", "Mr Daniel Reyes", "Mr Tomasz Nowak", "2016-17 Term 4", "2016-17 Term 5", "", "Completed", "2016-17 Term 5", "Plan agreed by the working group", "", ""),
    ("A06", "2.3", "Add parent partnership to the school improvement plan", "Mrs Helen Okafor", "Dr Priya Nair", "2017-18 Term 1", "2017-18 Term 2", "", "Completed", "2017-18 Term 2", "Priority 4 of the SIP", "", ""),
    ("A07", "2.4", "Review the action plan at every working group meeting and log the findings", "Mr Daniel Reyes", "Mrs Helen Okafor", "2016-17 Term 5", "Ongoing", "", "In progress", "", "Monitoring log entry after each meeting", "E02", ""),
    ("A08", "3.1", "Install welcome signs in English, Polish and Urdu", "Mrs Joanne Pike", "Mr Daniel Reyes", "2017-18 Term 1", "2017-18 Term 1", "", "Completed", "20/10/2017", "Signs at both gates and reception", "E08", ""),
    ("A09", "3.2", "Launch the text-message service and parent app", "Mrs Joanne Pike", "Mr Daniel Reyes", "2017-18 Term 1", "2017-18 Term 2", "", "Completed", "2017-18 Term 2", "80% of families signed up", "", "Sign-up reached 86% by December."),
    ("A10", "3.3", "Publish response times for emails and calls", "Mrs Joanne Pike", "Mrs Helen Okafor", "2017-18 Term 2", "2017-18 Term 3", "", "Completed", "09/03/2018", "Response times on website and in handbook", "", ""),
    ("A11", "3.4", "Translate the parent handbook into Polish and Urdu", "Ms Aisha Rahman", "Mr Daniel Reyes", "2017-18 Term 2", "16/02/2018", "2017-18 Term 2", "In progress", "", "Handbook available in three languages", "", "Translator found through the community centre."),
    ("A12", "3.5", "Run the parent survey again and publish 'You said, we did'", "Mr Daniel Reyes", "Mr Tomasz Nowak", "2017-18 Term 3", "2017-18 Term 3", "", "Completed", "2017-18 Term 3", "Follow-up survey; response published", "E05, E06", ""),
    ("A13", "4.1", "Identify groups of parents who rarely attend and ask them why", "Mr Daniel Reyes", "Ms Aisha Rahman", "2017-18 Term 2", "2017-18 Term 3", "", "Not started", "", "Short list of barriers and actions", "", ""),
    ("A14", "4.2", "Run a family maths morning each half term", "Mrs Sarah Lowe", "Mr Daniel Reyes", "2017-18 Term 1", "Ongoing", "", "In progress", "", "At least 15 families each time", "E09, E07", ""),
    ("A15", "4.3", "Offer evening events with a crèche", "Mrs Sarah Lowe", "Mrs Sarah Lowe", "2017-18 Term 2", "2017-18 Term 5", "2017-18 Term 3", "In progress", "", "Two evening events a term", "", "Paused while the hall is refurbished."),
    ("A16", "4.4", "Run an English course for parents with the community centre", "Revd Mark Ellis", "", "2017-18 Term 4", "TBC", "", "Not started", "", "Course of six sessions", "", ""),
    ("A17", "4.5", "Keep registers at every event and review attendance termly", "Mrs Joanne Pike", "Mr Daniel Reyes", "2017-18 Term 1", "Ongoing", "", "In progress", "", "Registers analysed each term", "E10", ""),
    ("A18", "5.1, 5.2", "Rewrite the new parents' pack and home–school agreement in plain language", "Mr Daniel Reyes", "Mrs Helen Okafor", "2017-18 Term 1", "2017-18 Term 2", "", "Completed", "08/12/2017", "Pack given to every new family", "E11", ""),
    ("A19", "5.3", "Write a welcome pack for families joining mid-year", "Mrs Joanne Pike", "Mr Daniel Reyes", "2017-18 Term 3", "2017-18 Term 5", "", "Not started", "", "Pack ready for new arrivals", "", ""),
    ("A20", "6.1", "Send curriculum overviews home each term", "Mrs Sarah Lowe", "Mr Daniel Reyes", "2017-18 Term 1", "Ongoing", "", "In progress", "", "Overview sent in week 1 of each term", "E12", ""),
    ("A21", "6.2", "Hold phonics and calculation workshops", "Mrs Sarah Lowe", "Mrs Helen Okafor", "2017-18 Term 1", "2017-18 Term 2", "", "Completed", "2017-18 Term 2", "Two workshops, 40 parents in all", "E07", ""),
    ("A22", "6.4", "Add a page of local services and courses to the website", "Mrs Joanne Pike", "Ms Aisha Rahman", "2017-18 Term 3", "02/03/2018", "", "In progress", "", "Page live and linked from the newsletter", "", ""),
    ("A23", "7.1", "Publish plain-language summaries of key policies", "Mrs Helen Okafor", "Dr Priya Nair", "2017-18 Term 1", "2017-18 Term 3", "", "Completed", "2017-18 Term 3", "Summaries on the website", "E13", ""),
    ("A24", "7.2", "Consult parents on the homework policy", "Mrs Helen Okafor", "Mr Tomasz Nowak", "2017-18 Term 4", "2017-18 Term 5", "", "Not started", "", "Consultation results reported to governors", "", ""),
    ("A25", "7.3", "Attendance cafés for families with low attendance", "Mrs Joanne Pike", "Mrs Helen Okafor", "2017-18 Term 2", "2017-18 Term 4", "", "Completed", "14/03/2018", "Attendance at 96% or above", "", "Attendance rose from 95.8% to 96.3%."),
    ("A26", "8.2", "Transition evening for Year 6 families with the secondary schools", "Mr Daniel Reyes", "Mrs Helen Okafor", "2017-18 Term 2", "2017-18 Term 2", "", "Completed", "2017-18 Term 2", "Both secondary schools attend", "E14", ""),
    ("A27", "8.3", "Publish a mid-year leavers' procedure", "Mrs Joanne Pike", "Mrs Helen Okafor", "2017-18 Term 3", "2017-18 Term 5", "", "In progress", "", "Procedure on the website", "", ""),
    ("A28", "3.2", "Weekly podcast for parents", "Mr Daniel Reyes", "Mrs Helen Okafor", "2017-18 Term 1", "2017-18 Term 2", "", "Dropped", "", "", "", "Too few listeners; the text service does the job."),
    ("A29", "9.1, 9.2", "Write the Objective 9 summary with the working group", "Mr Daniel Reyes", "Mrs Helen Okafor", "2017-18 Term 3", "16/03/2018", "", "In progress", "", "Summary agreed before the verification visit", "", ""),
]

MONITORING_LOG = [
    ("24/05/2017", "A05", "Plan agreed; actions allocated to leads and monitors.", "Working group"),
    ("19/10/2017", "A08", "Signs installed; parents' comments positive.", "Working group"),
    ("07/12/2017", "A11", "Translator not yet found; due date moved to February.", "Working group"),
    ("07/12/2017", "A15", "Hall closed until Easter; evening events paused.", "Working group"),
    ("01/02/2018", "A11", "Polish translation received; Urdu in progress.", "Working group"),
    ("01/02/2018", "A13", "Not started: to be discussed with the parent governor.", "Working group"),
    ("15/03/2018", "A25", "Attendance target met; café to continue.", "Working group"),
]

# Ref, title, KPIs, type, date, location, in pack, consent
EVIDENCE = [
    ("E01", "Signed statement of commitment", "1.1", "Document", "24/01/2017", "E01-statement-of-commitment.pdf", "Yes", ""),
    ("E02", "Working group minutes, 2017-18", "1.3, 2.4", "Minutes", "15/03/2018", "E02-working-group-minutes.docx", "Yes", ""),
    ("E03", "Newsletter announcing the award", "1.4", "Letter", "12/05/2017", "Portfolio binder, tab 1", "No", ""),
    ("E04", "School improvement plan, priority 4", "2.3", "Document", "01/12/2017", "Portfolio binder, tab 2", "No", ""),
    ("E05", "Parent survey analysis", "2.1, 3.5", "Survey", "26/01/2018", "E05-parent-survey-analysis.xlsx", "Yes", ""),
    ("E06", "'You said, we did' web page", "3.5", "Web page", "09/02/2018", "https://www.meadowbank.example.sch.uk/you-said-we-did", "No", ""),
    ("E07", "Family learning workshop slides", "4.2, 6.2", "Document", "23/11/2017", "E07-family-learning-workshop.pptx", "Yes", ""),
    ("E08", "Photo: new welcome signs at the main gate", "3.1", "Photo", "20/10/2017", "E08-welcome-signs.png", "Yes", "Yes"),
    ("E09", "Photo: family maths morning", "4.2", "Photo", "17/11/2017", "E09-family-maths-morning.jpg", "Yes", "Yes"),
    ("E10", "Photo: parents' reading café", "4.5", "Photo", "26/01/2018", "E10-reading-cafe.jpg", "Yes", "No"),
    ("E11", "New parents' pack and home–school agreement", "5.1, 5.2", "Document", "08/12/2017", "Portfolio binder, tab 5", "No", ""),
    ("E12", "Curriculum overview sent to Year 4 parents", "6.1", "Letter", "08/01/2018", "Portfolio binder, tab 6", "No", ""),
    ("E13", "Plain-language policy summaries", "7.1", "Web page", "02/02/2018", "https://www.meadowbank.example.sch.uk/policies", "No", ""),
    ("E14", "Year 6 transition evening programme", "8.2", "Document", "29/11/2017", "Portfolio binder, tab 8", "No", ""),
    ("E15", "Attendance report to governors", "7.3", "Document", "14/03/2018", "Portfolio binder, tab 7", "No", ""),
    ("E16", "Staff briefing notes on the award", "1.4, 2.1", "Document", "2016-17 Term 4", "Portfolio binder, tab 1", "No", ""),
    ("E17", "Coordinator's role description and timetabled LPPA time", "1.2", "Document", "01/02/2017", "Portfolio binder, tab 1", "No", ""),
    ("E18", "Action plan 2017-18 with leads and monitors", "2.2", "Document", "24/05/2017", "Portfolio binder, tab 2", "No", ""),
    ("E19", "Text message service: sign-up figures", "3.2", "Document", "2017-18 Term 2", "Portfolio binder, tab 3", "No", ""),
    ("E20", "Sample of end-of-year reports to parents", "6.3", "Document", "20/07/2017", "Portfolio binder, tab 6", "No", ""),
    ("E21", "Behaviour policy: the parents' summary", "7.4", "Web page", "02/02/2018", "https://www.meadowbank.example.sch.uk/behaviour", "No", ""),
]

FORMS = [
    ("Parent", "Parents", "Strongly agree, Agree, Disagree, Strongly disagree, Don't know", "Strongly agree, Agree"),
    ("Staff", "Staff", "Strongly agree, Agree, Disagree, Strongly disagree, Don't know", "Strongly agree, Agree"),
    ("Pupil", "Pupils", "Yes, Sometimes, No, Don't know", "Yes"),
]

ROUNDS = [
    ("Baseline", "Parent", "16/01/2017", 210, 96),
    ("Baseline", "Staff", "16/01/2017", 34, 29),
    ("Baseline", "Pupil", "18/01/2017", 60, 58),
    ("Follow-up", "Parent", "22/01/2018", 214, 121),
    ("Follow-up", "Staff", "22/01/2018", 35, 31),
    ("Follow-up", "Pupil", "24/01/2018", 60, 57),
]

QUESTIONS = [
    ("Parent", "1", "I feel welcome when I come into school.", "3.1", ""),
    ("Parent", "2", "The school keeps me well informed about my child's learning.", "3.2, 6.1", ""),
    ("Parent", "3", "When I raise a concern it is dealt with quickly.", "3.3", ""),
    ("Parent", "4", "There are events at times I can attend.", "4.3", ""),
    ("Parent", "5", "I know how to help my child with reading and maths at home.", "6.2", ""),
    ("Parent", "6", "The school asks for my views and acts on them.", "3.5", "Follow-up"),
    ("Staff", "1", "Working with parents is a priority for the school.", "1.4, 2.3", ""),
    ("Staff", "2", "I have had training in working with parents.", "4.1", ""),
    ("Staff", "3", "Our policies are easy for parents to understand.", "7.1", ""),
    ("Pupil", "1", "My family feels welcome at school.", "3.1", ""),
    ("Pupil", "2", "My family comes to events at school.", "4.2", ""),
    ("Pupil", "3", "I was helped to settle when I joined my class.", "8.1", ""),
]

# Round, form, Q, counts in the form's scale order.
TALLIES = [
    ("Baseline", "Parent", "1", (30, 41, 15, 6, 4)),
    ("Baseline", "Parent", "2", (18, 39, 27, 8, 4)),
    ("Baseline", "Parent", "3", (14, 33, 28, 12, 9)),
    ("Baseline", "Parent", "4", (10, 31, 35, 14, 6)),
    ("Baseline", "Parent", "5", (12, 30, 32, 11, 11)),
    ("Follow-up", "Parent", "1", (55, 52, 8, 2, 4)),
    ("Follow-up", "Parent", "2", (44, 58, 12, 3, 4)),
    ("Follow-up", "Parent", "3", (31, 50, 22, 9, 9)),
    ("Follow-up", "Parent", "4", (14, 36, 44, 19, 8)),
    ("Follow-up", "Parent", "5", (40, 57, 13, 4, 7)),
    ("Follow-up", "Parent", "6", (33, 55, 17, 5, 11)),
    ("Baseline", "Staff", "1", (6, 12, 8, 2, 1)),
    ("Baseline", "Staff", "2", (2, 6, 14, 6, 1)),
    ("Baseline", "Staff", "3", (3, 10, 11, 3, 2)),
    ("Follow-up", "Staff", "1", (17, 12, 2, 0, 0)),
    ("Follow-up", "Staff", "2", (9, 14, 6, 1, 1)),
    ("Follow-up", "Staff", "3", (10, 15, 4, 1, 1)),
    ("Baseline", "Pupil", "1", (35, 15, 5, 3)),
    ("Baseline", "Pupil", "2", (20, 22, 12, 4)),
    ("Baseline", "Pupil", "3", (40, 10, 4, 4)),
    ("Follow-up", "Pupil", "1", (44, 9, 2, 2)),
    ("Follow-up", "Pupil", "2", (27, 20, 8, 2)),
    ("Follow-up", "Pupil", "3", (45, 8, 2, 2)),
]

COMMENTS = [
    ("Follow-up", "Parent", "The new signs and the text messages make a real difference.", "Yes"),
    ("Follow-up", "Parent", "I would come to more events if some were after 6pm.", "Yes"),
    ("Follow-up", "Parent", "Mr X in Year 2 never answers my emails.", "No"),
    ("Follow-up", "Staff", "The phonics workshop was the best attended event I've seen here.", "Yes"),
    ("Follow-up", "Pupil", "My mum liked the maths morning.", "Yes"),
    ("Baseline", "Parent", "It is hard to know who to speak to.", "Yes"),
]

IMPACT = [
    ("2016-17 Term 3", "Attendance %", 95.1, 96.0),
    ("2016-17 Term 6", "Attendance %", 95.4, 96.0),
    ("2017-18 Term 1", "Attendance %", 95.8, 96.0),
    ("2017-18 Term 3", "Attendance %", 96.3, 96.0),
    ("2016-17 Term 3", "Parents at learning events", 42, 60),
    ("2016-17 Term 6", "Parents at learning events", 55, 60),
    ("2017-18 Term 1", "Parents at learning events", 71, 80),
    ("2017-18 Term 3", "Parents at learning events", 88, 80),
    ("2016-17 Term 3", "Persistent absence %", 11.2, 9.0),
    ("2017-18 Term 3", "Persistent absence %", 8.7, 9.0),
]

OBJECTIVE_9 = [
    ("Vision", "Every family feels welcome at Meadowbank and knows how to help their child learn.", "", ""),
    ("1", "The headteacher and governors signed the statement of commitment in our first term.\n• A working group of staff, parents, governors and pupils meets every half term.", "Parents and staff know about the award and what it is for.", "Keep the working group's membership fresh as children leave."),
    ("2", "The action plan has a lead and a monitor for every action and is reviewed at working group meetings.", "Slipping actions are noticed and recorded, with a new date.", "Use the monitoring log at every meeting."),
    ("3", "Welcome signs in three languages; a text service used by 86% of families.", "Parents feeling welcome rose from 77% to 91% (survey).", "- Check replies meet the published response times\n- Translate the parent handbook"),
    ("4", "Family maths mornings every half term.", "Parents at learning events rose from 42 to 88 a term.", "Restart evening events with a crèche."),
    ("6", "Phonics and calculation workshops; termly curriculum overviews.", "", "Add video guides to the website."),
    ("Overall", "The award has changed how we think about parents: as partners in every decision.", "Attendance is up and more families come to learning events.", "Sustain the work after verification."),
]

VERIFICATION_DAY = [
    ("09:00", "Welcome and the coordinator's presentation", "Verifier, headteacher, coordinator", "Mr Daniel Reyes", "Staff room"),
    ("09:45", "Portfolio review", "Verifier", "Mr Daniel Reyes", "Library"),
    ("11:30", "Tour of the school", "Verifier, school council", "Mrs Joanne Pike", ""),
    ("13:00", "Discussion with parents", "Eight parents", "Ms Aisha Rahman", "Community room"),
    ("13:45", "Discussion with pupils", "School council", "Mr Daniel Reyes", "Library"),
    ("14:30", "Discussion with staff and governors", "Four staff, two governors", "Mrs Helen Okafor", "Staff room"),
    ("15:30", "Feedback", "Verifier, headteacher, coordinator", "Mrs Helen Okafor", "Head's office"),
]

SETTINGS = [
    ("Logo", "logo.png"),
    ("Double-sided", "No"),
    ("Reality check low", 60),
    ("Reality check high", 85),
    ("Minimum answers", 10),
]
# fmt: on
