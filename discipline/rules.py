"""The rules service: every rule of SPEC section 4, in one place.

Each rule is a ``Rule`` with a stable id, a plain-language message in English
and Spanish that names the rule and its source, and the settings it reads.
Each ``check_*`` function takes the record about to be written and returns the
``Violation``s it would cause; ``enforce`` raises them as one ``RuleViolation``
(a ``ValidationError`` whose codes are the rule ids). Every write path ends
here: services call the checks before writing, and the records' ``clean()``
and ``save()`` call them again (``discipline.models.RefusedByRules``), so
forms, the admin, imports, commands and the shell are held by the same rules.

Checks read the database; callers that write hold the student's row lock
(``lock_student``) so that limits summed over a year (DAYS20, MDR) hold under
concurrent saves.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import get_language

from people.calendar import is_school_day, next_school_day, school_days_after


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    title_es: str
    message: str
    message_es: str
    source: str
    settings: tuple[str, ...] = ()

    def text(self, language=None):
        language = (language or get_language() or "en")[:2]
        return self.message_es if language == "es" else self.message


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in [
        Rule(
            "CAT1",
            "Category 1 requires a recommendation for expulsion",
            "La categoría 1 requiere una recomendación de expulsión",
            "A referral with a Category 1 offense cannot be closed without a recommendation "
            "for expulsion. Suspension pending the recommendation is allowed without prior "
            "alternatives.",
            "Una remisión con una infracción de categoría 1 no puede cerrarse sin una "
            "recomendación de expulsión. Se permite la suspensión en espera de la "
            "recomendación sin alternativas previas.",
            'E.C. 48915(c); MiSiS referral form "*Requires Recommendation for Expulsion"',
        ),
        Rule(
            "CAT2",
            "Category 2 requires a recommendation or a written finding",
            "La categoría 2 requiere una recomendación o una determinación escrita",
            "A referral with a Category 2 offense cannot be closed until the administrator "
            "records either a recommendation for expulsion or a written finding that "
            "expulsion is inappropriate.",
            "Una remisión con una infracción de categoría 2 no puede cerrarse hasta que el "
            "administrador registre una recomendación de expulsión o una determinación "
            "escrita de que la expulsión no es apropiada.",
            "E.C. 48915(a)",
        ),
        Rule(
            "WD",
            "No suspension or expulsion for willful defiance",
            "Ninguna suspensión ni expulsión por desafío intencional",
            "Willful defiance never leads to any suspension (from class, in-school or "
            "out-of-school) or to a recommendation for expulsion, in any grade. An "
            "intervention must be documented for it within 5 school days.",
            "El desafío intencional nunca lleva a una suspensión (de la clase, dentro o fuera "
            "de la escuela) ni a una recomendación de expulsión, en ningún grado. Se debe "
            "documentar una intervención dentro de 5 días escolares.",
            "School Climate Bill of Rights (LAUSD Board resolution, 2013); E.C. 48900(k); "
            "SB 419; SB 274",
            ("WD_FOLLOW_UP_SCHOOL_DAYS",),
        ),
        Rule(
            "GRADE",
            "Codes for grades 4–12 only",
            "Códigos solo para los grados 4 a 12",
            "Codes limited to grades 4–12 (3.9, 3.12a–d, 3.13, 3.14) cannot be applied to a "
            "student in kindergarten through grade 3.",
            "Los códigos limitados a los grados 4 a 12 (3.9, 3.12a–d, 3.13, 3.14) no pueden "
            "aplicarse a un estudiante de kínder a tercer grado.",
            "E.C. 48900.2, 48900.3, 48900.4",
        ),
        Rule(
            "NOEXP",
            "3.9 and 3.22 never lead to expulsion",
            "3.9 y 3.22 nunca llevan a la expulsión",
            "Codes 3.9 and 3.22 may lead to suspension but never to a recommendation for "
            "expulsion.",
            "Los códigos 3.9 y 3.22 pueden llevar a una suspensión pero nunca a una "
            "recomendación de expulsión.",
            "BUL-5808.3 reason-code descriptions; E.C. 48900(t)",
        ),
        Rule(
            "ADMIN39",
            "3.9 suspensions are issued by an administrator",
            "Las suspensiones por 3.9 las emite un administrador",
            "A suspension under code 3.9 (disrupted school-wide activities) is issued by an "
            "administrator only.",
            "Una suspensión bajo el código 3.9 (interrupción de actividades escolares) solo "
            "la puede emitir un administrador.",
            "BUL-5808.3 reason-code descriptions",
        ),
        Rule(
            "ALT",
            "Alternatives before suspension",
            "Alternativas antes de la suspensión",
            "No suspension for an offense outside Category 1 unless the student has documented "
            "alternatives this school year before the suspension starts (at least the required "
            "Tier II and Tier III interventions), or an administrator has recorded a safety "
            "finding with a written justification.",
            "No se puede suspender por una infracción fuera de la categoría 1 a menos que el "
            "estudiante tenga alternativas documentadas este año escolar antes del inicio de "
            "la suspensión (al menos las intervenciones de Nivel II y Nivel III requeridas), o "
            "que un administrador haya registrado una determinación de seguridad con una "
            "justificación escrita.",
            "School Climate Bill of Rights (2013); Discipline Matrix (Attachment E); E.C. 48900.5",
            ("ALT_REQUIRED_TIER2", "ALT_REQUIRED_TIER3"),
        ),
        Rule(
            "DAYS5",
            "At most 5 school days per suspension",
            "Máximo 5 días escolares por suspensión",
            "One suspension by an administrator is at most 5 consecutive school days, unless "
            "it is extended while a recommendation for expulsion is pending.",
            "Una suspensión impuesta por un administrador es de 5 días escolares consecutivos "
            "como máximo, salvo que se extienda mientras una recomendación de expulsión está "
            "pendiente.",
            "E.C. 48911, 48911(g)",
            ("MAX_DAYS_PER_SUSPENSION",),
        ),
        Rule(
            "DAYS20",
            "At most 20 suspension days in a school year",
            "Máximo 20 días de suspensión en un año escolar",
            "A student's suspension days in a school year total at most 20, or 30 if the "
            "student was transferred for adjustment (opportunity transfer) that year.",
            "Los días de suspensión de un estudiante en un año escolar suman 20 como máximo, "
            "o 30 si el estudiante recibió un traslado de oportunidad ese año.",
            "E.C. 48903",
            ("MAX_DAYS_PER_YEAR", "MAX_DAYS_PER_YEAR_AFTER_OPPORTUNITY_TRANSFER"),
        ),
        Rule(
            "TEACHER",
            "A teacher's suspension covers the day of the act and the next",
            "La suspensión por el maestro cubre el día del acto y el siguiente",
            "A teacher's suspension from class covers at most the day of the act and the next "
            "school day.",
            "La suspensión de la clase por un maestro cubre como máximo el día del acto y el "
            "siguiente día escolar.",
            "E.C. 48910",
        ),
        Rule(
            "MDR",
            "Change of placement and manifestation determination",
            "Cambio de colocación y determinación de manifestación",
            "For a student with an IEP or 504 plan, a removal of more than 10 consecutive school "
            "days, or one that takes the year's total past 10 school days, cannot be saved "
            "until the administrator records whether it is a change of placement; a change of "
            "placement requires a manifestation determination review within 10 school days of "
            "the decision.",
            "Para un estudiante con IEP o plan 504, una remoción de más de 10 días escolares "
            "consecutivos, o que lleve el total del año a más de 10 días escolares, no puede "
            "guardarse hasta que el administrador registre si es un cambio de colocación; un "
            "cambio de colocación requiere una revisión de determinación de manifestación "
            "dentro de 10 días escolares de la decisión.",
            "IDEA; 34 CFR 300.530(e), 300.536",
            ("MDR_THRESHOLD_DAYS", "MDR_REVIEW_WITHIN_SCHOOL_DAYS"),
        ),
        Rule(
            "EXPELLED",
            "No enrollment elsewhere while expelled",
            "Sin inscripción en otra escuela durante una expulsión",
            "A student with an expulsion in force cannot be enrolled at another school of the "
            "district.",
            "Un estudiante con una expulsión vigente no puede inscribirse en otra escuela del "
            "distrito.",
            "MiSiS bulletin BUL-5808.3",
        ),
        Rule(
            "NOTICE",
            "Parent contact and written notice",
            "Contacto con los padres y aviso por escrito",
            "Every suspension records the attempt to contact the parent or guardian (when, how, "
            "by whom, result) and produces a written notice in the family's language stating "
            "the appeal steps and timeline.",
            "Toda suspensión registra el intento de contactar al padre, madre o tutor (cuándo, "
            "cómo, quién y resultado) y produce un aviso por escrito en el idioma de la familia "
            "con los pasos y plazos para apelar.",
            'E.C. 48911(d); School Climate Bill of Rights "Appeals"',
        ),
        Rule(
            "DATES",
            "Dates must make sense",
            "Las fechas deben ser coherentes",
            "The incident date is not in the future; a suspension starts on or after the "
            "incident, on a school day; the student was enrolled at the school on the incident "
            "date.",
            "La fecha del incidente no puede ser futura; la suspensión comienza el día del "
            "incidente o después, en un día escolar; el estudiante estaba inscrito en la "
            "escuela en la fecha del incidente.",
            "District data-quality rule",
        ),
    ]
}


@dataclass(frozen=True)
class Violation:
    rule_id: str
    field: str | None = None
    detail: str = ""
    detail_es: str = ""

    @property
    def rule(self) -> Rule:
        return RULES[self.rule_id]

    def text(self, language=None):
        language = (language or get_language() or "en")[:2]
        detail = self.detail_es if language == "es" and self.detail_es else self.detail
        text = f"[{self.rule_id}] {self.rule.text(language)}"
        if detail:
            text += f" {detail}"
        label = "Fuente" if language == "es" else "Source"
        return f"{text} ({label}: {self.rule.source})"


class RuleViolation(ValidationError):
    """What a refused write raises: every violation, keyed by field."""

    def __init__(self, violations, *, by_field=True):
        self.violations = list(violations)
        if by_field:
            errors = defaultdict(list)
            for v in self.violations:
                errors[v.field or NON_FIELD_ERRORS].append(
                    ValidationError(v.text(), code=v.rule_id)
                )
            super().__init__(dict(errors))
        else:
            super().__init__([ValidationError(v.text(), code=v.rule_id) for v in self.violations])

    @property
    def rule_ids(self):
        return sorted({v.rule_id for v in self.violations})


def enforce(violations, *, by_field=True):
    violations = list(violations)
    if violations:
        raise RuleViolation(violations, by_field=by_field)


def setting(name):
    return settings.DISCIPLINE[name]


@dataclass
class _Collector:
    violations: list[Violation] = field(default_factory=list)

    def add(self, rule_id, field=None, detail="", detail_es=""):
        self.violations.append(Violation(rule_id, field, detail, detail_es))


# --- shared reads ----------------------------------------------------------


def offense_codes(reasons):
    """The reasons that can ground a disciplinary outcome: all but willful defiance."""
    return [r for r in reasons if not r.is_willful_defiance]


def _reasons(referral):
    return list(referral.reasons.all()) if referral.pk else []


def _today():
    return timezone.localdate()


def year_suspension_days(
    student, school_year, *, exclude_pk=None, only_school_removals=True, starting_by=None
):
    from discipline.models import Suspension, SuspensionKind

    qs = Suspension.objects.valid().filter(student=student, school_year=school_year)
    if starting_by:
        qs = qs.filter(start_date__lte=starting_by)
    if only_school_removals:
        qs = qs.exclude(kind=SuspensionKind.TEACHER)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.aggregate(total=Sum("school_days"))["total"] or 0


def year_day_limit(student, school_year):
    from discipline.models import Transfer, TransferKind

    transferred = (
        Transfer.objects.valid()
        .filter(
            student=student,
            kind=TransferKind.OPPORTUNITY,
            effective_date__gte=school_year.first_day,
            effective_date__lte=school_year.last_day,
        )
        .exists()
    )
    key = "MAX_DAYS_PER_YEAR_AFTER_OPPORTUNITY_TRANSFER" if transferred else "MAX_DAYS_PER_YEAR"
    return setting(key)


def alternatives_on_record(student, school_year, before: datetime.date):
    """(Tier II count, Tier III count) of the student's documented alternatives."""
    from interventions.models import Intervention

    qs = Intervention.objects.valid().filter(
        student=student, school_year=school_year, started_on__lte=before
    )
    return qs.filter(tier=2).count(), qs.filter(tier=3).count()


