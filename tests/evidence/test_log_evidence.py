import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evidence.models import Evidence, Transition
from tests.factories import SubObjectiveFactory

from .conftest import ELF_BYTES, MZ_BYTES, PDF_BYTES, PNG_BYTES, upload

NEW = reverse("evidence:new")


def test_staff_logs_a_draft(client_for, staff, niger, evidence_data):
    response = client_for(staff).post(NEW, evidence_data())
    evidence = Evidence.objects.get()
    assert response.status_code == 302
    assert response.url == evidence.get_absolute_url()
    assert evidence.status == Evidence.Status.DRAFT
    assert evidence.author == staff
    assert evidence.country == niger
    assert evidence.triangulation and not evidence.contribution
    assert list(evidence.transitions.values_list("to_status", flat=True)) == ["draft"]


def test_staff_logs_and_submits_in_one_step(client_for, staff, evidence_data):
    client_for(staff).post(NEW, evidence_data(action="submit"))
    evidence = Evidence.objects.get()
    assert evidence.status == Evidence.Status.SUBMITTED
    assert list(evidence.transitions.values_list("to_status", flat=True)) == [
        "draft",
        "submitted",
    ]


def test_form_offers_only_assigned_countries_and_groups_sub_objectives(client_for, staff):
    response = client_for(staff).get(NEW)
    form = response.context["form"]
    assert {str(c) for c in form.fields["country"].queryset} == {"Niger", "Mali"}
    html = response.content.decode()
    assert html.count("<optgroup") == 3
    assert 'name="action" value="draft"' in html
    assert 'name="action" value="submit"' in html


def test_country_can_be_chosen_from_the_link_on_the_country_page(client_for, staff, mali):
    response = client_for(staff).get(NEW, {"country": "ml"})
    assert response.context["form"].initial["country"] == mali


def test_attachment_is_stored_under_a_random_name_and_keeps_its_original_name(
    client_for, staff, evidence_data, media_root
):
    client_for(staff).post(NEW, {**evidence_data(), "attachment": upload("Rapport final.pdf")})
    evidence = Evidence.objects.get()
    assert evidence.attachment_name == "Rapport final.pdf"
    stored = evidence.attachment.name
    assert stored.startswith("evidence/") and stored.endswith(".pdf")
    assert "Rapport" not in stored
    assert (media_root / stored).read_bytes() == PDF_BYTES


def test_attachment_suffix_follows_its_content_not_its_name(client_for, staff, evidence_data):
    client_for(staff).post(NEW, {**evidence_data(), "attachment": upload("photo.pdf", PNG_BYTES)})
    evidence = Evidence.objects.get()
    assert evidence.attachment.name.endswith(".png")
    assert evidence.attachment_name == "photo.pdf"


def _refused(response, field, message_part):
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message_part in " ".join(errors[field])
    assert message_part in response.content.decode().replace("&#x27;", "'")
    assert not Evidence.objects.exists()
    assert not Transition.objects.exists()


def test_a_date_in_the_future_is_refused(client_for, staff, evidence_data):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(staff).post(NEW, evidence_data(date=tomorrow.isoformat()))
    _refused(response, "date", "cannot be in the future")


@pytest.mark.parametrize("date", ["1990-01-01", "2013-12-31", "2022-01-01"])
def test_a_date_far_outside_the_strategy_period_is_refused(client_for, staff, evidence_data, date):
    response = client_for(staff).post(NEW, evidence_data(date=date))
    _refused(response, "date", "Strategy 2015–2020 runs from 2015 to 2020")


@pytest.mark.parametrize("date", ["2014-01-01", "2021-12-31"])
def test_a_date_within_a_year_of_the_strategy_period_is_accepted(
    client_for, staff, evidence_data, date
):
    response = client_for(staff).post(NEW, evidence_data(date=date))
    assert response.status_code == 302
    assert Evidence.objects.get().date.isoformat() == date


@pytest.mark.parametrize("description", ["", "   \n "])
def test_an_empty_description_is_refused(client_for, staff, evidence_data, description):
    response = client_for(staff).post(NEW, evidence_data(description=description))
    _refused(response, "description", "This field is required")


@pytest.mark.parametrize("url", ["not a link", "http://", "javascript:alert(1)", "ftp//x"])
def test_a_malformed_link_is_refused(client_for, staff, evidence_data, url):
    response = client_for(staff).post(NEW, evidence_data(source_url=url))
    _refused(response, "source_url", "Enter a valid URL")


def test_a_source_is_required(client_for, staff, evidence_data):
    response = client_for(staff).post(NEW, evidence_data(source_url="", source_citation=" "))
    _refused(response, "source_url", "Give a source: a link, a citation or both.")


def test_a_citation_alone_is_a_source(client_for, staff, evidence_data):
    response = client_for(staff).post(
        NEW, evidence_data(source_url="", source_citation="Partner report, March 2018, p. 4")
    )
    assert response.status_code == 302


def test_an_oversized_file_is_refused(client_for, staff, evidence_data, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    big = PDF_BYTES + b"0" * 1024
    data = {**evidence_data(), "attachment": upload("big.pdf", big)}
    response = client_for(staff).post(NEW, data)
    _refused(response, "attachment", "attachments may be at most 1\xa0KB")


def test_the_size_limit_is_ten_megabytes_by_default(settings):
    assert settings.ATTACHMENT_MAX_BYTES == 10 * 1024 * 1024


@pytest.mark.parametrize("content", [ELF_BYTES, MZ_BYTES, b"just some text, not a document"])
def test_a_disguised_file_is_refused(client_for, staff, evidence_data, content):
    response = client_for(staff).post(
        NEW, {**evidence_data(), "attachment": upload("report.pdf", content)}
    )
    _refused(response, "attachment", "content is not an allowed type, whatever its name says")


def test_a_sub_objective_of_another_strategy_is_refused(client_for, staff, strategy, evidence_data):
    other = SubObjectiveFactory(
        objective__strategy__first_year=2031, objective__strategy__last_year=2035, text="Other"
    )
    response = client_for(staff).post(
        NEW, evidence_data(strategy=str(strategy.pk), sub_objective=str(other.pk))
    )
    _refused(response, "sub_objective", "Choose one of the sub-objectives of Strategy 2015–2020")


@pytest.mark.parametrize("value", ["india", "abc", "99999999999999999999", "-1"])
def test_a_tampered_country_id_is_refused(client_for, staff, india, evidence_data, value):
    country = str(india.pk) if value == "india" else value
    response = client_for(staff).post(NEW, evidence_data(country=country))
    _refused(response, "country", "only for the countries you are assigned to")


def test_typed_input_and_a_checked_file_are_kept_when_another_field_is_wrong(
    client_for, staff, evidence_data
):
    response = client_for(staff).post(
        NEW, {**evidence_data(description="", title="Kept title"), "attachment": upload()}
    )
    html = response.content.decode()
    assert 'value="Kept title"' in html
    assert "attachment" not in response.context["form"].errors
    assert "Kept from your last try: report.pdf" in html
    assert not Evidence.objects.exists()
