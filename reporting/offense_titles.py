"""The reason codes' titles as gettext messages, so the public pages show them in
Spanish too (the catalog in the database is in English, as MiSiS prints it).

A title edited in the catalog and not listed here is shown as it is, in English.
"""

from django.utils.translation import gettext_noop

TITLES = [
    gettext_noop("Caused physical injury to another person"),
    gettext_noop("Attempted to cause physical injury to another person"),
    gettext_noop("Threatened to cause physical injury to another person"),
    gettext_noop("Marijuana possession for 1st offense of less than 1 oz, or alcohol"),
    gettext_noop("Substitute of a controlled substance"),
    gettext_noop("Damaged/attempted to damage school or private property"),
    gettext_noop("Stole or attempted to steal school or private property"),
    gettext_noop("Possessed or used tobacco"),
    gettext_noop("Obscenity/profanity/vulgarity"),
    gettext_noop("Drug paraphernalia"),
    gettext_noop("Disrupted school-wide activities"),
    gettext_noop("Received stolen school or private property"),
    gettext_noop("Imitation firearm"),
    gettext_noop("Harassed/threatened pupil based on race/color/national origin"),
    gettext_noop("Harassed/threatened pupil based on disability"),
    gettext_noop("Harassed/threatened pupil based on other factors"),
    gettext_noop("Harassed/threatened a school District personnel"),
    gettext_noop("Sexual harassment"),
    gettext_noop("Hate violence"),
    gettext_noop("Terroristic threat (threat to cause death, great bodily injury)"),
    gettext_noop("Willful use of force/violence not self-defense"),
    gettext_noop("Harassed/threatened/intimidated witness"),
    gettext_noop("Selling or arranging to sell the prescription drug Soma"),
    gettext_noop("Hazing"),
    gettext_noop("Bullying/cyber toward a pupil based on sex"),
    gettext_noop("Bullying/cyber toward a pupil based on race/color/national origin"),
    gettext_noop("Bullying/cyber toward a pupil based on disability"),
    gettext_noop("Bullying/cyber toward a pupil based on other factors"),
    gettext_noop("Bullying/cyber toward school personnel"),
    gettext_noop("Aided or abetted the infliction of physical injury to another"),
    gettext_noop("Serious physical injury/not self-defense"),
    gettext_noop("Knife or other dangerous object"),
    gettext_noop(
        "Controlled substance (except marijuana 1st offense less than 1 oz) or "
        "counter/prescribed meds"
    ),
    gettext_noop("Robbery/extortion"),
    gettext_noop("Assaulted/battered school employee"),
    gettext_noop("Firearm"),
    gettext_noop("Brandished knife at another person"),
    gettext_noop("Sold controlled substance"),
    gettext_noop("Sexual assault"),
    gettext_noop("Sexual battery"),
    gettext_noop("Explosive"),
    gettext_noop("Willful defiance"),
]
