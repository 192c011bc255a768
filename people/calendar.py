"""School days on the district's instructional calendar.

A school day is a weekday inside a school year that is not one of the
district's non-instructional days (SPEC section 4). Durations of suspensions,
the 5- and 20-day limits, the teacher's removal from class, willful defiance's
5 days and MDR's 10 days are all counted here, never in calendar days.
"""

import datetime
from dataclasses import dataclass

from people.models import NonInstructionalDay, SchoolYear

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class SchoolCalendar:
    """The district's whole instructional calendar as an immutable value.

    The rules (``discipline.rules``) count school days with it without reading
    the database: ``school_calendar()`` loads it in two queries, once per write
    or once per batch of a bulk judgment.
    """

    years: tuple[tuple[datetime.date, datetime.date], ...] = ()
    closed: frozenset[datetime.date] = frozenset()

    def is_school_day(self, day: datetime.date) -> bool:
        return (
            day.weekday() < 5
            and day not in self.closed
            and any(first <= day <= last for first, last in self.years)
        )

    def add_school_days(self, start: datetime.date, count: int) -> datetime.date:
        """The last day of ``count`` school days beginning at ``start`` (which
        counts if it is a school day). ValueError past the calendar's end."""
        if count < 1:
            raise ValueError("count must be at least 1")
        last = max((end for _, end in self.years), default=start)
        day, n = start, 0
        while day <= last:
            if self.is_school_day(day):
                n += 1
                if n == count:
                    return day
            day += ONE_DAY
        raise ValueError(f"no calendar for {count} school days from {start}")

    def school_days_after(self, start: datetime.date, count: int) -> datetime.date:
        """The ``count``-th school day strictly after ``start`` (deadlines)."""
        return self.add_school_days(start + ONE_DAY, count)

    def next_school_day(self, day: datetime.date) -> datetime.date:
        return self.school_days_after(day, 1)


def school_calendar() -> SchoolCalendar:
    """Load the whole calendar: every school year and non-instructional day."""
    return SchoolCalendar(
        years=tuple(SchoolYear.objects.order_by("first_day").values_list("first_day", "last_day")),
        closed=frozenset(NonInstructionalDay.objects.values_list("date", flat=True)),
    )


class Calendar:
    """The calendar between two dates, read from the database once."""

    def __init__(self, start: datetime.date, end: datetime.date):
        self.start, self.end = start, end
        self.years = list(
            SchoolYear.objects.filter(first_day__lte=end, last_day__gte=start).values_list(
                "first_day", "last_day"
            )
        )
        self.closed = set(
            NonInstructionalDay.objects.filter(date__gte=start, date__lte=end).values_list(
                "date", flat=True
            )
        )

    def is_school_day(self, day: datetime.date) -> bool:
        return (
            day.weekday() < 5
            and day not in self.closed
            and any(first <= day <= last for first, last in self.years)
        )

    def days(self):
        day = self.start
        while day <= self.end:
            if self.is_school_day(day):
                yield day
            day += ONE_DAY


def is_school_day(day: datetime.date) -> bool:
    return Calendar(day, day).is_school_day(day)


def school_days_between(start: datetime.date, end: datetime.date) -> int:
    """School days from ``start`` to ``end``, both included."""
    if end < start:
        return 0
    return sum(1 for _ in Calendar(start, end).days())


def _horizon(start: datetime.date, count: int) -> datetime.date:
    # Enough calendar days to hold ``count`` school days across winter and
    # spring breaks; summer is handled by widening the window if needed.
    return start + datetime.timedelta(days=count * 2 + 30)


def add_school_days(start: datetime.date, count: int) -> datetime.date:
    """The last day of a span of ``count`` school days beginning at ``start``.

    ``start`` counts if it is a school day: a 2-day suspension from Friday
    before a holiday Monday ends on Tuesday.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    end = _horizon(start, count)
    for _attempt in range(4):
        for n, day in enumerate(Calendar(start, end).days(), start=1):
            if n == count:
                return day
        end = end + datetime.timedelta(days=365)
    raise ValueError(f"no calendar for {count} school days from {start}")


def school_days_after(start: datetime.date, count: int) -> datetime.date:
    """The ``count``-th school day strictly after ``start`` (deadlines)."""
    return add_school_days(start + ONE_DAY, count)


def next_school_day(day: datetime.date) -> datetime.date:
    return school_days_after(day, 1)
