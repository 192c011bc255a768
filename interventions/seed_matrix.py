"""Discipline Matrix data, transcribed from seed 003, Attachment E (working copy, 6/28/18).

Source: ``shared/seeds/003_4ae4efbcce026296.txt`` part 4, LAUSD Office of the
Superintendent - Division of District Operations, "DISCIPLINE MATRIX GUIDE TO TIER II AND
TIER III INTERVENTION SUPPORTS AND ALTERNATIVES TO SUSPENSION", Attachment E, 6/28/18: the
Tier I universal supports, the descriptions of Tier II (Selected) and Tier III
(Targeted/Intensive), and one table per reason-code group with the Tier II and Tier III
alternatives for each grade band (K-3, 4-5, 6-8, 9-12).

Reading rule for a cell: the Tier II list comes first; the item "Provide any tier two
intervention/support" starts the Tier III list (and is itself a Tier III item).

Plain Python data only: no Django imports. The seed is OCR text; repairs are listed in the
comments next to the data. In every table of this seed the four grade bands carry the same
lists once the OCR truncations are repaired (a cut cell is completed with the same item as in
the neighbouring columns), so each group below writes its lists once and spreads them over
the four bands with ``_all_bands``; a band that ever differs can be written out by hand.
"""

SEED = "003_4ae4efbcce026296.txt"
ATTACHMENT = "Attachment E, Discipline Matrix (6/28/18)"

GRADE_BANDS = ["K-3", "4-5", "6-8", "9-12"]

TIER_I = [
    "Teach and model school-wide positive behavior expectations and procedures",
    "Positive reinforcement, recognition and rewards for all students",
    "Consistent consequences for problem behaviors",
    "Effective procedures and supervision in non-classroom areas",
    "Effective instruction and classroom management",
    "Collaboration with parents and families",
    "Active supervision and monitoring",
]

# Heading OCR'd as "TIFR II Selected".
TIER_II_DESCRIPTION = [
    "Highly specialized and individualized alternatives to suspension for students who have "
    "been documented as unresponsive to Tier I",
    "Target social skills instruction",
    "Behavior plans",
    "Alternatives to suspension",
    "Increased academic support",
    "School-based mentors",
    "Classroom management support",
]

TIER_III_DESCRIPTION = [
    # OCR cut the line after "Tier I and Tier"; repaired to "Tier I and Tier II".
    "Highly specialized and individualized alternatives to suspension for students who have "
    "been documented as unresponsive to Tier I and Tier II",
    "Alternatives to suspension (This does not apply to Category I offenses)",
    "Intensive academic support based on the student's level of need",
    "Intensive social skills counseling",
    "Individual student behavioral contract",
    "Develop intensive COST/SST goals to address the continued misconduct",
    "Multi-agency collaboration",
    "Community and service learning",
]

# Every distinct alternative named in a matrix cell, once. Variants in the seed that are the
# same item are listed in ALIASES.
INTERVENTIONS = [
    # Named in Tier II lists
    ("alternative-programming", "Alternative Programming (change teacher/class)"),
    ("assign-a-mentor", "Assign a Mentor (Student and/or school Adult)"),
    (
        "assign-educational-projects",
        "Assign Educational Projects (i.e. Research Current/Relevant Topics)",
    ),
    (
        "assign-reflective-tasks",
        "Assign Reflective Tasks (i.e. Comic Strips, Letters to Self and Others, etc.)",
    ),
    ("behavior-contract", "Behavior Contract"),
    ("conflict-resolution", "Conflict Resolution"),
    # Only in the 3.20 (hazing) table, in all four columns; kept as its own item.
    ("conflict-mediation", "Conflict Mediation"),
    ("daily-weekly-check-in", "Daily/Weekly Check-in"),
    ("family-survey", "Family Survey (student Likes, Dislikes, Triggers)"),
    (
        "individual-counseling",
        "Individual Counseling (Psychiatric Social Worker (PSW), School Psychologist, "
        "Pupil Service Attendance (PSA) Counselor)",
    ),
    ("individualized-student-safety-plan", "Individualized Student Safety Plan"),
    ("parent-student-conference", "Parent/student conference"),
    ("peer-mediation", "Peer Mediation"),
    ("recovery-time-think-sheet", "Recovery Time Think Sheet"),
    ("referral-to-sspt", "Referral to Student Support and Progress Team (SSPT)"),
    ("reflective-behavior-journaling", "Reflective Behavior Journaling"),
    ("restorative-justice-conference", "Restorative Justice (RJ) Conference"),
    ("restorative-justice-harm-circle", "Restorative Justice (RJ) Harm Circle"),
    ("revisit-student-data", "Revisit Student Data (Academic and Behavioral)"),
    ("school-site-reflection-room", "School Site (Reflection) Room"),
    ("teach-social-skills", "Teach social skills addressing the behavior"),
    ("training-on-cultural-sensitivity", "Training on Cultural Sensitivity"),
    (
        "training-on-idea",
        "Training on IDEA (Individuals with Disabilities Education Improvement Act)",
    ),
    # Named in Tier III lists
    ("provide-any-tier-two", "Provide any tier two intervention/support"),
    ("community-service", "Community Service"),
    ("parent-supervision", "Parent Supervision"),
    ("restorative-justice-re-entry-circle", "Restorative Justice Re-entry Circle"),
    ("referral-to-drug-education", "Referral to drug education/counseling"),
    ("revisit-student-sspt-504-iep", "Revisit Student SSPT, 504 Plan or IEP"),
    ("threat-assessment", "Threat Assessment"),
]

