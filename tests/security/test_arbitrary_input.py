"""Arbitrary input to every form and filter (hypothesis): the app answers with the form
and its errors, a redirect after a valid save, or a 4xx — never a 500 — and what it
writes is valid.

Each example starts from a valid submission and spoils a few of its fields: left out,
or replaced by any Unicode text (NUL bytes, which PostgreSQL refuses in text, included),
numbers of any size, dates of any year. So examples reach every field's validation, and
each form test checks that both its branches ran: some examples were saved (and what
was written is valid), some were refused (and nothing was written).

Each example runs in a transaction rolled back after it, on SQLite and PostgreSQL alike."""

import datetime
from collections import Counter

from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from core.roles import COUNTRY_STAFF, MANAGERS
from countries.models import Country
from evidence.filters import EvidenceFilter, QueueFilter
from evidence.models import Comment, Evidence
from notifications.kinds import KINDS
from notifications.models import Delivery, Preference
from objectives import services
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
LEFT_OUT = None
NEW_PASSWORD = "a fresh and long enough passphrase"


def one_of(*values):
    return st.sampled_from([str(value) for value in values])


@st.composite
def spoiled(draw, valid, most=3):
    """A submission drawn from `valid` (field name: strategy of valid values) with up to
    `most` of its fields left out or replaced by junk."""
    data = {name: draw(values) for name, values in valid.items()}
    for name in draw(st.sets(st.sampled_from(sorted(valid)), max_size=most)):
        value = draw(st.one_of(st.just(LEFT_OUT), JUNK))
        if value is LEFT_OUT:
            del data[name]
        else:
            data[name] = value
    return data


