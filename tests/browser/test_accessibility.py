"""Issue 14: accessibility in real Chromium. axe-core (vendored, static/vendor/axe-core) runs on
every page type, public and internal, and finds no serious or critical violation; a clerk signs
in and opens a case with the keyboard alone, and the focused element is visibly outlined.

axe is loaded from the application's own static files, so the page's Content-Security-Policy
(script from 'self' only) is the one the users get."""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo

import pytest
import time_machine

from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.supervision.conftest import approved, received, supervised  # noqa: F401

from .test_clerk_registers_offender import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return {
    rules_passed: result.passes.length,
    others: result.violations.map((v) => v.id + ":" + v.impact),
    serious: result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 6).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
      })),
  };
}"""


def _axe(page, base: str) -> dict:
    page.wait_for_load_state()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=f"{base}/static/vendor/axe-core/axe.min.js")
    return page.evaluate(AXE_RUN)


def _check(page, base: str, label: str, found: dict[str, list[dict]]) -> None:
    result = _axe(page, base)
    # axe really ran over a real page (not a bare error or an empty document).
    assert result["rules_passed"] >= 15, (label, page.url, result)
    print(label, page.url, "rules passed:", result["rules_passed"], "other:", result["others"])
    if result["serious"]:
        found[f"{label} ({page.url})"] = result["serious"]


def _report(found: dict[str, list[dict]]) -> str:
    return json.dumps(found, ensure_ascii=False, indent=1)


def _signed_in(page, base: str, user: str) -> None:
    page.context.clear_cookies()
    _log_in(page, base, user)


def _visit(page, base: str, path: str) -> None:
    page.goto(f"{base}{path}")
    assert "/accounts/login/" not in page.url, (path, page.url)  # signed in, the page itself


def test_every_page_type_has_no_serious_or_critical_axe_violation(
    live_server,
    page,
    world,
    loaded_calendar,
    supervised,  # noqa: F811
) -> None:
    base, case = live_server.url, supervised
    found: dict[str, list[dict]] = {}
    with time_machine.travel(dt.datetime(2026, 4, 2, 10, tzinfo=SH), tick=True):
        # Public pages, signed out.
        for label, path in [
            ("login", "/accounts/login/"),
            ("public decisions", "/public/decisions/"),
            ("verify", "/verify/"),
            ("404", "/no-such-page/"),
        ]:
            page.goto(f"{base}{path}")
            _check(page, base, label, found)
        page.goto(f"{base}/public/decisions/")
        detail = page.locator("a[href*='/public/decisions/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href')).filter(h => /\\/\\d+\\/$/.test(h))"
        )
        assert detail, "the approved decision is published"
        page.goto(f"{base}{detail[0]}")
        _check(page, base, "public decision", found)
        # A form with errors: the error summary at the top.
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", "clerk_a")
        page.fill("#id_password", "wrong")
        page.click("#login-submit")
        page.wait_for_selector("#error-summary")
        _check(page, base, "login with errors", found)

        _signed_in(page, base, "clerk_a")
        for label, path in [
            ("home", "/"),
            ("case list", "/cases/"),
            ("case page", f"/cases/{case.pk}/"),
            ("dossier reader", f"/cases/{case.pk}/reader/"),
            ("offenders", "/offenders/"),
            ("offender page", f"/offenders/{case.offender_id}/"),
            ("notices", "/notices/"),
            ("deadline calculator", "/calendar/deadline-calculator/"),
            ("403", f"/approvals/cases/{case.pk}/decide/"),
        ]:
            _visit(page, base, path)
            _check(page, base, label, found)

        _signed_in(page, base, "approver")
        for label, path in [
            ("approver inbox", "/"),
            ("decide page", f"/approvals/cases/{case.pk}/decide/"),
        ]:
            _visit(page, base, path)
            _check(page, base, label, found)

        _signed_in(page, base, "procurator_a")
        for label, path in [
            ("procurator's lane", f"/procuracy/cases/{case.pk}/"),
            ("procurator's inbox", "/procuracy/inbox/"),
            ("anomaly dashboard", "/procuracy/anomalies/"),
        ]:
            _visit(page, base, path)
            _check(page, base, label, found)

        _signed_in(page, base, "sysadmin")
        for label, path in [
            ("working-day calendar", "/calendar/years/"),
            ("audit log", "/audit/"),
        ]:
            _visit(page, base, path)
            _check(page, base, label, found)

        _signed_in(page, base, "officer")
        _visit(page, base, f"/supervision/cases/{case.pk}/community/")
        _check(page, base, "community page", found)

    assert not found, _report(found)


def test_the_correction_and_withdrawal_pages_have_no_serious_or_critical_axe_violation(
    live_server, page, world, loaded_calendar
) -> None:
    """Issue 15: a record's correction and withdrawal are pages of their own, each checked
    as drawn and after a refused submission (the errors shown)."""
    from tests.cases.steps import with_wrong_certificate

    base, case = live_server.url, world.case_a
    wrong = with_wrong_certificate(world, case)
    found: dict[str, list[dict]] = {}
    _signed_in(page, base, "clerk_a")
    for action in ("correct", "withdraw"):
        _visit(page, base, f"/cases/{case.pk}/records/certificate/{wrong.pk}/{action}/")
        _check(page, base, f"{action} page", found)
        # Sent without the reason, as a browser that does not check `required` would.
        page.eval_on_selector("#record-correction form", "form => { form.noValidate = true; }")
        page.fill("#record-correction textarea", "")
        page.click("#record-correction button[type=submit]")
        page.wait_for_selector(".error")
        _check(page, base, f"{action} page with errors", found)
    assert not found, _report(found)


def test_the_eligibility_and_record_pages_have_no_serious_or_critical_axe_violation(
    live_server, page, world, loaded_calendar
) -> None:
    """Issue 15: the facts for the eligibility rules and each record of the step are entered
    on pages of their own, checked as drawn and after a refused submission (the errors
    shown)."""
    base, case = live_server.url, world.case_a
    found: dict[str, list[dict]] = {}
    _signed_in(page, base, "clerk_a")
    _visit(page, base, f"/cases/{case.pk}/eligibility/")
    _check(page, base, "eligibility page", found)
    # A date the browser's date picker would not let through, typed as text.
    page.eval_on_selector("#id_facts-infant_date_of_birth", "el => { el.type = 'text'; }")
    page.fill("#id_facts-infant_date_of_birth", "not a date")
    page.eval_on_selector("#eligibility form", "form => { form.noValidate = true; }")
    page.click("#eligibility button[type=submit]")
    page.wait_for_selector(".error")
    _check(page, base, "eligibility page with errors", found)
    # A record of the step, on its own page too, as drawn and with the errors shown.
    _visit(page, base, f"/cases/{case.pk}/records/procuratorate-copy/")
    _check(page, base, "record page", found)
    page.eval_on_selector("#record-form form", "form => { form.noValidate = true; }")
    page.click("#record-form button[type=submit]")
    page.wait_for_selector(".error")
    _check(page, base, "record page with errors", found)
    assert not found, _report(found)


def test_a_clerk_signs_in_and_opens_a_case_with_the_keyboard_alone(live_server, page, world):
    base, case = live_server.url, world.case_a
    page.goto(f"{base}/accounts/login/")

    def tab_to(predicate: str, limit: int = 60) -> dict:
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "() => { const e = document.activeElement; const s = getComputedStyle(e);"
                " return {id: e.id, href: e.getAttribute('href') || '', tag: e.tagName,"
                " outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"
            )
            if re.search(predicate, json.dumps(focused)):
                return focused
        raise AssertionError(f"{predicate} never took the focus")

    username = tab_to(r'"id": "id_username"')
    assert username["outline"] != "none" and username["width"] >= 2  # a visible focus
    page.keyboard.type("clerk_a")
    tab_to(r'"id": "id_password"')
    page.keyboard.type("pw-for-tests")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    link = tab_to(rf'"href": "/cases/{case.pk}/"')
    assert link["outline"] != "none" and link["width"] >= 2
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/cases/{case.pk}/")
    assert case.number in page.content()


def test_the_error_summary_takes_the_focus_and_its_link_moves_it_to_the_field(
    live_server, page, world
) -> None:
    """A rejected upload (the public verify page): the summary is focused on load, so a screen
    reader announces it, and its link takes the keyboard to the file field."""
    base = live_server.url
    page.goto(f"{base}/verify/")
    page.set_input_files(
        "#id_file", files=[{"name": "x.pdf", "mimeType": "application/pdf", "buffer": b"no"}]
    )
    page.locator("#id_file").evaluate("input => input.form.requestSubmit()")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert page.locator("#error-summary[role=alert] h2").inner_text() == "请更正以下问题"
    page.keyboard.press("Tab")
    link = page.locator("#error-summary a[href='#id_file']")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#id_file"
    assert "PDF" in link.inner_text()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_file"
