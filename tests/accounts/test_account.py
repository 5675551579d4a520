"""Your account: a signed-in user chooses the site's language, kept on their profile."""

from django.conf import settings
from django.urls import reverse

URL = reverse("account")


def test_the_account_page_needs_signing_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_account_page_offers_the_languages_and_the_password_change(client_for, staff):
    html = client_for(staff).get(URL).content.decode()
    assert "<h1>Your account</h1>" in html
    for value in ["", "en", "fr"]:
        assert f'name="language" value="{value}"' in html
    assert "Français" in html  # each language in its own name
    assert f'href="{reverse("password_change")}"' in html


def test_every_page_links_to_the_account_and_its_language_choice(client_for, staff):
    html = client_for(staff).get(reverse("home")).content.decode()
    assert f'<a href="{URL}">' in html  # the user's name in the header
    assert "Change the language" in html
    # A signed-in user's language lives on the account, not in the browser's cookie form.
    assert f'action="{reverse("set_language")}"' not in html


def test_saving_a_language_keeps_it_on_the_profile(client_for, staff):
    response = client_for(staff).post(URL, {"language": "fr"})
    assert response.status_code == 302 and response.url == URL
    staff.refresh_from_db()
    assert staff.language == "fr"
    # The sign-in page keeps the language after signing out.
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_an_empty_choice_follows_the_browser_again(client_for, staff):
    staff.language = "fr"
    staff.save()
    response = client_for(staff).post(URL, {"language": ""})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.language == ""


def test_an_unknown_language_is_refused_next_to_the_field(client_for, staff):
    staff.language = "en"
    staff.save()
    response = client_for(staff).post(URL, {"language": "de"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert "Select a valid choice. de is not one of the available choices." in (
        response.content.decode()
    )
    staff.refresh_from_db()
    assert staff.language == "en"
