"""MiSiS discipline catalog data, transcribed from seed 003 (policy bulletin BUL-5808.3).

Source: ``shared/seeds/003_4ae4efbcce026296.txt`` (SWPBIS Task Force packet, May 23, 2019),
part 2: LAUSD policy bulletin BUL-5808.3 "My Integrated Student Information System (MiSiS)
Student Support Module Required Usage" (March 23, 2015):

* the "MISIS DISCIPLINE REFERRAL" form: reason codes 1.1-3.22, location/context, possible
  motivation, and the two checklists of its second page (administrative action; other means
  of correction);
* the table "REASON CODES VALUES AND DESCRIPTIONS" (one definition per reason code).

Willful defiance (E.C. 48900(k)) is not a MiSiS code; it is added as ``WILLFUL_DEFIANCE`` so
that the behavior can be recorded and answered with interventions (2013 School Discipline
Policy and School Climate Bill of Rights, same seed, part 3).

Plain Python data only: no Django imports. The seed is OCR text; every place where the text
below differs from the OCR is a repair listed in a comment next to the data.

Education Code references (California Education Code, current numbering):

* Category 1 = E.C. 48915(c) (mandatory expulsion recommendation), paragraphs (1)-(5);
* Category 2 = E.C. 48915(a)(1), subparagraphs (A)-(E) (numbered (a)(1)-(a)(5) before
  AB 1729, 2012);
* Category 3 = E.C. 48900 subdivisions and 48900.2 (sexual harassment), 48900.3 (hate
  violence), 48900.4 (harassment, threats or intimidation), 48900.7 (terroristic threats).
  48900.2, 48900.3 and 48900.4 apply to grades 4 to 12 only, which is why the form marks
  3.12a-d, 3.13 and 3.14 "(gr. 4-12)". 3.9 "disrupted school-wide activities" is the
  "disrupted school activities" half of 48900(k)(1); 48900(k)(2) forbids suspension in K-3
  and expulsion in any grade, hence "(gr. 4-12)" and "suspension, but not expulsion".
"""

SEED = "003_4ae4efbcce026296.txt"
BULLETIN = "BUL-5808.3"

# --------------------------------------------------------------------------------------------
# Reason code definitions shared by several codes
# --------------------------------------------------------------------------------------------

_PHYSICAL_INJURY = (
    "Physical injury – A bodily injury that requires professional medical treatment "
    "(including the school nurse)."
)
_ATTEMPT = (
    "Attempt – A specific intent to commit the misconduct and a direct but ineffectual act "
    "done towards its commission."
)
_PROPERTY = (
    'Property – Includes both "Real Property" (land and buildings) and "Personal property" '
    "(money and goods)."
)
_HARASSED_PUPIL = (
    "Behaviors that threaten, intimidate, demean, embarrass, or ridicule a student, group of "
    "students. This may include the spreading of rumors about another student and threats to "
    "fight with or harm another student. "
)

# OCR: the bullying definition is one cell spanning the rows 3.21a-3.21e; the OCR cut it into
# five pieces, one per row. Repairs: the pieces are joined in order; the list numbers "2.",
# "3.", "4." lost by the OCR are restored. The text "towards a student based on sex" is kept
# verbatim as in the seed, although it reads as if written for 3.21a only.
_BULLYING = (
    "Bullying is any severe or pervasive physical or verbal act(s) or conduct, including "
    "electronic communications committed by a pupil(s) towards a student based on sex that "
    "has, or can be reasonably predicted to have, the effect of one or more of the following: "
    "1. Reasonable fear of harm to person or property. "
    "2. Substantially detrimental effect on physical or mental health. "
    "3. Substantial interference with academic performance. "
    "4. Substantial interference with the ability to participate in or benefit from school "
    "services, activities, or privileges. "
    "Cyber bullying is bullying by electronic act, which includes transmission of a "
    "communication by text, sound, image, video, message, website post, social network "
    "activity, or other form of communication sent by an electronic device. "
    "(See impact criteria under Bullying definition)"
)


