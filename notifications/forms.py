from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Kind


class PreferencesForm(forms.Form):
    """Two checkboxes per kind of notification: in the app, by email."""

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind, label in Kind.choices:
            preference = preferences[kind]
            in_app = f"{kind}__in_app"
            email = f"{kind}__email"
            self.fields[in_app] = forms.BooleanField(
                required=False, initial=preference.in_app, label=_("In the app")
            )
            self.fields[email] = forms.BooleanField(
                required=False, initial=preference.email, label=_("By email")
            )
            self.rows.append((kind, label, self[in_app], self[email]))

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {kind: (data[f"{kind}__in_app"], data[f"{kind}__email"]) for kind in Kind.values}
