"""The reminders the daily run makes (`manage.py send_reminders`): drafts left untouched,
items left waiting for verification, and reporting deadlines coming with nothing
submitted. How many days is a setting; the reporting periods are data.

Each reminder kind says what is due on a day (`due`) as notifications to record, each
under a key that names the reminder and its period, so a run repeated on the same day
(or after a crash) finds them recorded and adds none.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import long_date
from core.roles import MANAGERS
from countries.models import Country
from evidence.models import Evidence, Transition, could_see
from objectives.models import ReportingPeriod

from .kinds import Kind, Line, absolute, active_with_email, item_name, register, staff_of
from .models import FollowedCountry


@dataclass(frozen=True)
class Due:
    """A reminder to record: for whom, under which key, about what."""

    recipient_id: int
    key: str
    evidence_id: int | None = None
    country_id: int | None = None
    object_id: int | None = None


def _round(since, today, days):
    """Which reminder this is for something idle since `since`: 1 after `days` days, 2
    after twice as many…, so it is repeated every `days` days, once each time."""
    return (today - since).days // days


class Reminder(Kind):
    reminder = True

    def due(self, today):
        raise NotImplementedError


@register
class DraftReminder(Reminder):
    slug = "draft-reminder"
    label = gettext_lazy("Reminders of drafts left untouched")
    help_text = gettext_lazy("When a draft of yours has not changed for a while.")
    audience = "staff"

    def due(self, today):
        days = settings.REMIND_DRAFTS_AFTER_DAYS
        cutoff = today - datetime.timedelta(days=days)
        drafts = Evidence.objects.filter(status=Evidence.Status.DRAFT, updated_at__date__lte=cutoff)
        authors = set(active_with_email().values_list("pk", flat=True))
        for pk, author_id, version, updated in drafts.values_list(
            "pk", "author_id", "version", "updated_at"
        ):
            if author_id in authors:
                since = timezone.localdate(updated)
                key = f"{self.slug}:{pk}:{version}:{_round(since, today, days)}"
                yield Due(author_id, key, evidence_id=pk)

    def lines(self, recipient, notifications):
        return [
            Line(
                _("Your draft %(item)s has not changed since %(date)s.")
                % {
                    "item": item_name(n.evidence),
                    "date": long_date(timezone.localdate(n.evidence.updated_at)),
                },
                absolute(n.evidence.get_absolute_url()),
            )
            for n in notifications
            if n.evidence.status == Evidence.Status.DRAFT and could_see(recipient, n.evidence)
        ]


def _followers():
    """{manager id: ids of the countries they follow, empty for all}."""
    managers = active_with_email().filter(groups__name=MANAGERS).values_list("pk", flat=True)
    follows = {pk: set() for pk in managers}
    for user_id, country_id in FollowedCountry.objects.values_list("user_id", "country_id"):
        if user_id in follows:
            follows[user_id].add(country_id)
    return follows


@register
class WaitingReminder(Reminder):
    slug = "waiting-reminder"
    label = gettext_lazy("Reminders of evidence waiting for verification")
    help_text = gettext_lazy("When an item of the countries you follow has waited a while.")
    audience = "managers"

    def due(self, today):
        days = settings.REMIND_WAITING_AFTER_DAYS
        cutoff = today - datetime.timedelta(days=days)
        waiting = (
            Evidence.objects.awaiting_verification()
            .with_waiting_since()
            .filter(waiting_since__date__lte=cutoff)
            .values_list("pk", "country_id", "author_id", "waiting_since")
        )
        follows = _followers()
        for pk, country_id, author_id, since in waiting:
            since = timezone.localdate(since)
            key = f"{self.slug}:{pk}:{since:%Y%m%d}:{_round(since, today, days)}"
            for manager_id, countries in follows.items():
                if manager_id != author_id and (not countries or country_id in countries):
                    yield Due(manager_id, key, evidence_id=pk)

    def lines(self, recipient, notifications):
        waiting = Evidence.objects.with_waiting_since().in_bulk(
            [n.evidence_id for n in notifications]
        )
        lines = []
        for notification in notifications:
            evidence = waiting.get(notification.evidence_id)
            if evidence is None or evidence.status != Evidence.Status.SUBMITTED:
                continue
            evidence.country = notification.evidence.country
            if could_see(recipient, evidence):
                text = _("%(item)s has waited for verification since %(date)s.") % {
                    "item": item_name(evidence),
                    "date": long_date(timezone.localdate(evidence.waiting_since)),
                }
                lines.append(Line(text, absolute(evidence.get_absolute_url())))
        return lines


def submitted_in(period, countries):
    """Ids of those of `countries` with evidence of the period's strategy submitted
    between its start and its deadline."""
    return set(
        Transition.objects.filter(
            to_status=Evidence.Status.SUBMITTED,
            at__date__gte=period.starts_on,
            at__date__lte=period.deadline,
            evidence__sub_objective__objective__strategy_id=period.strategy_id,
            evidence__country__in=countries,
        ).values_list("evidence__country", flat=True)
    )


@register
class DeadlineReminder(Reminder):
    slug = "deadline-reminder"
    label = gettext_lazy("Reminders of reporting deadlines")
    help_text = gettext_lazy(
        "Before a reporting deadline, when a country of yours has nothing submitted in the period."
    )
    audience = "staff"

    def due(self, today):
        days = settings.REMIND_DEADLINE_DAYS_BEFORE
        for period in ReportingPeriod.objects.due_within(today, days):
            targets = list(Country.objects.filter(strategies=period.strategy_id))
            done = submitted_in(period, targets)
            for country in targets:
                if country.pk in done:
                    continue
                key = f"{self.slug}:{period.pk}:{country.pk}"
                for user_id in staff_of(country).values_list("pk", flat=True):
                    yield Due(user_id, key, country_id=country.pk, object_id=period.pk)

    def lines(self, recipient, notifications):
        periods = ReportingPeriod.objects.in_bulk([n.object_id for n in notifications])
        by_period = defaultdict(list)
        for notification in notifications:
            if notification.object_id in periods:
                by_period[periods[notification.object_id]].append(notification.country)
        lines = []
        for period, countries in by_period.items():
            done = submitted_in(period, countries)
            for country in countries:
                if country.pk not in done:
                    lines.append(self.line(period, country))
        return lines

    def line(self, period, country):
        text = _(
            "Nothing is submitted for %(country)s in the period %(period)s yet: its deadline "
            "is %(date)s."
        ) % {"country": country, "period": period.name, "date": long_date(period.deadline)}
        path = f"{reverse('evidence:new')}?country={country.code.code.lower()}"
        return Line(text, absolute(path))
