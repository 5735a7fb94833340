"""Forms of the return to custody (input validation only; the acts in
`supervision.custody.acts` decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.bounds import bounded

from ..forms import _DATE, _DATETIME, StepForm
from .models import ReportCopy


class DesignateForm(StepForm):
    """The choice offers only the institutions the route of P2014 Art 24 allows."""

    institution = forms.ModelChoiceField(
        label=_("Institution taking the person in"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, institutions: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["institution"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = institutions


@bounded()
class ReturnForm(StepForm):
    taken_in_at = forms.DateTimeField(label=_("Taken into custody at"), widget=_DATETIME)
    escort_officers = forms.CharField(label=_("Escort officers"), max_length=200, required=False)


@bounded()
class AbscondForm(StepForm):
    absconded_on = forms.DateField(label=_("At large since"), widget=_DATE)
    facts = forms.CharField(
        label=_("Facts of the absconding"), widget=forms.Textarea(attrs={"rows": 2})
    )


@bounded()
class ArrestForm(StepForm):
    arrested_at = forms.DateTimeField(label=_("Arrested at"), widget=_DATETIME)
    arrested_by = forms.CharField(label=_("Arrested by"), max_length=120, required=False)


@bounded()
class ReceiptForm(StepForm):
    """The copies of the report sent to the user's organisation and not yet received."""

    copy_id = forms.ModelChoiceField(label=_("Report received"), queryset=ReportCopy.objects.none())
    received_at = forms.DateTimeField(label=_("Received at"), widget=_DATETIME)

    def __init__(self, *args: Any, copies: QuerySet[ReportCopy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["copy_id"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = copies


def copies_to_receive(record: Any, user: Any) -> QuerySet[ReportCopy]:
    return ReportCopy.objects.filter(
        custody__supervision=record,
        recipient_id=user.organisation_id or 0,
        received_at__isnull=True,
    )
