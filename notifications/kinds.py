"""The kinds of notification: who hears about what, and how an email says it.

A kind is registered here once (`register`) and is then offered on the preferences page,
its receivers or reminder run create its notifications, and its lines go into emails.
Events reach this app through the signals of the apps below it (`receivers.py`), which
queue `tasks.fan_out(kind, object_id)`; the kind then reads the event (`event`), says who
hears of it (`recipients`) and under which key (`key`: one notification per recipient
and key, ever). A new kind (a narrative to approve, an import that needs action) is a
subclass of `Kind` registered here, plus a receiver of its app's signal.

When an email is written, each kind turns its notifications into lines (`lines`), in the
recipient's language, checking again that the recipient may still see what each is
about: something they may no longer see is left out. A confidential item is named by its
number and country alone, never by its title or content.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.roles import COUNTRY_STAFF, MANAGERS, roles_of
from evidence import access
from evidence.models import Comment, Evidence, Transition, could_see
from imports.models import Batch
from reports.models import Narrative, NarrativeTransition

from .models import Delivery

KINDS = {}


def register(cls):
    """Class decorator: make `cls` a kind of notification (one instance, by its slug)."""
    KINDS[cls.slug] = cls()
    return cls


def absolute(path):
    """A link for an email: the site's address (SITE_URL) and `path`."""
    return f"{settings.SITE_URL}{path}"


@dataclass(frozen=True)
class Line:
    """What an email says of one notification: a sentence, a link, and maybe a quote
    (a return's reason, a comment)."""

    text: str
    url: str
    quote: str = ""


def item_name(evidence):
    """An item as an email names it: a confidential one by its number and country alone."""
    if evidence.confidential:
        return _("confidential item no. %(number)s (%(country)s)") % {
            "number": evidence.pk,
            "country": evidence.country,
        }
    return _("“%(title)s” (%(country)s)") % {"title": evidence.title, "country": evidence.country}


def quote(evidence, text):
    """What an email quotes of a reason or a comment: nothing for a confidential item."""
    return "" if evidence.confidential else text


def active_with_email():
    return User.objects.filter(is_active=True).exclude(email="")


def managers_following(country):
    """Managers who follow `country`, or follow no country in particular (so all)."""
    return (
        active_with_email()
        .filter(groups__name=MANAGERS)
        .filter(Q(followed_countries__isnull=True) | Q(followed_countries__country=country))
        .distinct()
    )


def staff_of(country):
    return active_with_email().filter(
        groups__name=COUNTRY_STAFF, country_assignments__country=country
    )


class Kind:
    slug = ""
    label = ""  # on the preferences page and as a heading in digests
    help_text = ""
    # Who is offered the choice: "managers", "staff" or "everyone" with a role.
    audience = "everyone"
    default = Delivery.IMMEDIATELY
    reminder = False  # made by the daily run (`reminders.py`) rather than by an event

    def offered_to(self, user):
        roles = roles_of(user)
        return {
            "managers": roles.is_manager,
            "staff": roles.is_country_staff,
            "everyone": roles.is_manager or roles.is_country_staff,
        }[self.audience]

    # For event kinds.
    def event(self, object_id):
        raise NotImplementedError

    def recipients(self, event):
        raise NotImplementedError

    def key(self, event):
        return f"{self.slug}:{event.pk}"

    def about(self, event):
        """(evidence, country) the event is about, either may be None."""
        return event.evidence, None

    # For every kind.
    def lines(self, recipient, notifications):
        raise NotImplementedError


class TransitionKind(Kind):
    """An item moved to `status`; an email says so in `sentence` (with who and the item)."""

    status = ""
    sentence = ""

    def event(self, object_id):
        return (
            Transition.objects.select_related("actor", "evidence__country", "evidence__author")
            .filter(pk=object_id, to_status=self.status)
            .first()
        )

    def lines(self, recipient, notifications):
        transitions = Transition.objects.select_related("actor").in_bulk(
            [notification.object_id for notification in notifications]
        )
        lines = []
        for notification in notifications:
            evidence, transition = notification.evidence, transitions.get(notification.object_id)
            if transition is not None and could_see(recipient, evidence):
                lines.append(self.line(evidence, transition))
        return lines

    def line(self, evidence, transition):
        text = self.sentence % {"who": transition.actor, "item": item_name(evidence)}
        return Line(text, absolute(evidence.get_absolute_url()))


class ToTheAuthor(TransitionKind):
    """Told to the item's author (unless they made the change themselves)."""

    audience = "staff"

    def recipients(self, transition):
        author = transition.evidence.author_id
        return active_with_email().filter(pk=author).exclude(pk=transition.actor_id)


@register
class Submitted(TransitionKind):
    slug = "submitted"
    status = Evidence.Status.SUBMITTED
    label = gettext_lazy("Evidence submitted for verification")
    help_text = gettext_lazy("When staff submit evidence of the countries you follow.")
    audience = "managers"
    sentence = gettext_lazy("%(who)s submitted %(item)s for verification.")

    def recipients(self, transition):
        return managers_following(transition.evidence.country).exclude(pk=transition.actor_id)


@register
class Returned(ToTheAuthor):
    slug = "returned"
    status = Evidence.Status.RETURNED
    label = gettext_lazy("Your evidence returned to you")
    help_text = gettext_lazy("When a manager returns an item of yours, with the reason.")
    sentence = gettext_lazy("%(who)s returned %(item)s to you.")

    def line(self, evidence, transition):
        line = super().line(evidence, transition)
        if evidence.confidential:
            return Line(f"{line.text} {_('Open it to read the reason.')}", line.url)
        return Line(line.text, line.url, transition.reason)


