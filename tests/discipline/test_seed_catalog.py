"""The MiSiS catalog data (discipline.seed_catalog) held against seed 003 (BUL-5808.3).

Plain pytest; no Django needed. The expected codes and flags below were read by hand from the
"MISIS DISCIPLINE REFERRAL" form of the seed; the other tests read the seed text itself.
"""

import re
from pathlib import Path

import pytest

from discipline.seed_catalog import (
    ADMINISTRATIVE_ACTIONS,
    LOCATIONS,
    MOTIVATIONS,
    OTHER_MEANS_OF_CORRECTION,
    REASON_CODES,
    REASON_CODES_BY_CODE,
    WILLFUL_DEFIANCE,
)

SEED_PATH = Path(__file__).resolve().parents[1] / "seeds" / "003_4ae4efbcce026296.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")

# Read by hand from the referral form: left column, then right column.
FORM_CODES = [
    "3.1a",
    "3.1b",
    "3.1c",
    "3.2",
    "3.3",
    "3.4",
    "3.5",
    "3.6",
    "3.7",
    "3.8",
    "3.9",
    "3.10",
    "3.11",
    "3.12a",
    "3.12b",
    "3.12c",
    "3.12d",
    "3.13",
    "3.14",
    "3.15",
    "3.16",
    "3.17",
    "3.19",
    "3.20",
    "3.21a",
    "3.21b",
    "3.21c",
    "3.21d",
    "3.21e",
    "3.22",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "2.5",
    "1.1",
    "1.2",
    "1.3",
    "1.4a",
    "1.4b",
    "1.5",
]
CATEGORY_1 = {"1.1", "1.2", "1.3", "1.4a", "1.4b", "1.5"}
CATEGORY_2 = {"2.1", "2.2", "2.3", "2.4", "2.5"}
GRADES_4_12 = {"3.9", "3.12a", "3.12b", "3.12c", "3.12d", "3.13", "3.14"}
SUSPENSION_NOT_EXPULSION = {"3.9", "3.22"}
ADMIN_ONLY = {"3.9"}

EXPECTED_EDUCATION_CODES = {
    "3.1a": "48900(a)(1)",
    "3.1b": "48900(a)(1)",
    "3.1c": "48900(a)(1)",
    "3.2": "48900(c)",
    "3.3": "48900(d)",
    "3.4": "48900(f)",
    "3.5": "48900(g)",
    "3.6": "48900(h)",
    "3.7": "48900(i)",
    "3.8": "48900(j)",
    "3.9": "48900(k)",
    "3.10": "48900(l)",
    "3.11": "48900(m)",
    "3.12a": "48900.4",
    "3.12b": "48900.4",
    "3.12c": "48900.4",
    "3.12d": "48900.4",
    "3.13": "48900.2",
    "3.14": "48900.3",
    "3.15": "48900.7",
    "3.16": "48900(a)(2)",
    "3.17": "48900(o)",
    "3.19": "48900(p)",
    "3.20": "48900(q)",
    "3.21a": "48900(r)",
    "3.21b": "48900(r)",
    "3.21c": "48900(r)",
    "3.21d": "48900(r)",
    "3.21e": "48900(r)",
    "3.22": "48900(t)",
    "2.1": "48915(a)(1)(A)",
    "2.2": "48915(a)(1)(B)",
    "2.3": "48915(a)(1)(C)",
    "2.4": "48915(a)(1)(D)",
    "2.5": "48915(a)(1)(E)",
    "1.1": "48915(c)(1)",
    "1.2": "48915(c)(2)",
    "1.3": "48915(c)(3)",
    "1.4a": "48915(c)(4)",
    "1.4b": "48915(c)(4)",
    "1.5": "48915(c)(5)",
}

BULLYING = ["3.21a", "3.21b", "3.21c", "3.21d", "3.21e"]

# The first sentence of 3.16's definition stands alone on the line above the 3.16 row.
ORPHAN_3_16 = "An intentional and deliberate use of force or violence upon another person's body."

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# ------------------------------------------------------------------------------------------
# Seed helpers
# ------------------------------------------------------------------------------------------


TAG = re.compile(r"</?(?:u|i|b|sup|sub)>")