def has_pending_recommendation(referral):
    from discipline.models import ExpulsionRecommendation, RecommendationStatus

    return (
        ExpulsionRecommendation.objects.valid()
        .filter(referral=referral, status=RecommendationStatus.PENDING)
        .exists()
    )


# --- checks, one per kind of record ----------------------------------------


def _check_incident_dates(c, referral, day, field, what):
    if day and referral.incident_date and day < referral.incident_date:
        c.add(
            "DATES",
            field,
            f"The {what} ({day:%m/%d/%Y}) is before the incident "
            f"({referral.incident_date:%m/%d/%Y}).",
            f"La fecha ({day:%d/%m/%Y}) es anterior al incidente "
            f"({referral.incident_date:%d/%m/%Y}).",
        )


def check_referral(referral):
    """DATES on the referral; CAT1 and CAT2 when it is being closed."""
    from discipline.models import ReferralStatus

    c = _Collector()
    if not (referral.student_id and referral.school_id and referral.incident_date):
        return c.violations
    if referral.incident_date > _today():
        c.add(
            "DATES",
            "incident_date",
            "The incident date is in the future.",
            "La fecha del incidente es futura.",
        )
    if referral.referred_on and referral.referred_on > _today():
        c.add(
            "DATES",
            "referred_on",
            "The date of referral is in the future.",
            "La fecha de la remisión es futura.",
        )
    if referral.referred_on and referral.referred_on < referral.incident_date:
        c.add(
            "DATES",
            "referred_on",
            "The referral is dated before the incident.",
            "La remisión tiene fecha anterior al incidente.",
        )
    enrollment = referral.student.enrollment_on(referral.incident_date)
    if enrollment is None or enrollment.school_id != referral.school_id:
        c.add(
            "DATES",
            "student",
            f"{referral.student.name} was not enrolled at {referral.school} on "
            f"{referral.incident_date:%m/%d/%Y}.",
            f"{referral.student.name} no estaba inscrito en {referral.school} el "
            f"{referral.incident_date:%d/%m/%Y}.",
        )
    if referral.status == ReferralStatus.CLOSED and referral.pk and not referral.is_voided:
        c.violations += check_referral_close(referral)
    return c.violations


