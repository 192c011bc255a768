from django import template

from reporting.selectors import display

register = template.Library()


@register.filter
def cell(row, column):
    """A table cell as the reader sees it: the number, or the mark."""
    return display(column, row.values.get(column))


@register.filter
def hidden(row, column):
    return row.values.get(column, 0) is None
