"""The section this part adds to the community-correction page (`supervision.sections`): the
documents issued on the record (DOC-32, DOC-33 and the notice of termination, DOC-35)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from ..sections import Section, section_register
from .selectors import supervision_documents_of

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import Supervision


def _documents(
    request: AuthenticatedHttpRequest, case: Case, record: Supervision, forms: Mapping[str, Any]
) -> dict[str, Any] | None:
    documents = list(supervision_documents_of(record))
    if not documents:
        return None
    return {"case": case, "documents": documents}


DOCUMENTS = section_register(
    Section(
        key="caseload-documents",
        title=_("Documents of community correction"),
        template="supervision/caseload/_documents.html",
        order=90,
        context=_documents,
    )
)
