"""The guidance page explains every choice of the evidence and review forms, in the
reader's language, to everyone with a role; a user with no role sees nothing of it."""

import pytest
from django.urls import reverse

from resilience.starter import load_starter_set

GUIDANCE = reverse("guidance")


@pytest.fixture
def french_staff(staff):
    staff.language = "fr"
    staff.save()
    return staff


def test_staff_read_what_each_choice_means(client_for, staff):
    load_starter_set()
    html = client_for(staff).get(GUIDANCE).content.decode()
    for text in [
        "Intentions stated or first steps taken",  # a progress rating's definition
        "at national level;",  # what counts towards the headline
        "Across the country",  # a level of change
        "Law adopted or amended",  # a kind of change
        "Triangulation",  # a Bond Evidence Principle
        "Human rights observance",  # a resilience topic area, named in full
        "A strength the place can build on.",  # a score
    ]:
        assert text in html, text


def test_french_staff_read_it_in_french_with_french_topic_areas(client_for, french_staff):
    load_starter_set()
    html = client_for(french_staff).get(GUIDANCE).content.decode()
    assert "Guide : ce que signifient les choix" in html
    assert "Respect des droits humains" in html
    assert "Human rights observance" not in html


def test_the_forms_and_the_dashboard_link_to_it(client_for, staff, manager):
    assert GUIDANCE in client_for(staff).get(reverse("evidence:new")).content.decode()
    assert GUIDANCE in client_for(manager).get(reverse("dashboard:index")).content.decode()


def test_a_user_with_no_role_sees_nothing_of_it(client_for, outsider, strategy):
    load_starter_set()
    response = client_for(outsider).get(GUIDANCE)
    assert response.status_code in (403, 404)
    assert "Human rights observance" not in response.content.decode()