def _code(
    code,
    title,
    definition,
    education_code,
    *,
    grades_4_12_only=False,
    suspension_not_expulsion=False,
    admin_only=False,
    note="",
):
    category = int(code.split(".")[0])
    return {
        "code": code,
        "category": category,
        "title": title,
        "definition": definition,
        "education_code": education_code,
        "grades_4_12_only": grades_4_12_only,
        "suspension_not_expulsion": suspension_not_expulsion,
        "admin_only": admin_only,
        # Category 1 codes carry the "*": "Requires Recommendation for Expulsion as the
        # Administrative Action".
        "requires_expulsion_recommendation": category == 1,
        # True only for willful defiance (district rule, Bill of Rights 2013).
        "never_suspend": False,
        "is_misis_code": True,
        "note": note,
    }


# Order: as printed on the referral form (left column 3.1a-3.16, right column 3.17-1.5).
# Titles: the form's wording, cleaned of OCR noise, without the "(gr. 4-12)" and "*" marks
# (those are the flags). OCR repairs in titles:
#   3.2  form "Marijuana possession for 1 st offense e of less than 1 oz, or alcohol"
#        (stray "e" dropped; "1 st" -> "1st").
#   3.12b form line cut after "based or"; completed from the definitions table.
#   3.12c printed "3.120" on the form; code from the definitions table.
#   3.14, 3.21e, 3.22, 2.3 the code number is missing or garbled on the form; the codes
#        come from the definitions table and the order of the form.
#   2.3  form text broken over two lines and merged with 2.2's title.
REASON_CODES = [
    _code(
        "3.1a",
        "Caused physical injury to another person",
        "Cause – Something that brings about an effect or result. " + _PHYSICAL_INJURY,
        "48900(a)(1)",
    ),
    _code(
        "3.1b",
        "Attempted to cause physical injury to another person",
        _ATTEMPT + " " + _PHYSICAL_INJURY,
        "48900(a)(1)",
    ),
    _code(
        "3.1c",
        "Threatened to cause physical injury to another person",
        "Threat – An expression of an intention to injure another. Threaten – To declare an "
        "intention or determination to inflict harm or injure another person by a wrongful act. "
        + _PHYSICAL_INJURY,
        "48900(a)(1)",
    ),
    _code(
        "3.2",
        "Marijuana possession for 1st offense of less than 1 oz, or alcohol",
        "First offense of marijuana possession and of less than 1 oz. or alcohol.",
        "48900(c)",
    ),
    _code(
        "3.3",
        "Substitute of a controlled substance",
        "Substitute of controlled substance – Any liquid, substance, or material that is "
        "presented as a controlled substance, alcoholic beverage, or intoxicant. Intoxicant – A "
        "drug other than alcohol; substance which when taken into a body by one mean or another "
        "produces a condition of diminished mental and physical ability, hyperexcitability, or "
        "stupefaction. Note: Intoxicants include, but are not limited to, a broad range of "
        "hydrocarbons used in propellants, solvents, and adhesives, as well as commercial grade "
        "nitrous oxide (i.e., air freshener, computer cleaner, aerosol deodorant, spray paint, "
        "paint thinners, etc.).",
        "48900(d)",
    ),
    _code(
        "3.4",
        "Damaged/attempted to damage school or private property",
        "Engage in behavior that results in disfigurement or destruction of property belonging "
        "to student, staff, or school. " + _PROPERTY + " " + _ATTEMPT,
        "48900(f)",
    ),
    _code(
        "3.5",
        "Stole or attempted to steal school or private property",
        "Taking of school or private property without the school's or the owner's permission "
        "or knowledge. " + _PROPERTY + " " + _ATTEMPT,
        "48900(g)",
    ),
    _code(
        "3.6",
        "Possessed or used tobacco",
        "Tobacco – Any product containing tobacco or nicotine products, including cigarettes, "
        "cigars, miniature cigars, clove cigarettes, smokeless tobacco, snuff, chew packets, and "
        "betel. Electronic Cigarette – A mechanism (which may resemble a traditional cigarette) "
        "that heats up liquid nicotine, which turns into a vapor that smokers inhale and exhale.",
        "48900(h)",
    ),
    _code(
        "3.7",
        "Obscenity/profanity/vulgarity",
        "Obscenity – Extremely or deeply offensive according to contemporary community "
        "standards of morality or decency. Miller v. California [USSC, 1973] If an expression "
        "meets these three criteria, then it's obscene: 1. The average person, applying "
        "contemporary community standards, would find that the work, taken as a whole, appeals "
        "to the prurient interest; 2. The work depicts/describes, in a patently offensive way, "
        "sexual conduct or excretory functions specifically defined by applicable state law; "
        "3. The work, taken as a whole, lacks serious literary, artistic, political, or "
        "scientific value. Profanity – Language that denotes personally reviling epithets "
        "naturally tending to provoke violent resentment or denoting language so grossly "
        "offensive to members of the public who actually heard it as to amount to a nuisance. "
        "Vulgarity – Offensive to the senses.",
        "48900(i)",
    ),
    _code(
        "3.8",
        "Drug paraphernalia",
        "Drug paraphernalia – Includes, but is not limited to, rolling papers, lighters, and "
        "pipes.",
        "48900(j)",
    ),
    _code(
        "3.9",
        "Disrupted school-wide activities",
        "To cause school-wide interruption or interference. (The student may be subjected to "
        "suspension issued by an administrator, but not expulsion.)",
        # The "disrupted school activities" part of 48900(k)(1); 48900(k)(2): no suspension in
        # K-3, no expulsion in any grade. Not willful defiance (see WILLFUL_DEFIANCE).
        "48900(k)",
        grades_4_12_only=True,
        suspension_not_expulsion=True,
        admin_only=True,
        note="Issued by an administrator only; suspension possible, never expulsion.",
    ),
    _code(
        "3.10",
        "Received stolen school or private property",
        "Accepting school or private property that is knowingly stolen. Property – Includes "
        'both "Real Property" (land and buildings) and "Personal Property" (money and goods).',
        "48900(l)",
    ),
    _code(
        "3.11",
        "Imitation firearm",
        "A replica of a firearm that is so substantially similar in physical properties to an "
        "existing firearm as to lead a reasonable person to conclude that the replica is a "
        "firearm.",
        "48900(m)",
    ),
    _code(
        "3.12a",
        "Harassed/threatened pupil based on race/color/national origin",
        _HARASSED_PUPIL + "It also includes the use of terms derogatory to a person's race, "
        "color, or national origin.",
        "48900.4",
        grades_4_12_only=True,
    ),
    _code(
        "3.12b",
        "Harassed/threatened pupil based on disability",
        _HARASSED_PUPIL + "It also includes the use of terms derogatory to a person's disability.",
        "48900.4",
        grades_4_12_only=True,
    ),
    _code(
        "3.12c",
        "Harassed/threatened pupil based on other factors",
        _HARASSED_PUPIL + "It also includes the use of terms derogatory regarding other factors.",
        "48900.4",
        grades_4_12_only=True,
    ),
    _code(
        "3.12d",
        "Harassed/threatened a school District personnel",
        "Behaviors that threaten, intimidate, demean, embarrass, or ridicule District "
        "personnel. This may include the spreading of rumors about and threats to fight with or "
        "harm District personnel. It also includes the use of terms derogatory to the District "
        "personnel.",
        "48900.4",
        grades_4_12_only=True,
    ),
    _code(
        "3.13",
        "Sexual harassment",
        "Unwelcomed sexual advances, requests for sexual favors, or other verbal, visual, or "
        "physical conduct of a sexual nature.",
        "48900.2",
        grades_4_12_only=True,
    ),
    _code(
        "3.14",
        "Hate violence",
        "An act or an attempted act against the person or property of another individual or "
        "institution which in any way constitutes an expression of hostility toward the victim "
        "because of his/her actual or perceived race, ethnicity, religion, disability, gender, "
        "nationality, or sexual orientation. Includes, but is not limited to, threatening "
        "telephone calls, bigoted insults/taunts/slurs, hate mail, physical assault, vandalism, "
        "cross burning, destruction of religious symbols, and fire bombings.",
        "48900.3",
        grades_4_12_only=True,
    ),
    _code(
        "3.15",
        "Terroristic threat (threat to cause death, great bodily injury)",
        "An act which will result in death or great bodily injury to another person, with "
        "specific intent that the statement, oral or written, is to be taken as a threat, even "
        "if there is no intent of actually carrying it out. The threat is immediate and "
        "specific as to convey to the person threatened that the threat will be executed very "
        "soon, and thereby causes that person to be sustained in fear for his or her own safety "
        "or for his or her immediate family's safety.",
        "48900.7",
    ),
    _code(
        "3.16",
        "Willful use of force/violence not self-defense",
        # OCR: the first sentence sits on its own line above the 3.16 row (page break of the
        # table, printed in the "Reason Code" header line); it is the start of 3.16's cell.
        "An intentional and deliberate use of force or violence upon another person's body. "
        "Willful – Referring to acts which are intentional, conscious, and directed toward "
        "achieving a purpose. Some willful conduct which has wrongful or unfortunate results is "
        'considered "hardheaded," "stubborn," and even "malicious." Done deliberately. Force – '
        "A cause of motion, activity, or charge; active power; violence, compulsion, or "
        "constraint exerted upon or against a person or thing. Violence – A substantial risk "
        "that force will be used against a person or property; exertion of physical force so as "
        "to injure or abuse. Self-defense – Use of reasonable force necessary to protect himself "
        "or herself because of a reasonable belief that the other party intended to inflict "
        "physical injury.",
        "48900(a)(2)",
    ),
    _code(
        "3.17",
        "Harassed/threatened/intimidated witness",
        "Harassed, threatened, or intimidated a student who is a complaining witness or a "
        "witness in a school disciplinary proceeding for the purpose of either preventing the "
        "student from being a witness or retaliating against that student for being a witness, "
        "or both.",
        "48900(o)",
    ),
    # There is no 3.18 on the form or in the definitions table.
    _code(
        "3.19",
        "Selling or arranging to sell the prescription drug Soma",
        "Unlawfully offered, arranged to sell, negotiated to sell, or sold the prescription "
        "drug Soma.",
        "48900(p)",
    ),
    _code(
        "3.20",
        "Hazing",
        "Hazing is a method of initiation or pre-initiation into a pupil organization or body, "
        "whether or not the organization or body is officially recognized by an educational "
        "institution, which is likely to cause serious bodily injury, personal degradation or "
        "disgrace resulting in physical or mental harm to a former, current, or prospective "
        "pupil.",
        "48900(q)",
    ),
    _code("3.21a", "Bullying/cyber toward a pupil based on sex", _BULLYING, "48900(r)"),
    _code(
        "3.21b",
        "Bullying/cyber toward a pupil based on race/color/national origin",
        _BULLYING,
        "48900(r)",
    ),
    _code("3.21c", "Bullying/cyber toward a pupil based on disability", _BULLYING, "48900(r)"),
    _code("3.21d", "Bullying/cyber toward a pupil based on other factors", _BULLYING, "48900(r)"),
    # 48900(r) defines bullying against pupils; the form files bullying of school personnel
    # under the same code family, so 3.21e is referenced to 48900(r) as well.
    _code("3.21e", "Bullying/cyber toward school personnel", _BULLYING, "48900(r)"),
    _code(
        "3.22",
        "Aided or abetted the infliction of physical injury to another",
        "A student who aids or abets the infliction or attempted infliction of physical injury "
        "to another person may be subject to suspension, but not expulsion. Aid – Assist Abet – "
        "To assist, encourage, instigate, or support.",
        "48900(t)",
        suspension_not_expulsion=True,
        note="Suspension possible, never expulsion (E.C. 48900(t)).",
    ),
    # Category 2: E.C. 48915(a)(1) - the principal shall recommend expulsion unless he or she
    # finds it should not be recommended under the circumstances.
    _code(
        "2.1",
        "Serious physical injury/not self-defense",
        "Serious physical injury – An injury that involves substantial risk of death; extreme "
        "physical pain; protracted and obvious disfigurement; protracted loss or impairment of "
        "function of a bodily member, organ, or mental faculty. Serious impairment of physical "
        "conditions – Includes, but is not limited to, loss of consciousness; concussion; bone "
        "fracture; protracted loss or impairment of function of any bodily member or organ; "
        "wound requiring extensive suturing; serious disfigurement. Self-defense – Use of "
        "reasonable force necessary to protect himself or herself because of a reasonable "
        "belief that the other party intended to inflict physical injury.",
        "48915(a)(1)(A)",
    ),
    _code(
        "2.2",
        "Knife or other dangerous object",
        "Dangerous object – Includes, but is not limited to, knife, BB guns, pellet guns, "
        "imitation guns, taser guns, gun clips, ammunition, common fireworks, brass knuckles, "
        "etc. Note: Any object used to cause or attempt to cause bodily harm can be defined as a "
        "dangerous object.",
        "48915(a)(1)(B)",
    ),
    _code(
        "2.3",
        "Controlled substance (except marijuana 1st offense less than 1 oz) or "
        "counter/prescribed meds",
        "Possession of any controlled substance, including repeated offense of marijuana "
        "possession and first offense of marijuana possession for more than 1 oz. Unlawful – Not "
        "authorized or justified by law. Controlled substance – Includes narcotics and "
        "prescription medications that are not prescribed to the student in possession. "
        "Examples of controlled substance include, but are not limited to, marijuana, cocaine, "
        "ecstasy, Ritalin, Xanax, etc.",
        "48915(a)(1)(C)",
    ),
    _code(
        "2.4",
        "Robbery/extortion",
        "Robbery – Take the personal property of another while it is in the other person's "
        "possession by force or threat of force. Extortion – To obtain by coercive means, such "
        "as threat or intimidation.",
        "48915(a)(1)(D)",
    ),
    _code(
        "2.5",
        "Assaulted/battered school employee",
        "Assault – An unlawful attempt, coupled with a present ability to commit a violent "
        "injury on a school employee. Battery – Any willful and unlawful use of force or "
        "violence upon a school employee.",
        "48915(a)(1)(E)",
    ),
    # Category 1: E.C. 48915(c) - immediate suspension and mandatory expulsion recommendation.
    _code(
        "1.1",
        "Firearm",
        "Any weapon (including a starter gun) which will or is designed to or may readily be "
        "converted to expel a projectile by the action of an explosive. Examples of firearms "
        "are handguns, shotguns, rifles, pistols, and revolvers. Note: BB guns, pellet guns, "
        "imitation guns, paint ball guns, taser guns, cap guns, antiques or replicas of antique "
        "firearms, gun clips, and ammunition are NOT firearms.",
        "48915(c)(1)",
    ),
    _code(
        "1.2",
        "Brandished knife at another person",
        "Engage in a verbal or nonverbal threat with a knife. Knife – A weapon with a blade "
        "longer than 3½ inches, a folding knife with locking blade, an unguarded razor blade, "
        "dirk or dagger, or any weapon with a blade fitted primarily for stabbing.",
        "48915(c)(2)",
    ),
    _code(
        "1.3",
        "Sold controlled substance",
        "Completed money and drug exchange. Unlawful – Not authorized or justified by law. "
        "Controlled substance – Includes narcotics and prescription drugs (pharmaceuticals) that "
        "are not prescribed to the student in possession. Examples of controlled substances "
        "include, but are not limited to, marijuana, cocaine, ecstasy, Ritalin, Xanax, etc.",
        "48915(c)(3)",
    ),
    _code(
        "1.4a",
        "Sexual assault",
        "Sexual Assault – Includes rape, sodomy, oral copulation, penetration of a genital or "
        "anal opening by a foreign object, or lascivious acts upon a child less than 14 years of "
        "age. " + _ATTEMPT,
        # 48915(c)(4) refers to sexual assault / sexual battery as defined in 48900(n).
        "48915(c)(4)",
    ),
    _code(
        "1.4b",
        "Sexual battery",
        "Sexual Battery – Touching another person's intimate parts, directly or through "
        "clothing, against the will of the person touched, for the purpose of sexual arousal, "
        "sexual gratification, or sexual abuse.",
        "48915(c)(4)",
    ),
    _code(
        "1.5",
        "Explosive",
        "Destructive device that contains at least 12 oz. of explosive mixture. Examples of "
        "illegal explosives include: M-80, M-100, M-250, M-1000. Note: Common fireworks are NOT "
        "explosives.",
        "48915(c)(5)",
    ),
]

