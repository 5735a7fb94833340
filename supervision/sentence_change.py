"""A period not counted toward the sentence (P2014 Art 26; CPL Art 268 ¶3; SPC-Interp Art
518): written onto the sentence by the intermediate court's ruling (T-S07), or fixed by the
court's own decision on imprisonment on the court path. The expiry date is computed again,
and every open clock that runs from it (the expiry notice D-22) is recomputed, with an audit
event for each and a notice to whoever keeps it."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, NonCountedPeriod
from cases.sentence import SentenceError
from kernel.accounts.models import User
from kernel.accounts.roles import Role
from kernel.audit.services import audit_record
from kernel.deadlines.models import OPEN_STATUSES
from kernel.deadlines.selectors import deadlines_of
from kernel.deadlines.services import deadline_retrigger
from kernel.notices.services import notice_send_to_role

from .models import Supervision

#: Clocks that run from the sentence's expiry date, and their trigger from it.
EXPIRY_CLOCKS = {"D-22": lambda expiry: expiry - relativedelta(months=1)}


def non_counted_period_apply(
    *, case: Case, first_day: dt.date, last_day: dt.date, basis: str, actor: User
) -> NonCountedPeriod:
    """Write the period onto the case's sentence and recompute what depends on its expiry.
    Call it inside the act's transaction; an impossible period refuses the whole act."""
    sentence = case.sentence
    if sentence is None:
        raise ValidationError(_("The case has no sentence to write the period on."))
    period = NonCountedPeriod(
        sentence=sentence, first_day=first_day, last_day=last_day, basis=basis[:200]
    )
    period.full_clean(exclude=["sentence"])
    before = sentence.expiry_date
    facts = sentence.facts(non_counted=[*sentence.non_counted_periods.all(), period])
    try:
        sentence.refresh_derived(facts)
    except SentenceError as exc:
        raise ValidationError(exc.lazy_message) from None
    period.save()
    sentence.save(update_fields=["current_type", "expiry_date"])
    after = sentence.expiry_date
    audit_record(
        actor=actor,
        action="sentence.non_counted_period",
        obj=case,
        reason=basis,
        payload={
            "first_day": first_day.isoformat(),
            "last_day": last_day.isoformat(),
            "expiry_before": before.isoformat() if before else None,
            "expiry_after": after.isoformat() if after else None,
        },
    )
    record = Supervision.objects.filter(case=case).first()
    if record is not None and record.expiry_date != after:
        record.expiry_date = after
        record.save(update_fields=["expiry_date"])
    if after is not None and after != before:
        _expiry_clocks_recompute(case, after, actor=actor, basis=basis)
    return period


def _expiry_clocks_recompute(case: Case, expiry: dt.date, *, actor: User, basis: str) -> None:
    tz = timezone.get_current_timezone()
    for deadline in deadlines_of(case, kinds=list(EXPIRY_CLOCKS)).filter(status__in=OPEN_STATUSES):
        trigger = EXPIRY_CLOCKS[deadline.kind](expiry)
        moved = deadline_retrigger(
            deadline=deadline,
            trigger_at=dt.datetime.combine(trigger, dt.time(0), tzinfo=tz),
            reason=_("The sentence's expiry moved to %(expiry)s: %(basis)s")
            % {"expiry": expiry.isoformat(), "basis": basis},
            actor=actor,
        )
        notice_send_to_role(
            organisation_id=moved.responsible_organisation_id,
            roles=[Role.CORRECTION_OFFICER, Role.PRISON_CLERK],
            key=f"expiry-moved:{moved.pk}:{expiry.isoformat()}",
            subject=_("%(case)s: the sentence now expires on %(expiry)s")
            % {"case": case.number, "expiry": expiry.isoformat()},
            body=_("%(clock)s is now due on %(due)s.")
            % {"clock": moved.kind, "due": moved.due_date.isoformat() if moved.due_date else "—"},
            link=case.get_absolute_url(),
        )
