"""Writes of notifications, and the mail they send after the write commits.

The discipline and intervention services call these inside their transaction;
a notification row is part of that write, and its email leaves only once the
transaction has committed (``transaction.on_commit``), so a refused or rolled
back write tells nobody anything.

The calls run one way: this app imports nothing of the discipline app (an
import-linter contract holds it), so the family's notice of suspension, which
is the discipline app's document, is sent by ``discipline.notices`` and only
recorded here (``FamilyNoticeDelivery``).
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.models import Kind, Notification, Preference
from people.models import Role, User

logger = logging.getLogger(__name__)


def _in_each_language(build) -> dict[str, str]:
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(build())
    return texts


def preferences_get(user) -> dict[str, Preference]:
    """The user's choice for every kind; a kind never chosen is on, both ways."""
    chosen = {p.kind: p for p in user.notification_preferences.all()}
    return {kind: chosen.get(kind) or Preference(user=user, kind=kind) for kind in Kind.values}


def preferences_update(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """``choices`` maps a kind to (in_app, email)."""
    with transaction.atomic():
        for kind, (in_app, email) in choices.items():
            Preference.objects.update_or_create(
                user=user, kind=kind, defaults={"in_app": in_app, "email": email}
            )


def notify(*, recipients, kind: str, build, url: str = "") -> list[Notification]:
    """One notification per recipient who wants it; mail after commit."""
    texts = _in_each_language(build)
    if isinstance(recipients, QuerySet):
        recipients = recipients.prefetch_related("notification_preferences")
    wanted = []
    for recipient in recipients:
        preference = preferences_get(recipient)[kind]
        if preference.in_app or preference.email:
            wanted.append((recipient, preference))
    # One insert for every recipient (a school's administrators).
    made = Notification.objects.bulk_create(
        Notification(
            recipient=recipient,
            kind=kind,
            texts=texts,
            url=url,
            # Not wanted in the app: it exists only to be mailed, already read.
            read_at=None if preference.in_app else timezone.now(),
        )
        for recipient, preference in wanted
    )
    for notification, (recipient, preference) in zip(made, wanted, strict=True):
        if preference.email and recipient.email:
            transaction.on_commit(partial(_email_notification, notification.pk))
    return made


def _email_notification(pk: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=pk)
    with translation.override(settings.LANGUAGE_CODE):
        body = notification.message
        if notification.url:
            body += "\n\n" + notification.url
        subject = _("Discipline records: %(message)s") % {"message": notification.message}
    try:
        send_mail(
            subject[:150],
            body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient.email],
            fail_silently=False,
        )
    except Exception:  # a mail server down must not undo a saved record
        logger.exception("could not email notification %s", pk)
        return
    Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())


def notifications_mark_read(*, user, pks=None) -> int:
    queryset = Notification.objects.for_user(user).filter(read_at__isnull=True)
    if pks is not None:
        queryset = queryset.filter(pk__in=pks)
    return queryset.update(read_at=timezone.now())


# --- what the discipline and intervention services announce -------------------------


def referral_created(*, actor, referral) -> list[Notification]:
    """The administrators of the school are told of a new referral."""
    recipients = (
        User.objects.filter(role=Role.ADMINISTRATOR, schools=referral.school, is_active=True)
        .exclude(pk=actor.pk)
        .distinct()
    )
    return notify(
        recipients=recipients,
        kind=Kind.REFERRAL_CREATED,
        url=reverse("discipline:referral-detail", args=[referral.pk]),
        build=lambda: (
            _("New referral %(number)s for %(student)s from %(staff)s.")
            % {"number": referral.pk, "student": referral.student.name, "staff": actor}
        ),
    )


def outcome_recorded(*, actor, referral, label) -> list[Notification]:
    """The referring teacher is told what became of the referral: the kind of
    outcome only, never its dates, days or notes (SPEC section 2)."""
    teacher = referral.referred_by
    if teacher is None or teacher.pk == actor.pk or not teacher.is_active:
        return []
    return notify(
        recipients=[teacher],
        kind=Kind.OUTCOME_RECORDED,
        url=reverse("discipline:referral-detail", args=[referral.pk]),
        build=lambda: (
            _("Your referral %(number)s for %(student)s: %(outcome)s.")
            % {"number": referral.pk, "student": referral.student.name, "outcome": label()}
        ),
    )


def intervention_assigned(*, actor, intervention) -> list[Notification]:
    """The provider of an intervention someone else recorded is told of it."""
    provider = intervention.provider
    if provider.pk == actor.pk or not provider.is_active:
        return []
    return notify(
        recipients=[provider],
        kind=Kind.INTERVENTION_ASSIGNED,
        url=reverse("interventions:intervention-detail", args=[intervention.pk]),
        build=lambda: (
            _("Intervention assigned to you: %(type)s (Tier %(tier)s) for %(student)s.")
            % {
                "type": intervention.intervention_type,
                "tier": intervention.tier,
                "student": intervention.student.name,
            }
        ),
    )
