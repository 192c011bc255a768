"""The district's organization and its people: regions, schools, the school
calendar, students and their enrollments, and staff accounts with the schools
they serve.

Organization and people live in their own app because all three domain apps
(discipline, interventions, reporting) read them and none of them owns them.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from people.guard import GuardedQuerySet, govern
from people.scoping import VIEW, ScopedManager, ScopedQuerySet, school_scoped


class Region(models.Model):
    """A service area (East, North, South, West).

    Seed 003 speaks of "Local Districts" (Northwest, West, Central, ...), the
    older name of these units; ``RegionAlias`` keeps those names so old reports
    still read right.
    """

    name = models.CharField(max_length=80, unique=True)
    code = models.SlugField(max_length=20, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class RegionAlias(models.Model):
    """An earlier name of a region, e.g. "Local District Northwest"."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="aliases")
    name = models.CharField(max_length=120, unique=True)
    used_until = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("region alias")
        verbose_name_plural = _("region aliases")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} (now {self.region})"


class UnitKind(models.TextChoices):
    LOCAL_DISTRICT = "local_district", _("Local District")
    REGION = "region", _("Region")


class ReportingUnit(models.Model):
    """A unit schools are grouped in for reporting, as it was at some time.

    Seed 003's tables are by Local District (2017-19: Central, East, Northeast,
    Northwest, South, West); seed 000's by Region (2024). Once Northwest and
    Northeast both became North, an alias cannot rebuild a 2017-18 table, so a
    school's unit is recorded with dates (``UnitMembership``). A unit of kind
    region mirrors a ``Region``.
    """

    name = models.CharField(max_length=120, unique=True)
    code = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    region = models.OneToOneField(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="unit"
    )

    class Meta:
        verbose_name = _("reporting unit")
        verbose_name_plural = _("reporting units")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class UnitMembership(models.Model):
    """A school in a unit from ``start`` (open if null) to ``end`` (open if null).

    A school with no membership in force on a day is in its current region's
    unit that day, so a district that never reorganized needs no rows here.
    """

    school = models.ForeignKey("School", on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(ReportingUnit, on_delete=models.PROTECT, related_name="memberships")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["school", "start"]
        indexes = [models.Index(fields=["unit", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="membership_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.school} in {self.unit} ({self.start or '…'} to {self.end or '…'})"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The membership must end after it starts.")})
        if not self.school_id:
            return
        far_past, far_future = datetime.date.min, datetime.date.max
        overlapping = UnitMembership.objects.filter(school_id=self.school_id).exclude(pk=self.pk)
        overlapping = overlapping.filter(
            Q(start__isnull=True) | Q(start__lte=self.end or far_future),
            Q(end__isnull=True) | Q(end__gte=self.start or far_past),
        )
        if overlapping.exists():
            raise ValidationError(
                _("This school already belongs to another unit for part of these dates.")
            )


class BoardDistrict(models.Model):
    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )

    class Meta:
        verbose_name = _("board district")
        verbose_name_plural = _("board districts")
        ordering = ["number"]

    def __str__(self):
        return f"Board District {self.number}"


class SchoolLevel(models.TextChoices):
    ELEMENTARY = "elementary", _("Elementary")
    MIDDLE = "middle", _("Middle")
    HIGH = "high", _("High")
    SPAN = "span", _("Span")
    OTHER = "other", _("Other")


class School(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=SchoolLevel.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="schools")
    board_district = models.ForeignKey(
        BoardDistrict, on_delete=models.PROTECT, related_name="schools"
    )
    active = models.BooleanField(default=True)
    # Printed on the family's notices (where to call, where to come).
    address = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=30, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        return school_scoped(queryset, user, action, school_path="pk")


class SchoolYear(models.Model):
    """A school year, its instructional calendar and its ADA rate.

    School days are the weekdays from ``first_day`` to ``last_day`` minus the
    district's non-instructional days (SPEC section 4).
    """

    name = models.CharField(max_length=9, unique=True, help_text="e.g. 2026-27")
    first_day = models.DateField()
    last_day = models.DateField()
    ada_daily_rate = models.DecimalField(
        "ADA daily rate (USD per pupil per day)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("70.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        ordering = ["-first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gt=models.F("first_day")),
                name="school_year_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def containing(cls, day: datetime.date):
        return cls.objects.filter(first_day__lte=day, last_day__gte=day).first()


class NonInstructionalDay(models.Model):
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.CASCADE, related_name="non_instructional_days"
    )
    date = models.DateField()
    description = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["school_year", "date"], name="one_entry_per_day")
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.description}"

    def clean(self):
        try:  # the admin's inline form may hold no year (a wrong value posted)
            y = self.school_year
        except SchoolYear.DoesNotExist:
            y = None
        if (
            y
            and y.first_day
            and y.last_day
            and self.date
            and not (y.first_day <= self.date <= y.last_day)
        ):
            raise ValidationError({"date": _("The day must fall within the school year.")})


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    NONBINARY = "X", _("Nonbinary")


class RaceEthnicity(models.TextChoices):
    """The categories of seed 003's demographic tables."""

    AMERICAN_INDIAN = "american_indian", _("American Indian/Alaska Native")
    ASIAN = "asian", _("Asian")
    BLACK = "black", _("Black")
    FILIPINO = "filipino", _("Filipino")
    HISPANIC = "hispanic", _("Hispanic")
    PACIFIC_ISLANDER = "pacific_islander", _("Pacific Islander")
    WHITE = "white", _("White")
    TWO_OR_MORE = "two_or_more", _("Two or more")
    UNKNOWN = "unknown", _("Unknown")


# The 7 federal categories; Filipino counts as Asian (SPEC section 5).
FEDERAL_RACE = {
    RaceEthnicity.AMERICAN_INDIAN: "American Indian or Alaska Native",
    RaceEthnicity.ASIAN: "Asian",
    RaceEthnicity.FILIPINO: "Asian",
    RaceEthnicity.BLACK: "Black or African American",
    RaceEthnicity.HISPANIC: "Hispanic/Latino",
    RaceEthnicity.PACIFIC_ISLANDER: "Native Hawaiian or Other Pacific Islander",
    RaceEthnicity.WHITE: "White",
    RaceEthnicity.TWO_OR_MORE: "Two or more races",
    RaceEthnicity.UNKNOWN: "Unknown",
}


class Disability(models.TextChoices):
    IEP = "iep", _("IEP")
    SECTION_504 = "504", _("504 plan")
    NONE = "none", _("None")


class HomeLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    KOREAN = "ko", _("Korean")
    ARMENIAN = "hy", _("Armenian")
    TAGALOG = "tl", _("Tagalog")
    CHINESE = "zh", _("Chinese")
    VIETNAMESE = "vi", _("Vietnamese")
    OTHER = "other", _("Other")


# Languages in which notices are written; others get English (and a note).
NOTICE_LANGUAGES = ("en", "es")


class Student(models.Model):
    student_id = models.CharField("district student ID", max_length=12, unique=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    birth_date = models.DateField()
    gender = models.CharField(max_length=1, choices=Gender.choices)
    race_ethnicity = models.CharField(max_length=20, choices=RaceEthnicity.choices)
    english_learner = models.BooleanField(default=False)
    disability = models.CharField(max_length=4, choices=Disability.choices, default="none")
    socioeconomically_disadvantaged = models.BooleanField(default=False)
    home_language = models.CharField(
        max_length=5, choices=HomeLanguage.choices, default=HomeLanguage.ENGLISH
    )
    # Where the family's notices are emailed (NOTICE); blank when none is on file.
    family_email = models.EmailField("family's email", blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return f"{self.last_name}, {self.first_name} ({self.student_id})"

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def has_iep_or_504(self):
        return self.disability in (Disability.IEP, Disability.SECTION_504)

    @property
    def notice_language(self):
        return self.home_language if self.home_language in NOTICE_LANGUAGES else "en"

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        # A student is in scope for staff of any school where the student was
        # ever enrolled: the old school keeps reading its own history.
        return school_scoped(
            queryset,
            user,
            action,
            school_path="enrollments__school",
            read_only_roles=(Role.TEACHER, Role.SUPPORT),
            distinct=True,
        )

    def enrollment_on(self, day: datetime.date):
        return (
            self.enrollments.filter(start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gte=day))
            .select_related("school")
            .order_by("-start")
            .first()
        )


class EnrollmentQuerySet(ScopedQuerySet, GuardedQuerySet):
    pass


class Enrollment(models.Model):
    """A student at a school in a grade, from ``start`` to ``end`` (open if null).

    A student's grade and school on a date come from here. Grade 0 is
    kindergarten and -1 transitional kindergarten.
    """

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="enrollments")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="enrollments")
    grade = models.SmallIntegerField(validators=[MinValueValidator(-1), MaxValueValidator(12)])
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    objects = models.Manager.from_queryset(EnrollmentQuerySet)()

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="enrollment_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=-1) & Q(grade__lte=12), name="enrollment_grade_tk_to_12"
            ),
        ]
        indexes = [models.Index(fields=["school", "start"])]

    def __str__(self):
        return f"{self.student} at {self.school} grade {self.grade_label}"

    @property
    def grade_label(self):
        return {-1: "TK", 0: "K"}.get(self.grade, str(self.grade))

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        return school_scoped(queryset, user, action, read_only_roles=(Role.TEACHER, Role.SUPPORT))


