"""The nine-objective framework the tool ships with, in our own words.

The official wording belongs to the award body: a school pastes the text it received on
registration into framework.xlsx. This default fills the blank framework.xlsx and the sample.
"""

# fmt: off
DEFAULT_OBJECTIVES = [
    (1, "Commitment to working towards the award", "Leadership"),
    (2, "Planning to achieve and keep the award", "Planning"),
    (3, "A welcoming, communicative and friendly school", "Communication"),
    (4, "Participation of all groups of parents", "Participation"),
    (5, "Induction: responsibilities of parents, school and pupils", "Induction"),
    (6, "Guidance to help parents support learning", "Guidance"),
    (7, "Parent-friendly policies and home–school links", "Home–school links"),
    (8, "Support as children move through or leave the school", "Transition"),
    (9, "Summary of achievements and future plans", "Summary"),
]

DEFAULT_KPIS = [
    ("1.1", "The headteacher and governors have signed a statement of commitment to the award."),
    ("1.2", "A coordinator leads the award and has the time and support to do so."),
    ("1.3", "A working group representing staff, parents, pupils and governors meets regularly."),
    ("1.4", "Staff, parents, pupils and partners know the school is working towards the award."),
    ("2.1", "The self-evaluation and stakeholder forms were completed before the plan was written."),
    ("2.2", "The action plan names who leads and who monitors each action, with target dates."),
    ("2.3", "Work with parents is part of the school improvement plan."),
    (
        "2.4",
        "The action plan is monitored regularly; progress is evaluated and the findings are "
        "recorded and acted upon.",
    ),
    ("3.1", "The entrance, reception and signs make visitors feel welcome and help them find their way."),
    (
        "3.2",
        "The school uses a range of ways to talk with parents: website, newsletter, texts and "
        "face to face.",
    ),
    ("3.3", "Parents can raise a question or concern easily and receive a timely reply."),
    ("3.4", "Key information is available in the community's main languages and in accessible formats."),
    ("3.5", "Parents are asked for their views regularly and told what changed as a result."),
    ("4.1", "The school knows which groups of parents are less involved and plans to reach them."),
    ("4.2", "A programme of events for parents and children to learn together runs all year."),
    ("4.3", "Events are held at a range of times, with childcare offered where possible."),
    ("4.4", "Parents are offered chances to develop their own learning and skills."),
    ("4.5", "Attendance at events is recorded and used to plan the next ones."),
    ("5.1", "New families receive clear information on what parents, school and pupils each do."),
    ("5.2", "The home–school agreement is shared and talked through with new parents."),
    ("5.3", "Families who join mid-year are welcomed with a visit and a meeting."),
    ("6.1", "Parents receive curriculum information each term in formats they can use."),
    ("6.2", "Parents are shown how to help with reading, writing and maths at home."),
    ("6.3", "Reports and meetings give parents a clear picture of their child's progress."),
    ("6.4", "Parents are pointed to local services, courses and support."),
    ("7.1", "Policies that matter to parents are written in plain language and easy to find."),
    ("7.2", "Parents are consulted when policies that affect them are reviewed."),
    ("7.3", "The attendance policy works with parents to improve attendance and punctuality."),
    ("7.4", "The behaviour policy explains how school and parents work together."),
    ("8.1", "Parents are supported when their child starts school or moves class."),
    ("8.2", "Year 6 families are supported through the move to secondary school."),
    ("8.3", "Families leaving mid-year follow a clear leavers' procedure."),
    ("9.1", "The school has summarised what it has achieved against each objective."),
    ("9.2", "The school has set out its next priorities to keep parent partnership strong."),
]
# fmt: on