def check_referral_close(referral):
    from discipline.models import ExpulsionFinding, ExpulsionRecommendation

    c = _Collector()
    reasons = _reasons(referral)
    recommended = ExpulsionRecommendation.objects.valid().filter(referral=referral).exists()
    if any(r.requires_expulsion_recommendation for r in reasons) and not recommended:
        c.add(
            "CAT1",
            "status",
            "Record the recommendation for expulsion before closing.",
            "Registre la recomendación de expulsión antes de cerrar.",
        )
    if any(r.category == 2 for r in reasons) and not recommended:
        found = ExpulsionFinding.objects.valid().filter(referral=referral).exists()
        if not found:
            c.add(
                "CAT2",
                "status",
                "Record a recommendation for expulsion or a written finding that expulsion is "
                "inappropriate before closing.",
                "Registre una recomendación de expulsión o una determinación escrita antes de "
                "cerrar.",
            )
    return c.violations


def check_referral_reasons(referral, reasons):
    """GRADE, and WD/NOEXP for a referral that already has outcomes, when its
    reasons are set or changed."""
    from discipline.models import ExpulsionRecommendation, Suspension

    c = _Collector()
    reasons = list(reasons)
    if not reasons:
        c.add("DATES", "reasons", "Choose at least one reason.", "Elija al menos un motivo.")
        return c.violations
    grade = referral.grade
    if grade is None and referral.student_id and referral.incident_date:
        enrollment = referral.student.enrollment_on(referral.incident_date)
        grade = enrollment.grade if enrollment else None
    limited = [r.code for r in reasons if r.grades_4_12_only]
    if grade is not None and grade <= 3 and limited:
        c.add(
            "GRADE",
            "reasons",
            f"The student is in grade {'K' if grade == 0 else 'TK' if grade < 0 else grade}; "
            f"remove {', '.join(limited)}.",
            f"El estudiante está en el grado {grade}; quite {', '.join(limited)}.",
        )
    if referral.pk:
        offenses = offense_codes(reasons)
        if not offenses and Suspension.objects.valid().filter(referral=referral).exists():
            c.add(
                "WD",
                "reasons",
                "This referral has a suspension; it cannot rest on willful defiance alone.",
                "Esta remisión tiene una suspensión; no puede basarse solo "
                "en el desafío intencional.",
            )
        has_rec = ExpulsionRecommendation.objects.valid().filter(referral=referral).exists()
        if has_rec and not [r for r in offenses if not r.suspension_not_expulsion]:
            c.add(
                "NOEXP",
                "reasons",
                "This referral has a recommendation for expulsion.",
                "Esta remisión tiene una recomendación de expulsión.",
            )
    return c.violations


