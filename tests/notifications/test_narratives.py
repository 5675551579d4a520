"""A narrative approved or returned is emailed to whoever submitted it, with the reason,
through a real SMTP server; no one else hears of it."""

from reports import services
from tests.factories import UserFactory

from .conftest import SITE_URL, subject_of, text_of


def submit(staff, niger, strategy):
    return services.save_narrative(
        actor=staff,
        strategy=strategy,
        country=niger,
        year=2018,
        text_en="Prosecutions began.",
        text_fr="",
        version=0,
        submit=True,
    )


def test_the_author_hears_a_narrative_returned_with_the_reason(
    smtp, run_tasks, staff, manager, niger, strategy
):
    narrative = submit(staff, niger, strategy)
    services.return_narrative(narrative=narrative, actor=manager, reason="Add the dates.")
    run_tasks()
    message = smtp.only_to(staff)
    assert subject_of(message) == f"{manager} returned your narrative of Niger, 2018."
    assert "Add the dates." in text_of(message)
    assert f"{SITE_URL}/reports/narratives/{narrative.pk}/" in text_of(message)
    assert not smtp.to(manager)


def test_the_author_hears_a_narrative_approved_and_other_staff_do_not(
    smtp, run_tasks, staff, manager, niger, strategy
):
    colleague = UserFactory(username="colleague", groups=["Country staff"], countries=[niger])
    narrative = submit(staff, niger, strategy)
    services.approve_narrative(narrative=narrative, actor=manager)
    run_tasks()
    assert "it appears in the report" in subject_of(smtp.only_to(staff))
    assert not smtp.to(colleague)
