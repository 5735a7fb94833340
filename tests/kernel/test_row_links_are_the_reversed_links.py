"""A list builds its rows' links with one `reverse` (issue 15): each link is exactly the one
`reverse` makes for that row, and the case list still shows each case's link, path and state
as the model names them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kernel.links import link_maker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["cases:case_detail", "deadline_detail", "supervision:release"])
def test_row_link_is_the_reversed_link(name: str) -> None:
    link = link_maker(name)
    for pk in (1, 7, 42, 2_147_483_646, 12345678901):
        assert link(pk) == reverse(name, args=[pk])


def test_case_list_rows_show_the_link_path_and_state_of_each_case(world) -> None:
    case = world.case_a
    html = world.client_for(world.clerk_a).get("/cases/").content.decode()
    assert f'<a href="{reverse("cases:case_detail", args=[case.pk])}">{case.number}</a>' in html
    assert f"<td>{case.get_path_display()}</td><td>{case.get_state_display()}</td>" in html
