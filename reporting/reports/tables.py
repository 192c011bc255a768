"""A report table as a reader sees it, its chart and its one-line summary.

A ``ReportTable`` is the single source of a page's table, its chart (SVG drawn
on the server, with the table beside it) and its CSV download, so the three
always show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 230
BAR_AREA = 240
VALUE_WIDTH = 80


def shown(value) -> str:
    """A cell as text, on the page and in the CSV alike."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, Decimal):
        return f"{value:,}"
    return str(value)


@dataclass
class Bar:
    label: str
    text: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 5


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + 4


@dataclass
class ReportTable:
    slug: str
    caption: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    #: The column the chart plots (an index into ``columns``); None: no chart.
    chart_column: int | None = 1
    note: str = ""
    footer: list | None = None  # a totals row, shown last and in the CSV

    @property
    def text_rows(self) -> list[list[str]]:
        return [[shown(v) for v in row] for row in self.rows]

    @property
    def text_footer(self) -> list[str] | None:
        return [shown(v) for v in self.footer] if self.footer else None

    def csv_rows(self) -> list[list]:
        rows = [[shown(v) for v in row] for row in self.rows]
        if self.footer:
            rows.append(self.text_footer)
        return rows

    def value(self, label, column: int):
        for row in self.rows:
            if row[0] == label:
                return row[column]
        return None

    @property
    def summary(self) -> str:
        """One line a reader can take away without the chart."""
        if not self.rows:
            return _("Nothing to list.")
        column = self.chart_column if self.chart_column is not None else 1
        if column >= len(self.columns):
            return _("%(count)s rows.") % {"count": len(self.rows)}
        numbers = [
            (row[0], row[column])
            for row in self.rows
            if isinstance(row[column], int | float | Decimal) and not isinstance(row[column], bool)
        ]
        if not numbers:
            return _("%(count)s rows.") % {"count": len(self.rows)}
        label, top = max(numbers, key=lambda item: item[1])
        return _("%(rows)s rows; the highest %(column)s is %(label)s (%(value)s).") % {
            "rows": len(self.rows),
            "column": self.columns[column].lower(),
            "label": label,
            "value": shown(top),
        }

    @property
    def chart(self) -> Chart | None:
        column = self.chart_column
        if column is None or not self.rows:
            return None
        values = []
        for row in self.rows:
            v = row[column]
            values.append(float(v) if isinstance(v, int | float | Decimal) else 0.0)
        top = max(values, default=0.0)
        bars = []
        for i, (row, value) in enumerate(zip(self.rows, values, strict=True)):
            width = 0 if top <= 0 or value <= 0 else max(1, round(value / top * BAR_AREA))
            label = str(row[0])
            if len(label) > 34:
                label = label[:33] + "…"
            bars.append(Bar(label, shown(row[column]), i * (BAR_HEIGHT + GAP), width))
        return Chart(
            title=_("%(column)s: %(caption)s")
            % {"column": self.columns[column], "caption": self.caption},
            bars=bars,
            width=LABEL_WIDTH + 4 + BAR_AREA + VALUE_WIDTH,
            height=len(bars) * (BAR_HEIGHT + GAP),
        )


def percent(part, whole, places=1):
    if not whole:
        return None
    return round(Decimal(part) * 100 / Decimal(whole), places)
