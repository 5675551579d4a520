import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from core.roles import COUNTRY_STAFF, MANAGERS
from countries.models import Country
from objectives.loading import load_strategy
from objectives.strategy_2015_2020 import STRATEGY_2015_2020

from .factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """MD5 instead of PBKDF2 for the whole run, unittest classes' setUpTestData included:
    the tests create many users, and the real hasher takes a noticeable time for each."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def language_reset_after_each_test(settings):
    """A request as a French reader leaves French active in the thread (as in production,
    where the next request activates its own): each test starts again in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def run_queued_tasks(transactional_db, django_db_serialized_rollback):
    """`run_queued_tasks()`: run every queued background task in the real database worker
    (`manage.py db_worker --batch`), as production does, then return. The worker commits
    and closes its connections as in production, so the test's data is committed too (and
    the role groups the migrations made are put back after it)."""

    def run():
        call_command("db_worker", batch=True, startup_delay=False, queue_name="*", verbosity=0)

    return run


@pytest.fixture
def strategy(db):
    """The 2015–2020 strategy with its objectives and ten target countries."""
    loaded, _ = load_strategy(STRATEGY_2015_2020)
    return loaded


@pytest.fixture
def niger(strategy):
    return Country.objects.get(code="NE")


@pytest.fixture
def mali(strategy):
    return Country.objects.get(code="ML")


@pytest.fixture
def india(strategy):
    return Country.objects.get(code="IN")


@pytest.fixture
def staff(niger, mali):
    """Country staff assigned to Niger and Mali."""
    return UserFactory(username="staff", groups=[COUNTRY_STAFF], countries=[niger, mali])


@pytest.fixture
def other_staff(india):
    """Country staff assigned to India only."""
    return UserFactory(username="other_staff", groups=[COUNTRY_STAFF], countries=[india])


@pytest.fixture
def manager(strategy):
    return UserFactory(username="manager", groups=[MANAGERS])


@pytest.fixture
def outsider(db):
    """Signed in, but with no role."""
    return UserFactory(username="outsider")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
