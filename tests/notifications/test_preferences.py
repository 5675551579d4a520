"""Each person chooses, per kind, to hear at once, in a daily digest or never, on a page
reached from Your account; managers choose the countries they follow."""

from django.urls import reverse

from core.roles import COUNTRY_STAFF, MANAGERS
from notifications.models import Delivery, FollowedCountry, Preference
from tests.factories import UserFactory

URL = "/notifications/"


def test_your_account_links_to_the_email_choices(client_for, staff):
    html = client_for(staff).get(reverse("account")).content.decode()
    assert f'href="{URL}"' in html


def test_staff_choose_how_they_hear_of_their_own_evidence_and_reminders(client_for, staff):
    client = client_for(staff)
    form = client.get(URL).context["form"]
    assert list(form.fields) == [
        "returned",
        "verified",
        "comment",
        "import-ready",
        "narrative-returned",
        "narrative-approved",
        "draft-reminder",
        "deadline-reminder",
    ]
    assert form["returned"].value() == Delivery.IMMEDIATELY  # the default
    response = client.post(
        URL,
        {
            "returned": "daily",
            "verified": "never",
            "comment": "immediately",
            "narrative-returned": "immediately",
            "narrative-approved": "daily",
            "draft-reminder": "daily",
            "deadline-reminder": "immediately",
            "import-ready": "immediately",
        },
    )
    assert response.status_code == 302
    chosen = dict(Preference.objects.filter(user=staff).values_list("kind", "delivery"))
    assert chosen["returned"] == "daily" and chosen["verified"] == "never"
    assert client.get(URL).context["form"]["verified"].value() == "never"


def test_managers_choose_the_countries_they_follow(client_for, manager, niger, mali):
    client = client_for(manager)
    form = client.get(URL).context["form"]
    assert {"submitted", "waiting-reminder", "comment", "countries"} <= set(form.fields)
    assert "returned" not in form.fields
    choices = dict.fromkeys(("submitted", "waiting-reminder", "comment"), "immediately")
    client.post(URL, {**choices, "countries": [niger.pk, mali.pk]})
    client.post(URL, {**choices, "countries": [niger.pk]})
    assert list(FollowedCountry.objects.filter(user=manager).values_list("country", flat=True)) == [
        niger.pk
    ]


def test_someone_both_manager_and_staff_is_offered_every_kind(client_for, niger):
    both = UserFactory(groups=[MANAGERS, COUNTRY_STAFF], countries=[niger])
    fields = client_for(both).get(URL).context["form"].fields
    assert len(fields) == 10 + 1  # ten kinds and the countries followed


def test_a_choice_that_is_not_offered_is_an_error_next_to_the_field(client_for, staff):
    response = client_for(staff).post(
        URL, {"returned": "hourly\x00", "verified": "never", "submitted": "never"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["returned"]
    assert not Preference.objects.exists()


def test_someone_with_no_role_has_no_choices_to_make(client_for, outsider):
    assert client_for(outsider).get(URL).status_code == 403
    assert client_for(outsider).post(URL, {"returned": "never"}).status_code == 403
    assert not Preference.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
