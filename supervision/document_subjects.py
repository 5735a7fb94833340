"""The case of every document issued before documents recorded it (issue 13).

`kernel.documents.GeneratedDocument.subject_type/subject_id` name the record a document is
issued on, and the dossier reader lists a case's documents by them. Documents issued before
they existed are found through the records that hold them; this module is the one place that
knows those paths, used by the data migration `supervision.0011_document_subjects` (with the
historical models) and by its test (with the current ones).
"""

from __future__ import annotations

from typing import Any

#: (app label, model, the field holding the document, the path from that model to the case id)
DOCUMENT_HOLDERS: tuple[tuple[str, str, str, str], ...] = (
    ("cases", "ProposalSubmission", "approval_form", "case_id"),
    ("approvals", "ApprovalDecision", "document", "case_id"),
    ("supervision", "SupervisionDocument", "document", "supervision__case_id"),
    ("supervision", "CustodyReturn", "report", "supervision__case_id"),
    ("supervision", "DisciplineMeasure", "document", "supervision__case_id"),
    ("supervision", "MonitoringPeriod", "document", "supervision__case_id"),
    ("supervision", "ReviewRecord", "document", "review__supervision__case_id"),
    ("supervision", "RecalculationProposal", "proposal_document", "supervision__case_id"),
    ("supervision", "RevocationProposal", "document", "supervision__case_id"),
)


def document_subjects_backfill(apps: Any) -> int:
    """Give each document without a subject the case of the record holding it; returns how
    many were given one. Documents that already name a subject are left as they are."""
    document_model = apps.get_model("documents", "GeneratedDocument")
    given = 0
    for app_label, model_name, field, case_path in DOCUMENT_HOLDERS:
        model = apps.get_model(app_label, model_name)
        rows = (
            model.objects.filter(**{f"{field}__isnull": False, f"{field}__subject_type": ""})
            .values_list(f"{field}_id", case_path)
            .iterator()
        )
        for document_id, case_id in rows:
            given += document_model.objects.filter(pk=document_id, subject_type="").update(
                subject_type="cases.case", subject_id=str(case_id)
            )
    return given
