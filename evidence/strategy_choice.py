"""The strategy new evidence is filed under, for the evidence form (`EvidenceForm`).

New evidence goes under one of the strategies open for evidence: the author chooses it in
`strategy` when several are open; when one is, it is implied and shown. An item being
edited keeps its own. The sub-objectives and dates the form offers follow that strategy,
and nothing the author typed moves the item to another: a sub-objective of another
strategy is a field error, a date outside the chosen one's period an error naming it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import long_date
from objectives.models import Strategy, SubObjective

from .models import Evidence, check_date_in_period, evidence_dates

NOTHING_CHOSEN = _("Choose a strategy first")


def offered_dates(strategy):
    """The dates to offer under `strategy`: its period and margin, up to today."""
    earliest, latest = evidence_dates(strategy)
    return earliest, min(latest, timezone.localdate())


def date_help(strategy):
    earliest, latest = offered_dates(strategy)
    return _(
        "When it happened, not today: between %(earliest)s and %(latest)s for %(strategy)s."
    ) % {"earliest": long_date(earliest), "latest": long_date(latest), "strategy": strategy}


def grouped_sub_objectives(sub_objectives):
    """Sub-objectives as <optgroup>s by objective, from one query."""
    groups = {}
    for sub in sub_objectives:
        groups.setdefault(str(sub.objective), []).append((sub.pk, f"{sub.code} {sub.label}"))
    return [("", _("Choose a sub-objective")), *groups.items()]


class StrategyChoice(forms.Form):
    """The strategy part of the evidence form: call `choose_strategy()` once its fields
    exist (the form's `date` and `sub_objective` follow the strategy chosen)."""

    strategy = forms.ModelChoiceField(
        label=_("Strategy"),
        queryset=Strategy.objects.none(),
        empty_label=_("Choose a strategy"),
        help_text=_(
            "Several strategies are open for evidence: choose the one this change counts towards."
        ),
        error_messages={
            "required": _("Choose the strategy this change counts towards."),
            "invalid_choice": _("Choose one of the strategies open for evidence."),
        },
    )
    field_order = ["strategy"]

    def choose_strategy(self, *, kept=None):
        """Settle `chosen_strategy`: `kept` (an edited item's), else the only open one, else
        the open one chosen (posted, or offered first); None while none is."""
        self.open_strategies = [] if kept else list(self._open_strategies())
        self.chosen_strategy = kept or self._chosen()
        if len(self.open_strategies) < 2:
            del self.fields["strategy"]
        self._follow(self.chosen_strategy)

    def _open_strategies(self):
        strategies = Strategy.objects.open_for_evidence(timezone.localdate())
        self.fields["strategy"].queryset = strategies
        return strategies

    def _chosen(self):
        if len(self.open_strategies) == 1:
            return self.open_strategies[0]
        if self.is_bound:
            choice = self.data.get(self.add_prefix("strategy"))
        else:
            choice = self.get_initial_for_field(self.fields["strategy"], "strategy")
        choice = getattr(choice, "pk", choice)
        return next((s for s in self.open_strategies if str(s.pk) == str(choice)), None)

    def _follow(self, strategy):
        """Offer the sub-objectives and dates of `strategy` (none while none is chosen)."""
        sub_objective = self.fields["sub_objective"]
        if strategy is None:
            sub_objective.queryset = SubObjective.objects.none()
            sub_objective.widget.choices = [("", NOTHING_CHOSEN)]
            sub_objective.error_messages["invalid_choice"] = NOTHING_CHOSEN
            return
        sub_objective.queryset = SubObjective.objects.of_strategy(strategy).select_related(
            "objective"
        )
        sub_objective.error_messages["invalid_choice"] = sub_objective.error_messages[
            "invalid_choice"
        ] % {"strategy": strategy}
        sub_objective.widget.choices = grouped_sub_objectives(sub_objective.queryset)
        earliest, latest = offered_dates(strategy)
        date = self.fields["date"]
        date.widget.attrs.update(min=earliest.isoformat(), max=latest.isoformat())
        date.help_text = date_help(strategy)

    @property
    def offers_strategy_choice(self):
        return "strategy" in self.fields

    def strategy_options(self):
        """For the page's script: each open strategy's sub-objectives and dates, so they
        follow the choice at once (without scripts, a button reloads the form instead)."""
        subs = SubObjective.objects.filter(
            objective__strategy__in=self.open_strategies
        ).select_related("objective")
        options = []
        for strategy in self.open_strategies:
            earliest, latest = offered_dates(strategy)
            own = (sub for sub in subs if sub.objective.strategy_id == strategy.pk)
            options.append(
                {
                    "strategy": strategy,
                    "choices": grouped_sub_objectives(own),
                    "date_min": earliest.isoformat(),
                    "date_max": latest.isoformat(),
                    "date_help": date_help(strategy),
                }
            )
        nothing_chosen = {
            "strategy": None,
            "choices": [("", NOTHING_CHOSEN)],
            "date_help": Evidence._meta.get_field("date").help_text,
        }
        return [*options, nothing_chosen]

    def clean(self):
        """The model checks the date against the chosen sub-objective's strategy; until one
        is chosen, check it against the chosen strategy, so the author hears at once."""
        cleaned = super().clean()
        date = cleaned.get("date")
        early = self.chosen_strategy and date and "sub_objective" not in cleaned
        if early and date <= timezone.localdate():  # a future date has its own message
            try:
                check_date_in_period(date, self.chosen_strategy)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    @classmethod
    def shown_again(cls, data, **kwargs):
        """The form re-shown for the strategy just chosen, with what was typed and no
        judgement of it: nothing is checked or saved until the author saves."""
        typed = {name: value for name, value in data.items() if name in cls.base_fields}
        return cls(initial=typed, **kwargs)
