"""Forms of the reporting page (the person or the guarantor) and of the officer's section."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cases.services.workflow import sniff_content_type
from kernel.accounts.models import Organisation
from kernel.bounds import PLANNED_DATE, bounded

from ..forms import StepForm
from ..models import ContactRole
from .models import SelfReportKind

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: At most so many files with one report.
MAX_FILES = 5


def max_upload_bytes() -> int:
    """The files of one report together (the project's limit, TEOP_MAX_UPLOAD_BYTES)."""
    return int(settings.TEOP_MAX_UPLOAD_BYTES)


def too_large_message() -> str:
    return str(
        _("The files are too large: at most %(limit)s together.")
        % {"limit": filesizeformat(max_upload_bytes())}
    )


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Up to MAX_FILES PDF, JPEG or PNG files, recognised by their content, never their name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            _MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)s files with one report.") % {"count": MAX_FILES}
            )
        cleaned = [super(FilesField, self).clean(f, initial) for f in files]
        if sum(f.size or 0 for f in cleaned) > max_upload_bytes():
            raise forms.ValidationError(too_large_message())
        for upload in cleaned:
            if not upload.size:
                raise forms.ValidationError(_("The file is empty."))
            head = upload.read(16)
            upload.seek(0)
            if sniff_content_type(head) is None:
                raise forms.ValidationError(
                    _(
                        "Only PDF, JPEG and PNG files are accepted; “%(name)s” is none of them, "
                        "whatever its name says."
                    )
                    % {"name": (upload.name or "")[:80]}
                )
        return cleaned


# -- the reporting page ----------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code received by SMS"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class _ReportForm(forms.Form):
    kind: str = ""

    @property
    def kind_label(self) -> str:
        return str(SelfReportKind(self.kind).label)

    def content(self) -> dict[str, Any]:
        """What is kept as the report's content (dates as ISO text; no files, no hospital)."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in ("attachments", "hospital"):
                continue
            out[name] = value.isoformat() if isinstance(value, dt.date) else value
        return out


@bounded()
class ReexaminationForm(_ReportForm):
    kind = SelfReportKind.REEXAMINATION
    hospital = forms.ModelChoiceField(
        label=_("Designated hospital"), queryset=Organisation.objects.none()
    )
    reexamined_on = forms.DateField(label=_("Re-examined on"), widget=_DATE)
    summary = forms.CharField(
        label=_("What the hospital found"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = FilesField(
        label=_("The hospital's result (photo or PDF)"),
        help_text=_("PDF, JPEG or PNG."),
    )

    def __init__(self, *args: Any, hospitals: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hospital"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = hospitals


@bounded(leave_on=PLANNED_DATE, return_on=PLANNED_DATE)
class LeaveForm(_ReportForm):
    kind = SelfReportKind.LEAVE
    request = forms.ChoiceField(
        label=_("I ask to"),
        choices=[("leave", _("leave the city or county")), ("move", _("move house"))],
        widget=forms.RadioSelect,
    )
    destination = forms.CharField(label=_("Where to"), max_length=200)
    leave_on = forms.DateField(label=_("Leaving on"), widget=_DATE)
    return_on = forms.DateField(label=_("Back on"), widget=_DATE, required=False)
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("leave_on"), data.get("return_on")
        if start and end and end < start:
            self.add_error("return_on", _("The end is before the start."))
        return data


@bounded(discharged_on=PLANNED_DATE)
class HospitalisationForm(_ReportForm):
    kind = SelfReportKind.HOSPITALISATION
    hospital_name = forms.CharField(label=_("Name of the hospital"), max_length=200)
    admitted_on = forms.DateField(label=_("Admitted to hospital on"), widget=_DATE)
    discharged_on = forms.DateField(label=_("Leaves hospital on"), widget=_DATE, required=False)
    summary = forms.CharField(
        label=_("Reason for the stay"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = FilesField(label=_("Documents (optional)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("admitted_on"), data.get("discharged_on")
        if start and end and end < start:
            self.add_error("discharged_on", _("The end is before the start."))
        return data


@bounded()
class GuarantorChangeForm(_ReportForm):
    kind = SelfReportKind.GUARANTOR_CHANGE
    happened_on = forms.DateField(label=_("Since when"), widget=_DATE)
    description = forms.CharField(
        label=_("What has changed"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: moved away, fell ill, can no longer act as guarantor."),
    )
    attachments = FilesField(label=_("Documents (optional)"), required=False)


REPORT_FORMS: dict[str, type[_ReportForm]] = {
    SelfReportKind.REEXAMINATION: ReexaminationForm,
    SelfReportKind.LEAVE: LeaveForm,
    SelfReportKind.HOSPITALISATION: HospitalisationForm,
    SelfReportKind.GUARANTOR_CHANGE: GuarantorChangeForm,
}


# -- the officer's section -------------------------------------------------------------------


@bounded()
class ContactForm(StepForm):
    role = forms.ChoiceField(label=_("Person or guarantor"), choices=ContactRole.choices)
    name = forms.CharField(label=_("Name"), max_length=60)
    phone = forms.RegexField(
        label=_("Mobile number"),
        regex=r"^1[3-9]\d{9}$",
        max_length=11,
        error_messages={"invalid": _("Enter an 11-digit mainland mobile number.")},
    )


@bounded()
class LinkForm(StepForm):
    role = forms.ChoiceField(label=_("Whose link"), choices=ContactRole.choices)


@bounded()
class AcceptForm(StepForm):
    report = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


@bounded()
class RejectForm(StepForm):
    report = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    reason = forms.CharField(label=_("Reason for rejecting"), max_length=500)