@register
class Verified(ToTheAuthor):
    slug = "verified"
    status = Evidence.Status.VERIFIED
    label = gettext_lazy("Your evidence verified")
    help_text = gettext_lazy("When a manager verifies an item of yours.")
    sentence = gettext_lazy("%(who)s verified %(item)s: it now counts on the dashboard.")


@register
class Commented(Kind):
    slug = "comment"
    label = gettext_lazy("Comments on evidence")
    help_text = gettext_lazy(
        "When someone writes in the conversation on an item of yours or one you acted on."
    )

    def event(self, object_id):
        return (
            Comment.objects.select_related("author", "evidence__country")
            .filter(pk=object_id)
            .first()
        )

    def recipients(self, comment):
        """The others who take part: the item's author, and the managers who returned,
        verified or commented on it (when the author writes and none has yet, those who
        follow its country), who could see the item when the comment was written."""
        evidence = comment.evidence
        acted = Transition.objects.filter(
            evidence=evidence,
            to_status__in=[Evidence.Status.RETURNED, Evidence.Status.VERIFIED],
        ).values("actor")
        commented = Comment.objects.filter(evidence=evidence).values("author")
        managers = active_with_email().filter(groups__name=MANAGERS)
        people = set(managers.filter(Q(pk__in=acted) | Q(pk__in=commented)))
        if comment.author_id == evidence.author_id and not people:
            people = set(managers_following(evidence.country))
        people.update(active_with_email().filter(pk=evidence.author_id))
        people.discard(comment.author)
        return [user for user in people if access.can_read_comment(user, comment)]

    def lines(self, recipient, notifications):
        comments = Comment.objects.select_related("author").in_bulk(
            [notification.object_id for notification in notifications]
        )
        lines = []
        for notification in notifications:
            comment = comments.get(notification.object_id)
            if comment is None:
                continue
            comment.evidence = evidence = notification.evidence
            if could_see(recipient, evidence) and access.can_read_comment(recipient, comment):
                text = _("%(who)s commented on %(item)s.") % {
                    "who": comment.author,
                    "item": item_name(evidence),
                }
                url = absolute(f"{evidence.get_absolute_url()}#conversation")
                lines.append(Line(text, url, quote(evidence, comment.text)))
        return lines


@register
class ImportReady(Kind):
    """A large file, read in the background, waits for its importer to confirm it."""

    slug = "import-ready"
    label = gettext_lazy("Your imports ready to confirm")
    help_text = gettext_lazy(
        "When a large spreadsheet you uploaded has been read and its preview waits for you."
    )
    audience = "staff"

    def event(self, object_id):
        return Batch.objects.filter(pk=object_id, status=Batch.Status.PREVIEWED).first()

    def recipients(self, batch):
        return active_with_email().filter(pk=batch.user_id)

    def about(self, batch):
        return None, None

    def lines(self, recipient, notifications):
        batches = Batch.objects.of(recipient).in_bulk(
            [notification.object_id for notification in notifications]
        )
        lines = []
        for notification in notifications:
            batch = batches.get(notification.object_id)
            if batch is not None and batch.status == Batch.Status.PREVIEWED:
                text = _(
                    "Your import of %(file)s is read: %(new)s new, %(updated)s to update, "
                    "%(errors)s in error. Check the preview, then confirm it."
                ) % {
                    "file": batch.file_name,
                    "new": batch.new,
                    "updated": batch.updated,
                    "errors": batch.errors,
                }
                lines.append(Line(text, absolute(batch.get_absolute_url())))
        return lines


class NarrativeToTheAuthor(Kind):
    """A manager approved or returned a narrative: told to whoever last submitted it."""

    audience = "staff"
    status = ""
    sentence = ""

    def event(self, object_id):
        return (
            NarrativeTransition.objects.select_related("actor", "narrative__country")
            .filter(pk=object_id, to_status=self.status)
            .first()
        )

    def about(self, transition):
        return None, transition.narrative.country

    def recipients(self, transition):
        author = transition.narrative.author_id
        return active_with_email().filter(pk=author).exclude(pk=transition.actor_id)

    def lines(self, recipient, notifications):
        transitions = NarrativeTransition.objects.select_related(
            "actor", "narrative__country"
        ).in_bulk([notification.object_id for notification in notifications])
        visible = set(Narrative.objects.visible_to(recipient).values_list("pk", flat=True))
        lines = []
        for notification in notifications:
            transition = transitions.get(notification.object_id)
            if transition is not None and transition.narrative_id in visible:
                lines.append(self.line(transition))
        return lines

    def line(self, transition):
        narrative = transition.narrative
        text = self.sentence % {
            "who": transition.actor,
            "country": narrative.country,
            "year": narrative.year,
        }
        return Line(text, absolute(narrative.get_absolute_url()), transition.reason)


@register
class NarrativeReturned(NarrativeToTheAuthor):
    slug = "narrative-returned"
    status = Narrative.Status.RETURNED
    label = gettext_lazy("Your narrative returned to you")
    help_text = gettext_lazy("When a manager returns a narrative you submitted, with the reason.")
    sentence = gettext_lazy("%(who)s returned your narrative of %(country)s, %(year)s.")


@register
class NarrativeApproved(NarrativeToTheAuthor):
    slug = "narrative-approved"
    status = Narrative.Status.APPROVED
    label = gettext_lazy("Your narrative approved")
    help_text = gettext_lazy("When a manager approves a narrative you submitted.")
    sentence = gettext_lazy(
        "%(who)s approved your narrative of %(country)s, %(year)s: it appears in the report."
    )
