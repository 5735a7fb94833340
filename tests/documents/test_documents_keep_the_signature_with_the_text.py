"""GB/T 9704 layout (issue 14): a document's signature block (organisation, date, seal area)
stays on the page of the last line of text, and no page holds only the signature block; the
guarantee letter carries the guarantor's signature, the prison's only as a receipt; the
publicity notice is dated with its publicity period.

Each template is rendered with SHORT and LONG content (the long body text pushing its end
across a page boundary), and the PDF is read page by page. Run with `-s` to print the page
counts measured (the closing note's figures)."""

from __future__ import annotations

import re

import pytest

from tests.documents.documents_helpers import (
    ISSUED_TEXT,
    TEMPLATES,
    proposed_case,
    render_pages,
)

pytestmark = pytest.mark.django_db

#: Body sentences for LONG: enough to fill one page and end in the lower part of the next.
LONG = (18,)
#: Where the signature block is, per template: the date printed under the organisation.
SIGNATURE_MARK = {
    "guarantee_letter": "保证人（签名）",
    "publicity_notice": "2026年3月11日至2026年3月16日",
}
#: The signature block's own text, taken away to see what else its page holds.
FOOTER = re.compile(r"—\d+—")


def _signature_page(pages: list[str], mark: str) -> int:
    found = [i for i, page in enumerate(pages) if mark in page]
    assert found, mark
    return found[-1]


def _check(pages: list[str], template: str, organisation: str) -> None:
    mark = SIGNATURE_MARK.get(template, ISSUED_TEXT)
    index = _signature_page(pages, mark)
    page = pages[index]
    # The organisation and the date of the signature block are on one page (not split).
    if template == "case_summary":  # its date is the printing date above the organisation
        assert organisation in page[page.rfind(mark) :], (template, index)
    elif template != "guarantee_letter":
        assert organisation in page[: page.rfind(mark)], (template, index)
    # What precedes the signature block on its page: the last lines of text, never nothing.
    before = page[: page.rfind(mark)]
    before = before.replace("（印章）", "")
    if before.endswith(organisation):
        before = before[: -len(organisation)]
    before = FOOTER.sub("", before)
    assert len(re.findall(r"[\u4e00-\u9fff]", before)) >= 15, (template, index, page[:80])
    # Nothing but a copy-to line and the page number may follow the signature.
    for later in pages[index + 1 :]:
        assert FOOTER.sub("", later).startswith("抄送") or not FOOTER.sub("", later), template


def test_every_document_keeps_its_signature_with_the_text_short_and_long(world) -> None:
    case = proposed_case(world)
    organisation = world.prison_a.name
    measured, failures = [], []
    for template in TEMPLATES:
        counts = []
        for long in (0, *LONG):
            pages = render_pages(case, template, long=long)
            try:
                _check(pages, template, organisation)
            except AssertionError as failure:
                failures.append((template, long, str(failure)[:300]))
            counts.append(len(pages))
        measured.append((template, counts))
    print("\ntemplate: pages with short content, with long content (18 more sentences)")
    for template, counts in measured:
        print(f"{template}: {counts}")
    assert not failures, failures
    # The long content really crossed a page boundary for the documents with free text.
    assert sum(1 for _, counts in measured if counts[-1] > counts[0]) >= 15


def test_the_guarantee_letter_is_signed_by_the_guarantor_and_only_received_by_the_prison(
    world,
) -> None:
    case = proposed_case(world)
    pages = render_pages(case, "guarantee_letter")
    text = "".join(pages)
    assert "保证人（签名）" in text and "被保证人（签名）" in text
    # No prison letterhead and no seal as if the prison signed: its part is the receipt.
    assert "（印章）" not in text and "浙一监暂" not in text
    assert text.index("保证人（签名）") < text.index(f"收件登记（由{world.prison_a.name}填写）")
    # The signature lines are on one page, with the last paragraph of the undertaking.
    page = pages[_signature_page(pages, "保证人（签名）")]
    assert "可能被收监执行" in page and "被保证人（签名）" in page


def test_the_publicity_notice_is_dated_with_its_publicity_period(world) -> None:
    case = proposed_case(world)
    text = "".join(render_pages(case, "publicity_notice")).replace("（印章）", "")
    # Signed with the period (2026-03-11 to 03-16), not the day it is printed.
    assert text.endswith("第一监狱2026年3月11日至2026年3月16日—1—")
    assert ISSUED_TEXT not in text
