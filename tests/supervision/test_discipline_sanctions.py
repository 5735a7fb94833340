"""Rewards and sanctions (CCL Art 28): praise, reprimand, warning and a request for a
public-security penalty are recorded with facts, rule and officer; a warning is counted; each
sanction issues its decision (DOC-42) naming the person; none is taken once supervision ended."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.services.workflow import TransitionRefused
from supervision.discipline.models import DisciplineMeasure, MeasureKind
from supervision.models import Supervision
from supervision.services import death_record

from .discipline_helpers import on, pdf_text, sanction, scan, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JUNE_10 = dt.date(2026, 6, 10)


def test_praise_is_recorded_without_a_rule_or_a_decision(world, supervised) -> None:
    measure = take(
        world,
        supervised,
        "discipline_praise",
        JUNE_10,
        decided_on=JUNE_10,
        facts="积极参加公益活动",
        evidence_scan=scan("photo.pdf"),
    )
    assert measure.kind == MeasureKind.PRAISE
    assert measure.officer == world.officer
    assert measure.document is None and measure.rule_breached == ""
    assert measure.evidence is not None and measure.evidence.content_type == "application/pdf"


def test_a_sanction_names_the_rule_breached(world, supervised) -> None:
    with pytest.raises(ValidationError) as exc:
        sanction(world, supervised, "discipline_reprimand", JUNE_10, rule_breached="")
    assert "rule_breached" in exc.value.message_dict


def test_evidence_is_checked_by_content(world, supervised) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("evidence.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        sanction(world, supervised, "discipline_reprimand", JUNE_10, evidence_scan=fake)
    assert not DisciplineMeasure.objects.exists()


def test_a_warning_is_counted_and_its_decision_names_the_person(
    world, supervised, tmp_path
) -> None:
    first = sanction(world, supervised, "discipline_warning", JUNE_10)
    sanction(world, supervised, "discipline_reprimand", JUNE_10)
    record = Supervision.objects.get(case=supervised)
    assert record.warning_count == 1
    sanction(world, supervised, "discipline_warning", dt.date(2026, 6, 20))
    record.refresh_from_db()
    assert record.warning_count == 2
    text = pdf_text(first.document, tmp_path)
    assert supervised.offender.name in text
    assert "警告决定书" in text and "社区矫正法" in text
    assert first.document.number in text


@pytest.mark.parametrize(
    ("name", "title"),
    [("discipline_reprimand", "训诫决定书"), ("discipline_penalty_request", "治安管理处罚")],
)
def test_each_sanction_issues_its_decision(world, supervised, tmp_path, name, title) -> None:
    measure = sanction(world, supervised, name, JUNE_10)
    text = pdf_text(measure.document, tmp_path)
    assert title in text and supervised.offender.name in text and "第二十三条" in text


def test_re_examination_ground_only_on_medical_parole(world, supervised) -> None:
    supervised.ground_medical = False
    supervised.save(update_fields=["ground_medical"])
    with pytest.raises(ValidationError) as exc:
        sanction(world, supervised, "discipline_warning", JUNE_10, reexamination_not_submitted=True)
    assert "reexamination_not_submitted" in exc.value.message_dict


def test_no_sanction_once_supervision_has_ended(world, supervised) -> None:
    with on(dt.date(2026, 5, 12)):
        death_record(
            case_id=supervised.pk,
            actor=world.officer,
            expected_state="under_supervision",
            discovered_on=dt.date(2026, 5, 11),
            cause="病故",
            reported_by="保证人",
        )
    for name in ("discipline_praise", "discipline_warning", "discipline_penalty_request"):
        with pytest.raises(TransitionRefused) as exc:
            sanction(world, supervised, name, JUNE_10)
        assert {r.article for r in exc.value.requirements} == {"CCL Art 28"}
