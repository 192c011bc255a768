"""One CSV writer for every download (the queue, interventions, a student's
history, district reports).

UTF-8 with a byte-order mark, so that Excel on a district laptop opens
"Peña" and "Nguyễn" as written instead of as mojibake.
"""

import csv

from django.http import HttpResponse
from django.utils.text import slugify

BOM = "\ufeff"


def csv_download(name: str):
    """An attachment response with the byte-order mark written, and a
    ``csv.writer`` on it, for downloads written row by row."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "export"}.csv"'
    response.write(BOM)
    return response, csv.writer(response)


def csv_response(name: str, header: list, rows) -> HttpResponse:
    response, writer = csv_download(name)
    writer.writerow([str(cell) for cell in header])
    for row in rows:
        writer.writerow(["" if cell is None else str(cell) for cell in row])
    return response