def check_suspension(s):
    from discipline.models import PlacementDecision, SafetyFinding, SuspensionKind

    c = _Collector()
    if s.is_voided or not (s.referral_id and s.start_date and s.school_days and s.kind):
        return c.violations
    referral = s.referral
    student = referral.student
    reasons = _reasons(referral)
    offenses = offense_codes(reasons)

    # WD: willful defiance alone never grounds a suspension.
    if not offenses:
        c.add(
            "WD",
            None,
            "This referral's only reason is willful defiance.",
            "El único motivo de esta remisión es el desafío intencional.",
        )
        return c.violations

    # DATES
    _check_incident_dates(c, referral, s.start_date, "start_date", "start date")
    if not is_school_day(s.start_date):
        c.add(
            "DATES",
            "start_date",
            f"{s.start_date:%m/%d/%Y} is not a school day.",
            f"El {s.start_date:%d/%m/%Y} no es un día escolar.",
        )
        return c.violations
    if referral.incident_date > _today():
        c.add(
            "DATES",
            None,
            "The incident date is in the future.",
            "La fecha del incidente es futura.",
        )

    # ADMIN39
    if any(r.admin_only for r in offenses) and not s.decided_by.is_administrator:
        c.add(
            "ADMIN39",
            "decided_by",
            "Only an administrator can issue this suspension.",
            "Solo un administrador puede emitir esta suspensión.",
        )

    # TEACHER (48910): the day of the act and the next school day.
    if s.kind == SuspensionKind.TEACHER:
        if s.end_date > next_school_day(referral.incident_date):
            c.add(
                "TEACHER",
                "school_days",
                f"It would last until {s.end_date:%m/%d/%Y}.",
                f"Duraría hasta el {s.end_date:%d/%m/%Y}.",
            )
    else:
        # DAYS5 (48911): at most 5 days, unless extended pending expulsion.
        limit = setting("MAX_DAYS_PER_SUSPENSION")
        if s.extends_id and not s.pk:
            # Judged when the extension is made: the Board's later decision
            # ends the pending status but not the lawfulness of the extension.
            if not has_pending_recommendation(referral):
                c.add(
                    "DAYS5",
                    "extends",
                    "An extension needs a pending recommendation for expulsion (48911(g)).",
                    "Una extensión requiere una recomendación de expulsión pendiente (48911(g)).",
                )
        elif s.school_days > limit:
            c.add(
                "DAYS5",
                "school_days",
                f"{s.school_days} days asked; the limit is {limit}.",
                f"Se piden {s.school_days} días; el límite es {limit}.",
            )

        # DAYS20 (48903), under the student's row lock held by the caller.
        used = year_suspension_days(student, s.school_year, exclude_pk=s.pk)
        year_limit = year_day_limit(student, s.school_year)
        if used + s.school_days > year_limit:
            c.add(
                "DAYS20",
                "school_days",
                f"{student.name} already has {used} suspension day(s) in {s.school_year}; "
                f"{s.school_days} more would exceed {year_limit}.",
                f"{student.name} ya tiene {used} día(s) de suspensión en {s.school_year}; "
                f"{s.school_days} más superarían {year_limit}.",
            )

    # ALT: documented alternatives first, unless Category 1 or a safety finding.
    if not any(r.category == 1 for r in offenses):
        safety = SafetyFinding.objects.valid().filter(referral=referral).exists()
        if not safety:
            tier2, tier3 = alternatives_on_record(student, s.school_year, s.start_date)
            need2, need3 = setting("ALT_REQUIRED_TIER2"), setting("ALT_REQUIRED_TIER3")
            if tier2 < need2 or tier3 < need3:
                c.add(
                    "ALT",
                    None,
                    f"On record this year before {s.start_date:%m/%d/%Y}: {tier2} Tier II and "
                    f"{tier3} Tier III intervention(s); {need2} and {need3} are required.",
                    f"Registradas este año antes del {s.start_date:%d/%m/%Y}: {tier2} de Nivel "
                    f"II y {tier3} de Nivel III; se requieren {need2} y {need3}.",
                )

    # MDR: removals of a student with an IEP or 504 plan past 10 days.
    if student.has_iep_or_504:
        threshold = setting("MDR_THRESHOLD_DAYS")
        year_total = (
            # Removals up to this one: a later removal is judged when it is saved.
            year_suspension_days(
                student,
                s.school_year,
                exclude_pk=s.pk,
                only_school_removals=False,
                starting_by=s.start_date,
            )
            + s.school_days
        )
        if s.school_days > threshold or year_total > threshold:
            decided = PlacementDecision.objects.valid().filter(referral=referral).exists()
            if not decided:
                c.add(
                    "MDR",
                    None,
                    f"This removal brings the year's total to {year_total} school day(s). Record "
                    "whether it is a change of placement first.",
                    f"Esta remoción lleva el total del año a {year_total} día(s) escolar(es). "
                    "Registre primero si es un cambio de colocación.",
                )

    # NOTICE (48911(d)): the parent contact attempt is part of the record.
    for name, message, message_es in [
        (
            "parent_contacted_at",
            "Record when the parent contact was attempted.",
            "Registre cuándo se intentó contactar a los padres.",
        ),
        (
            "parent_contact_method",
            "Record how the parent contact was attempted.",
            "Registre cómo se intentó contactar a los padres.",
        ),
        (
            "parent_contacted_by",
            "Record who attempted the parent contact.",
            "Registre quién intentó contactar a los padres.",
        ),
        (
            "parent_contact_result",
            "Record the result of the parent contact attempt.",
            "Registre el resultado del intento de contactar a los padres.",
        ),
    ]:
        if not getattr(s, name if not name.endswith("_by") else f"{name}_id"):
            c.add("NOTICE", name, message, message_es)
    from people.models import NOTICE_LANGUAGES

    if s.notice_language not in NOTICE_LANGUAGES:
        c.add(
            "NOTICE",
            "notice_language",
            "Choose English or Spanish for the notice.",
            "Elija inglés o español para el aviso.",
        )
    return c.violations


