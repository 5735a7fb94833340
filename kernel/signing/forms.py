"""Input validation for verifying an uploaded PDF and confirming a one-time password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

#: Largest PDF accepted for verification (the project-wide upload limit, 20 MB by default).
MAX_VERIFY_BYTES = 20 * 1024 * 1024


def max_verify_bytes() -> int:
    return min(MAX_VERIFY_BYTES, int(getattr(settings, "TEOP_MAX_UPLOAD_BYTES", MAX_VERIFY_BYTES)))


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("PDF document"),
        help_text=_("The signed PDF file you received (at most 20 MB)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self) -> bytes:
        upload: Any = self.cleaned_data["file"]
        limit = max_verify_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)}
            )
        content = bytes(upload.read())
        if not content.startswith(b"%PDF-"):
            raise forms.ValidationError(_("This is not a PDF file (it must start with %PDF-)."))
        return content


class OtpConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError(_("Enter the 6-digit code."))
        return code


class SecondFactorResetForm(forms.Form):
    """A system administrator's reset of a user's signing factor (a lost device)."""

    reason = forms.CharField(
        label=_("Reason for the reset"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Written into the audit log and sent to the user, e.g. “phone lost, reported on "
            "the phone by the user on 3 March, identity checked in person”."
        ),
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if len(reason) < 4:
            raise forms.ValidationError(_("Write the reason for the reset in a few words."))
        return reason
