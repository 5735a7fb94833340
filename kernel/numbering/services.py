"""Official numbers for cases, decisions and documents (机关代字〔年份〕顺序号号).

One function issues every number: the organisation's official abbreviation, the series word,
the year in 〔〕 and a sequence per organisation, series and year, e.g. 浙狱暂决〔2026〕001号.
The sequence is a counter row taken with SELECT ... FOR UPDATE inside the issuing
transaction: two clerks or approvers of one organisation never draw the same number, other
organisations never wait, and an issue that rolls back (a wrong one-time password, a refusal)
leaves no gap. The unique constraints on the numbered records stay the last word."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kernel.accounts.models import Organisation

from .models import NumberSeries

#: A sequence number is printed with at least this many digits (001), as the documents do.
DIGITS = 3


def official_number(*, abbreviation: str, series: str, year: int, sequence: int) -> str:
    return f"{abbreviation}{series}〔{year}〕{sequence:0{DIGITS}d}号"


def number_issue(
    *,
    organisation: Organisation,
    series: str,
    year: int,
    taken: Callable[[str], bool] | None = None,
) -> str:
    """The next number of `series` for `organisation` in `year`.

    Call it inside the transaction that stores the numbered record: the counter stays locked
    until that transaction ends. `taken(number)` says whether a number is already in use (one
    typed by a clerk, or issued before the counter existed); such numbers are skipped.

    An organisation without an official abbreviation gets no number: a number built from a
    cut-off name is not an official one, so the issue is refused until an administrator
    records the abbreviation."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_issue must run inside the issuing transaction")
    abbreviation = (
        Organisation.objects.filter(pk=organisation.pk).values_list("abbreviation", flat=True).get()
    )
    if not abbreviation:
        raise ValidationError(
            _(
                "%(org)s has no official abbreviation, so no official number can be issued "
                "in its name. Ask the system administrator to record the abbreviation (e.g. "
                "浙狱) on the organisation, then try again."
            )
            % {"org": organisation.name}
        )
    # ON CONFLICT DO NOTHING: the first issuer of the year creates the row; a concurrent
    # first issuer waits for it and then finds it. Either way the row is then locked.
    NumberSeries.objects.bulk_create(
        [NumberSeries(organisation_id=organisation.pk, series=series, year=year)],
        ignore_conflicts=True,
    )
    counter = NumberSeries.objects.select_for_update().get(
        organisation_id=organisation.pk, series=series, year=year
    )
    while True:
        counter.last += 1
        number = official_number(
            abbreviation=abbreviation, series=series, year=year, sequence=counter.last
        )
        if taken is None or not taken(number):
            break
    counter.save(update_fields=["last"])
    return number