def squash(text):
    """Lower case, HTML tags and OCR bullets removed, whitespace collapsed."""
    text = TAG.sub("", text)
    text = text.replace("•", " ").replace("☐", " ").replace("□", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def alnum(text):
    """Only letters and digits, lower case; list numbers ("1. ") and HTML tags dropped."""
    text = TAG.sub("", text)
    text = re.sub(r"(?<![\w.])\d\.(?=\s)", " ", text)
    text = text.replace("<", " less than ")
    return re.sub(r"[^a-z0-9]", "", text.lower())


def between(text, start, end):
    i = text.index(start)
    return text[i : text.index(end, i)]


FORM = between(SEED, "MISIS DISCIPLINE REFERRAL", "REASON CODES VALUES AND DESCRIPTIONS")
FORM_PAGE_1 = between(SEED, "MISIS DISCIPLINE REFERRAL", "Adm\tinistrator/Designee Notes")
ADMIN_BLOCK = between(SEED, "Adm\tinistrator/Designee Notes", "ADMINISTRATIVE ACTION (TO BE")
REFERRED_BLOCK = between(SEED, "rred by:", "REASON CODES VALUES AND DESCRIPTIONS")
DEFINITIONS_TABLE = between(
    SEED, "REASON CODES VALUES AND DESCRIPTIONS", "Requires recommendation for expulsion"
)


def seed_definition_rows():
    """code -> (title cell, description cell), and the set of starred codes, from the seed."""
    rows, starred = {}, set()
    for line in DEFINITIONS_TABLE.splitlines():
        match = re.match(r"^(\d\.\d+[a-e]?)(\*?)\t([^\t]+)\t(.*)$", line)
        if match:
            code, star, title, description = match.groups()
            rows[code] = (title, description)
            if star:
                starred.add(code)
    return rows, starred


SEED_ROWS, SEED_STARRED = seed_definition_rows()


def in_text(needle, haystack):
    return squash(needle) in squash(haystack)


# ------------------------------------------------------------------------------------------
# Reason codes
# ------------------------------------------------------------------------------------------


def test_the_catalog_has_every_code_of_the_form_once_in_form_order():
    codes = [row["code"] for row in REASON_CODES]
    assert codes == FORM_CODES
    assert len(set(codes)) == len(codes) == 41
    assert set(REASON_CODES_BY_CODE) == set(FORM_CODES)


def test_there_is_no_code_3_18_on_the_form_or_in_the_catalog():
    assert "3.18" not in REASON_CODES_BY_CODE
    assert not re.search(r"(?<![\d.])3\.18(?![\d])", SEED)


def test_the_seed_definitions_table_lists_exactly_the_codes_of_the_catalog():
    assert set(SEED_ROWS) == set(FORM_CODES)


@pytest.mark.parametrize("code", FORM_CODES)
def test_each_code_string_occurs_in_the_seed(code):
    assert re.search(r"(?<![\d.])" + re.escape(code) + r"(?![\da-z])", SEED), code


def test_each_code_has_the_category_of_its_first_digit():
    for row in REASON_CODES:
        expected = 1 if row["code"] in CATEGORY_1 else 2 if row["code"] in CATEGORY_2 else 3
        assert row["category"] == expected, row["code"]
        assert row["code"].startswith(f"{expected}."), row["code"]


def test_category_1_codes_require_expulsion_recommendation():
    flagged = {row["code"] for row in REASON_CODES if row["requires_expulsion_recommendation"]}
    assert flagged == CATEGORY_1


def test_the_starred_codes_of_the_seed_are_the_expulsion_recommendation_codes():
    assert SEED_STARRED == CATEGORY_1
    for code in CATEGORY_1:
        assert re.search(re.escape(code) + r"\s*\*|" + re.escape(code) + r"\t[^\t\n]*\*", FORM)


def test_grades_4_12_codes_are_those_marked_gr_4_12_in_the_seed():
    flagged = {row["code"] for row in REASON_CODES if row["grades_4_12_only"]}
    assert flagged == GRADES_4_12
    marked_in_seed = {code for code, (title, _) in SEED_ROWS.items() if "(gr. 4-12)" in title}
    assert marked_in_seed == GRADES_4_12


def test_only_3_9_and_3_22_allow_suspension_but_not_expulsion():
    flagged = {row["code"] for row in REASON_CODES if row["suspension_not_expulsion"]}
    assert flagged == SUSPENSION_NOT_EXPULSION
    for code in SUSPENSION_NOT_EXPULSION:
        assert "but not expulsion" in SEED_ROWS[code][1]
        assert "but not expulsion" in REASON_CODES_BY_CODE[code]["definition"]


def test_only_3_9_is_issued_by_an_administrator_only():
    flagged = {row["code"] for row in REASON_CODES if row["admin_only"]}
    assert flagged == ADMIN_ONLY
    # Form: "Disrupted school-wide activities (iss[ued] by an admin)"; definitions table.
    assert in_text("Disrupted school-wide activities (iss", FORM_PAGE_1)
    assert "suspension issued by an administrator" in SEED_ROWS["3.9"][1]


def test_no_misis_code_is_marked_never_suspend():
    assert all(row["is_misis_code"] for row in REASON_CODES)
    assert not any(row["never_suspend"] for row in REASON_CODES)


@pytest.mark.parametrize("code", FORM_CODES)
def test_each_definition_begins_with_text_of_the_seed(code):
    start = squash(REASON_CODES_BY_CODE[code]["definition"])[:40]
    assert len(start) == 40
    assert start in squash(SEED), code


@pytest.mark.parametrize("code", FORM_CODES)
def test_each_definition_is_the_full_seed_definition(code):
    ours = alnum(REASON_CODES_BY_CODE[code]["definition"])
    if code in BULLYING:
        seed = " ".join(SEED_ROWS[c][1] for c in BULLYING)
    elif code == "3.16":
        assert ORPHAN_3_16 in SEED
        seed = ORPHAN_3_16 + " " + SEED_ROWS[code][1]
    else:
        seed = SEED_ROWS[code][1]
    assert ours == alnum(seed), code


def test_the_bullying_codes_share_one_full_definition():
    definitions = {REASON_CODES_BY_CODE[code]["definition"] for code in BULLYING}
    assert len(definitions) == 1
    (definition,) = definitions
    assert definition.startswith("Bullying is any severe or pervasive")
    assert "Cyber bullying is bullying by electronic act" in definition
    assert definition.endswith("(See impact criteria under Bullying definition)")


# Titles whose seed text is broken up by the OCR: pieces that must all be on the form.
REPAIRED_TITLES = {
    "3.2": ["Marijuana possession for 1 st offense", "or alcohol", "of less than 1 oz,"],
}


@pytest.mark.parametrize("code", FORM_CODES)
def test_each_title_is_the_seed_title(code):
    title = REASON_CODES_BY_CODE[code]["title"]
    assert "gr. 4-12" not in title and "*" not in title
    if code in REPAIRED_TITLES:
        for piece in REPAIRED_TITLES[code]:
            assert in_text(piece, FORM_PAGE_1), piece
        return
    seed_title = SEED_ROWS[code][0].replace("(gr. 4-12)", "")
    assert alnum(title) == alnum(seed_title), code


def test_each_code_has_the_expected_education_code_reference():
    assert {row["code"]: row["education_code"] for row in REASON_CODES} == (
        EXPECTED_EDUCATION_CODES
    )


def test_category_1_is_48915_c_and_category_2_is_48915_a():
    for row in REASON_CODES:
        if row["category"] == 1:
            assert row["education_code"].startswith("48915(c)")
        elif row["category"] == 2:
            assert row["education_code"].startswith("48915(a)(1)")
        else:
            assert row["education_code"].startswith("48900")


def test_willful_defiance_is_not_a_misis_code_and_never_leads_to_suspension():
    wd = WILLFUL_DEFIANCE
    assert set(wd) == set(REASON_CODES[0])
    assert wd["code"] == "WD"
    assert wd["code"] not in REASON_CODES_BY_CODE
    assert wd["category"] == 3
    assert wd["education_code"] == "48900(k)"
    assert wd["is_misis_code"] is False
    assert wd["never_suspend"] is True
    assert wd["suspension_not_expulsion"] is False
    assert wd["requires_expulsion_recommendation"] is False
    assert "willfully defied" in wd["definition"]
    assert "suspension" in wd["note"] and "expulsion" in wd["note"]
    # The Bill of Rights in the seed says so.
    assert 'no student shall be suspended or expelled for a "willful defiance"' in SEED


def test_every_reason_code_has_the_same_keys_and_types():
    keys = set(REASON_CODES[0])
    for row in REASON_CODES:
        assert set(row) == keys
        assert row["title"] and row["definition"] and row["education_code"]
        for flag in (
            "grades_4_12_only",
            "suspension_not_expulsion",
            "admin_only",
            "requires_expulsion_recommendation",
            "is_misis_code",
            "never_suspend",
        ):
            assert isinstance(row[flag], bool), (row["code"], flag)


# ------------------------------------------------------------------------------------------
# Form choices
# ------------------------------------------------------------------------------------------

# label -> the fragment the OCR kept, where the label itself is cut.
LOCATION_FRAGMENTS = {
    "Going to or coming from school": "ng to or coming from school",
    "Other": "ler",  # only the end of the box label survived
}
MOTIVATION_FRAGMENTS = {"Avoid Task": "oid Tas"}
ADMIN_FRAGMENTS = {
    "Recommended for Expulsion": "Recommended",
    "Opportunity Transfer": "Opportunity Tr",
    "Suspension-School": "Suspension-Sc",
    "Suspension-In-School": "Suspension-In-",
    "Suspension-Class (teacher)": "Suspension-Cla",
    "LASPD Diversion Referral": "LASPD Diversion",
    "Referral - Community Agency": "munity Agency",
    "Referral - School Program/Service": "ol Program/Service",
    "Referral - Parent Education": "nt Education",
    "Referral - Discipline Review Team (DRT)": "pline Review Team (DRT",
    "Referral - Coordination of Services Team (COST)": "dination of services Team (COST)",
}
REFERRED_FRAGMENTS = {
    "Required Parent Class Visit": "red Parent Class Visit",
    "Recess (with admin. approval)": "ss (with admin. approval)",
    "Referral - Community Agency": "nunity Agency",
    "Referral - Substance Abuse": "Referral Subs",
    "Referral - School Program/Service": "ol Program/Service",
    "Referral - Parent Education": "Referral - Pare",
    "Referral - Gang Reduction": "Referral - Gang",
    "Referral - Individual Counseling": "idual Counseling",
    "Restorative Justice Program": "Restorative Jus",
    "Conflict Resolution": "Conflict Resolu",
}


def assert_choices_on_form(choices, text, fragments):
    for _slug, label in choices:
        needle = fragments.get(label, label)
        assert in_text(needle, text), label


def assert_slugs_well_formed(choices):
    slugs = [slug for slug, _ in choices]
    assert len(set(slugs)) == len(slugs)
    assert len({label for _, label in choices}) == len(choices)
    for slug in slugs:
        assert SLUG.match(slug), slug


def test_locations_are_the_location_context_choices_of_the_form():
    location_line = next(line for line in FORM.splitlines() if "text: Classroom" in line)
    assert_choices_on_form(LOCATIONS, location_line, LOCATION_FRAGMENTS)
    assert_slugs_well_formed(LOCATIONS)
    assert [slug for slug, _ in LOCATIONS][:6] == [
        "classroom",
        "non-classroom",
        "going-to-or-coming-from-school",
        "school-sponsored-activity",
        "at-another-school",
        "during-lunch",
    ]


def test_motivations_are_the_possible_motivation_choices_of_the_form():
    line = next(line for line in FORM.splitlines() if "vation:" in line)
    assert_choices_on_form(MOTIVATIONS, line, MOTIVATION_FRAGMENTS)
    assert_slugs_well_formed(MOTIVATIONS)
    assert [label for _, label in MOTIVATIONS] == [
        "Avoid Situation",
        "Avoid Adult",
        "Avoid Peer",
        "Avoid Task",
        "Seek Attention",
        "Obtain Activity/Item",
        "Unknown",
    ]


def test_administrative_actions_are_the_responder_checklist_of_the_form():
    assert_choices_on_form(ADMINISTRATIVE_ACTIONS, ADMIN_BLOCK, ADMIN_FRAGMENTS)
    assert_slugs_well_formed(ADMINISTRATIVE_ACTIONS)
    assert len(ADMINISTRATIVE_ACTIONS) == 36


def test_other_means_of_correction_are_the_referred_by_checklist_of_the_form():
    assert_choices_on_form(OTHER_MEANS_OF_CORRECTION, REFERRED_BLOCK, REFERRED_FRAGMENTS)
    assert_slugs_well_formed(OTHER_MEANS_OF_CORRECTION)
    assert len(OTHER_MEANS_OF_CORRECTION) == 33


def test_suspensions_and_expulsion_are_administrative_actions_only():
    admin = {slug for slug, _ in ADMINISTRATIVE_ACTIONS}
    other = {slug for slug, _ in OTHER_MEANS_OF_CORRECTION}
    admin_only = {
        "recommended-for-expulsion",
        "opportunity-transfer",
        "suspension-school",
        "suspension-in-school",
        "suspension-class-teacher",
        "detention",
        "laspd-diversion-referral",
        "law-enforcement-notification",
        "probation-notification",
        "crisis-threat-assessment",
        "referral-support-personnel",
    }
    assert admin_only <= admin
    assert not admin_only & other


def test_classroom_level_corrections_are_on_the_referred_by_checklist_only():
    admin = {slug for slug, _ in ADMINISTRATIVE_ACTIONS}
    other = {slug for slug, _ in OTHER_MEANS_OF_CORRECTION}
    classroom_only = {
        "verbal-reminder",
        "seat-change",
        "writing-reflections",
        "individual-social-skills-instruction",
        "review-re-teach-expectations",
        "loss-of-privileges",
        "required-parent-class-visit",
        "recess-with-admin-approval",
    }
    assert classroom_only <= other
    assert not classroom_only & admin


def test_the_same_item_has_the_same_slug_on_both_checklists():
    labels = dict(ADMINISTRATIVE_ACTIONS)
    for slug, label in OTHER_MEANS_OF_CORRECTION:
        for admin_slug, admin_label in ADMINISTRATIVE_ACTIONS:
            if admin_label == label:
                assert admin_slug == slug, label
    # Same item, words in another order on the two checklists.
    assert labels["referral-individual-counseling"] == "Referral - Counseling Individual"
    assert dict(OTHER_MEANS_OF_CORRECTION)["referral-individual-counseling"] == (
        "Referral - Individual Counseling"
    )
