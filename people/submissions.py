"""Submission tokens: a form that creates records saves once (issue 10, fault 5).

Every such form mixes in ``SubmissionTokenMixin``: a hidden field with a fresh
random token each time the form is shown (templates render it with
``{% include "includes/submission_token.html" %}`` where they lay fields out by
hand; crispy renders it with the other hidden fields). ``submit_once`` runs the
service and records the token in the same transaction, under a unique
constraint: a second post of the token, even at the same moment on another
connection, waits for the first and returns the first post's records. A post
refused by the rules rolls its token back with it, so the corrected form can
be posted again.

The token is optional: a client that does not send one (a script, an old
page) gets no de-duplication, nothing else. It guards honest users against
double saves; it is no access control, which is the job of CSRF and scope.
"""

import re
import uuid

from django import forms
from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from people.models import FormSubmission

TOKEN = re.compile(r"[A-Za-z0-9_:-]{1,64}")


class SubmissionTokenMixin(forms.Form):
    submission_token = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        max_length=64,
        error_messages={"max_length": _("This form is out of date: reload the page.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4().hex)

    def clean_submission_token(self):
        token = self.cleaned_data["submission_token"]
        if token and not TOKEN.fullmatch(token):
            raise forms.ValidationError(_("This form is out of date: reload the page."))
        return token


def reference(record):
    return [record._meta.label_lower, record.pk]


def loaded(submission: FormSubmission):
    found = []
    for label, pk in submission.records:
        model = apps.get_model(label)
        record = model._default_manager.filter(pk=pk).first()
        if record is not None:
            found.append(record)
    if submission.many:
        return found
    return found[0] if found else None


def was_submitted(*, user, token: str) -> bool:
    """Whether ``user`` already saved a post of ``token``: for a form whose
    own validation would refuse the repeat (a record unique by what the form
    holds), so the view answers it as the first post was answered."""
    if not token or not TOKEN.fullmatch(token):
        return False
    return FormSubmission.objects.filter(user=user, token=token).exists()


def submit_once(*, user, token: str, create):
    """``create()`` once per (user, token); a repeat returns its result."""
    if not token:
        return create()
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(user=user, token=token)
            result = create()
            many = isinstance(result, list | tuple)
            made = list(result) if many else [result]
            submission.records = [reference(r) for r in made if r is not None]
            submission.many = many
            submission.save(update_fields=["records", "many"])
            return result
    except IntegrityError:
        # Another post of this token committed first (the constraint waited
        # for it); answer with what it made. Any other integrity error is
        # the service's and is raised again.
        earlier = FormSubmission.objects.filter(user=user, token=token).first()
        if earlier is None:
            raise
        return loaded(earlier)