def _check_expulsion_grounds(c, referral):
    offenses = offense_codes(_reasons(referral))
    if not offenses:
        c.add(
            "WD",
            None,
            "This referral's only reason is willful defiance.",
            "El único motivo de esta remisión es el desafío intencional.",
        )
    elif all(r.suspension_not_expulsion for r in offenses):
        codes = ", ".join(r.code for r in offenses)
        c.add(
            "NOEXP",
            None,
            f"This referral's offenses ({codes}) cannot lead to expulsion.",
            f"Las infracciones de esta remisión ({codes}) no pueden llevar a la expulsión.",
        )


def check_expulsion_recommendation(rec):
    c = _Collector()
    if rec.is_voided or not rec.referral_id:
        return c.violations
    _check_expulsion_grounds(c, rec.referral)
    _check_incident_dates(c, rec.referral, rec.recommended_on, "recommended_on", "date")
    return c.violations


def check_expulsion(expulsion):
    c = _Collector()
    if expulsion.is_voided or not expulsion.referral_id:
        return c.violations
    _check_expulsion_grounds(c, expulsion.referral)
    if (
        expulsion.recommendation_id
        and expulsion.recommendation.referral_id != expulsion.referral_id
    ):
        c.add(
            "DATES",
            "recommendation",
            "The recommendation belongs to another referral.",
            "La recomendación pertenece a otra remisión.",
        )
    if expulsion.starts_on and expulsion.ends_on and expulsion.ends_on < expulsion.starts_on:
        c.add(
            "DATES",
            "ends_on",
            "The expulsion ends before it starts.",
            "La expulsión termina antes de empezar.",
        )
    _check_incident_dates(c, expulsion.referral, expulsion.starts_on, "starts_on", "start date")
    if expulsion.starts_on and expulsion.ends_on and expulsion.student_id:
        from people.models import Enrollment

        # An enrollment elsewhere that would begin while the expulsion is in
        # force is EXPELLED from the other side: it must be withdrawn first.
        elsewhere = Enrollment.objects.filter(
            student_id=expulsion.student_id,
            start__gte=expulsion.starts_on,
            start__lte=expulsion.ends_on,
        ).exclude(school_id=expulsion.school_id)
        if elsewhere.exists():
            c.add(
                "EXPELLED",
                "starts_on",
                "The student is enrolled at another school during this expulsion; end that "
                "enrollment first.",
                "El estudiante está inscrito en otra escuela durante esta expulsión; termine "
                "primero esa inscripción.",
            )
    return c.violations


