"""Arbitrary input to every form and filter (hypothesis): the app answers with the form
and its errors, a redirect after a valid save, or a 4xx — never a 500 — and what it
writes is valid. Values mix well-formed ones with any Unicode text (NUL bytes, which
PostgreSQL refuses in text, included), numbers of any size and dates of any year, so
that examples reach past the first field's validation.

Each example runs in its own transaction, rolled back after it (hypothesis' Django
TestCase), on SQLite and on PostgreSQL alike."""

import datetime

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.roles import COUNTRY_STAFF, MANAGERS
from countries.models import Country
from evidence.filters import EvidenceFilter
from evidence.models import Evidence
from objectives.loading import load_strategy
from objectives.models import SubObjective
from objectives.strategy_2015_2020 import STRATEGY_2015_2020
from resilience.filters import ResourceFilter
from resilience.models import CycleStage, Place, Review, TopicArea
from resilience.starter import load_starter_set
from tests.conftest import PASSWORD
from tests.factories import EvidenceFactory, UserFactory

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run, so a failure can be re-run
)
# Any text a browser or a script could send in a form field (not lone surrogates, which
# no encoding can carry), long enough to pass any max_length.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
JUNK = st.one_of(
    TEXT,
    st.just(""),
    st.just("\x00"),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def valid_or_junk(*valid):
    """A well-formed value half of the time, anything the other half."""
    return st.one_of(st.sampled_from([str(value) for value in valid]), JUNK)


def form_data(fields):
    """POST data: each field a value of its strategy, or left out."""
    return st.fixed_dictionaries({}, optional=fields)


class ArbitraryInputTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.strategy, _ = load_strategy(STRATEGY_2015_2020)
        load_starter_set()
        cls.niger = Country.objects.get(code="NE")
        cls.india = Country.objects.get(code="IN")
        cls.staff = UserFactory(username="staff", groups=[COUNTRY_STAFF], countries=[cls.niger])
        cls.manager = UserFactory(username="manager", groups=[MANAGERS])
        cls.sub_objectives = list(SubObjective.objects.all())
        cls.draft = EvidenceFactory(
            author=cls.staff, country=cls.niger, status=Evidence.Status.DRAFT
        )
        cls.submitted = EvidenceFactory(
            author=cls.staff, country=cls.niger, status=Evidence.Status.SUBMITTED
        )
        cls.place = Place.objects.create(country=cls.niger, name="Tahoua", kind="district")
        cls.topic_areas = list(TopicArea.objects.all())
        cls.stages = list(CycleStage.objects.all())

    def sign_in(self, user):
        """A client signed in as `user`, made in the example (hypothesis sets up the
        test's own client per example, after setUp)."""
        self.client = Client()
        self.client.force_login(user)

    def assertAnswered(self, response, *allowed):
        self.assertLess(response.status_code, 500)
        if allowed:
            self.assertIn(response.status_code, allowed)

    def assertWritesAreValid(self, queryset, before, response):
        """After a POST: a redirect wrote valid rows, a re-displayed form wrote none."""
        new = queryset.exclude(pk__in=before)
        if response.status_code == 302:
            for row in new:
                row.full_clean()
        else:
            self.assertFalse(new.exists(), "a refused form wrote a row")


def evidence_fields(case):
    today = datetime.date.today()
    return {
        "date": valid_or_junk("2018-05-04", "2015-01-01", today, today.replace(year=2099)),
        "country": valid_or_junk(case.niger.pk, case.india.pk, 0),
        "sub_objective": valid_or_junk(*(sub.pk for sub in case.sub_objectives)),
        "title": valid_or_junk("Prosecutors open three cases"),
        "description": valid_or_junk("Three cases opened after the legal clinic."),
        "level": valid_or_junk(*Evidence.Level.values),
        "kind": valid_or_junk(*Evidence.Kind.values),
        "rating": valid_or_junk(*Evidence.Rating.values, 4, -1),
        "source_url": valid_or_junk("https://example.org/report", "example.org", "javascript:x"),
        "source_citation": valid_or_junk("Partner report, May 2018"),
        "triangulation": valid_or_junk("on"),
        "confidential": valid_or_junk("on"),
        "version": valid_or_junk(1, 2),
        "action": valid_or_junk("draft", "submit"),
    }


class EvidenceFormsTest(ArbitraryInputTestCase):
    @EXAMPLES
    @given(data=st.data())
    def test_logging_evidence(self, data):
        self.sign_in(self.staff)
        fields = data.draw(form_data(evidence_fields(self)))
        before = list(Evidence.objects.values_list("pk", flat=True))

        response = self.client.post(reverse("evidence:new"), fields)

        self.assertAnswered(response, 200, 302)
        self.assertWritesAreValid(Evidence.objects.all(), before, response)
        for item in Evidence.objects.exclude(pk__in=before):
            self.assertEqual((item.author, item.country), (self.staff, self.niger))

    @EXAMPLES
    @given(data=st.data())
    def test_editing_a_draft(self, data):
        self.sign_in(self.staff)
        fields = data.draw(form_data(evidence_fields(self)))
        saved = Evidence.objects.get(pk=self.draft.pk)

        response = self.client.post(reverse("evidence:edit", args=[self.draft.pk]), fields)

        self.assertAnswered(response, 200, 302)
        edited = Evidence.objects.get(pk=self.draft.pk)
        if response.status_code == 302:
            edited.full_clean()
            self.assertEqual(edited.country, self.niger)
        else:
            self.assertEqual(edited.updated_at, saved.updated_at)

    @EXAMPLES
    @given(fields=form_data({"reason": JUNK}), verify=st.booleans())
    def test_returning_or_verifying(self, fields, verify):
        self.sign_in(self.manager)
        action = "evidence:verify" if verify else "evidence:return"

        response = self.client.post(reverse(action, args=[self.submitted.pk]), fields)

        # The item's page again, with the reason's error, answers 400.
        self.assertAnswered(response, 302, 400)
        item = Evidence.objects.get(pk=self.submitted.pk)
        if response.status_code == 400:
            self.assertEqual(item.status, Evidence.Status.SUBMITTED)
        else:
            self.assertNotEqual(item.status, Evidence.Status.SUBMITTED)
            last = item.transitions.order_by("-at").first()
            self.assertEqual(last.actor, self.manager)
            if not verify:
                self.assertTrue(last.reason.strip())
                self.assertNotIn("\x00", last.reason)


class FiltersTest(ArbitraryInputTestCase):
    @EXAMPLES
    @given(data=st.data(), as_manager=st.booleans())
    def test_the_evidence_list(self, data, as_manager):
        self.sign_in(self.manager if as_manager else self.staff)
        names = [*EvidenceFilter.base_filters, "page"]
        query = data.draw(form_data(dict.fromkeys(names, JUNK)))
        self.assertAnswered(self.client.get(reverse("evidence:list"), query), 200)

    @EXAMPLES
    @given(query=form_data({"strategy": valid_or_junk("2015-2020"), "as_of": JUNK}))
    def test_the_dashboard_and_its_exports(self, query):
        self.sign_in(self.manager)
        for url in [
            reverse("dashboard:index"),
            reverse("dashboard:country", args=["ne"]),
            reverse("dashboard:export_matrix", args=["csv"]),
            reverse("dashboard:export_evidence", args=["csv"]),
        ]:
            self.assertAnswered(self.client.get(url, query), 200, 400, 404)

    @EXAMPLES
    @given(
        path=st.sampled_from(["evidence:new", "resilience:place_new", "resilience:compare"]),
        country=JUNK,
    )
    def test_a_country_in_the_query_string(self, path, country):
        self.sign_in(self.staff)
        response = self.client.get(reverse(path), {"country": country})
        self.assertAnswered(response, 200, 403, 404)

    @EXAMPLES
    @given(data=st.data())
    def test_the_resources_library(self, data):
        self.sign_in(self.staff)
        query = data.draw(form_data(dict.fromkeys([*ResourceFilter.base_filters, "page"], JUNK)))
        self.assertAnswered(self.client.get(reverse("resilience:resources"), query), 200)


class ResilienceFormsTest(ArbitraryInputTestCase):
    @EXAMPLES
    @given(data=st.data())
    def test_adding_a_place(self, data):
        self.sign_in(self.staff)
        fields = data.draw(
            form_data(
                {
                    "country": valid_or_junk(self.niger.pk, self.india.pk),
                    "name": valid_or_junk("Agadez"),
                    "kind": valid_or_junk(*Place.Kind.values),
                    "description": JUNK,
                }
            )
        )
        before = list(Place.objects.values_list("pk", flat=True))

        response = self.client.post(reverse("resilience:place_new"), fields)

        self.assertAnswered(response, 200, 302)
        self.assertWritesAreValid(Place.objects.all(), before, response)
        for place in Place.objects.exclude(pk__in=before):
            self.assertEqual(place.country, self.niger)

    @EXAMPLES
    @given(data=st.data())
    def test_recording_a_review(self, data):
        self.sign_in(self.staff)
        scores = {
            f"score_{topic.pk}": valid_or_junk(-2, -1, 0, 1, 2, 3, -3)
            for topic in self.topic_areas[:3]
        }
        notes = {f"note_{topic.pk}": JUNK for topic in self.topic_areas[:2]}
        fields = data.draw(
            form_data(
                {
                    "date": valid_or_junk("2019-06-01", "2099-01-01"),
                    "stage": valid_or_junk(*(stage.pk for stage in self.stages)),
                    "participants": valid_or_junk("Partner staff"),
                    "notes": JUNK,
                    **scores,
                    **notes,
                }
            )
        )
        before = list(Review.objects.values_list("pk", flat=True))

        response = self.client.post(reverse("resilience:review_new", args=[self.place.pk]), fields)

        self.assertAnswered(response, 200, 302)
        self.assertWritesAreValid(Review.objects.all(), before, response)
        for review in Review.objects.exclude(pk__in=before):
            self.assertLessEqual(review.date, datetime.date.today())
            for score in review.scores.all():
                score.full_clean()


class AccountFormsTest(ArbitraryInputTestCase):
    @EXAMPLES
    @given(fields=form_data({"language": valid_or_junk("", "en", "fr")}))
    def test_choosing_a_language(self, fields):
        self.sign_in(self.staff)
        response = self.client.post(reverse("account"), fields)
        self.assertAnswered(response, 200, 302)
        self.staff.refresh_from_db()
        self.assertIn(self.staff.language, ["", "en", "fr"])

    @EXAMPLES
    @given(fields=form_data({"username": valid_or_junk("staff"), "password": JUNK}))
    def test_signing_in(self, fields):
        self.client = Client()
        response = self.client.post(reverse("login"), fields)
        self.assertAnswered(response, 200, 403)
        self.assertNotIn("_auth_user_id", self.client.session)

    @EXAMPLES
    @given(
        fields=form_data(
            {
                "old_password": valid_or_junk(PASSWORD),
                "new_password1": JUNK,
                "new_password2": JUNK,
            }
        )
    )
    def test_changing_the_password(self, fields):
        self.sign_in(self.staff)
        response = self.client.post(reverse("password_change"), fields)
        self.assertAnswered(response, 200, 302)
