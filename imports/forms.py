from django import forms
from django.utils.translation import gettext_lazy as _

from people.submissions import SubmissionTokenMixin

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(SubmissionTokenMixin, forms.Form):
    """One upload; posted twice (a double click), one dry run is made."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "One CSV file named after its kind (students.csv, referrals.csv, ...) or a ZIP "
            "file of several. The formats: docs/imports.md."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".zip")):
            raise forms.ValidationError(_("Upload a .csv or a .zip file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB; split it."))
        return upload