def check_expulsion_finding(finding):
    c = _Collector()
    if finding.is_voided or not finding.referral_id:
        return c.violations
    if not any(r.category == 2 for r in _reasons(finding.referral)):
        c.add(
            "CAT2",
            None,
            "A finding that expulsion is inappropriate applies to Category 2 offenses only.",
            "Esta determinación solo aplica a infracciones de categoría 2.",
        )
    if len((finding.finding or "").strip()) < 20:
        c.add(
            "CAT2",
            "finding",
            "Write the finding out (at least 20 characters).",
            "Escriba la determinación (al menos 20 caracteres).",
        )
    return c.violations


def check_transfer(transfer):
    c = _Collector()
    if transfer.is_voided or not transfer.referral_id:
        return c.violations
    _check_incident_dates(
        c, transfer.referral, transfer.effective_date, "effective_date", "effective date"
    )
    return c.violations


def check_law_enforcement_contact(contact):
    c = _Collector()
    if contact.is_voided or not contact.referral_id or not contact.occurred_on:
        return c.violations
    _check_incident_dates(c, contact.referral, contact.occurred_on, "occurred_on", "date")
    if contact.occurred_on > _today():
        c.add("DATES", "occurred_on", "The date is in the future.", "La fecha es futura.")
    return c.violations


