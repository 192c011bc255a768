"""School days on the district's instructional calendar.

A school day is a weekday inside a school year that is not one of the
district's non-instructional days (SPEC section 4). Durations of suspensions,
the 5- and 20-day limits, the teacher's removal from class, willful defiance's
5 days and MDR's 10 days are all counted here, never in calendar days.
"""

import datetime

from people.models import NonInstructionalDay, SchoolYear

ONE_DAY = datetime.timedelta(days=1)


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