REASON_CODES_BY_CODE = {row["code"]: row for row in REASON_CODES}

# Not a MiSiS code: willful defiance must be recordable as a referral reason, answered with
# interventions, and never lead to a suspension (class, in-school or out-of-school) or an
# expulsion recommendation (2013 School Discipline Policy and School Climate Bill of Rights:
# "no student shall be suspended or expelled for a 'willful defiance' (48900(k)) offense").
WILLFUL_DEFIANCE = {
    "code": "WD",
    "category": 3,
    "title": "Willful defiance",
    "definition": (
        "The student disrupted school activities or otherwise willfully defied the valid "
        "authority of school staff (supervisors, teachers, administrators, school officials, or "
        "other school personnel) while they were doing their job."
    ),
    "education_code": "48900(k)",
    "grades_4_12_only": False,
    "suspension_not_expulsion": False,
    "admin_only": False,
    "requires_expulsion_recommendation": False,
    "never_suspend": True,
    "is_misis_code": False,
    "note": (
        "Never leads to any suspension or to an expulsion recommendation, in any grade "
        "(School Climate Bill of Rights, 2013). Answer it with interventions."
    ),
}

# --------------------------------------------------------------------------------------------
# Referral form choices
# --------------------------------------------------------------------------------------------

# "Location/Context:" row of section I of the form. OCR: "Classroom School-sponsored activity
# ☐ Non-Classroom ☐ At another school ☐ Going to or coming from school During lunch ler".
# "During lunch" is E.C. 48900(s)(3) "during the lunch period whether on or off the campus".
# The trailing fragment "ler" is read as the box "Other" (uncertain: only its end survived).
LOCATIONS = [
    ("classroom", "Classroom"),
    ("non-classroom", "Non-Classroom"),
    ("going-to-or-coming-from-school", "Going to or coming from school"),
    ("school-sponsored-activity", "School-sponsored activity"),
    ("at-another-school", "At another school"),
    ("during-lunch", "During lunch"),
    ("other", "Other"),
]