class Role(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    SUPPORT = "support", _("Support staff")
    ADMINISTRATOR = "administrator", _("School administrator")
    DISTRICT = "district", _("District staff")


class StaffManager(UserManager.from_queryset(ScopedQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A superuser (the data steward) reads every school like district
        # staff; the model's default role (teacher) would hide student pages.
        extra_fields.setdefault("role", Role.DISTRICT)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.TEACHER)
    position = models.CharField(
        max_length=80, blank=True, help_text="e.g. Assistant principal, PSW, Dean"
    )
    schools = models.ManyToManyField(School, blank=True, related_name="staff")

    objects = StaffManager()

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_district_staff(self):
        return self.role == Role.DISTRICT or self.is_superuser

    @property
    def is_administrator(self):
        return self.role == Role.ADMINISTRATOR

    @cached_property
    def school_ids(self):
        return list(self.schools.values_list("pk", flat=True))

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        if user.is_district_staff:
            return queryset if action == VIEW else queryset.none()
        return queryset.filter(schools__in=user.school_ids).distinct()


class FormSubmission(models.Model):
    """One post of a form that creates records, by its submission token.

    A double click, a reload of the result page or a retry after a timeout
    posts the same token again; ``people.submissions.submit_once`` then finds
    this row (unique per user and token) and returns what the first post
    made instead of making it again. Holds ids only, no record content.
    """

    user = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    # What the first post made: [["app_label.model", pk], ...]; "many" when
    # the service returned a list (several students in one incident).
    records = models.JSONField(default=list)
    many = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="one_submission_per_token")
        ]

    def __str__(self):
        return f"{self.user_id}:{self.token}"


# EXPELLED (BUL-5808.3) judges every enrollment: written only through a service.
govern(Enrollment)
