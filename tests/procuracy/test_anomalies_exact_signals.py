"""The four signals once approximated, now read from the records behind them, each with a
planted case and a clean one:

- a condition found unchanged for a year with no expert panel (一保到底; P2014 Art 21), from
  the review's `condition_change` and `panel_reviewed`;
- a late hand-over (漏管; CCL Art 21) flagged until a rectification opinion on it calls someone
  to account (`RectificationOpinion.matter`);
- a life sentence commuted to a fixed term, decided before seven years were served from the
  commutation (P2014 Art 7 ¶1, as eligibility rule EL-30);
- a doctor known by the practising certificate number (医师执业证书编码) when recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from cases.models import Case, CaseState, MedicalCertificate
from cases.models.workflow import Title
from cases.workflow_forms import MedicalCertificateForm
from procuracy.anomalies.selectors import flagged_cases
from procuracy.anomalies.signals import SIGNALS
from procuracy.rectification.models import RectificationMatter, RectificationOpinion
from supervision.models import ConditionChange, ConditionReview, Supervision
from supervision.services import condition_review
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.supervision.conftest import approved, received, supervised  # noqa: F401

from .anomalies_helpers import NOW, SH, TODAY, _review, commuted, more_cases, plant
from .rectification_helpers import take

pytestmark = pytest.mark.django_db


@contextmanager
def _rolled_back() -> Iterator[None]:
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


def _flagged(world, code: str) -> set[int]:
    return set(flagged_cases(SIGNALS[code], world.procurator_a, TODAY).values_list("pk", flat=True))


# 1. 一保到底 ----------------------------------------------------------------------------------

UNCHANGED = "condition_unchanged_no_panel"


def _a_year_under_supervision(case: Case) -> None:
    Supervision.objects.filter(pk=case.supervision.pk).update(
        opened_at=dt.datetime(2025, 1, 5, 10, tzinfo=SH)
    )


def test_a_condition_found_unchanged_for_a_year_without_a_panel_is_flagged(
    world,
    supervised,  # noqa: F811
) -> None:
    case = supervised
    with time_machine.travel(NOW, tick=False):
        assert case.pk not in _flagged(world, UNCHANGED)  # the clean case
        with _rolled_back():
            _a_year_under_supervision(case)
            _review(
                world,
                case,
                reexamined_on=TODAY - dt.timedelta(days=200),
                condition_change=ConditionChange.UNCHANGED,
            )
            _review(world, case, condition_change=ConditionChange.IMPROVED)
            assert _flagged(world, UNCHANGED) == {case.pk}
            # Distinct from "no re-examination at all": this case was re-examined.
            assert case.pk not in _flagged(world, "condition_unreviewed_long")
            # A panel review in the year clears it.
            _review(world, case, panel_reviewed=True, condition_change=ConditionChange.UNCHANGED)
            assert case.pk not in _flagged(world, UNCHANGED)
        with _rolled_back():
            _a_year_under_supervision(case)
            _review(world, case, condition_change=ConditionChange.UNCHANGED)
            # A review that found it worse, within the year, is not "unchanged".
            _review(
                world,
                case,
                reexamined_on=TODAY - dt.timedelta(days=100),
                condition_change=ConditionChange.WORSENED,
            )
            assert case.pk not in _flagged(world, UNCHANGED)
        with _rolled_back():
            _a_year_under_supervision(case)
            # A review older than the year does not count; one not saying how the condition
            # went (recorded before it was asked) does not make a run of "unchanged".
            _review(
                world,
                case,
                reexamined_on=TODAY - dt.timedelta(days=400),
                condition_change=ConditionChange.UNCHANGED,
            )
            _review(world, case, condition_change="")
            assert case.pk not in _flagged(world, UNCHANGED)
        with _rolled_back():
            # Under supervision for less than the year: not yet.
            _review(world, case, condition_change=ConditionChange.UNCHANGED)
            assert case.pk not in _flagged(world, UNCHANGED)


def test_the_review_records_the_change_and_the_panel_and_the_form_asks_for_the_change(
    world,
    supervised,  # noqa: F811
) -> None:
    review_day = dt.datetime(2026, 6, 25, 10, tzinfo=SH)
    with time_machine.travel(review_day, tick=False):
        review = condition_review(
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            reexamined_on=dt.date(2026, 6, 20),
            hospital=world.hospital,
            doctors="张医生（主任医师）",
            findings="病情稳定",
            finding="persist",
            condition_change=ConditionChange.UNCHANGED,
            panel_reviewed=True,
        )
        stored = ConditionReview.objects.get(pk=review.pk)
        assert (stored.condition_change, stored.panel_reviewed) == ("unchanged", True)
        response = world.client_for(world.officer).post(
            f"/supervision/cases/{supervised.pk}/supervision/review/",
            {
                "expected_state": "under_supervision",
                "reexamined_on": "2026-06-22",
                "hospital": str(world.hospital.pk),
                "doctors": "张医生（主任医师）",
                "findings": "病情稳定",
                "finding": "persist",
            },
        )
    assert response.status_code == 400
    assert ConditionReview.objects.count() == 1
    assert 'name="condition_change"' in response.content.decode()
    assert 'name="panel_reviewed"' in response.content.decode()


# 2. 漏管 --------------------------------------------------------------------------------------

LATE = "hand_over_late"


def _opinion(world, case: Case, matter: str) -> None:
    take(
        world.procurator_a,
        case,
        "rectification_oral_issue",
        TODAY,
        target=world.cci,
        seriousness="minor",
        matter=matter,
        issued_on=TODAY,
        illegality="社区矫正机构未按期接收登记",
        required_correction="查明漏管原因，追究相关人员责任",
    )


def test_a_late_hand_over_is_flagged_until_someone_is_called_to_account(
    world,
    supervised,  # noqa: F811
) -> None:
    case = supervised
    with time_machine.travel(NOW, tick=False):
        plant(world, case, LATE)
        assert _flagged(world, LATE) == {case.pk}
        # An opinion on another matter does not account for the late hand-over.
        _opinion(world, case, RectificationMatter.OTHER)
        assert _flagged(world, LATE) == {case.pk}
        page = world.client_for(world.procurator_a).get(
            reverse("procuracy:anomalies_signal", args=[LATE])
        )
        html = page.content.decode()
        assert f'id="flagged-case-{case.pk}"' in html
        # The drill-down says which hand-over was late: registered on 10 April.
        detail = html.split(f'id="anomaly-detail-{case.pk}">')[1].split("</td>")[0]
        assert "2026-04-10" in detail
    # One on the late hand-over, taken through the API, does.
    with time_machine.travel(NOW, tick=False):
        response = world.client_for(world.procurator_a).post(
            f"/api/v1/cases/{case.pk}/acts/rectification_oral_issue/",
            {
                "target": world.cci.pk,
                "matter": "hand_over",
                "issued_on": TODAY.isoformat(),
                "illegality": "社区矫正机构未按期接收登记",
                "required_correction": "查明漏管原因，追究相关人员责任",
            },
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["matter"] == "hand_over"
        assert RectificationOpinion.objects.filter(
            case=case, matter=RectificationMatter.HAND_OVER
        ).exists()
        assert _flagged(world, LATE) == set()


# 3. P2014 Art 7 ¶1 after a commutation --------------------------------------------------------

COMMUTED = "time_served_short_after_commutation"


def test_a_commuted_life_sentence_decided_within_seven_years_of_the_commutation_is_flagged(
    world,
    supervised,  # noqa: F811
) -> None:
    case = supervised
    with time_machine.travel(NOW, tick=False):
        assert case.pk not in _flagged(world, COMMUTED)  # a fixed term, never commuted
        with _rolled_back():
            commuted(case, dt.date(2022, 1, 10))  # decided in 2026: four years since
            assert _flagged(world, COMMUTED) == {case.pk}
            # The one-third rule of an original fixed term does not apply to it.
            assert case.pk not in _flagged(world, "time_served_short")
            # A certificate of a short-term danger to life lifts the restriction (Art 7 ¶3).
            MedicalCertificate.objects.filter(case=case).update(short_term_life_danger=True)
            assert case.pk not in _flagged(world, COMMUTED)
        with _rolled_back():
            commuted(case, dt.date(2018, 1, 10))  # more than seven years before the decision
            assert case.pk not in _flagged(world, COMMUTED)
        with _rolled_back():
            commuted(case, dt.date(2022, 1, 10)).delete()  # life, never commuted to a term
            assert case.pk not in _flagged(world, COMMUTED)


# 4. The doctor's practising certificate number ------------------------------------------------

DOCTOR = "doctor_unusual_share"
L1, L2 = "110330000012345", "110330000067890"


def _certificates_by(world, case: Case, names: list[str], licence: str) -> list[Case]:
    """One certificate by each doctor named, each on a case of its own."""
    first = MedicalCertificate.objects.in_force().filter(case=case).first()
    others = more_cases(world, case, len(names), planted=False)
    for other, name in zip(others, names, strict=True):
        MedicalCertificate.objects.create(
            case=other,
            kind=first.kind,
            hospital=first.hospital,
            issued_on=first.issued_on,
            catalogue_item=first.catalogue_item,
            doctor_1=name,
            doctor_1_title=Title.CHIEF,
            doctor_1_licence=licence,
            doctor_2="赵副",
            doctor_2_title=Title.DEPUTY_CHIEF,
        )
    return others


def test_a_doctor_is_known_by_the_practising_certificate_number(
    world,
    supervised,  # noqa: F811
) -> None:
    case = supervised
    mine = MedicalCertificate.objects.in_force().filter(case=case)
    assert mine.count() == 1
    with time_machine.travel(NOW, tick=False):
        with _rolled_back():
            # Two doctors named 张伟 of one hospital, with different numbers: not merged.
            mine.update(doctor_1="张伟", doctor_1_licence=L1)
            others = _certificates_by(world, case, ["张伟"] * 4, L2)
            assert _flagged(world, DOCTOR) == {o.pk for o in others}
        with _rolled_back():
            # The same names without numbers are one doctor within the hospital.
            mine.update(doctor_1="张伟", doctor_1_licence="")
            others = _certificates_by(world, case, ["张伟"] * 4, "")
            assert _flagged(world, DOCTOR) == {case.pk} | {o.pk for o in others}
        with _rolled_back():
            # One doctor (one number) under spellings that differ: merged.
            mine.update(doctor_1="张伟", doctor_1_licence=L2)
            others = _certificates_by(
                world, case, ["張偉", "张 伟", "张伟（主任）", "Zhang Wei"], L2
            )
            assert _flagged(world, DOCTOR) == {case.pk} | {o.pk for o in others}
            # Without the numbers, those spellings are five doctors: none behind half.
            MedicalCertificate.objects.update(doctor_1_licence="")
            assert _flagged(world, DOCTOR) == set()


def test_the_practising_certificate_number_is_fifteen_digits(world, supervised) -> None:  # noqa: F811
    certificate = MedicalCertificate.objects.in_force().filter(case=supervised).first()
    data = {
        "kind": certificate.kind,
        "hospital": certificate.hospital_id,
        "issued_on": certificate.issued_on.isoformat(),
        "catalogue_item": certificate.catalogue_item_id,
        "doctor_1": "张伟",
        "doctor_1_title": Title.CHIEF,
        "doctor_1_licence": "11033000001234X",
        "doctor_2": "李娜",
        "doctor_2_title": Title.DEPUTY_CHIEF,
        "doctor_2_licence": "110330000067890",
    }
    form = MedicalCertificateForm(data=data, case=supervised)
    assert not form.is_valid()
    assert "doctor_1_licence" in form.errors and "doctor_2_licence" not in form.errors
    assert "doctor_2_licence" in form.fields and form.fields["doctor_2_licence"].required is False


def test_the_unreviewed_and_the_unchanged_condition_are_two_signals() -> None:
    # 25 signals of issue 13, plus the unchanged condition and the commuted sentence.
    assert len(SIGNALS) == 27
    assert SIGNALS["condition_unreviewed_long"].stage == SIGNALS[UNCHANGED].stage
    assert SIGNALS[COMMUTED].article == SIGNALS["time_served_short"].article == "P2014 Art 7 ¶1"
    assert SIGNALS[LATE].detail is not None and SIGNALS[UNCHANGED].detail is None