# "Possible Motivation:" row at the end of section II of the form.
MOTIVATIONS = [
    ("avoid-situation", "Avoid Situation"),
    ("avoid-adult", "Avoid Adult"),
    ("avoid-peer", "Avoid Peer"),
    ("avoid-task", "Avoid Task"),
    ("seek-attention", "Seek Attention"),
    ("obtain-activity-item", "Obtain Activity/Item"),
    ("unknown", "Unknown"),
]

# How the two checklists of the form's second page were told apart. The page reads, top to
# bottom: "Administrator/Designee Notes:", "Responder: / Position: / Signature:", a two-column
# checklist, then the caption "ADMINISTRATIVE ACTION (TO BE [COMPLETED BY] RESPONDER)", then
# "Referred by: / Position: / Signature:" and a second two-column checklist.
#  * The first checklist belongs to the responder, i.e. the administrator or designee who acts
#    on the referral: it alone holds Recommended for Expulsion, Opportunity Transfer, the
#    suspensions, Detention, LASPD Diversion, Probation and Law Enforcement Notification. The
#    caption "ADMINISTRATIVE ACTION (TO BE ... RESPONDER)" closes this block, and the form's
#    "*Requires Recommendation for Expulsion as the Administrative Action" names that item an
#    administrative action. -> ADMINISTRATIVE_ACTIONS.
#  * The second checklist sits under "Referred by": what the referring staff member already
#    tried, i.e. the "other means of correction" of E.C. 48900.5 (Verbal Reminder, Seat Change,
#    Writing Reflections, Recess (with admin. approval), ...). -> OTHER_MEANS_OF_CORRECTION.
# Both lists are read left column top to bottom, then right column top to bottom. The same
# item on both lists has the same slug.

