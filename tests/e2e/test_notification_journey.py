"""A return and its answer, by email, in a real browser: grace returns an item; aminata,
who works in French, receives the email (read from a real SMTP server), follows its link,
answers and resubmits; grace verifies it from a filtered queue with the bulk action."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from core.roles import COUNTRY_STAFF, MANAGERS
from countries.models import Country
from evidence import services
from evidence.models import Evidence
from objectives.models import SubObjective
from tests.factories import UserFactory
from tests.mail import serve, subject_of, text_of

REASON = "Ajoutez la référence du Journal officiel."
ANSWER = "C’est fait : Journal officiel du 12 mars 2019, page 4."


@pytest.fixture
def smtp(settings, live_server):
    mailbox, controller = serve(settings, site_url=live_server.url)
    yield mailbox
    controller.stop()


@pytest.fixture
def people(strategy):
    niger, mali = Country.objects.get(code="NE"), Country.objects.get(code="ML")
    grace = UserFactory(username="grace", first_name="Grace", last_name="Okafor", groups=[MANAGERS])
    aminata = UserFactory(
        username="aminata",
        first_name="Aminata",
        last_name="Diallo",
        language="fr",
        groups=[COUNTRY_STAFF],
        countries=[niger, mali],
    )
    return grace, aminata, niger, mali


def submit(author, country, title):
    return services.create_evidence(
        author=author,
        submit=True,
        data={
            "date": datetime.date(2019, 3, 12),
            "country": country,
            "sub_objective": SubObjective.objects.order_by("pk").first(),
            "title": title,
            "description": "Le code pénal nomme désormais l’esclavage par ascendance.",
            "level": Evidence.Level.NATIONAL,
            "kind": Evidence.Kind.LAW,
            "rating": Evidence.Rating.SIGNIFICANT,
            "source_url": "https://example.org/reports/2019-03",
        },
    )


def test_a_return_is_emailed_in_french_answered_resubmitted_and_verified_in_bulk(
    new_page, smtp, run_queued_tasks, people, live_server, screenshot
):
    grace, aminata, niger, mali = people
    item = submit(aminata, niger, "Le parlement criminalise l’esclavage")
    submit(aminata, mali, "Une autre preuve, au Mali")
    run_queued_tasks()
    smtp.received.clear()

    boss = new_page(grace)
    boss.goto(f"/evidence/{item.pk}/")
    boss.get_by_label("Reason for returning it").fill(REASON)
    boss.get_by_role("button", name="Return to the author").click()
    expect(boss.get_by_role("status").first).to_have_text(
        "Evidence returned to its author with your reason."
    )
    run_queued_tasks()

    email = smtp.only_to(aminata)
    assert subject_of(email) == (
        "Grace Okafor vous a renvoyé «\xa0Le parlement criminalise l’esclavage\xa0» (Niger)."
    )
    text = text_of(email)
    assert text.startswith("Bonjour Aminata,") and REASON in text
    link = re.search(rf"{re.escape(live_server.url)}/evidence/\d+/", text).group(0)
    assert link == f"{live_server.url}/evidence/{item.pk}/"

    author = new_page(aminata, locale="fr-FR")
    author.goto(link)
    conversation = author.get_by_role("region", name="Conversation")
    expect(conversation).to_contain_text(REASON)
    author.get_by_label("Votre réponse (facultative)").fill(ANSWER)
    screenshot(author, "journey-d-1-answer-in-french")
    author.get_by_role("button", name="Soumettre à nouveau pour vérification").click()
    expect(author.get_by_role("status").first).to_have_text("Preuve soumise pour vérification.")
    expect(author.get_by_role("region", name="Conversation")).to_contain_text(ANSWER)

    boss.goto("/evidence/queue/")
    boss.get_by_text("Filters", exact=True).click()
    boss.get_by_label("Country", exact=True).select_option(label="Niger")
    boss.get_by_role("button", name="Show the queue").click()
    boss.get_by_label("Select “Le parlement criminalise l’esclavage”").check()
    expect(boss.get_by_label("Select “Une autre preuve, au Mali”")).to_have_count(0)
    screenshot(boss, "journey-d-2-filtered-queue")
    boss.get_by_role("button", name="Verify the items ticked").click()
    expect(boss.get_by_role("status").first).to_have_text(
        "1 item verified: it now counts on the dashboard."
    )
    expect(boss).to_have_url(re.compile(r"/evidence/queue/\?.*country="))
    item.refresh_from_db()
    assert item.status == Evidence.Status.VERIFIED

    run_queued_tasks()
    # The manager heard of the resubmission and of the answer; the author of the verification.
    assert any(ANSWER in text_of(message) for message in smtp.to(grace))
    assert "a vérifié" in subject_of(smtp.to(aminata)[-1])
