"""A prison clerk logs in, registers an offender with a sentence, and sees the computed dates;
an outsider cannot open that page."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import identity_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_clerk_registers_an_offender_in_chinese_and_sees_the_expiry(
    live_server, page, world
) -> None:
    base = live_server.url
    _log_in(page, base, "clerk_a")
    assert "我的工作" in page.content()
    page.goto(f"{base}/offenders/new/")
    page.fill("#id_offender-name", "赵六")
    page.fill("#id_offender-id_number", identity_number(sequence=77, birth=dt.date(1975, 8, 9)))
    page.select_option("#id_offender-sex", "M")
    page.fill("#id_offender-date_of_birth", "1975-08-09")
    page.fill("#id_offender-residence_address", "浙江省杭州市西湖区")
    page.fill("#id_offender-residence_region_code", "330106")
    page.fill("#id_sentence-judgment_number", "(2022)浙0106刑初9号")
    page.fill("#id_sentence-offences", "诈骗罪")
    page.select_option("#id_sentence-original_type", "fixed_term")
    page.fill("#id_sentence-original_years", "12")
    page.fill("#id_sentence-original_months", "0")
    page.fill("#id_sentence-execution_start", "2022-01-01")
    page.fill("#id_sentence-custody_days", "0")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"{base}/offenders/*/")
    body = page.content()
    assert "赵六" in body
    assert "2033-12-31" in body  # 12 years from 2022-01-01 (SPC-Interp Art 202)
    assert "2026-01-01" in body  # one third of the original term served
    offender_url = page.url

    page.context.clear_cookies()
    _log_in(page, base, "clerk_b")
    response = page.goto(offender_url)
    assert response is not None
    assert response.status == 404
