"""Wrong one-time passwords are throttled per user: after 5 within 15 minutes the signing
factor is locked for 15 minutes and the refusal says until when (Beijing time), on the
enrolment page, the decision form and the court-decision form alike (issue #9 item 1).

The decision is signed inside the deciding transaction, which a wrong code rolls back; these
tests post to the real views, so a count written inside that transaction would be lost and
the lock would never come."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import translation

from approvals.models import ApprovalDecision
from cases.models import CaseState
from kernel.audit.models import AuditEvent
from kernel.signing.models import SecondFactor
from kernel.signing.otp import (
    THROTTLE_MAX_FAILURES,
    SecondFactorLocked,
    WrongOneTimePassword,
    second_factor_check,
    second_factor_enrol,
    totp_code,
)
from tests.approvals.test_court_path import _consulted, cw  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
AT = dt.datetime(2026, 3, 25, 10, 0, tzinfo=SH)
LOCKED_ZH = "锁定至 2026-03-25 10:15"


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _audit(user, action: str) -> int:
    return AuditEvent.objects.filter(actor_id=user.pk, action=action).count()


def _decision_post(client, case, otp: str):
    return client.post(
        f"/approvals/cases/{case.pk}/decide/",
        {
            "expected_state": "proposed",
            "approve": "yes",
            "reasons": "病情属实，符合保外就医条件",
            "committee_held_on": "2026-03-24",
            "committee_members_present": "9",
            "otp_code": otp,
        },
    )


def test_five_wrong_codes_on_the_decision_form_lock_signing(world, proposed, signing) -> None:
    client = world.client_for(world.approver)
    with time_machine.travel(AT, tick=False):
        right = signing()
        for attempt in range(1, THROTTLE_MAX_FAILURES + 1):
            response = _decision_post(client, proposed, _wrong(right))
            assert response.status_code == 400
            page = response.content.decode()
            if attempt < THROTTLE_MAX_FAILURES:
                assert "一次性密码错误或已过期" in page
        assert LOCKED_ZH in page  # the fifth wrong code locks, and says until when
        locked = _decision_post(client, proposed, right)  # even the right code, while locked
        assert locked.status_code == 400 and LOCKED_ZH in locked.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == CaseState.PROPOSED and not ApprovalDecision.objects.exists()
    factor = SecondFactor.objects.get(user=world.approver)
    assert factor.locked_until == AT + dt.timedelta(minutes=15)
    assert _audit(world.approver, "second_factor.wrong_code") == THROTTLE_MAX_FAILURES
    assert _audit(world.approver, "second_factor.locked") == 1
    assert _audit(world.approver, "second_factor.refused_while_locked") == 1

    with time_machine.travel(AT + dt.timedelta(minutes=16), tick=False):
        assert _decision_post(client, proposed, signing()).status_code == 302
    factor.refresh_from_db()
    assert factor.failed_attempts == 0


def test_five_wrong_codes_on_the_court_decision_form_lock_signing(world, cw, signing) -> None:  # noqa: F811
    case = _consulted(world, cw)
    judge = world.client_for(cw.judge)
    url = f"/approvals/court/cases/{case.pk}/decide/"
    form = {
        "expected_state": "consultation",
        "grant": "yes",
        "reasons": "符合条件",
        "panel_held_on": "2026-03-05",
        "judges": "3",
    }
    decided_at = dt.datetime(2026, 3, 6, 10, tzinfo=SH)
    with time_machine.travel(decided_at, tick=False):
        right = signing(cw.judge)
        for _attempt in range(THROTTLE_MAX_FAILURES):
            response = judge.post(url, {**form, "otp_code": _wrong(right)})
            assert response.status_code == 400
        assert "锁定至 2026-03-06 10:15" in response.content.decode()
        locked = judge.post(url, {**form, "otp_code": right})
        assert locked.status_code == 400
    case.refresh_from_db()
    assert case.state == CaseState.CONSULTATION and case.decision is None
    assert _audit(cw.judge, "second_factor.wrong_code") == THROTTLE_MAX_FAILURES
    assert _audit(cw.judge, "second_factor.locked") == 1


def test_five_wrong_codes_on_the_enrolment_page_lock_it(world) -> None:
    client = world.client_for(world.judge)
    with time_machine.travel(AT, tick=False):
        factor = second_factor_enrol(world.judge)
        right = totp_code(factor.secret)
        for _attempt in range(THROTTLE_MAX_FAILURES):
            response = client.post(
                "/account/second-factor/", {"action": "confirm", "code": _wrong(right)}
            )
            assert response.status_code == 400
        assert LOCKED_ZH in response.content.decode()
        locked = client.post("/account/second-factor/", {"action": "confirm", "code": right})
        assert locked.status_code == 400
        assert LOCKED_ZH in client.get("/account/second-factor/").content.decode()
    factor.refresh_from_db()
    assert not factor.is_confirmed
    assert _audit(world.judge, "second_factor.locked") == 1


def test_the_refusal_speaks_english_too_and_names_the_local_time(world, signing) -> None:
    signing()  # a confirmed factor for the approver
    with translation.override("en"), time_machine.travel(AT, tick=False):
        for _attempt in range(THROTTLE_MAX_FAILURES - 1):
            with pytest.raises(WrongOneTimePassword, match="more wrong code"):
                second_factor_check(user=world.approver, code="000000", purpose="sign")
        with pytest.raises(SecondFactorLocked, match=r"locked until 2026-03-25 10:15 \(Beijing"):
            second_factor_check(user=world.approver, code="000000", purpose="sign")


def test_a_right_code_clears_the_count_and_an_old_window_starts_afresh(world, signing) -> None:
    signing()
    with time_machine.travel(AT, tick=False):
        for _attempt in range(THROTTLE_MAX_FAILURES - 1):
            with pytest.raises(WrongOneTimePassword):
                second_factor_check(user=world.approver, code="000000", purpose="sign")
        second_factor_check(user=world.approver, code=signing(), purpose="sign")
        for _attempt in range(THROTTLE_MAX_FAILURES - 1):
            with pytest.raises(WrongOneTimePassword):
                second_factor_check(user=world.approver, code="000000", purpose="sign")
    # Four more, but the first four are older than the 15-minute window.
    later = AT + dt.timedelta(minutes=16)
    with time_machine.travel(later, tick=False), pytest.raises(WrongOneTimePassword):
        second_factor_check(user=world.approver, code="000000", purpose="sign")
    factor = SecondFactor.objects.get(user=world.approver)
    assert not factor.is_locked(later) and factor.failed_attempts == 1