# First checklist (responder = administrator/designee). OCR repairs: the right column is cut
# at the fold: "Recommended" -> "Recommended for Expulsion" (see the "*" footnote of the
# form), "Opportunity Tr" -> "Opportunity Transfer", "Suspension-Sc" -> "Suspension-School",
# "Suspension-In-" -> "Suspension-In-School", "Suspension-Cla" -> "Suspension-Class (teacher)"
# (the teacher's suspension from class, E.C. 48910; "(teacher)" itself is not legible),
# "LASPD Diversion / n Referral" -> "LASPD Diversion Referral", "munity Agency" -> "Referral -
# Community Agency", "ol Program/Service" -> "Referral - School Program/Service",
# "Referral - Pare / nt Education", "pline Review Team (DRT" and "dination of services Team
# (COST)" completed as in the second checklist. The duplicate OCR line "Cricia (Threat
# Assessment Date(s)" is junk; "Crisis/Threat Assessment" has a "Date(s)" blank on the form.
ADMINISTRATIVE_ACTIONS = [
    ("other", "Other"),
    ("crisis-threat-assessment", "Crisis/Threat Assessment"),
    ("probation-notification", "Probation Notification"),
    ("law-enforcement-notification", "Law Enforcement Notification"),
    ("restorative-justice-program", "Restorative Justice Program"),
    ("counseling-by-support-staff", "Counseling by Support Staff"),
    ("restitution", "Restitution"),
    ("classroom-change", "Classroom Change"),
    ("peer-mediation", "Peer Mediation"),
    ("conflict-resolution", "Conflict Resolution"),
    ("community-service", "Community Service"),
    ("campus-beautification", "Campus Beautification"),
    ("behavior-support-plan", "Behavior Support Plan"),
    ("daily-behavior-monitoring", "Daily Behavior Monitoring"),
    ("behavior-contract", "Behavior Contract"),
    ("conference-with-parent", "Conference with Parent"),
    ("parent-contact", "Parent Contact"),
    ("conference-with-student", "Conference with Student"),
    ("recommended-for-expulsion", "Recommended for Expulsion"),
    ("opportunity-transfer", "Opportunity Transfer"),
    ("suspension-school", "Suspension-School"),
    ("suspension-in-school", "Suspension-In-School"),
    ("suspension-class-teacher", "Suspension-Class (teacher)"),
    ("detention", "Detention"),
    ("laspd-diversion-referral", "LASPD Diversion Referral"),
    ("referral-community-agency", "Referral - Community Agency"),
    ("referral-substance-abuse", "Referral - Substance Abuse"),
    ("referral-school-program-service", "Referral - School Program/Service"),
    ("referral-parent-education", "Referral - Parent Education"),
    ("referral-gang-reduction", "Referral - Gang Reduction"),
    ("referral-individual-counseling", "Referral - Counseling Individual"),
    ("referral-group-counseling", "Referral - Counseling Group"),
    ("referral-support-personnel", "Referral - Support Personnel"),
    ("referral-sst", "Referral - Student Success Team (SST)"),
    ("referral-drt", "Referral - Discipline Review Team (DRT)"),
    ("referral-cost", "Referral - Coordination of Services Team (COST)"),
]