def junk_query(names):
    """A query string: any of `names`, each with any value."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, JUNK))


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

    def explore(self, examples, attempt):
        """Call `attempt(example)` for each example of the strategy, each in a transaction
        rolled back after it; return how often `attempt` returned each outcome."""
        outcomes = Counter()

        @EXAMPLES
        @given(examples)
        def run(example):
            with transaction.atomic():
                outcomes[attempt(example)] += 1
                transaction.set_rollback(True)

        run()
        return outcomes

    def signed_in(self, user):
        client = Client()
        client.force_login(user)
        return client

    def assertAnswered(self, response, *allowed):
        self.assertLess(response.status_code, 500)
        if allowed:
            self.assertIn(response.status_code, allowed)

    def assertBothBranchesRan(self, outcomes):
        """Some examples were saved and some refused, or the test proved little."""
        self.assertTrue(outcomes["saved"] and outcomes["refused"], outcomes)

    def post_form(self, client, url, fields, queryset, *, refused_status=200):
        """POST a form; a redirect must have written only valid rows, a refusal none.
        Returns ("saved" or "refused", the new rows)."""
        before = list(queryset.values_list("pk", flat=True))
        response = client.post(url, fields)
        self.assertAnswered(response, 302, refused_status)
        new = list(queryset.exclude(pk__in=before))
        if response.status_code == 302:
            for row in new:
                row.full_clean()
            return "saved", new
        self.assertEqual(new, [], "a refused form wrote a row")
        return "refused", new


class EvidenceFormsTest(ArbitraryInputTestCase):
    def evidence_fields(self):
        return {
            "date": one_of("2018-05-04", "2015-01-01", datetime.date.today()),
            "country": one_of(self.niger.pk),
            "sub_objective": one_of(*(sub.pk for sub in self.sub_objectives)),
            "title": one_of("Prosecutors open three cases"),
            "description": one_of("Three cases opened after the legal clinic."),
            "level": one_of(*Evidence.Level.values),
            "kind": one_of(*Evidence.Kind.values),
            "rating": one_of(*Evidence.Rating.values),
            "source_url": one_of("https://example.org/report", "example.org/report"),
            "source_citation": one_of("Partner report, May 2018", ""),
            "triangulation": one_of("on", ""),
            "confidential": one_of("on", ""),
            "action": one_of("draft", "submit"),
        }

    def test_logging_evidence(self):
        client = self.signed_in(self.staff)

        def attempt(fields):
            outcome, new = self.post_form(
                client, reverse("evidence:new"), fields, Evidence.objects.all()
            )
            for item in new:
                self.assertEqual((item.author, item.country), (self.staff, self.niger))
                self.assertNotIn("\x00", item.title + item.description)
            return outcome

        self.assertBothBranchesRan(self.explore(spoiled(self.evidence_fields()), attempt))

    def test_logging_evidence_while_two_strategies_are_open(self):
        later = services.copy_strategy(
            source=self.strategy, name="Next", slug="next", first_year=2021, last_year=2025
        )
        client = self.signed_in(self.staff)
        fields = {
            **self.evidence_fields(),
            "strategy": one_of(self.strategy.pk, later.pk),
            "sub_objective": one_of(*SubObjective.objects.values_list("pk", flat=True)),
            "date": one_of("2019-05-04", "2020-05-04", "2022-05-04"),
            "action": one_of("draft", "submit", "strategy"),
        }

        def attempt(fields):
            outcome, new = self.post_form(
                client, reverse("evidence:new"), fields, Evidence.objects.all()
            )
            for item in new:  # filed under the strategy chosen, and no other
                self.assertEqual(str(item.sub_objective.objective.strategy_id), fields["strategy"])
            return outcome

        self.assertBothBranchesRan(self.explore(spoiled(fields), attempt))

    def test_editing_a_draft(self):
        client = self.signed_in(self.staff)
        url = reverse("evidence:edit", args=[self.draft.pk])
        fields = {**self.evidence_fields(), "version": one_of(self.draft.version)}

        def attempt(fields):
            response = client.post(url, fields)
            self.assertAnswered(response, 200, 302)
            edited = Evidence.objects.get(pk=self.draft.pk)
            if response.status_code == 302:
                edited.full_clean()
                self.assertEqual(edited.country, self.niger)
                return "saved"
            self.assertEqual(edited.version, self.draft.version)
            return "refused"

        self.assertBothBranchesRan(self.explore(spoiled(fields), attempt))

    def test_returning_with_a_reason(self):
        client = self.signed_in(self.manager)
        url = reverse("evidence:return", args=[self.submitted.pk])

        def attempt(fields):
            response = client.post(url, fields)
            # A refusal shows the item's page again, with the reason's error: 400.
            self.assertAnswered(response, 302, 400)
            item = Evidence.objects.get(pk=self.submitted.pk)
            if response.status_code == 400:
                self.assertEqual(item.status, Evidence.Status.SUBMITTED)
                return "refused"
            self.assertEqual(item.status, Evidence.Status.RETURNED)
            last = item.transitions.order_by("-at").first()
            self.assertEqual(last.actor, self.manager)
            self.assertTrue(last.reason.strip())
            self.assertNotIn("\x00", last.reason)
            return "saved"

        reasons = spoiled({"reason": one_of("Add the gazette reference.")}, most=1)
        self.assertBothBranchesRan(self.explore(reasons, attempt))

    def test_verifying_ignores_whatever_else_is_posted(self):
        client = self.signed_in(self.manager)
        url = reverse("evidence:verify", args=[self.submitted.pk])

        def attempt(fields):
            self.assertAnswered(client.post(url, fields), 302)
            item = Evidence.objects.get(pk=self.submitted.pk)
            self.assertEqual(item.status, Evidence.Status.VERIFIED)
            return item.status

        self.explore(junk_query(["reason", "status", "author"]), attempt)

    def test_commenting(self):
        client = self.signed_in(self.manager)
        url = reverse("evidence:comment", args=[self.submitted.pk])

        def attempt(fields):
            outcome, new = self.post_form(
                client, url, fields, Comment.objects.all(), refused_status=400
            )
            for comment in new:
                self.assertEqual((comment.author, comment.evidence), (self.manager, self.submitted))
            return outcome

        texts = spoiled({"text": one_of("Which hearing do you mean?")}, most=1)
        self.assertBothBranchesRan(self.explore(texts, attempt))

    def test_verifying_the_items_ticked(self):
        client = self.signed_in(self.manager)

        def attempt(fields):
            items, back = fields
            response = client.post(
                reverse("evidence:verify_selected"), {"items": items, "back": back}
            )
            self.assertAnswered(response, 302)
            self.assertTrue(response["Location"].startswith(reverse("evidence:queue")))
            return Evidence.objects.get(pk=self.submitted.pk).status

        items = st.lists(st.one_of(JUNK, st.just(str(self.submitted.pk))), max_size=3)
        outcomes = self.explore(st.tuples(items, JUNK), attempt)
        self.assertTrue(outcomes["verified"] and outcomes["submitted"], outcomes)


class FiltersTest(ArbitraryInputTestCase):
    def test_the_verification_queue(self):
        client = self.signed_in(self.manager)

        def attempt(query):
            self.assertAnswered(client.get(reverse("evidence:queue"), query), 200, 404)

        self.explore(junk_query([*QueueFilter.base_filters, "page", "strategy"]), attempt)

    def test_the_evidence_list(self):
        def attempt(query):
            as_manager, query = query
            client = self.signed_in(self.manager if as_manager else self.staff)
            self.assertAnswered(client.get(reverse("evidence:list"), query), 200)

        names = [*EvidenceFilter.base_filters, "page"]
        self.explore(st.tuples(st.booleans(), junk_query(names)), attempt)

    def test_the_dashboard_and_its_exports(self):
        client = self.signed_in(self.manager)
        urls = [
            reverse("dashboard:index"),
            reverse("dashboard:country", args=["ne"]),
            reverse("dashboard:export_matrix", args=["csv"]),
            reverse("dashboard:export_evidence", args=["csv"]),
        ]

        def attempt(query):
            for url in urls:
                # The exports refuse a date that is not one (400); no such strategy: 404.
                self.assertAnswered(client.get(url, query), 200, 400, 404)

        valid = {"strategy": one_of("2015-2020"), "as_of": one_of("2017-12-31", "")}
        self.explore(spoiled(valid, most=2), attempt)

    def test_a_country_in_the_query_string(self):
        client = self.signed_in(self.staff)

        def attempt(example):
            path, country = example
            self.assertAnswered(client.get(reverse(path), {"country": country}), 200, 403, 404)

        paths = st.sampled_from(["evidence:new", "resilience:place_new", "resilience:compare"])
        self.explore(st.tuples(paths, JUNK), attempt)

    def test_the_resources_library(self):
        client = self.signed_in(self.staff)

        def attempt(query):
            self.assertAnswered(client.get(reverse("resilience:resources"), query), 200)

        self.explore(junk_query([*ResourceFilter.base_filters, "page"]), attempt)


class ResilienceFormsTest(ArbitraryInputTestCase):
    def test_adding_a_place(self):
        client = self.signed_in(self.staff)

        def attempt(fields):
            outcome, new = self.post_form(
                client, reverse("resilience:place_new"), fields, Place.objects.all()
            )
            for place in new:
                self.assertEqual(place.country, self.niger)
            return outcome

        valid = {
            "country": one_of(self.niger.pk),
            "name": one_of("Agadez", "Zinder"),
            "kind": one_of(*Place.Kind.values),
            "description": one_of("", "A district in the north."),
        }
        self.assertBothBranchesRan(self.explore(spoiled(valid), attempt))

    def test_recording_a_review(self):
        client = self.signed_in(self.staff)
        url = reverse("resilience:review_new", args=[self.place.pk])

        def attempt(fields):
            outcome, new = self.post_form(client, url, fields, Review.objects.all())
            for review in new:
                self.assertLessEqual(review.date, datetime.date.today())
                for score in review.scores.all():
                    score.full_clean()
            return outcome

        valid = {
            "date": one_of("2019-06-01", "2020-01-15"),
            "stage": one_of(*(stage.pk for stage in self.stages)),
            "participants": one_of("Partner staff and a survivors' association"),
            "notes": one_of("", "Met at the district office."),
            **{f"score_{topic.pk}": one_of(-2, -1, 0, 1, 2) for topic in self.topic_areas[:3]},
            **{
                f"note_{topic.pk}": one_of("", "Seen at the clinic.")
                for topic in self.topic_areas[:2]
            },
        }
        self.assertBothBranchesRan(self.explore(spoiled(valid), attempt))


class AccountFormsTest(ArbitraryInputTestCase):
    def test_choosing_a_language(self):
        client = self.signed_in(self.staff)

        def attempt(fields):
            response = client.post(reverse("account"), fields)
            self.assertAnswered(response, 200, 302)
            language = User.objects.get(pk=self.staff.pk).language
            self.assertIn(language, ["", "en", "fr"])
            return "saved" if response.status_code == 302 else "refused"

        languages = spoiled({"language": one_of("", "en", "fr")}, most=1)
        self.assertBothBranchesRan(self.explore(languages, attempt))

    def test_choosing_email_notifications(self):
        client = self.signed_in(self.staff)
        kinds = [kind.slug for kind in KINDS.values() if kind.offered_to(self.staff)]

        def attempt(fields):
            response = client.post(reverse("notifications:preferences"), fields)
            self.assertAnswered(response, 200, 302)
            chosen = Preference.objects.filter(user=self.staff)
            for preference in chosen:
                preference.full_clean()
                self.assertIn(preference.kind, kinds)
            self.assertEqual(chosen.exists(), response.status_code == 302)
            return "saved" if response.status_code == 302 else "refused"

        valid = {kind: one_of(*Delivery.values) for kind in kinds}
        self.assertBothBranchesRan(self.explore(spoiled(valid, most=2), attempt))

    def test_signing_in(self):
        def attempt(fields):
            client = Client()
            response = client.post(reverse("login"), fields)
            self.assertAnswered(response, 200, 302, 403)
            signed_in = "_auth_user_id" in client.session
            right = fields == {"username": "staff", "password": PASSWORD}
            self.assertEqual(signed_in, right and response.status_code == 302)
            return "saved" if signed_in else "refused"

        credentials = {"username": one_of("staff"), "password": one_of(PASSWORD)}
        self.assertBothBranchesRan(self.explore(spoiled(credentials, most=2), attempt))

    def test_changing_the_password(self):
        def attempt(fields):
            # Fresh from the database: the previous example's change was rolled back.
            client = self.signed_in(User.objects.get(pk=self.staff.pk))
            response = client.post(reverse("password_change"), fields)
            self.assertAnswered(response, 200, 302)
            staff = User.objects.get(pk=self.staff.pk)
            changed = staff.check_password(NEW_PASSWORD)
            self.assertEqual(changed, response.status_code == 302)
            self.assertEqual(staff.check_password(PASSWORD), not changed)
            return "saved" if changed else "refused"

        valid = {
            "old_password": one_of(PASSWORD),
            "new_password1": one_of(NEW_PASSWORD),
            "new_password2": one_of(NEW_PASSWORD),
        }
        self.assertBothBranchesRan(self.explore(spoiled(valid, most=2), attempt))
