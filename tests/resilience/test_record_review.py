"""Recording places and reviews: what is saved, and bad input refused next to its field
with the input kept and nothing written."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from evidence.models import Evidence
from resilience.forms import ReviewForm
from resilience.models import Place, Review, Score
from tests.factories import EvidenceFactory

from .conftest import DAY


def _post(client, place, data):
    return client.post(reverse("resilience:review_new", args=[place.pk]), data)


def _field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def test_staff_record_a_review_with_scores_notes_and_evidence(
    client_for, staff, tahoua, topic_areas, review_data
):
    evidence = EvidenceFactory(country=tahoua.country, author=staff)
    first = topic_areas[0]
    response = _post(
        client_for(staff), tahoua, review_data(**{f"evidence_{first.pk}": [str(evidence.pk)]})
    )
    assert response.status_code == 302
    assert response.url == tahoua.get_absolute_url()
    review = Review.objects.get()
    assert (review.place, review.date, review.recorded_by) == (tahoua, DAY, staff)
    scores = {s.topic_area: s for s in review.scores.all()}
    assert {t: s.value for t, s in scores.items()} == {first: 1, topic_areas[1]: 3}
    assert scores[first].note == "Few people know where to get help."
    assert list(scores[first].evidence.all()) == [evidence]
    assert review.history.count() == 1


def test_a_score_off_the_scale_is_refused_next_to_its_field(
    client_for, staff, tahoua, topic_areas, review_data
):
    first = topic_areas[0]
    response = _post(client_for(staff), tahoua, review_data(**{f"score_{first.pk}": "7"}))
    assert response.status_code == 200
    assert "Choose a score on the scale" in _field_errors(response, f"score_{first.pk}")[0]
    html = response.content.decode()
    assert "Few people know where to get help." in html  # the input is kept
    assert not Review.objects.exists()


def test_a_review_dated_in_the_future_is_refused(client_for, staff, tahoua, review_data):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _post(client_for(staff), tahoua, review_data(date=tomorrow.isoformat()))
    assert _field_errors(response, "date") == ["A review cannot be dated in the future."]
    assert tomorrow.isoformat() in response.content.decode()
    assert not Review.objects.exists()


def test_a_second_review_of_a_place_on_the_same_date_is_refused(
    client_for, staff, tahoua, make_review, review_data
):
    make_review(tahoua, DAY, [2, 2])
    response = _post(client_for(staff), tahoua, review_data())
    assert "already has a review on this date" in _field_errors(response, "date")[0]
    assert Review.objects.count() == 1
    assert Score.objects.count() == 2


def test_a_review_needs_at_least_one_score(client_for, staff, tahoua, topic_areas, review_data):
    first, second = topic_areas[0], topic_areas[1]
    data = review_data(
        **{f"score_{first.pk}": "", f"note_{first.pk}": "", f"score_{second.pk}": ""}
    )
    response = _post(client_for(staff), tahoua, data)
    assert response.context["form"].non_field_errors() == ["Score at least one topic area."]
    assert not Review.objects.exists()


def test_a_note_without_a_score_is_refused(client_for, staff, tahoua, topic_areas, review_data):
    first = topic_areas[0]
    response = _post(client_for(staff), tahoua, review_data(**{f"score_{first.pk}": ""}))
    assert "Give a score" in _field_errors(response, f"score_{first.pk}")[0]
    assert not Review.objects.exists()


@pytest.mark.parametrize("which", ["other_country", "confidential_elsewhere", "others_draft"])
def test_only_evidence_the_user_may_see_of_the_places_country_is_offered_and_accepted(
    client_for, staff, other_staff, tahoua, mali, india, topic_areas, review_data, which
):
    visible = EvidenceFactory(country=tahoua.country, author=staff, title="Visible item")
    hidden = {
        "other_country": lambda: EvidenceFactory(country=mali, author=staff),
        "confidential_elsewhere": lambda: EvidenceFactory(
            country=india, author=other_staff, confidential=True
        ),
        "others_draft": lambda: EvidenceFactory(
            country=tahoua.country, author=other_staff, status=Evidence.Status.DRAFT
        ),
    }[which]()
    client = client_for(staff)
    form_page = client.get(reverse("resilience:review_new", args=[tahoua.pk])).content.decode()
    assert "Visible item" in form_page
    assert hidden.title not in form_page

    first = topic_areas[0]
    data = review_data(**{f"evidence_{first.pk}": [str(visible.pk), str(hidden.pk)]})
    response = _post(client, tahoua, data)
    assert "Choose evidence of this country" in _field_errors(response, f"evidence_{first.pk}")[0]
    assert not Review.objects.exists()


def test_a_manager_is_not_offered_or_allowed_others_drafts(
    client_for, manager, staff, tahoua, topic_areas, review_data
):
    submitted = EvidenceFactory(
        country=tahoua.country, author=staff, status=Evidence.Status.SUBMITTED, title="Sent"
    )
    draft = EvidenceFactory(
        country=tahoua.country, author=staff, status=Evidence.Status.DRAFT, title="Unfinished"
    )
    client = client_for(manager)
    form_page = client.get(reverse("resilience:review_new", args=[tahoua.pk])).content.decode()
    assert "Sent" in form_page
    assert "Unfinished" not in form_page

    first = topic_areas[0]
    data = review_data(**{f"evidence_{first.pk}": [str(submitted.pk), str(draft.pk)]})
    response = _post(client, tahoua, data)
    assert "Choose evidence of this country" in _field_errors(response, f"evidence_{first.pk}")[0]
    assert not Review.objects.exists()


def test_a_place_in_a_country_the_user_is_not_assigned_to_is_refused(
    client_for, staff, india, starter
):
    data = {"country": india.pk, "name": "Sangrur", "kind": "district", "description": "x"}
    response = client_for(staff).post(reverse("resilience:place_new"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["country"]
    assert errors == ["You can add places only in the countries you are assigned to."]
    assert 'value="Sangrur"' in response.content.decode()
    assert not Place.objects.exists()


def test_staff_add_a_place_in_their_country(client_for, staff, niger, starter):
    data = {"country": niger.pk, "name": "Tahoua", "kind": "district", "description": ""}
    response = client_for(staff).post(reverse("resilience:place_new"), data)
    place = Place.objects.get()
    assert response.url == place.get_absolute_url()
    assert (place.country, place.created_by) == (niger, staff)


def test_the_database_refuses_scores_off_the_scale_and_duplicate_reviews(
    tahoua, make_review, topic_areas
):
    review = make_review(tahoua, DAY, [2])
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(review=review, topic_area=topic_areas[1], value=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_review(tahoua, DAY, [1])


def test_a_duplicate_saved_between_the_checks_and_the_save_is_a_message_not_an_error_page(
    client_for, staff, tahoua, make_review, review_data, monkeypatch
):
    # As if the other review was saved after the form checked the date.
    monkeypatch.setattr(ReviewForm, "clean_date", lambda form: form.cleaned_data["date"])
    make_review(tahoua, DAY, [2])
    response = _post(client_for(staff), tahoua, review_data())
    assert response.status_code == 200
    assert "already has a review on this date" in str(response.context["form"].non_field_errors())
    assert Review.objects.count() == 1
