"""Personal access tokens: made on Your account and shown once, stored as a digest,
refused once expired, revoked or their user deactivated, limited to some countries if
asked, their use recorded; admins list and revoke anyone's."""

import datetime

from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, digest
from api.services import revoke_token
from evidence.models import Evidence

EVIDENCE = "/api/v1/evidence/"


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_is_made_on_the_account_page_and_shown_once(client_for, staff, india):
    client = client_for(staff)
    expires = timezone.localdate() + datetime.timedelta(days=30)
    page = client.post(
        reverse("tokens:list"),
        {"name": "Power BI", "expires_on": expires.isoformat(), "countries": [india.pk]},
    )
    assert page.status_code == 200
    key = page.context["new_key"][1]
    assert key.startswith("st_") and key in page.content.decode()
    token = ApiToken.objects.get(user=staff)
    assert token.key_digest == digest(key) and key not in token.key_digest
    assert list(token.countries.all()) == [india]
    again = client.get(reverse("tokens:list"))
    assert key not in again.content.decode()
    assert token.key_start in again.content.decode()


def test_a_bad_form_keeps_the_input_and_says_why(client_for, staff):
    too_late = timezone.localdate() + datetime.timedelta(days=5000)
    page = client_for(staff).post(
        reverse("tokens:list"), {"name": "=cmd|' /C calc'!A0\x07", "expires_on": too_late}
    )
    assert page.status_code == 400
    form = page.context["form"]
    assert "name" in form.errors and "expires_on" in form.errors
    assert not ApiToken.objects.exists()


def test_yesterday_is_no_expiry_day(client_for, staff):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page = client_for(staff).post(reverse("tokens:list"), {"name": "R", "expires_on": yesterday})
    assert page.context["form"].errors["expires_on"]


def test_no_role_no_tokens(client_for, outsider):
    assert client_for(outsider).get(reverse("tokens:list")).status_code == 403


def test_people_revoke_their_own_tokens_only(client_for, staff, other_staff, token_for):
    theirs, _key = token_for(other_staff)
    client = client_for(staff)
    assert client.post(reverse("tokens:revoke", args=[theirs.pk])).status_code == 404
    mine, key = token_for(staff)
    client.post(reverse("tokens:revoke", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.revoked_at is not None and mine.revoked_by == staff
    assert client.get(EVIDENCE, **bearer(key)).status_code == 401


def test_expired_revoked_or_wrong_tokens_are_refused(client, staff, manager, token_for):
    expired, expired_key = token_for(staff)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    revoked, revoked_key = token_for(staff)
    revoke_token(token=revoked, actor=manager)
    _ok, good_key = token_for(staff)
    for key in (expired_key, revoked_key, good_key[:-1] + "x", "", "st_" + "a" * 43):
        answer = client.get(EVIDENCE, **bearer(key))
        assert answer.status_code == 401, key
        assert answer["WWW-Authenticate"] == "Bearer"
        assert answer.json()["detail"]
    assert client.get(EVIDENCE, HTTP_AUTHORIZATION="Bearer two words").status_code == 401
    assert client.get(EVIDENCE, **bearer(good_key)).status_code == 200


def test_a_deactivated_users_tokens_stop_working(client, staff, token_for):
    _token, key = token_for(staff)
    staff.is_active = False
    staff.save()
    assert client.get(EVIDENCE, **bearer(key)).status_code == 401


def test_use_is_recorded_with_the_address(client, staff, token_for):
    token, key = token_for(staff)
    client.get(EVIDENCE, REMOTE_ADDR="203.0.113.9", **bearer(key))
    token.refresh_from_db()
    assert token.last_used_from == "203.0.113.9"
    assert timezone.now() - token.last_used_at < datetime.timedelta(minutes=1)


def test_a_token_limited_to_countries_reads_only_them(world, manager, india, api_as):
    api = api_as(manager, countries=[india])
    listed = {row["country"] for row in api.get(EVIDENCE).json()["results"]}
    assert listed == {"IN"}
    niger_item = world.evidence["submitted in Niger"]
    assert api.get(f"{EVIDENCE}{niger_item.pk}/").status_code == 404
    assert api.get("/api/v1/countries/ne/").status_code == 404
    assert [c["code"] for c in api.get("/api/v1/countries/").json()["results"]] == ["IN"]
    assert {p["country"] for p in api.get("/api/v1/places/").json()["results"]} == {"IN"}
    reviews = api.get("/api/v1/reviews/").json()["results"]
    assert [r["id"] for r in reviews] == [world.reviews["India"].pk]
    assert api.get(f"/api/v1/reviews/{world.reviews['Niger'].pk}/").status_code == 404
    rollup = api.get("/api/v1/strategies/2015-2020/rollup/")
    assert rollup.status_code == 403 and "countries" in rollup.json()["detail"]


def test_a_limit_never_widens_what_the_user_reads(world, other_staff, niger, api_as):
    """Staff of India limiting a token to Niger read Niger's non-confidential items only."""
    api = api_as(other_staff, countries=[niger])
    ids = {row["id"] for row in api.get(EVIDENCE).json()["results"]}
    assert ids == set(
        Evidence.objects.visible_to(other_staff).filter(country=niger).values_list("pk", flat=True)
    )
    assert world.evidence["confidential in Niger"].pk not in ids


def test_admins_list_and_revoke_anyones_tokens(client_for, superuser, staff, token_for):
    token, key = token_for(staff)
    admin = client_for(superuser)
    listing = admin.get(reverse("admin:api_apitoken_changelist"))
    assert token.key_start in listing.content.decode()
    assert key not in listing.content.decode()
    admin.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_by == superuser
    assert token.history.filter(history_change_reason="revoked").exists()
    assert admin.get(reverse("admin:api_apitoken_add")).status_code == 403