# Second checklist ("Referred by"). OCR repairs: "Community Service Counseling by Support
# Staff" is two boxes on one line; right column cut at the fold: "4 red Parent Class Visit" ->
# "Required Parent Class Visit", "ss (with admin. approval)" -> "Recess (with admin.
# approval)", "Referral - Com / nunity Agency" -> "Referral - Community Agency", "Referral Subs"
# -> "Referral - Substance Abuse", "ol Program/Service" -> "Referral - School
# Program/Service", "Referral - Pare" -> "Referral - Parent Education", "Referral - Gang" ->
# "Referral - Gang Reduction", "idual Counseling" -> "Referral - Individual Counseling" (next
# line "Referral - Group Counseling"), "Restorative Jus / tice Program", "Conflict Resolu /
# ion"; the same items' full text is legible in the first checklist.
OTHER_MEANS_OF_CORRECTION = [
    ("conference-with-parent", "Conference with Parent"),
    ("parent-contact", "Parent Contact"),
    ("conference-with-student", "Conference with Student"),
    ("community-service", "Community Service"),
    ("counseling-by-support-staff", "Counseling by Support Staff"),
    ("campus-beautification", "Campus Beautification"),
    ("restitution", "Restitution"),
    ("loss-of-privileges", "Loss of Privileges"),
    ("daily-behavior-monitoring", "Daily Behavior Monitoring"),
    ("behavior-support-plan", "Behavior Support Plan"),
    ("behavior-contract", "Behavior Contract"),
    ("classroom-change", "Classroom Change"),
    ("seat-change", "Seat Change"),
    ("writing-reflections", "Writing Reflections"),
    ("individual-social-skills-instruction", "Individual Social Skills Instruction"),
    ("review-re-teach-expectations", "Review/Re-teach Expectations"),
    ("verbal-reminder", "Verbal Reminder"),
    ("other", "Other"),
    ("required-parent-class-visit", "Required Parent Class Visit"),
    ("recess-with-admin-approval", "Recess (with admin. approval)"),
    ("referral-community-agency", "Referral - Community Agency"),
    ("referral-substance-abuse", "Referral - Substance Abuse"),
    ("referral-school-program-service", "Referral - School Program/Service"),
    ("referral-parent-education", "Referral - Parent Education"),
    ("referral-gang-reduction", "Referral - Gang Reduction"),
    ("referral-individual-counseling", "Referral - Individual Counseling"),
    ("referral-group-counseling", "Referral - Group Counseling"),
    ("referral-sst", "Referral - Student Success Team (SST)"),
    ("referral-drt", "Referral - Discipline Review Team (DRT)"),
    ("referral-cost", "Referral - Coordination of Services Team (COST)"),
    ("restorative-justice-program", "Restorative Justice Program"),
    ("peer-mediation", "Peer Mediation"),
    ("conflict-resolution", "Conflict Resolution"),
]