def check_safety_finding(finding):
    c = _Collector()
    if finding.is_voided or not finding.referral_id:
        return c.violations
    if finding.decided_by_id and not finding.decided_by.is_administrator:
        c.add(
            "ALT",
            "decided_by",
            "Only an administrator can record a safety finding.",
            "Solo un administrador puede registrar una determinación de seguridad.",
        )
    if len((finding.justification or "").strip()) < 20:
        c.add(
            "ALT",
            "justification",
            "Write the justification out (at least 20 characters).",
            "Escriba la justificación (al menos 20 caracteres).",
        )
    return c.violations


def check_placement_decision(decision):
    c = _Collector()
    if decision.is_voided or not decision.referral_id or not decision.decided_on:
        return c.violations
    if not decision.referral.student.has_iep_or_504:
        c.add(
            "MDR",
            None,
            "The student has no IEP or 504 plan.",
            "El estudiante no tiene IEP ni plan 504.",
        )
    if decision.review_held_on:
        if decision.review_held_on < decision.decided_on:
            c.add(
                "MDR",
                "review_held_on",
                "The review is dated before the decision.",
                "La revisión tiene fecha anterior a la decisión.",
            )
        deadline = school_days_after(decision.decided_on, setting("MDR_REVIEW_WITHIN_SCHOOL_DAYS"))
        if decision.change_of_placement and decision.review_held_on > deadline:
            c.add(
                "MDR",
                "review_held_on",
                f"The review was due by {deadline:%m/%d/%Y}.",
                f"La revisión vencía el {deadline:%d/%m/%Y}.",
            )
    return c.violations


