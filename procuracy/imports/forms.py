"""The import form: the source and the CSV file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import ImportRefused, ImportRow, csv_rows_read, import_max_bytes, too_large_message


class ImportForm(forms.Form):
    source = forms.CharField(
        label=_("Source"),
        max_length=120,
        help_text=_("The organ or system the records come from, e.g. 市公安局看守所管理系统."),
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 (or GB18030) text with the template's header line; one record per line."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> tuple[str, bytes, list[ImportRow]]:
        upload: Any = self.cleaned_data["file"]
        if upload.size > import_max_bytes():
            raise forms.ValidationError(too_large_message())
        content = bytes(upload.read())
        try:
            rows = csv_rows_read(content)
        except ImportRefused as exc:
            raise forms.ValidationError(exc.messages) from None
        return str(upload.name or "import.csv"), content, rows
