"""Bar charts drawn on the server as SVG, from the same table a reader sees.

Each chart plots one column of its table, says in its caption which, and comes
with a text summary; the table beside it is the chart's data, so a reader who
cannot see the chart loses nothing. Hidden values get no bar, only their mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reporting.selectors import Table, display

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 190
BAR_AREA = 220
VALUE_WIDTH = 70


@dataclass
class Bar:
    label: str
    text: str
    y: int
    width: int
    hidden: bool

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 5


@dataclass
class Chart:
    title: str
    summary: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + 4


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(table: Table) -> Chart | None:
    column = table.chart_column
    column_label = dict(table.columns)[column]
    rows = table.rows
    if not rows:
        return None
    numbers = [r.values.get(column) for r in rows]
    top = max((float(v) for v in numbers if v is not None), default=0.0)
    bars = []
    for i, (row, value) in enumerate(zip(rows, numbers, strict=True)):
        width = 0 if value is None or top == 0 else max(1, round(float(value) / top * BAR_AREA))
        bars.append(
            Bar(
                label=_short(row.label),
                text=display(column, value),
                y=i * (BAR_HEIGHT + GAP),
                width=width,
                hidden=value is None,
            )
        )
    return Chart(
        title=_("%(column)s: %(caption)s") % {"column": column_label, "caption": table.caption},
        summary=summarize(table, column, column_label, numbers),
        bars=bars,
        width=LABEL_WIDTH + 4 + BAR_AREA + VALUE_WIDTH,
        height=len(rows) * (BAR_HEIGHT + GAP),
    )


def summarize(table: Table, column: str, column_label: str, numbers) -> str:
    shown = [(r, v) for r, v in zip(table.rows, numbers, strict=True) if v is not None]
    hidden = len(numbers) - len(shown)
    parts = []
    if shown and any(v for _r, v in shown):
        row, value = max(shown, key=lambda item: item[1])
        parts.append(
            _("The highest %(column)s is %(label)s (%(value)s).")
            % {"column": column_label.lower(), "label": row.label, "value": display(column, value)}
        )
    elif shown:
        parts.append(_("Every shown value is 0."))
    if hidden:
        parts.append(
            _("%(count)s of %(total)s values are not shown.")
            % {"count": hidden, "total": len(numbers)}
        )
    return " ".join(parts)
