"""The family's written notice of suspension by email (NOTICE).

The notice is the discipline app's document (``selectors.suspension_notice_get``,
the same as the printed one), so it is sent from here; each attempt and its
result are recorded in the notifications app's ``FamilyNoticeDelivery``, and
shown on the suspension's page. ``services.suspension_record`` calls
``family_notice_send`` inside its transaction; the mail leaves after commit.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from discipline import selectors
from discipline.models import Suspension
from notifications.models import DeliveryStatus, FamilyNoticeDelivery

logger = logging.getLogger(__name__)


def family_notice_send(*, suspension) -> FamilyNoticeDelivery | None:
    """Email the written notice to the family, in its language, after commit.

    With no address on file the attempt is recorded at once (part of NOTICE);
    otherwise the send and its result are recorded after the commit.
    """
    address = suspension.student.family_email
    if not address:
        return FamilyNoticeDelivery.objects.create(
            suspension=suspension,
            language=suspension.notice_language,
            status=DeliveryStatus.NO_ADDRESS,
        )
    transaction.on_commit(partial(_email_family_notice, suspension.pk))
    return None


def family_notice_message(suspension) -> EmailMultiAlternatives:
    notice = selectors.suspension_notice_get(suspension)
    language = notice["language"]
    html = render_to_string("notifications/email/family_notice.html", notice)
    with translation.override(language):
        subject = (
            f"Aviso de suspensión: {suspension.student.name}"
            if language == "es"
            else f"Notice of suspension: {suspension.student.name}"
        )
    message = EmailMultiAlternatives(
        subject,
        strip_tags(html).strip(),
        settings.DEFAULT_FROM_EMAIL,
        [suspension.student.family_email],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message


def _email_family_notice(pk: int) -> FamilyNoticeDelivery:
    suspension = Suspension.objects.select_related(
        "student", "school__region", "referral", "decided_by", "parent_contacted_by"
    ).get(pk=pk)
    delivery = FamilyNoticeDelivery(
        suspension=suspension,
        address=suspension.student.family_email,
        language=suspension.notice_language,
        status=DeliveryStatus.SENT,
    )
    try:
        family_notice_message(suspension).send(fail_silently=False)
    except Exception as error:  # recorded, shown on the suspension page
        logger.exception("could not email the notice of suspension %s", pk)
        delivery.status = DeliveryStatus.FAILED
        delivery.error = str(error)[:300]
    delivery.save()
    return delivery
