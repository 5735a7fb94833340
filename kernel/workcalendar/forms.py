from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.bounds import PERIOD_MONTHS, PLANNED_DATE, bounded

from .clock import Unit

UNIT_CHOICES = [
    (Unit.WORKING_DAYS.value, _("working days")),
    (Unit.CALENDAR_DAYS.value, _("calendar days")),
    (Unit.MONTHS.value, _("months")),
]


@bounded(start=PLANNED_DATE)
class DeadlineCalculatorForm(forms.Form):
    start = forms.DateField(
        label=_("Start date (the day of the triggering event)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    amount = forms.IntegerField(
        label=_("Length"),
        min_value=1,
        max_value=3650,
        error_messages={
            "min_value": _("The length must be at least 1."),
            "max_value": _("The length can be at most 3650."),
        },
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=UNIT_CHOICES)
    in_custody = forms.BooleanField(
        label=_("The person is in custody (no holiday roll-over, CPL Art 105 ¶4)"),
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("unit") == Unit.MONTHS.value and data.get("amount") is not None:
            try:
                PERIOD_MONTHS(data["amount"])
            except forms.ValidationError as exc:
                self.add_error("amount", exc)
        return data


@bounded()
class CalendarYearImportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source_notice = forms.CharField(
        label=_("State Council notice"),
        max_length=200,
        help_text=_("For example 国办发明电〔2026〕11号."),
    )
    published_on = forms.DateField(
        label=_("Published on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    csv_file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("UTF-8, header date,kind,name,region_code; kind is holiday or makeup_workday."),
    )
    lines = forms.CharField(
        label=_("Or type the days, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "placeholder": "2027-01-01,holiday,元旦"}),
        help_text=_("date,kind,name — for example 2027-02-20,makeup_workday,春节"),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        has_file = bool(data.get("csv_file"))
        has_lines = bool((data.get("lines") or "").strip())
        if has_file == has_lines:
            raise forms.ValidationError(
                _("Either upload a CSV file or type the days, not both and not neither.")
            )
        if has_lines:
            data["content"] = ("date,kind,name,region_code\n" + data["lines"]).encode()
        else:
            data["content"] = data["csv_file"].read()
        return data

    def clean_csv_file(self) -> object:
        upload = self.cleaned_data.get("csv_file")
        if not upload:
            return upload
        if upload.size > 512 * 1024:
            raise forms.ValidationError(_("The CSV file is too large (at most 512 KB)."))
        head = upload.read(2048)
        upload.seek(0)
        if b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8")):
            raise forms.ValidationError(_("This is not a CSV text file."))
        return upload