INTERVENTION_NAMES = dict(INTERVENTIONS)

# Other spellings of the same item found in the seed's cells.
ALIASES = {
    "family-survey": ["Family Survey (student Likes, Dislikes, Triggers, etc.)"],
    "reflective-behavior-journaling": ["Reflective Behavioral Journaling"],
    "restorative-justice-harm-circle": ["RJ Harm Circle"],
    "revisit-student-data": ["Revisit Student Data"],
    "restorative-justice-re-entry-circle": [
        "Participation in Restorative Justice Re-entry Circle",
    ],
    "revisit-student-sspt-504-iep": ["Revisit Student SSPT, 504 Plan and/or IEP"],
}


def _all_bands(items):
    return {band: list(items) for band in GRADE_BANDS}


# One entry per table (row group) of the matrix, in seed order. "codes": the MiSiS reason
# codes the row covers (the first column prints one code; the INFRACTION column names the
# others). Category 1 codes (1.1, 1.2, 1.3, 1.4a, 1.4b, 1.5) have no row: alternatives to
# suspension do not apply to them (E.C. 48915(c)). Willful defiance has no row either.
MATRIX = [
    {
        # Rows 3.1a, 3.1b, 3.1c, 3.16, 3.22 share one cell per band.
        # OCR repairs: in 6-8 and 9-12 "Individual Counseling" was pushed up into the 3.1c
        # row and "Referral to Student Support / and Progress Team (SSPT)" split over the
        # 3.16 and 3.22 rows; the items are the same as in K-3 and 4-5.
        "codes": ["3.1a", "3.1b", "3.1c", "3.16", "3.22"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-a-mentor",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "restorative-justice-conference",
                "revisit-student-data",
                "restorative-justice-harm-circle",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
                "threat-assessment",
            ]
        ),
    },
    {
        # Rows 3.2, 3.3, 3.6, 3.8, 3.19. OCR repair: 6-8 Tier III cut at "Revisit Student
        # SSPT, 504"; completed as "... 504 Plan or IEP" like the other bands.
        "codes": ["3.2", "3.3", "3.6", "3.8", "3.19"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "restorative-justice-conference",
                "revisit-student-data",
                "restorative-justice-harm-circle",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "referral-to-drug-education",
                "revisit-student-sspt-504-iep",
            ]
        ),
    },
    {
        # First column "3.4"; the INFRACTION column names 3.4 (damaged), 3.5 (stole) and
        # 3.10 (received stolen property). OCR repairs: "Restorative Justice (RJ) Revisit
        # Student Data (Academic and Behavioral) Conference" is two items merged, read as
        # "Restorative Justice (RJ) Conference", "Revisit Student Data (...)"; K-3 Tier III cut
        # at "Revisit Student SSPT, 504", completed as "... 504 Plan and/or IEP".
        "codes": ["3.4", "3.5", "3.10"],
        "tier2": _all_bands(
            [
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "restorative-justice-conference",
                "revisit-student-data",
                "restorative-justice-harm-circle",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "community-service",
                "parent-supervision",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
            ]
        ),
    },
    {
        # First column "3.9"; the INFRACTION column names 3.7 (obscenity/profanity/vulgarity)
        # and 3.9 (disrupted school-wide activities, issued by an administrator). OCR repairs:
        # K-3 items carry "**" marks and "R. Harm Circle" (= RJ Harm Circle); the 4-5 Tier II
        # cell lost its first words ("Assign Educational Projects") and everything after
        # "Referral to Student Support"; K-3 Tier III cut at "Revisit Student SSPT, 504". All
        # completed from the neighbouring columns.
        "codes": ["3.7", "3.9"],
        "tier2": _all_bands(
            [
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "parent-student-conference",
                "peer-mediation",
                "family-survey",
                "individual-counseling",
                "referral-to-sspt",
                "restorative-justice-conference",
                "revisit-student-data",
                "restorative-justice-harm-circle",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "parent-supervision",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
            ]
        ),
    },
    {
        # Row 3.11 (imitation firearm). OCR repairs: the 4-5 Tier II cell starts at "and
        # Others, etc.)" and stops after "Peer Mediation"; K-3 Tier III cut at "Revisit
        # Student SSPT, 504". Completed from the neighbouring columns.
        "codes": ["3.11"],
        "tier2": _all_bands(
            [
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "restorative-justice-conference",
                "revisit-student-data",
                "restorative-justice-harm-circle",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
            ]
        ),
    },
    {
        # Rows 3.12a, 3.12b, 3.12c, 3.12d, 3.13, 3.17. OCR repairs: the cells flow across the
        # six rows ("Reflective Behavior / Journaling", "Training on Cultural / Sensitivity"
        # split over rows); "Threat Assessment" sits on the footer line "6/28/2 DIS DRAFT" and
        # ends each Tier III list.
        "codes": ["3.12a", "3.12b", "3.12c", "3.12d", "3.13", "3.17"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "reflective-behavior-journaling",
                "restorative-justice-conference",
                "revisit-student-data",
                "restorative-justice-harm-circle",
                "school-site-reflection-room",
                "training-on-cultural-sensitivity",
                "training-on-idea",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
                "threat-assessment",
            ]
        ),
    },
    {
        # First column "3.14"; the INFRACTION column names 3.14 (hate violence) and 3.15
        # (terroristic threat). OCR repairs: "Revisit Student Data / (Academic and Behavioral)"
        # split over the page's two text rows; the K-3 column lost "Revisit Student Data"
        # before "(Academic and Behavioral)" - restored as in the other columns.
        "codes": ["3.14", "3.15"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "recovery-time-think-sheet",
                "referral-to-sspt",
                "restorative-justice-conference",
                "revisit-student-data",
                "restorative-justice-harm-circle",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
                "threat-assessment",
            ]
        ),
    },
    {
        # Row 3.20 (hazing). The seed says "Conflict Mediation" here (all four columns), not
        # "Conflict Resolution"; kept as written.
        "codes": ["3.20"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-mediation",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "reflective-behavior-journaling",
                "restorative-justice-conference",
                "restorative-justice-harm-circle",
                "revisit-student-data",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
                "threat-assessment",
            ]
        ),
    },
    {
        # Rows 3.21a-3.21e (bullying/cyber). OCR repairs: the K-3 column is cut on its right
        # edge in every line ("(change", "Reflective Tasks (i.e. thrips, Letters to Self
        # ners", "pal Counseling", "palized Student", "Confere", "interver") and has no
        # legible "School Site (Reflection) Room"; its fragments match the 4-5 column item for
        # item, so K-3 = 4-5. "Reflective Behavioral Journaling" = Reflective Behavior
        # Journaling.
        "codes": ["3.21a", "3.21b", "3.21c", "3.21d", "3.21e"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "individualized-student-safety-plan",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "reflective-behavior-journaling",
                "restorative-justice-conference",
                "restorative-justice-harm-circle",
                "revisit-student-data",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
                "threat-assessment",
            ]
        ),
    },
    {
        # Rows 2.1 (serious physical injury) and 2.5 (assaulted/battered school employee).
        # No "Threat Assessment" in this table's Tier III.
        "codes": ["2.1", "2.5"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "restorative-justice-conference",
                "restorative-justice-harm-circle",
                "revisit-student-data",
                "school-site-reflection-room",
                "teach-social-skills",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
            ]
        ),
    },
    {
        # Row 2.2 (knife or other dangerous object). Its own table, separate from 3.11.
        "codes": ["2.2"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "conflict-resolution",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "peer-mediation",
                "referral-to-sspt",
                "restorative-justice-conference",
                "restorative-justice-harm-circle",
                "revisit-student-data",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
                "threat-assessment",
            ]
        ),
    },
    {
        # Row 2.3 (controlled substance). No Conflict Resolution, no Peer Mediation. OCR
        # repairs: "Seliand Others", "Suppor and Progress" (K-3); the 4-5 Tier II cell starts
        # at "(i.e. Research" and stops after "Parent/student conference"; 4-5 and 6-8 Tier III
        # cut at "Revisit Student SSPT, 504". Completed from the neighbouring columns.
        "codes": ["2.3"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "behavior-contract",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "referral-to-sspt",
                "restorative-justice-conference",
                "restorative-justice-harm-circle",
                "revisit-student-data",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "referral-to-drug-education",
                "revisit-student-sspt-504-iep",
            ]
        ),
    },
    {
        # Row 2.4 (robbery/extortion). No Behavior Contract, Conflict Resolution or Peer
        # Mediation. OCR repairs: "Assign Educational Project:", "to Sel and Others",
        # "Suppor and Progress" (K-3); the 4-5 Tier II cell starts at "(i.e. Research" and
        # stops at "Revisit Student Data". Completed from the neighbouring columns.
        "codes": ["2.4"],
        "tier2": _all_bands(
            [
                "alternative-programming",
                "assign-educational-projects",
                "assign-reflective-tasks",
                "daily-weekly-check-in",
                "family-survey",
                "individual-counseling",
                "parent-student-conference",
                "referral-to-sspt",
                "restorative-justice-conference",
                "restorative-justice-harm-circle",
                "revisit-student-data",
                "school-site-reflection-room",
            ]
        ),
        "tier3": _all_bands(
            [
                "provide-any-tier-two",
                "assign-a-mentor",
                "restorative-justice-re-entry-circle",
                "revisit-student-sspt-504-iep",
                "threat-assessment",
            ]
        ),
    },
]

