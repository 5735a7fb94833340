"""Documents issued before documents recorded their case (issue 13) get it from the record
that holds them, so the dossier reader lists them too (`supervision.0011_document_subjects`)."""

from __future__ import annotations

import pytest
from django.apps import apps

from cases.models import ProposalSubmission
from cases.reader.services import reader_documents
from kernel.documents.models import GeneratedDocument
from supervision.document_subjects import document_subjects_backfill
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.cases.reader_helpers import issued

pytestmark = pytest.mark.django_db


def test_an_old_approval_form_gets_its_case_and_appears_in_the_reader(
    world,
    proposed,  # noqa: F811
) -> None:
    form = ProposalSubmission.objects.get(case=proposed).approval_form
    assert form is not None and form.subject_id == str(proposed.pk)
    GeneratedDocument.objects.filter(pk=form.pk).update(subject_type="", subject_id="")
    assert f"g{form.pk}" not in {d.key for d in reader_documents(proposed)}

    assert document_subjects_backfill(apps) == 1

    form.refresh_from_db()
    assert (form.subject_type, form.subject_id) == ("cases.case", str(proposed.pk))
    assert f"g{form.pk}" in {d.key for d in reader_documents(proposed)}
    assert document_subjects_backfill(apps) == 0  # run again, nothing changes


def test_a_document_held_by_no_record_of_a_case_keeps_no_subject(world) -> None:
    (loose,) = issued(world.case_a, world.prison_a)
    GeneratedDocument.objects.filter(pk=loose.pk).update(subject_type="", subject_id="")
    assert document_subjects_backfill(apps) == 0
    loose.refresh_from_db()
    assert loose.subject_type == ""
