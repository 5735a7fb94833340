"""In real Chromium, the procurator's lane (issue 13; P2014 Arts 13 ¶3, 29; SPP-Rules Arts 624,
630; CCL Art 62): the stationed procurator acknowledges the prison's copy of the proposal, which
starts the ten days of D-09 on the day of receipt; reads every page of every document of the case
in the dossier reader; the opinion form then says every material was read, and the opinion is
sent. The procurator raises a minor illegality orally; the seven days of D-25 pass without a
correction; the written rectification opinion (DOC-36) is then due and issued; the prison answers
it in writing, which meets its clock (D-26).

The server runs in this process, so `time_machine` moves everyone's clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from cases.models import Evidence, ProcuratorialOpinion
from kernel.deadlines.models import Deadline, DeadlineStatus
from procuracy.rectification.models import RectificationOpinion, RectificationStatus
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.cases.reader_helpers import pdf_with_pages

from .test_clerk_registers_offender import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SH)


def _ok(page) -> None:
    page.wait_for_load_state()
    assert page.locator(".messages li.success").count() == 1, page.content()[:4000]


def _lane(page, base: str, case_pk: int, user: str) -> None:
    page.context.clear_cookies()
    _log_in(page, base, user)
    page.goto(f"{base}/procuracy/cases/{case_pk}/")


def _act(page, key: str) -> str:
    """Open the act's panel; its fields are `#id_<key>_<field>`."""
    panel = page.locator(f"#act-{key}")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    return f"#id_{key}_"


def _real_pdfs(case) -> None:
    """The scans the prison uploaded, as real two-page PDFs the reader can render."""
    for number, evidence in enumerate(Evidence.objects.filter(case=case), start=1):
        content = pdf_with_pages([f"Scan {number} page 1", f"Scan {number} page 2"])
        with evidence.file.open("wb") as handle:
            handle.write(content)


def test_the_procurator_acknowledges_reads_everything_gives_an_opinion_and_rectifies(
    live_server,
    page,
    world,
    loaded_calendar,
    proposed,  # noqa: F811
) -> None:
    base, case = live_server.url, proposed
    _real_pdfs(case)
    copy = case.procuratorate_copies.get(stage="proposal")
    assert copy.received_on is None  # the prison only sends; receipt is the procuratorate's act
    assert not Deadline.objects.filter(kind="D-09", subject_id=case.pk).exists()

    with time_machine.travel(_at(dt.date(2026, 3, 18)), tick=True) as clock:
        # Receipt: the procurator acknowledges the copy; D-09 runs ten calendar days from that
        # day, and its last day, Saturday 28 March, moves to Monday (CPL Art 105).
        _lane(page, base, case.pk, "procurator_a")
        page.click(f"#submit-acknowledge-copy-{copy.pk}")
        page.wait_for_selector(f"#copy-acknowledged-{copy.pk}")
        d09 = Deadline.objects.get(kind="D-09", subject_id=case.pk)
        assert d09.due_date == dt.date(2026, 3, 30)

        # The reader: every page of every document, uploaded or generated.
        page.click("#lane-reader-link")
        page.wait_for_selector("#reader-doc-list a[data-key]")
        links = page.locator("#reader-doc-list a[data-key]")
        keys = [links.nth(i).get_attribute("data-key") for i in range(links.count())]
        assert len(keys) >= 3, keys  # two scans and the approval form issued at submission
        assert any(k.startswith("g") for k in keys) and any(k.startswith("e") for k in keys)
        for key in keys:
            page.click(f'#reader-doc-list a[data-key="{key}"]')
            page.wait_for_selector("#reader-canvas[data-page='1'], #reader-image")
            count = int(page.locator("#reader-page-count").inner_text() or "1")
            for n in range(2, count + 1):
                page.locator("body").press("ArrowRight")
                page.wait_for_selector(f"#reader-canvas[data-page='{n}']")
            page.wait_for_selector(f"#reader-doc-{key}.read")
        page.wait_for_selector("#reader-all-viewed")

        # The opinion form says every material was read; the opinion meets D-09.
        page.goto(f"{base}/cases/{case.pk}/")
        assert page.locator("#all-viewed").count() == 1
        assert page.locator("#unread-documents").count() == 0
        page.fill("#id_issued_on", "2026-03-18")
        page.select_option("#id_conforms", "yes")
        page.fill("#id_content", "经审查，该罪犯符合保外就医条件，提请程序合法。")
        page.check("#id_chief_approved")
        page.click("#opinion button[type=submit]")
        _ok(page)
        assert ProcuratorialOpinion.objects.filter(case=case, conforms=True).count() == 1
        assert Deadline.objects.get(pk=d09.pk).status == DeadlineStatus.MET

        # P9: a minor illegality raised orally; seven days to correct it (D-25).
        _lane(page, base, case.pk, "procurator_a")
        ids = _act(page, "rectification_oral_issue")
        page.select_option(ids + "target", str(world.prison_a.pk))
        page.select_option(ids + "seriousness", "minor")
        page.fill(ids + "issued_on", "2026-03-18")
        page.fill(ids + "illegality", "病情诊断书未附化验单原件")
        page.fill(ids + "required_correction", "七日内补充化验单原件")
        page.click("#submit-rectification_oral_issue")
        _ok(page)
        oral = RectificationOpinion.objects.get(case=case, form="oral")
        d25 = oral.correction_clock
        assert d25 is not None and d25.kind == "D-25"
        assert d25.due_date == dt.date(2026, 3, 25)

        # The seven days pass without a correction: the written opinion is due and issued.
        clock.move_to(_at(dt.date(2026, 3, 26)))
        _lane(page, base, case.pk, "procurator_a")
        ids = _act(page, "rectification_written_issue")
        page.select_option(ids + "oral", str(oral.pk))
        page.select_option(ids + "seriousness", "minor")
        page.fill(ids + "illegality", "病情诊断书未附化验单原件，口头纠正后七日内仍未纠正")
        page.fill(ids + "required_correction", "补充化验单原件并书面回复")
        page.check(ids + "chief_approved")
        page.click("#submit-rectification_written_issue")
        _ok(page)
        written = RectificationOpinion.objects.get(case=case, form="written")
        assert written.escalates_id == oral.pk and written.document is not None
        assert Deadline.objects.get(pk=d25.pk).status != DeadlineStatus.OPEN
        assert page.locator(f"#rectification-{written.pk}-pdf").count() == 1
        assert RectificationOpinion.objects.get(pk=oral.pk).status == RectificationStatus.ESCALATED

        # The prison replies in writing (CCL Art 62): D-26 is met.
        clock.move_to(_at(dt.date(2026, 3, 30)))
        _lane(page, base, case.pk, "clerk_a")
        ids = _act(page, "rectification_reply_record")
        page.select_option(ids + "opinion", str(written.pk))
        page.fill(ids + "replied_on", "2026-03-30")
        page.check(ids + "adopted_0")
        page.fill(ids + "reply_content", "已补充化验单原件并重新报送。")
        page.click("#submit-rectification_reply_record")
        _ok(page)
        written.refresh_from_db()
        assert written.status == RectificationStatus.ANSWERED and written.adopted is True
        assert written.reply_clock is not None and written.reply_clock.kind == "D-26"
        assert written.reply_clock.status == DeadlineStatus.MET
        row = page.locator(f"#rectification-{written.pk}")
        assert row.get_attribute("data-status") == RectificationStatus.ANSWERED
