"""The one way a table becomes a CSV download.

UTF-8 with a byte-order mark, so that spreadsheet programs read accents right
(issue 14). Every CSV of the application goes through :func:`csv_response`
(or :func:`write_rows` for a response already open), so hardening the cells
(e.g. neutralising spreadsheet formulas) is a change in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse

from people.exports import SafeWriter

BOM = "\ufeff"


def cell_text(value) -> str:
    """What one cell holds in the file."""
    if value is None:
        return ""
    return str(value)


def write_rows(response, rows: Iterable[Iterable]) -> None:
    writer = SafeWriter(response)
    for row in rows:
        writer.writerow([cell_text(value) for value in row])


def csv_response(name: str, header: list, rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write(BOM)
    write_rows(response, [header, *rows])
    return response
