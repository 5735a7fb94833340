"""In real Chromium: a prison clerk files a case from the written application to the
submission to the approving authority, screen by screen; the stationed procurator then opens
the dossier and views a scan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import CaseState, ProposalSubmission
from cases.services.catalogue import catalogue_sync
from kernel.deadlines.models import Deadline

from .test_clerk_registers_offender import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _label(state: CaseState) -> str:
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(state.label)


def _save(
    page,
    key: str,
    fill: dict[str, str] | None = None,
    select: dict[str, str] | None = None,
    check: list[str] | None = None,
) -> None:
    """A record of the step, saved on its own page (issue 15), back to the case page."""
    page.click(f"#record-{key} a")
    page.wait_for_load_state()
    for field, value in (fill or {}).items():
        page.fill(f"#id_{key}-{field}", value)
    for field, value in (select or {}).items():
        page.select_option(f"#id_{key}-{field}", value)
    for field in check or []:
        page.check(f"#id_{key}-{field}")
    page.click("#record-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".messages li.success").count() == 1, page.content()[:3000]


def _assess(page) -> None:
    """The eligibility rules, run on their own page (issue 15), back to the case page."""
    page.click("#eligibility-link")
    page.wait_for_load_state()
    page.select_option("#id_facts-social_danger", "no")
    page.select_option("#id_facts-self_injury", "no")
    page.select_option("#id_facts-refuses_treatment", "no")
    page.click("#eligibility button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".messages li.success").count() == 1, page.content()[:3000]


def _step(page, step: str) -> None:
    page.click(f"button[value={step}]")
    page.wait_for_load_state()
    assert page.locator(".messages li.success").count() == 1, page.content()[:4000]


def test_clerk_files_a_case_to_submission_and_the_procurator_reads_it(
    live_server, page, world, loaded_calendar, tmp_path
) -> None:
    catalogue_sync()
    today = timezone.localdate()
    iso = today.isoformat()
    base = live_server.url
    _log_in(page, base, "clerk_a")

    # T-B01: a written application by the father.
    page.goto(f"{base}/offenders/{world.offender_a.pk}/")
    page.click("#open-case")
    page.check("#id_ground_medical")
    page.fill("#id_opened_on", iso)
    page.check("#id_has_application")
    page.fill("#id_applicant_name", "张父")
    page.select_option("#id_relationship", "relative")
    page.fill("#id_applied_on", iso)
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"{base}/cases/*/")
    case_url = page.url
    assert page.locator("#state").inner_text() == _label(CaseState.INITIATED)

    # T-B02: screening with the rules engine.
    _assess(page)
    assert page.locator("#rule-EL-05").count() == 1
    _step(page, "screen")

    # T-B03: the procuratorate is informed of the diagnosis.
    _save(
        page,
        "procuratorate-copy",
        fill={"sent_on": iso},
        select={"stage": "assessment", "procuratorate": str(world.proc_a.pk)},
    )
    _step(page, "start_assessment")

    # T-B04: the designated hospital's certificate, the recusals, the rules run again.
    item = "2014-III-1"
    from cases.models import IllnessCatalogueItem

    _save(
        page,
        "certificate",
        fill={"issued_on": iso, "doctor_1": "李医生", "doctor_2": "王医生"},
        select={
            "kind": "diagnosis",
            "hospital": str(world.hospital.pk),
            "catalogue_item": str(IllnessCatalogueItem.objects.get(code=item).pk),
            "doctor_1_title": "chief",
            "doctor_2_title": "deputy_chief",
        },
        check=["vice_president_signed", "sealed", "records_attached"],
    )
    for name in ("李医生", "王医生"):
        _save(page, "recusal", fill={"person_name": name, "capacity": "医生", "declared_on": iso})
    _assess(page)
    _step(page, "record_assessment")
    _step(page, "prepare")

    # T-B05: residence, guarantor, materials to the procuratorate before deliberation.
    _save(
        page,
        "residence",
        fill={
            "address": "杭州市西湖区北山街道1号",
            "region_code": "330106",
            "verified_on": iso,
            "method": "派员实地核实",
        },
    )
    _save(
        page,
        "guarantor",
        fill={
            "name": "张父",
            "id_number": "11010519491231002X",
            "relationship": "父亲",
            "capacity_evidence": "居民身份证、书面保证意愿",
            "freedom_evidence": "派出所证明",
            "residence_and_income_evidence": "房产证、退休金证明",
            "residence_address": "杭州市西湖区文三路100号",
            "residence_region_code": "330106",
            "residence_evidence": "户口簿",
            "examined_on": iso,
            "letter_filed_on": iso,
        },
        select={"proposed_by": "relative"},
        check=[
            "full_capacity_and_willing",
            "freedom_not_restricted",
            "fixed_residence_and_income",
            "confirmed",
        ],
    )
    _save(
        page,
        "procuratorate-copy",
        fill={"sent_on": iso},
        select={"stage": "materials", "procuratorate": str(world.proc_a.pk)},
    )
    _step(page, "ready_for_deliberation")

    # T-B07, T-B08: deliberation and publicity (which has ended by the time of submission).
    _save(
        page,
        "deliberation",
        fill={
            "held_on": iso,
            "members_present": "9",
            "chaired_by": "陈监狱长",
            "reasons": "符合保外就医条件",
        },
        check=["propose"],
    )
    _step(page, "deliberate")
    week_ago = (today - dt.timedelta(days=7)).isoformat()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    _save(
        page, "publicity", fill={"starts_on": week_ago, "ends_on": yesterday, "place": "监区公告栏"}
    )
    _step(page, "start_publicity")

    # The step tracker says what is still missing, with the article.
    missing = page.locator("#next-steps").inner_text()
    assert "第十三条" in missing or "Art 13" in missing

    # T-B10: the written opinion copied, the scans attached, the dossier submitted.
    _save(
        page,
        "procuratorate-copy",
        fill={"sent_on": iso},
        select={"stage": "proposal", "procuratorate": str(world.proc_a.pk)},
    )
    for kind in ("diagnosis_certificate", "letter_of_guarantee"):
        scan = tmp_path / f"{kind}.pdf"
        scan.write_bytes(PDF)
        page.select_option("#id_kind", kind)
        page.set_input_files("#id_file", str(scan))
        page.click("form.upload button[type=submit]")
        page.wait_for_load_state()
    # The head of the prison signs the proposal off (its own page is tested in
    # tests/approvals/test_separation_of_duties.py); the clerk then submits.
    from cases.models import Case
    from tests.cases.steps import sign_off

    sign_off(Case.objects.latest("id"))
    _step(page, "submit")
    assert page.locator("#state").inner_text() == _label(CaseState.PROPOSED)

    submission = ProposalSubmission.objects.get()
    assert submission.approval_form is not None
    assert Deadline.objects.filter(kind="D-04", responsible_organisation=world.pab).exists()
    assert submission.case.state == CaseState.PROPOSED

    # The stationed procurator reads the dossier and views the certificate in the browser.
    page.context.clear_cookies()
    _log_in(page, base, "procurator_a")
    page.goto(case_url)
    dossier = page.locator("#dossier").inner_text()
    assert "diagnosis_certificate.pdf" in dossier
    assert page.locator("#next-steps").count() == 0
    with page.expect_popup() as popup:
        page.click("#dossier a:has-text('diagnosis_certificate.pdf')")
    viewer = popup.value
    viewer.wait_for_load_state()
    assert viewer.url.rstrip("/").split("/")[-1].isdigit()
