"""Art 20 is the only way across provinces, and the other province sees exactly what that
path gives it (issue #9 item 3): the community-correction institution of the residence from
the decision, the residence province's authority from the notice, the file holder from the
designation; nobody else there, and nothing but that one case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from approvals.services import cross_province_notify, fileholder_designate
from cases.models import CaseState, Offender
from cases.selectors import case_list_for_user, offender_list_for_user
from kernel.notices.models import Notice
from tests.provinces import Province, _orgs, _users

from .conftest import decide, receive

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def jiangsu(world) -> Province:
    province = Province(code="32", label="江苏")
    _orgs(province)
    _users(province)
    return province


def _seen(js: Province) -> dict[str, set[int]]:
    return {
        key: set(case_list_for_user(user=user).values_list("pk", flat=True))
        for key, user in js.users.items()
    }


def test_the_residence_province_sees_only_what_article_20_gives_it(
    world, proposed, jiangsu
) -> None:
    js = jiangsu
    Offender.objects.filter(pk=proposed.offender_id).update(
        residence_region_code="320106", residence_address="江苏省南京市某区"
    )
    assert not any(_seen(js).values())

    decision = decide(world, proposed)
    receive(world, decision)
    # CCL Arts 17, 20: the community-correction institution of the residence executes.
    assert {k: v for k, v in _seen(js).items() if v} == {"officer": {proposed.pk}}

    cross_province_notify(case_id=proposed.pk, actor=world.approver)
    expected = {
        "officer": {proposed.pk},
        "approver": {proposed.pk},
        "approving_head": {proposed.pk},
    }
    assert {k: v for k, v in _seen(js).items() if v} == expected
    page = world.client_for(js.approver).get(reverse("approvals:decide", args=[proposed.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert js.orgs["prison"].name in text  # the file holder is chosen among its own prisons
    assert world.prison_b.name not in text and js.orgs["dc"].name not in text

    fileholder_designate(case_id=proposed.pk, actor=js.approver, fileholder=js.orgs["prison"])
    expected.update({"prison_clerk": {proposed.pk}, "prison_leader": {proposed.pk}})
    assert {k: v for k, v in _seen(js).items() if v} == expected

    # Nothing else of Zhejiang: not the other case, not its offender, not in any notice.
    for user in js.users.values():
        offenders = set(offender_list_for_user(user=user).values_list("pk", flat=True))
        assert offenders <= {proposed.offender_id}
        client = world.client_for(user)
        assert client.get(f"/cases/{world.case_b.pk}/").status_code in (403, 404)
        assert client.get(f"/offenders/{world.offender_b.pk}/").status_code in (403, 404)
        for notice in Notice.objects.filter(recipient=user):
            assert world.case_b.number not in f"{notice.subject} {notice.body}"
    # Seeing is not deciding: the residence province's authority cannot act as the decider.
    response = world.client_for(js.approver).post(
        reverse("approvals:filing", args=[proposed.pk]), {"filed_on": "2026-03-30"}
    )
    assert response.status_code in (400, 403)
    proposed.refresh_from_db()
    assert proposed.state == CaseState.APPROVED
