"""Sanctions that raise a revocation ground (legal-spec §3.4 list R), each exactly once per
supervision, with the sanction as its source: a second warning while an earlier one is not
corrected (SPC-Interp Art 516(4)); a warning for not submitting the re-examination results
found not corrected (516(5)); a request for a public-security penalty found not corrected
after the penalty (516(3))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from supervision.models import RevocationGround, RevocationGroundKind

from .discipline_helpers import sanction, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JUNE_10 = dt.date(2026, 6, 10)
JULY_10 = dt.date(2026, 7, 10)
PENALTY = "西公（治）决字〔2026〕12号"


def _grounds(kind: RevocationGroundKind) -> list[RevocationGround]:
    return list(RevocationGround.objects.filter(ground=kind))


def _assess(world, case, measure, corrected: bool, **extra) -> None:
    take(
        world,
        case,
        "discipline_correction_record",
        JULY_10,
        measure=measure,
        corrected=corrected,
        found_on=JULY_10,
        note="仍未改正" if not corrected else "已改正",
        **extra,
    )


def test_the_second_uncorrected_warning_raises_516_4_once(world, supervised) -> None:
    sanction(world, supervised, "discipline_warning", JUNE_10)
    assert not _grounds(RevocationGroundKind.SPC_4)
    second = sanction(world, supervised, "discipline_warning", dt.date(2026, 6, 20))
    raised = _grounds(RevocationGroundKind.SPC_4)
    assert len(raised) == 1 and raised[0].source == second
    sanction(world, supervised, "discipline_warning", dt.date(2026, 6, 30))
    assert len(_grounds(RevocationGroundKind.SPC_4)) == 1


def test_a_corrected_first_warning_does_not_count(world, supervised) -> None:
    first = sanction(world, supervised, "discipline_warning", JUNE_10)
    _assess(world, supervised, first, corrected=True)
    sanction(world, supervised, "discipline_warning", JULY_10)
    assert not _grounds(RevocationGroundKind.SPC_4)


def test_a_re_examination_warning_not_corrected_raises_516_5_once(world, supervised) -> None:
    warning = sanction(
        world, supervised, "discipline_warning", JUNE_10, reexamination_not_submitted=True
    )
    assert not _grounds(RevocationGroundKind.SPC_5)
    _assess(world, supervised, warning, corrected=False)
    raised = _grounds(RevocationGroundKind.SPC_5)
    assert len(raised) == 1 and raised[0].source == warning
    _assess(world, supervised, warning, corrected=False)
    assert len(_grounds(RevocationGroundKind.SPC_5)) == 1
    warning.refresh_from_db()
    assert warning.corrected is False and warning.correction_found_on == JULY_10


def test_an_ordinary_warning_not_corrected_raises_nothing(world, supervised) -> None:
    warning = sanction(world, supervised, "discipline_warning", JUNE_10)
    _assess(world, supervised, warning, corrected=False)
    assert not RevocationGround.objects.exists()


def test_not_corrected_after_a_penalty_raises_516_3_once(world, supervised) -> None:
    request = sanction(world, supervised, "discipline_penalty_request", JUNE_10)
    with pytest.raises(ValidationError) as exc:
        _assess(world, supervised, request, corrected=False)
    assert "penalty_decision" in exc.value.message_dict
    _assess(world, supervised, request, corrected=False, penalty_decision=PENALTY)
    raised = _grounds(RevocationGroundKind.SPC_3)
    assert len(raised) == 1 and raised[0].source == request
    _assess(world, supervised, request, corrected=False, penalty_decision=PENALTY)
    assert len(_grounds(RevocationGroundKind.SPC_3)) == 1


def test_praise_has_no_correction(world, supervised) -> None:
    praise = take(
        world, supervised, "discipline_praise", JUNE_10, decided_on=JUNE_10, facts="表现突出"
    )
    with pytest.raises(ValidationError) as exc:
        _assess(world, supervised, praise, corrected=True)
    assert "measure" in exc.value.message_dict
