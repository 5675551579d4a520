"""Hostile text in places and reviews: refused on the way in; and rows stored before the
text validator existed still download (the audit found the grid's export answering 500
for every user)."""

import datetime

import pytest
from django.urls import reverse

from resilience.models import Place, Review

from ..tables import formula_cells, read_download

DAY = datetime.date(2019, 3, 1)


def test_a_place_name_with_a_control_character_is_refused_next_to_the_field(
    client_for, staff, niger
):
    response = client_for(staff).post(
        reverse("resilience:place_new"),
        {"country": niger.pk, "name": "Taho\x0bua", "kind": "district", "description": ""},
    )
    assert response.status_code == 200
    assert "characters that cannot be shown or exported" in str(
        response.context["form"]["name"].errors
    )
    assert not Place.objects.exists()


def test_a_score_note_with_a_control_character_is_refused(
    client_for, staff, tahoua, review_data, topic_areas
):
    data = review_data(**{f"note_{topic_areas[0].pk}": "\x01=1+1"})
    response = client_for(staff).post(reverse("resilience:review_new", args=[tahoua.pk]), data)
    assert response.status_code == 200
    assert "characters that cannot be shown or exported" in str(
        response.context["form"][f"note_{topic_areas[0].pk}"].errors
    )
    assert not Review.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("hostile", ['\x01=HYPERLINK("x")', "Name\x0bwith a vertical tab"])
def test_stored_control_characters_never_break_an_export_or_become_formulas(
    client_for, manager, staff, other_staff, tahoua, make_review, topic_areas, fmt, hostile
):
    review = make_review(tahoua, DAY, [1, 3])
    # Stored as the audit found them: written before the validator, so never checked.
    Place.objects.filter(pk=tahoua.pk).update(name=hostile)
    review.scores.update(note=hostile)
    urls = [
        reverse("resilience:place_export", args=[tahoua.pk, fmt]),
        reverse("resilience:compare_export", args=[fmt]),
    ]
    for user in (manager, staff, other_staff):
        for url in urls:
            response = client_for(user).get(url)
            assert response.status_code == 200, (user, url)
            table = read_download(response)
            values = [str(v) for row in table.rows for v in row]
            assert not any(v.lstrip().startswith(("=", "+", "-", "@")) for v in values)
            assert not any("\x01" in v or "\x0b" in v for v in values)
            if fmt == "xlsx":
                assert formula_cells(table) == []
