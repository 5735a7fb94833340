"""Notes and tags on a case's documents are seen by the author's organisation only, listed in
the reader and beside the opinion form, never in the API (issue 13)."""

from __future__ import annotations

import pytest

from cases.models import DocumentNote
from kernel.accounts.roles import Role
from tests.cases.reader_helpers import issued
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOTE = "第3页诊断日期与病历不符"


def _add(world, document, user=None, **extra):
    return world.client_for(user or world.procurator_a).post(
        f"/cases/{world.case_a.pk}/reader/notes/",
        {"document_key": f"g{document.pk}", "page": "3", "text": NOTE, "tags": "日期, 存疑 日期"}
        | extra,
    )


def test_a_note_is_kept_with_its_page_and_tags_for_the_organisation(world) -> None:
    (document,) = issued(world.case_a, world.pab)
    assert _add(world, document).status_code == 302
    note = DocumentNote.objects.get()
    assert (note.organisation, note.author, note.page) == (world.proc_a, world.procurator_a, 3)
    assert note.document_key == f"g{document.pk}" and note.tags == ["日期", "存疑"]
    colleague = UserFactory(
        username="procurator_a2", organisation=world.proc_a, roles=[Role.PROCURATOR]
    )
    client = world.client_for(colleague)
    reader = client.get(f"/cases/{world.case_a.pk}/reader/").content.decode()
    assert NOTE in reader and "#存疑" in reader
    opinion = client.get(f"/cases/{world.case_a.pk}/").content.decode()
    assert 'id="opinion-notes"' in opinion and NOTE in opinion


def test_no_other_organisation_ever_sees_the_note(world) -> None:
    (document,) = issued(world.case_a, world.pab)
    _add(world, document)
    for user in (world.clerk_a, world.procurator_prov):
        response = world.client_for(user).get(f"/cases/{world.case_a.pk}/reader/")
        if response.status_code == 200:
            assert NOTE not in response.content.decode()
            assert response.context["notes"] == []
        page = world.client_for(user).get(f"/cases/{world.case_a.pk}/")
        assert NOTE not in page.content.decode()
    assert (
        world.client_for(world.procurator_b).get(f"/cases/{world.case_a.pk}/reader/").status_code
        == 404
    )
    api = world.client_for(world.procurator_a).get(f"/api/v1/cases/{world.case_a.pk}/")
    assert api.status_code == 200 and NOTE not in api.content.decode()


def test_a_note_on_another_case_document_is_not_found(world) -> None:
    (elsewhere,) = issued(world.case_b, world.pab)
    assert _add(world, elsewhere).status_code == 404
    assert _add(world, elsewhere, user=world.procurator_b).status_code == 404
    assert not DocumentNote.objects.exists()


def test_an_empty_note_is_drawn_again_with_its_error(world) -> None:
    (document,) = issued(world.case_a, world.pab)
    response = _add(world, document, text="")
    assert response.status_code == 400
    assert response.context["note_form"].errors["text"]
    assert not DocumentNote.objects.exists()
