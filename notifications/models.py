"""Alerts that reach the right person (issue 16, item 6).

A ``Notification`` is one message to one staff member, listed in the app and,
if the person chose it, sent by email after the write that caused it commits.
A ``FamilyNoticeDelivery`` is the attempt to email a suspension notice to the
family: part of the NOTICE record (E.C. 48911(d)), kept whether it was sent,
failed or could not be tried for want of an address.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from people.scoping import ScopedManager


class Kind(models.TextChoices):
    REFERRAL_CREATED = "referral_created", _("A referral at my school")
    OUTCOME_RECORDED = "outcome_recorded", _("An outcome of a referral I made")
    INTERVENTION_ASSIGNED = "intervention_assigned", _("An intervention assigned to me")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # The message in each interface language, written when it was made, so it
    # reads in whoever's language they use the app in.
    texts = models.JSONField(default=dict)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.message

    @property
    def message(self):
        return self.texts.get(get_language() or "en") or self.texts.get("en", "")

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        # One's own notifications only, whatever the role.
        return queryset.filter(recipient=user)


class Preference(models.Model):
    """Which notifications a person receives, and how; no row means both."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    in_app = models.BooleanField(_("in the app"), default=True)
    email = models.BooleanField(_("by email"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind}"


class DeliveryStatus(models.TextChoices):
    SENT = "sent", _("Sent by email")
    FAILED = "failed", _("Email failed")
    NO_ADDRESS = "no_address", _("No email address on file")


class FamilyNoticeDelivery(models.Model):
    suspension = models.ForeignKey(
        "discipline.Suspension", on_delete=models.PROTECT, related_name="notice_deliveries"
    )
    address = models.EmailField(blank=True)
    language = models.CharField(max_length=5)
    status = models.CharField(max_length=12, choices=DeliveryStatus.choices)
    error = models.CharField(max_length=300, blank=True)
    attempted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("family notice delivery")
        verbose_name_plural = _("family notice deliveries")
        ordering = ["-attempted_at", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} {self.address}".strip()