# Reason codes with no matrix row: the Category 1 codes (alternatives to suspension do not
# apply, E.C. 48915(c)). Every Category 2 and 3 MiSiS code has a row.
CODES_WITHOUT_ROW = ["1.1", "1.2", "1.3", "1.4a", "1.4b", "1.5"]

_ROW_BY_CODE = {code: row for row in MATRIX for code in row["codes"]}


def grade_band(grade: int) -> str:
    """Grade band of the matrix for a grade: -1 = transitional kindergarten, 0 = kindergarten."""
    if isinstance(grade, bool) or not isinstance(grade, int):
        raise TypeError(f"grade must be an int, not {grade!r}")
    if -1 <= grade <= 3:
        return "K-3"
    if 4 <= grade <= 5:
        return "4-5"
    if 6 <= grade <= 8:
        return "6-8"
    if 9 <= grade <= 12:
        return "9-12"
    raise ValueError(f"grade {grade} is outside TK (-1) to 12")


def alternatives(code: str, band: str) -> tuple[list[str], list[str]]:
    """(Tier II slugs, Tier III slugs) of the matrix for a reason code and grade band.

    Raises ``ValueError`` for an unknown band and ``KeyError`` for a code without a matrix
    row (Category 1 codes, willful defiance, unknown codes).
    """
    if band not in GRADE_BANDS:
        raise ValueError(f"unknown grade band {band!r}; expected one of {GRADE_BANDS}")
    try:
        row = _ROW_BY_CODE[code]
    except KeyError:
        raise KeyError(f"no Discipline Matrix row for reason code {code!r}") from None
    return list(row["tier2"][band]), list(row["tier3"][band])