def check_administrative_action(action):
    c = _Collector()
    if action.is_voided or not action.referral_id:
        return c.violations
    _check_incident_dates(c, action.referral, action.taken_on, "taken_on", "date")
    return c.violations


def check_intervention(intervention):
    c = _Collector()
    if intervention.is_voided or not intervention.started_on:
        return c.violations
    if intervention.started_on > _today():
        c.add(
            "DATES",
            "started_on",
            "An intervention is recorded once it has started.",
            "Una intervención se registra cuando ha comenzado.",
        )
    year = intervention.school_year if intervention.school_year_id else None
    if year and not (year.first_day <= intervention.started_on <= year.last_day):
        c.add(
            "DATES",
            "started_on",
            f"The date is outside the {year} school year.",
            f"La fecha está fuera del año escolar {year}.",
        )
    return c.violations


def check_enrollment(enrollment):
    """EXPELLED: no enrollment at another school while an expulsion is in force."""
    from discipline.models import Expulsion

    c = _Collector()
    if not (enrollment.student_id and enrollment.school_id and enrollment.start):
        return c.violations
    in_force = (
        Expulsion.objects.valid()
        .filter(student_id=enrollment.student_id, ends_on__gte=enrollment.start)
        .exclude(school_id=enrollment.school_id)
    )
    if enrollment.end:
        in_force = in_force.filter(starts_on__lte=enrollment.end)
    expulsion = in_force.first()
    if expulsion:
        c.add(
            "EXPELLED",
            "school",
            f"The student is expelled from {expulsion.school} through "
            f"{expulsion.ends_on:%m/%d/%Y}.",
            f"El estudiante está expulsado de {expulsion.school} hasta el "
            f"{expulsion.ends_on:%d/%m/%Y}.",
        )
    return c.violations


def lock_student(student_id):
    """Take the student's row lock for the rest of the transaction.

    Limits summed over the year (DAYS20, MDR) are checked and written under
    it, so two administrators saving at the same moment are serialized on
    PostgreSQL (SELECT ... FOR UPDATE). SQLite serializes writers itself
    (IMMEDIATE transactions, see settings).
    """
    from people.models import Student

    Student.objects.select_for_update().filter(pk=student_id).values_list("pk", flat=True).get()
