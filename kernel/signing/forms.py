"""Input validation for verifying an uploaded PDF and confirming a one-time password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Re-exported: bench/verify_bounds.py replaces it to measure the second bound on its own.
from .pdf import pdf_revision_count as pdf_revision_count

MESSAGE_TOO_LARGE = _("The file is too large: at most %(limit)s.")
MESSAGE_TOO_MANY_REVISIONS = _(
    "This file holds %(count)s revisions (versions saved one over another). A document "
    "signed by this system has 2 (as issued, then signed); files with more than %(limit)s are "
    "not checked, because every revision makes the check much longer. Ask the organisation "
    "that issued it for the signed file exactly as it was issued."
)


def max_verify_bytes() -> int:
    """The largest PDF accepted at /verify/ (TEOP_VERIFY_MAX_BYTES, within the project-wide
    TEOP_MAX_UPLOAD_BYTES)."""
    return min(int(settings.TEOP_VERIFY_MAX_BYTES), int(settings.TEOP_MAX_UPLOAD_BYTES))


def max_verify_revisions() -> int:
    return int(settings.TEOP_VERIFY_MAX_REVISIONS)


def too_large_message() -> str:
    return str(MESSAGE_TOO_LARGE % {"limit": filesizeformat(max_verify_bytes())})


def too_many_revisions_message(count: int) -> str:
    return str(MESSAGE_TOO_MANY_REVISIONS % {"count": count, "limit": max_verify_revisions()})


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("PDF document"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args: Any, file_refused: str = "", **kwargs: Any) -> None:
        """`file_refused`: the upload was stopped before the file arrived, for this reason."""
        super().__init__(*args, **kwargs)
        if file_refused:
            self.fields["file"].error_messages = {"required": file_refused}
        self.fields["file"].help_text = _(
            "The signed PDF file you received, exactly as you received it (at most %(limit)s)."
        ) % {"limit": filesizeformat(max_verify_bytes())}

    def clean_file(self) -> bytes:
        upload: Any = self.cleaned_data["file"]
        if upload.size > max_verify_bytes():
            raise forms.ValidationError(too_large_message())
        content = bytes(upload.read())
        if not content.startswith(b"%PDF-"):
            raise forms.ValidationError(_("This is not a PDF file (it must start with %PDF-)."))
        # Counted on the raw bytes before anything parses the file (kernel/signing/pdf.py).
        revisions = pdf_revision_count(content)
        if revisions > max_verify_revisions():
            raise forms.ValidationError(too_many_revisions_message(revisions))
        return content


class OtpConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        error_messages={"required": _("Enter the 6-digit code.")},
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
