"""factory-boy factories; SubFactories keep related objects in one school."""

import datetime

import factory
from factory.django import DjangoModelFactory

from people.guard import service_write
from people.models import (
    BoardDistrict,
    Enrollment,
    NonInstructionalDay,
    Region,
    Role,
    School,
    SchoolYear,
    Student,
    User,
)

# A fixed year in the past, so "not in the future" never moves under a test.
YEAR_FIRST_DAY = datetime.date(2026, 8, 17)
YEAR_LAST_DAY = datetime.date(2027, 6, 11)
HOLIDAYS = {
    datetime.date(2026, 9, 7): "Labor Day",
    datetime.date(2026, 11, 11): "Veterans Day",
    datetime.date(2026, 11, 26): "Thanksgiving",
    datetime.date(2026, 11, 27): "Thanksgiving",
}


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Region {n}")
    code = factory.Sequence(lambda n: f"region-{n}")


class BoardDistrictFactory(DjangoModelFactory):
    class Meta:
        model = BoardDistrict
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 7 + 1)


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    code = factory.Sequence(lambda n: f"{1000 + n}")
    name = factory.Sequence(lambda n: f"Test School {n}")
    level = "middle"
    region = factory.SubFactory(RegionFactory)
    board_district = factory.SubFactory(BoardDistrictFactory)


class SchoolYearFactory(DjangoModelFactory):
    class Meta:
        model = SchoolYear
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = "2026-27"
    first_day = YEAR_FIRST_DAY
    last_day = YEAR_LAST_DAY

    @factory.post_generation
    def holidays(obj, create, extracted, **kwargs):
        if not create:
            return
        for day, description in (extracted or HOLIDAYS).items():
            NonInstructionalDay.objects.get_or_create(
                school_year=obj, date=day, defaults={"description": description}
            )


class StudentFactory(DjangoModelFactory):
    class Meta:
        model = Student

    student_id = factory.Sequence(lambda n: f"{900000000 + n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    birth_date = datetime.date(2013, 5, 1)
    gender = "F"
    race_ethnicity = "hispanic"
    home_language = "en"


class EnrollmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrollment

    student = factory.SubFactory(StudentFactory)
    school = factory.SubFactory(SchoolFactory)
    grade = 7
    start = YEAR_FIRST_DAY

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # A test's starting enrollment, made before any record exists that a
        # rule could weigh against it; later enrollments go through the service.
        with service_write("tests.factories.EnrollmentFactory"):
            return super()._create(model_class, *args, **kwargs)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.TEACHER
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def schools(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.schools.set(extracted)
