"""The MiSiS catalogs of seed 003 (BUL-5808.3) for migration 0003.

Frozen copy of what the data migration needs, as it stood when the
migration was written: a data migration must not import live modules, which
may change after it ran. Generated from discipline.seed_catalog."""

# fmt: off
REASON_CODES = [{'code': '3.1a',
  'category': 3,
  'title': 'Caused physical injury to another person',
  'definition': 'Cause – Something that brings about an effect or result. Physical injury – A '
                'bodily injury that requires professional medical treatment (including the school '
                'nurse).',
  'education_code': '48900(a)(1)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.1b',
  'category': 3,
  'title': 'Attempted to cause physical injury to another person',
  'definition': 'Attempt – A specific intent to commit the misconduct and a direct but '
                'ineffectual act done towards its commission. Physical injury – A bodily injury '
                'that requires professional medical treatment (including the school nurse).',
  'education_code': '48900(a)(1)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.1c',
  'category': 3,
  'title': 'Threatened to cause physical injury to another person',
  'definition': 'Threat – An expression of an intention to injure another. Threaten – To declare '
                'an intention or determination to inflict harm or injure another person by a '
                'wrongful act. Physical injury – A bodily injury that requires professional '
                'medical treatment (including the school nurse).',
  'education_code': '48900(a)(1)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.2',
  'category': 3,
  'title': 'Marijuana possession for 1st offense of less than 1 oz, or alcohol',
  'definition': 'First offense of marijuana possession and of less than 1 oz. or alcohol.',
  'education_code': '48900(c)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.3',
  'category': 3,
  'title': 'Substitute of a controlled substance',
  'definition': 'Substitute of controlled substance – Any liquid, substance, or material that is '
                'presented as a controlled substance, alcoholic beverage, or intoxicant. '
                'Intoxicant – A drug other than alcohol; substance which when taken into a body '
                'by one mean or another produces a condition of diminished mental and physical '
                'ability, hyperexcitability, or stupefaction. Note: Intoxicants include, but are '
                'not limited to, a broad range of hydrocarbons used in propellants, solvents, and '
                'adhesives, as well as commercial grade nitrous oxide (i.e., air freshener, '
                'computer cleaner, aerosol deodorant, spray paint, paint thinners, etc.).',
  'education_code': '48900(d)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.4',
  'category': 3,
  'title': 'Damaged/attempted to damage school or private property',
  'definition': 'Engage in behavior that results in disfigurement or destruction of property '
                'belonging to student, staff, or school. Property – Includes both "Real Property" '
                '(land and buildings) and "Personal property" (money and goods). Attempt – A '
                'specific intent to commit the misconduct and a direct but ineffectual act done '
                'towards its commission.',
  'education_code': '48900(f)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.5',
  'category': 3,
  'title': 'Stole or attempted to steal school or private property',
  'definition': "Taking of school or private property without the school's or the owner's "
                'permission or knowledge. Property – Includes both "Real Property" (land and '
                'buildings) and "Personal property" (money and goods). Attempt – A specific '
                'intent to commit the misconduct and a direct but ineffectual act done towards '
                'its commission.',
  'education_code': '48900(g)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.6',
  'category': 3,
  'title': 'Possessed or used tobacco',
  'definition': 'Tobacco – Any product containing tobacco or nicotine products, including '
                'cigarettes, cigars, miniature cigars, clove cigarettes, smokeless tobacco, '
                'snuff, chew packets, and betel. Electronic Cigarette – A mechanism (which may '
                'resemble a traditional cigarette) that heats up liquid nicotine, which turns '
                'into a vapor that smokers inhale and exhale.',
  'education_code': '48900(h)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.7',
  'category': 3,
  'title': 'Obscenity/profanity/vulgarity',
  'definition': 'Obscenity – Extremely or deeply offensive according to contemporary community '
                'standards of morality or decency. Miller v. California [USSC, 1973] If an '
                "expression meets these three criteria, then it's obscene: 1. The average person, "
                'applying contemporary community standards, would find that the work, taken as a '
                'whole, appeals to the prurient interest; 2. The work depicts/describes, in a '
                'patently offensive way, sexual conduct or excretory functions specifically '
                'defined by applicable state law; 3. The work, taken as a whole, lacks serious '
                'literary, artistic, political, or scientific value. Profanity – Language that '
                'denotes personally reviling epithets naturally tending to provoke violent '
                'resentment or denoting language so grossly offensive to members of the public '
                'who actually heard it as to amount to a nuisance. Vulgarity – Offensive to the '
                'senses.',
  'education_code': '48900(i)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.8',
  'category': 3,
  'title': 'Drug paraphernalia',
  'definition': 'Drug paraphernalia – Includes, but is not limited to, rolling papers, lighters, '
                'and pipes.',
  'education_code': '48900(j)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.9',
  'category': 3,
  'title': 'Disrupted school-wide activities',
  'definition': 'To cause school-wide interruption or interference. (The student may be subjected '
                'to suspension issued by an administrator, but not expulsion.)',
  'education_code': '48900(k)',
  'grades_4_12_only': True,
  'suspension_not_expulsion': True,
  'admin_only': True,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': 'Issued by an administrator only; suspension possible, never expulsion.'},
 {'code': '3.10',
  'category': 3,
  'title': 'Received stolen school or private property',
  'definition': 'Accepting school or private property that is knowingly stolen. Property – '
                'Includes both "Real Property" (land and buildings) and "Personal Property" '
                '(money and goods).',
  'education_code': '48900(l)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.11',
  'category': 3,
  'title': 'Imitation firearm',
  'definition': 'A replica of a firearm that is so substantially similar in physical properties '
                'to an existing firearm as to lead a reasonable person to conclude that the '
                'replica is a firearm.',
  'education_code': '48900(m)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.12a',
  'category': 3,
  'title': 'Harassed/threatened pupil based on race/color/national origin',
  'definition': 'Behaviors that threaten, intimidate, demean, embarrass, or ridicule a student, '
                'group of students. This may include the spreading of rumors about another '
                'student and threats to fight with or harm another student. It also includes the '
                "use of terms derogatory to a person's race, color, or national origin.",
  'education_code': '48900.4',
  'grades_4_12_only': True,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.12b',
  'category': 3,
  'title': 'Harassed/threatened pupil based on disability',
  'definition': 'Behaviors that threaten, intimidate, demean, embarrass, or ridicule a student, '
                'group of students. This may include the spreading of rumors about another '
                'student and threats to fight with or harm another student. It also includes the '
                "use of terms derogatory to a person's disability.",
  'education_code': '48900.4',
  'grades_4_12_only': True,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.12c',
  'category': 3,
  'title': 'Harassed/threatened pupil based on other factors',
  'definition': 'Behaviors that threaten, intimidate, demean, embarrass, or ridicule a student, '
                'group of students. This may include the spreading of rumors about another '
                'student and threats to fight with or harm another student. It also includes the '
                'use of terms derogatory regarding other factors.',
  'education_code': '48900.4',
  'grades_4_12_only': True,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.12d',
  'category': 3,
  'title': 'Harassed/threatened a school District personnel',
  'definition': 'Behaviors that threaten, intimidate, demean, embarrass, or ridicule District '
                'personnel. This may include the spreading of rumors about and threats to fight '
                'with or harm District personnel. It also includes the use of terms derogatory to '
                'the District personnel.',
  'education_code': '48900.4',
  'grades_4_12_only': True,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.13',
  'category': 3,
  'title': 'Sexual harassment',
  'definition': 'Unwelcomed sexual advances, requests for sexual favors, or other verbal, visual, '
                'or physical conduct of a sexual nature.',
  'education_code': '48900.2',
  'grades_4_12_only': True,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.14',
  'category': 3,
  'title': 'Hate violence',
  'definition': 'An act or an attempted act against the person or property of another individual '
                'or institution which in any way constitutes an expression of hostility toward '
                'the victim because of his/her actual or perceived race, ethnicity, religion, '
                'disability, gender, nationality, or sexual orientation. Includes, but is not '
                'limited to, threatening telephone calls, bigoted insults/taunts/slurs, hate '
                'mail, physical assault, vandalism, cross burning, destruction of religious '
                'symbols, and fire bombings.',
  'education_code': '48900.3',
  'grades_4_12_only': True,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.15',
  'category': 3,
  'title': 'Terroristic threat (threat to cause death, great bodily injury)',
  'definition': 'An act which will result in death or great bodily injury to another person, with '
                'specific intent that the statement, oral or written, is to be taken as a threat, '
                'even if there is no intent of actually carrying it out. The threat is immediate '
                'and specific as to convey to the person threatened that the threat will be '
                'executed very soon, and thereby causes that person to be sustained in fear for '
                "his or her own safety or for his or her immediate family's safety.",
  'education_code': '48900.7',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.16',
  'category': 3,
  'title': 'Willful use of force/violence not self-defense',
  'definition': "An intentional and deliberate use of force or violence upon another person's "
                'body. Willful – Referring to acts which are intentional, conscious, and directed '
                'toward achieving a purpose. Some willful conduct which has wrongful or '
                'unfortunate results is considered "hardheaded," "stubborn," and even '
                '"malicious." Done deliberately. Force – A cause of motion, activity, or charge; '
                'active power; violence, compulsion, or constraint exerted upon or against a '
                'person or thing. Violence – A substantial risk that force will be used against a '
                'person or property; exertion of physical force so as to injure or abuse. '
                'Self-defense – Use of reasonable force necessary to protect himself or herself '
                'because of a reasonable belief that the other party intended to inflict physical '
                'injury.',
  'education_code': '48900(a)(2)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.17',
  'category': 3,
  'title': 'Harassed/threatened/intimidated witness',
  'definition': 'Harassed, threatened, or intimidated a student who is a complaining witness or a '
                'witness in a school disciplinary proceeding for the purpose of either preventing '
                'the student from being a witness or retaliating against that student for being a '
                'witness, or both.',
  'education_code': '48900(o)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.19',
  'category': 3,
  'title': 'Selling or arranging to sell the prescription drug Soma',
  'definition': 'Unlawfully offered, arranged to sell, negotiated to sell, or sold the '
                'prescription drug Soma.',
  'education_code': '48900(p)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.20',
  'category': 3,
  'title': 'Hazing',
  'definition': 'Hazing is a method of initiation or pre-initiation into a pupil organization or '
                'body, whether or not the organization or body is officially recognized by an '
                'educational institution, which is likely to cause serious bodily injury, '
                'personal degradation or disgrace resulting in physical or mental harm to a '
                'former, current, or prospective pupil.',
  'education_code': '48900(q)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.21a',
  'category': 3,
  'title': 'Bullying/cyber toward a pupil based on sex',
  'definition': 'Bullying is any severe or pervasive physical or verbal act(s) or conduct, '
                'including electronic communications committed by a pupil(s) towards a student '
                'based on sex that has, or can be reasonably predicted to have, the effect of one '
                'or more of the following: 1. Reasonable fear of harm to person or property. 2. '
                'Substantially detrimental effect on physical or mental health. 3. Substantial '
                'interference with academic performance. 4. Substantial interference with the '
                'ability to participate in or benefit from school services, activities, or '
                'privileges. Cyber bullying is bullying by electronic act, which includes '
                'transmission of a communication by text, sound, image, video, message, website '
                'post, social network activity, or other form of communication sent by an '
                'electronic device. (See impact criteria under Bullying definition)',
  'education_code': '48900(r)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.21b',
  'category': 3,
  'title': 'Bullying/cyber toward a pupil based on race/color/national origin',
  'definition': 'Bullying is any severe or pervasive physical or verbal act(s) or conduct, '
                'including electronic communications committed by a pupil(s) towards a student '
                'based on sex that has, or can be reasonably predicted to have, the effect of one '
                'or more of the following: 1. Reasonable fear of harm to person or property. 2. '
                'Substantially detrimental effect on physical or mental health. 3. Substantial '
                'interference with academic performance. 4. Substantial interference with the '
                'ability to participate in or benefit from school services, activities, or '
                'privileges. Cyber bullying is bullying by electronic act, which includes '
                'transmission of a communication by text, sound, image, video, message, website '
                'post, social network activity, or other form of communication sent by an '
                'electronic device. (See impact criteria under Bullying definition)',
  'education_code': '48900(r)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.21c',
  'category': 3,
  'title': 'Bullying/cyber toward a pupil based on disability',
  'definition': 'Bullying is any severe or pervasive physical or verbal act(s) or conduct, '
                'including electronic communications committed by a pupil(s) towards a student '
                'based on sex that has, or can be reasonably predicted to have, the effect of one '
                'or more of the following: 1. Reasonable fear of harm to person or property. 2. '
                'Substantially detrimental effect on physical or mental health. 3. Substantial '
                'interference with academic performance. 4. Substantial interference with the '
                'ability to participate in or benefit from school services, activities, or '
                'privileges. Cyber bullying is bullying by electronic act, which includes '
                'transmission of a communication by text, sound, image, video, message, website '
                'post, social network activity, or other form of communication sent by an '
                'electronic device. (See impact criteria under Bullying definition)',
  'education_code': '48900(r)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.21d',
  'category': 3,
  'title': 'Bullying/cyber toward a pupil based on other factors',
  'definition': 'Bullying is any severe or pervasive physical or verbal act(s) or conduct, '
                'including electronic communications committed by a pupil(s) towards a student '
                'based on sex that has, or can be reasonably predicted to have, the effect of one '
                'or more of the following: 1. Reasonable fear of harm to person or property. 2. '
                'Substantially detrimental effect on physical or mental health. 3. Substantial '
                'interference with academic performance. 4. Substantial interference with the '
                'ability to participate in or benefit from school services, activities, or '
                'privileges. Cyber bullying is bullying by electronic act, which includes '
                'transmission of a communication by text, sound, image, video, message, website '
                'post, social network activity, or other form of communication sent by an '
                'electronic device. (See impact criteria under Bullying definition)',
  'education_code': '48900(r)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.21e',
  'category': 3,
  'title': 'Bullying/cyber toward school personnel',
  'definition': 'Bullying is any severe or pervasive physical or verbal act(s) or conduct, '
                'including electronic communications committed by a pupil(s) towards a student '
                'based on sex that has, or can be reasonably predicted to have, the effect of one '
                'or more of the following: 1. Reasonable fear of harm to person or property. 2. '
                'Substantially detrimental effect on physical or mental health. 3. Substantial '
                'interference with academic performance. 4. Substantial interference with the '
                'ability to participate in or benefit from school services, activities, or '
                'privileges. Cyber bullying is bullying by electronic act, which includes '
                'transmission of a communication by text, sound, image, video, message, website '
                'post, social network activity, or other form of communication sent by an '
                'electronic device. (See impact criteria under Bullying definition)',
  'education_code': '48900(r)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '3.22',
  'category': 3,
  'title': 'Aided or abetted the infliction of physical injury to another',
  'definition': 'A student who aids or abets the infliction or attempted infliction of physical '
                'injury to another person may be subject to suspension, but not expulsion. Aid – '
                'Assist Abet – To assist, encourage, instigate, or support.',
  'education_code': '48900(t)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': True,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': 'Suspension possible, never expulsion (E.C. 48900(t)).'},
 {'code': '2.1',
  'category': 2,
  'title': 'Serious physical injury/not self-defense',
  'definition': 'Serious physical injury – An injury that involves substantial risk of death; '
                'extreme physical pain; protracted and obvious disfigurement; protracted loss or '
                'impairment of function of a bodily member, organ, or mental faculty. Serious '
                'impairment of physical conditions – Includes, but is not limited to, loss of '
                'consciousness; concussion; bone fracture; protracted loss or impairment of '
                'function of any bodily member or organ; wound requiring extensive suturing; '
                'serious disfigurement. Self-defense – Use of reasonable force necessary to '
                'protect himself or herself because of a reasonable belief that the other party '
                'intended to inflict physical injury.',
  'education_code': '48915(a)(1)(A)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '2.2',
  'category': 2,
  'title': 'Knife or other dangerous object',
  'definition': 'Dangerous object – Includes, but is not limited to, knife, BB guns, pellet guns, '
                'imitation guns, taser guns, gun clips, ammunition, common fireworks, brass '
                'knuckles, etc. Note: Any object used to cause or attempt to cause bodily harm '
                'can be defined as a dangerous object.',
  'education_code': '48915(a)(1)(B)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '2.3',
  'category': 2,
  'title': 'Controlled substance (except marijuana 1st offense less than 1 oz) or '
           'counter/prescribed meds',
  'definition': 'Possession of any controlled substance, including repeated offense of marijuana '
                'possession and first offense of marijuana possession for more than 1 oz. '
                'Unlawful – Not authorized or justified by law. Controlled substance – Includes '
                'narcotics and prescription medications that are not prescribed to the student in '
                'possession. Examples of controlled substance include, but are not limited to, '
                'marijuana, cocaine, ecstasy, Ritalin, Xanax, etc.',
  'education_code': '48915(a)(1)(C)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '2.4',
  'category': 2,
  'title': 'Robbery/extortion',
  'definition': 'Robbery – Take the personal property of another while it is in the other '
                "person's possession by force or threat of force. Extortion – To obtain by "
                'coercive means, such as threat or intimidation.',
  'education_code': '48915(a)(1)(D)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '2.5',
  'category': 2,
  'title': 'Assaulted/battered school employee',
  'definition': 'Assault – An unlawful attempt, coupled with a present ability to commit a '
                'violent injury on a school employee. Battery – Any willful and unlawful use of '
                'force or violence upon a school employee.',
  'education_code': '48915(a)(1)(E)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': False,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '1.1',
  'category': 1,
  'title': 'Firearm',
  'definition': 'Any weapon (including a starter gun) which will or is designed to or may readily '
                'be converted to expel a projectile by the action of an explosive. Examples of '
                'firearms are handguns, shotguns, rifles, pistols, and revolvers. Note: BB guns, '
                'pellet guns, imitation guns, paint ball guns, taser guns, cap guns, antiques or '
                'replicas of antique firearms, gun clips, and ammunition are NOT firearms.',
  'education_code': '48915(c)(1)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': True,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '1.2',
  'category': 1,
  'title': 'Brandished knife at another person',
  'definition': 'Engage in a verbal or nonverbal threat with a knife. Knife – A weapon with a '
                'blade longer than 3½ inches, a folding knife with locking blade, an unguarded '
                'razor blade, dirk or dagger, or any weapon with a blade fitted primarily for '
                'stabbing.',
  'education_code': '48915(c)(2)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': True,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '1.3',
  'category': 1,
  'title': 'Sold controlled substance',
  'definition': 'Completed money and drug exchange. Unlawful – Not authorized or justified by '
                'law. Controlled substance – Includes narcotics and prescription drugs '
                '(pharmaceuticals) that are not prescribed to the student in possession. Examples '
                'of controlled substances include, but are not limited to, marijuana, cocaine, '
                'ecstasy, Ritalin, Xanax, etc.',
  'education_code': '48915(c)(3)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': True,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '1.4a',
  'category': 1,
  'title': 'Sexual assault',
  'definition': 'Sexual Assault – Includes rape, sodomy, oral copulation, penetration of a '
                'genital or anal opening by a foreign object, or lascivious acts upon a child '
                'less than 14 years of age. Attempt – A specific intent to commit the misconduct '
                'and a direct but ineffectual act done towards its commission.',
  'education_code': '48915(c)(4)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': True,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '1.4b',
  'category': 1,
  'title': 'Sexual battery',
  'definition': "Sexual Battery – Touching another person's intimate parts, directly or through "
                'clothing, against the will of the person touched, for the purpose of sexual '
                'arousal, sexual gratification, or sexual abuse.',
  'education_code': '48915(c)(4)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': True,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''},
 {'code': '1.5',
  'category': 1,
  'title': 'Explosive',
  'definition': 'Destructive device that contains at least 12 oz. of explosive mixture. Examples '
                'of illegal explosives include: M-80, M-100, M-250, M-1000. Note: Common '
                'fireworks are NOT explosives.',
  'education_code': '48915(c)(5)',
  'grades_4_12_only': False,
  'suspension_not_expulsion': False,
  'admin_only': False,
  'requires_expulsion_recommendation': True,
  'never_suspend': False,
  'is_misis_code': True,
  'note': ''}]

WILLFUL_DEFIANCE = {'code': 'WD',
 'category': 3,
 'title': 'Willful defiance',
 'definition': 'The student disrupted school activities or otherwise willfully defied the valid '
               'authority of school staff (supervisors, teachers, administrators, school '
               'officials, or other school personnel) while they were doing their job.',
 'education_code': '48900(k)',
 'grades_4_12_only': False,
 'suspension_not_expulsion': False,
 'admin_only': False,
 'requires_expulsion_recommendation': False,
 'never_suspend': True,
 'is_misis_code': False,
 'note': 'Never leads to any suspension or to an expulsion recommendation, in any grade (School '
         'Climate Bill of Rights, 2013). Answer it with interventions.'}

LOCATIONS = [('classroom', 'Classroom'),
 ('non-classroom', 'Non-Classroom'),
 ('going-to-or-coming-from-school', 'Going to or coming from school'),
 ('school-sponsored-activity', 'School-sponsored activity'),
 ('at-another-school', 'At another school'),
 ('during-lunch', 'During lunch'),
 ('other', 'Other')]

MOTIVATIONS = [('avoid-situation', 'Avoid Situation'),
 ('avoid-adult', 'Avoid Adult'),
 ('avoid-peer', 'Avoid Peer'),
 ('avoid-task', 'Avoid Task'),
 ('seek-attention', 'Seek Attention'),
 ('obtain-activity-item', 'Obtain Activity/Item'),
 ('unknown', 'Unknown')]

OTHER_MEANS_OF_CORRECTION = [('conference-with-parent', 'Conference with Parent'),
 ('parent-contact', 'Parent Contact'),
 ('conference-with-student', 'Conference with Student'),
 ('community-service', 'Community Service'),
 ('counseling-by-support-staff', 'Counseling by Support Staff'),
 ('campus-beautification', 'Campus Beautification'),
 ('restitution', 'Restitution'),
 ('loss-of-privileges', 'Loss of Privileges'),
 ('daily-behavior-monitoring', 'Daily Behavior Monitoring'),
 ('behavior-support-plan', 'Behavior Support Plan'),
 ('behavior-contract', 'Behavior Contract'),
 ('classroom-change', 'Classroom Change'),
 ('seat-change', 'Seat Change'),
 ('writing-reflections', 'Writing Reflections'),
 ('individual-social-skills-instruction', 'Individual Social Skills Instruction'),
 ('review-re-teach-expectations', 'Review/Re-teach Expectations'),
 ('verbal-reminder', 'Verbal Reminder'),
 ('other', 'Other'),
 ('required-parent-class-visit', 'Required Parent Class Visit'),
 ('recess-with-admin-approval', 'Recess (with admin. approval)'),
 ('referral-community-agency', 'Referral - Community Agency'),
 ('referral-substance-abuse', 'Referral - Substance Abuse'),
 ('referral-school-program-service', 'Referral - School Program/Service'),
 ('referral-parent-education', 'Referral - Parent Education'),
 ('referral-gang-reduction', 'Referral - Gang Reduction'),
 ('referral-individual-counseling', 'Referral - Individual Counseling'),
 ('referral-group-counseling', 'Referral - Group Counseling'),
 ('referral-sst', 'Referral - Student Success Team (SST)'),
 ('referral-drt', 'Referral - Discipline Review Team (DRT)'),
 ('referral-cost', 'Referral - Coordination of Services Team (COST)'),
 ('restorative-justice-program', 'Restorative Justice Program'),
 ('peer-mediation', 'Peer Mediation'),
 ('conflict-resolution', 'Conflict Resolution')]

ADMINISTRATIVE_ACTIONS = [('other', 'Other'),
 ('crisis-threat-assessment', 'Crisis/Threat Assessment'),
 ('probation-notification', 'Probation Notification'),
 ('law-enforcement-notification', 'Law Enforcement Notification'),
 ('restorative-justice-program', 'Restorative Justice Program'),
 ('counseling-by-support-staff', 'Counseling by Support Staff'),
 ('restitution', 'Restitution'),
 ('classroom-change', 'Classroom Change'),
 ('peer-mediation', 'Peer Mediation'),
 ('conflict-resolution', 'Conflict Resolution'),
 ('community-service', 'Community Service'),
 ('campus-beautification', 'Campus Beautification'),
 ('behavior-support-plan', 'Behavior Support Plan'),
 ('daily-behavior-monitoring', 'Daily Behavior Monitoring'),
 ('behavior-contract', 'Behavior Contract'),
 ('conference-with-parent', 'Conference with Parent'),
 ('parent-contact', 'Parent Contact'),
 ('conference-with-student', 'Conference with Student'),
 ('recommended-for-expulsion', 'Recommended for Expulsion'),
 ('opportunity-transfer', 'Opportunity Transfer'),
 ('suspension-school', 'Suspension-School'),
 ('suspension-in-school', 'Suspension-In-School'),
 ('suspension-class-teacher', 'Suspension-Class (teacher)'),
 ('detention', 'Detention'),
 ('laspd-diversion-referral', 'LASPD Diversion Referral'),
 ('referral-community-agency', 'Referral - Community Agency'),
 ('referral-substance-abuse', 'Referral - Substance Abuse'),
 ('referral-school-program-service', 'Referral - School Program/Service'),
 ('referral-parent-education', 'Referral - Parent Education'),
 ('referral-gang-reduction', 'Referral - Gang Reduction'),
 ('referral-individual-counseling', 'Referral - Counseling Individual'),
 ('referral-group-counseling', 'Referral - Counseling Group'),
 ('referral-support-personnel', 'Referral - Support Personnel'),
 ('referral-sst', 'Referral - Student Success Team (SST)'),
 ('referral-drt', 'Referral - Discipline Review Team (DRT)'),
 ('referral-cost', 'Referral - Coordination of Services Team (COST)')]

# fmt: on
