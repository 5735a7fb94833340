"""A system administrator's recorded reset of a signer's second factor (a lost device).

A confirmed factor is otherwise replaced only with a code from it (`otp.second_factor_enrol`),
so that nobody who merely holds the signer's session or password can bind a new device to the
signer's signature (Electronic Signature Law of the PRC Art 13). The reset is the exception:
done by an administrator in scope, with a written reason, audited, and told to the signer on
every channel, after which the signer enrols anew.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.audit.services import audit_record
from kernel.notices.models import Channel
from kernel.notices.services import notice_send

from .models import SecondFactor, SecondFactorReset
from .otp import SECOND_FACTOR_URL, local_time
from .selectors import second_factor_resettable_user_get

#: Every channel that reaches a person (the post channel reaches organisations only).
PERSONAL_CHANNELS = tuple(channel for channel in Channel if channel != Channel.POST)


@transaction.atomic
def second_factor_admin_reset(*, user_id: int, actor: Any, reason: str) -> SecondFactorReset:
    """Delete the user's signing factor so that the user must enrol anew.

    Only a system administrator, only for a user he manages (others are 404), never himself,
    and only with a written reason; the reset is recorded, audited and notified to the user in
    the notification centre, by e-mail and by SMS."""
    user = second_factor_resettable_user_get(admin=actor, pk=user_id)
    if user.pk == actor.pk:  # excluded from the scope already; kept as a plain rule
        raise PermissionDenied(_("You cannot reset your own signing factor."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for resetting the signing factor."))
    factor = SecondFactor.objects.select_for_update().filter(user=user).first()
    if factor is None:
        raise ValidationError(
            _("%(user)s has no signing factor to reset.") % {"user": user.display_name}
        )
    now = timezone.now()
    was_confirmed = factor.is_confirmed
    factor.delete()
    record = SecondFactorReset.objects.create(
        user=user,
        reset_by=actor,
        reason=reason,
        reset_at=now,
        factor_was_confirmed=was_confirmed,
    )
    audit_record(
        actor=actor,
        action="second_factor.admin_reset",
        obj=user,
        reason=reason,
        payload={"reset": record.pk, "factor_was_confirmed": was_confirmed},
        at=now,
    )
    admin = actor.display_name
    organisation = str(actor.organisation or "")
    notice_send(
        recipients=[user],
        key=f"second-factor-reset:{record.pk}",
        subject=_(
            "Your signing one-time password was reset by %(admin)s (%(organisation)s): %(reason)s"
        )
        % {"admin": admin, "organisation": organisation, "reason": reason},
        body=_(
            "On %(at)s (Beijing time) the system administrator %(admin)s (%(organisation)s) "
            "reset the authenticator app you use to sign documents.\n"
            "Reason given: %(reason)s\n"
            "Until you set up your authenticator again at %(url)s you cannot sign decisions. "
            "If you did not ask for this, tell your organisation's security officer at once."
        )
        % {
            "at": local_time(now),
            "admin": admin,
            "organisation": organisation,
            "reason": reason,
            "url": SECOND_FACTOR_URL,
        },
        link=SECOND_FACTOR_URL,
        severity="warning",
        channels_=PERSONAL_CHANNELS,
    )
    return record
