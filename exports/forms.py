from django import forms
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exports import services
from exports.models import ExportKind
from people.submissions import SubmissionTokenMixin


class ExportForm(SubmissionTokenMixin):
    """The export button of a list page: which list, with the page's filters."""

    kind = forms.ChoiceField(choices=ExportKind.choices)
    query = forms.CharField(max_length=2000, required=False, strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind is None or "query" not in data:
            return data
        try:
            source = services.export_source(kind, self.user, data["query"], timezone.localdate())
        except SuspiciousOperation:  # more fields than Django reads in one query
            source = None
        if source is None or not source.valid:
            raise forms.ValidationError(
                _("These filters are not valid: go back to the list and filter it again.")
            )
        return data
