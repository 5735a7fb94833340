"""The reception opens the supervision record (CCL Art 22; legal-spec §3.4 S1): who executes,
who decided, who holds the file (P2014 Art 20), the ground and the sentence's expiry, with the
expiry notice's clock D-22 (P2014 Art 27 ¶1)."""

from __future__ import annotations

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from cases.models import CaseState
from kernel.deadlines.models import Deadline
from supervision.models import Supervision, SupervisionState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def test_the_reception_opens_the_supervision_record(world, supervised) -> None:
    record = Supervision.objects.get(case=supervised)
    assert supervised.state == CaseState.UNDER_SUPERVISION
    assert record.state == SupervisionState.UNDER_SUPERVISION
    assert record.executing_cci == world.cci
    assert record.deciding_organ == world.pab
    assert record.custodial_institution == world.prison_a
    assert record.ground_medical
    assert record.expiry_date == supervised.sentence.expiry_date
    if record.expiry_date:
        d22 = Deadline.objects.get(kind="D-22")
        assert d22.responsible_organisation == world.cci
        assert timezone.localdate(d22.trigger_at) == record.expiry_date - relativedelta(months=1)
