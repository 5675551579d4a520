"""Judging each row of a file: new, update, unchanged, locked or error, with the reason
of each error by column.

Every row goes through the evidence form itself (`RowForm` is `EvidenceForm`), so the
rules of the web form and of an import cannot drift apart: the author's countries, the
chosen strategy's sub-objectives and dates, the text validator, a source… What the form
would ask the database for each row (the author's countries, the strategy's
sub-objectives, the strategies open for evidence) is read once per file instead.
"""

import copy
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.text import single_line
from countries.models import Country
from evidence import access
from evidence.forms import EvidenceForm
from evidence.models import Evidence
from objectives.models import Strategy, SubObjective

from . import cells
from .columns import BY_KEY, REFERENCE, YES_NO_FIELDS
from .models import Reference, RowStatus

CHUNK = 500
EVIDENCE_FIELDS = [name for name in EvidenceForm._meta.fields if name != "attachment"]
REFERENCE_MAX_LENGTH = Reference._meta.get_field("reference").max_length
WHOLE_ROW = "—"
# What an update may change, kept as it was so that undoing the import puts it back.
SNAPSHOT_FIELDS = [Evidence._meta.get_field(name) for name in [*EVIDENCE_FIELDS, "status"]]


class Prepared:
    """What every row's form needs, read once per file for `user` and `strategy`."""

    def __init__(self, *, user, strategy):
        self.user, self.strategy = user, strategy
        self.open_strategies = list(Strategy.objects.open_for_evidence(timezone.localdate()))
        self.countries = {country.pk: country for country in Country.objects.assigned_to(user)}
        sub_objectives = SubObjective.objects.of_strategy(strategy).select_related(
            "objective__strategy"
        )
        self.sub_objectives = {sub.pk: sub for sub in sub_objectives}
        self.sub_objective_by_code = {sub.code: sub.pk for sub in self.sub_objectives.values()}
        self.country_by_name = _country_names()
        self.choices = {
            "level": cells.choice_names(Evidence.Level.choices),
            "kind": cells.choice_names(Evidence.Kind.choices),
            "rating": cells.choice_names(Evidence.Rating.choices),
        }


def _country_names():
    """{ISO code or name in English or French, normalised: country pk} for every country."""
    names = {}
    for country in Country.objects.all():
        names[cells.normalise(country.code.code)] = country.pk
        names[cells.normalise(country.code.alpha3)] = country.pk
        for language in ("en", "fr"):
            with translation.override(language):
                names[cells.normalise(country.code.name)] = country.pk
    return names


class RowForm(EvidenceForm):
    """The evidence form, answering from `Prepared` what it would otherwise ask the
    database for each row. Made once per file (`for_file`) and copied for each row
    (`for_row`): setting up its fields is most of a form's cost, and is the same for
    every row of a file."""

    def __init__(self, *args, prepared, **kwargs):
        self.prepared = prepared
        super().__init__(*args, **kwargs)
        for name, known in (
            ("country", prepared.countries),
            ("sub_objective", prepared.sub_objectives),
        ):
            self.fields[name].to_python = _lookup(self.fields[name], known)

    @classmethod
    def for_file(cls, prepared):
        data = {"strategy": str(prepared.strategy.pk)}
        return cls(data, instance=Evidence(), user=prepared.user, prepared=prepared)

    def for_row(self, data, instance):
        """This form bound to a row's data and the item it creates or updates (an item
        keeps its strategy: rows naming an item of another strategy never get here)."""
        form = copy.copy(self)
        form.data, form.files, form.instance = data, {}, _no_constraint_queries(instance)
        form._errors, form._bound_fields_cache = None, {}
        form.original_attachment_name = None
        return form

    def _open_strategies(self):
        return self.prepared.open_strategies

    def _follow(self, strategy):
        # The list of choices is for the web page; a row is checked against `Prepared`.
        field = self.fields["sub_objective"]
        field.error_messages["invalid_choice"] = field.error_messages["invalid_choice"] % {
            "strategy": strategy
        }

    def _get_validation_exclusions(self):
        # Country and sub-objective were checked against the author's countries and the
        # strategy's sub-objectives just above: no need to ask the database they exist.
        return {*super()._get_validation_exclusions(), "country", "sub_objective"}


def _lookup(field, known):
    def to_python(value):
        if value in field.empty_values:
            return None
        try:
            return known[int(value)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice"
            ) from None

    return to_python


def _no_constraint_queries(instance):
    # The table's constraints (a known level, kind and rating, a source) are the form's
    # own checks above, and the database enforces them again on writing; asking it once
    # per row would make an import of thousands of rows thousands of queries slower.
    instance.validate_constraints = lambda exclude=None: None
    return instance


@dataclass
class RowResult:
    number: int
    status: str
    reference: str = ""
    title: str = ""
    problems: list = field(default_factory=list)  # [(column heading, message)]
    values: dict = field(default_factory=dict)  # the cells as text, for rows in error
    data: dict = field(default_factory=dict)  # the item's fields, for rows to write
    evidence: Evidence | None = None
    previous: dict = field(default_factory=dict)  # an updated item's fields before


class Checker:
    """Judges the rows of one file in order (a reference twice in a file is an error)."""

    def __init__(self, *, user, strategy, lock=False):
        self.prepared = Prepared(user=user, strategy=strategy)
        self.user, self.strategy, self.lock = user, strategy, lock
        self.seen = {}  # reference: row number
        self.form = RowForm.for_file(self.prepared)

    def check_all(self, rows):
        """`RowResult`s of `SourceRow`s, reading the items their references name once
        per chunk of rows."""
        rows = iter(rows)
        while chunk := list(islice(rows, CHUNK)):
            existing = self._existing(chunk)
            for row in chunk:
                yield self.check(row, existing)

    def _existing(self, chunk):
        wanted = {cells.text(row.values.get(REFERENCE)) for row in chunk} - {""}
        references = Reference.objects.filter(reference__in=wanted).select_related(
            "evidence__country", "evidence__sub_objective__objective__strategy"
        )
        if self.lock:
            references = references.select_for_update(of=("evidence",))
        return {(ref.country_id, ref.reference): ref.evidence for ref in references}

    def check(self, row, existing):
        result = RowResult(number=row.number, status=RowStatus.ERROR)
        result.values = {key: cells.text(value) for key, value in row.values.items()}
        result.title = result.values.get("title", "")[:200]
        problems = dict(row.problems)
        result.reference = self._reference(result.values.get(REFERENCE, ""), row, problems)
        data = self._form_data(row, problems)
        country_pk = data.get("country")
        evidence = existing.get((country_pk, result.reference)) if country_pk else None
        locked = evidence is not None and self._locked_reason(evidence)
        if locked:
            result.status, result.evidence = RowStatus.LOCKED, evidence
            result.problems = [(WHOLE_ROW, locked)]
            return result
        if evidence is not None:
            result.previous = {f.attname: f.value_to_string(evidence) for f in SNAPSHOT_FIELDS}
        form = self._form(data, evidence)
        for name, errors in form.errors.items():
            problems.setdefault(name, " ".join(errors))
        if problems:
            result.problems = [(_heading(name), message) for name, message in problems.items()]
            return result
        result.data, result.evidence = form.evidence_data(), evidence
        result.status = self._status(evidence, before=data.get("_before"), after=result.data)
        return result

    def _reference(self, reference, row, problems):
        if not reference:
            problems.setdefault(REFERENCE, _("Give each row a reference of your own."))
            return ""
        try:
            single_line(reference)
        except ValidationError as error:
            problems.setdefault(REFERENCE, cells.cell_error_message(error))
            return ""
        if len(reference) > REFERENCE_MAX_LENGTH:
            problems.setdefault(
                REFERENCE,
                _("A reference has at most %(limit)s characters.")
                % {"limit": REFERENCE_MAX_LENGTH},
            )
            return ""
        if reference in self.seen:
            problems.setdefault(
                REFERENCE,
                _("This reference is also on row %(row)s: each reference once per file.")
                % {"row": self.seen[reference]},
            )
            return ""
        self.seen[reference] = row.number
        return reference

    def _form_data(self, row, problems):
        """The evidence form's data from a row's cells; a cell that cannot mean anything is
        a problem of its column, and is left out of the form."""
        data = {"strategy": str(self.strategy.pk)}
        for key, value in row.values.items():
            if key == REFERENCE or key in problems:
                continue
            try:
                typed = self._typed(key, value)
            except cells.CellError as error:
                problems[key] = cells.cell_error_message(error)
                continue
            if typed not in ("", None, False):
                data[key] = typed
        return data

    def _typed(self, key, value):
        if key in YES_NO_FIELDS:
            return "on" if cells.yes_no(value) else False
        if key == "date":
            date = cells.date(value)
            return date.isoformat() if date else ""
        if key == "country":
            return self._country(value)
        if key == "sub_objective":
            code = cells.sub_objective_code(value)
            known = self.prepared.sub_objective_by_code.get(code)
            return known if known is not None else cells.text(value)
        if key in self.prepared.choices:
            return cells.choice(value, self.prepared.choices[key])
        return cells.text(value)

    def _country(self, value):
        typed = cells.text(value)
        if not typed:
            return ""
        found = self.prepared.country_by_name.get(cells.normalise(typed))
        if found is None:
            raise cells.CellError(
                _("“%(typed)s” is not a country we know: give its ISO code (NE) or its name.")
                % {"typed": typed}
            )
        return found

    def _locked_reason(self, evidence):
        """Why an import may not change the item a reference names, or None."""
        if evidence.sub_objective.objective.strategy_id != self.strategy.pk:
            return _("This reference is an item of %(strategy)s: import it under that one.") % {
                "strategy": evidence.sub_objective.objective.strategy
            }
        if evidence.status == Evidence.Status.VERIFIED:
            return _("Verified: an import never changes verified evidence.")
        if evidence.author_id != self.user.pk:
            return _("Logged by someone else: only its author can change it.")
        if not access.can_edit(self.user, evidence):
            return _("Waiting for verification: it cannot be changed until it is returned.")
        return None

    def _form(self, data, evidence):
        if evidence is not None:
            data["_before"] = {name: getattr(evidence, name) for name in EVIDENCE_FIELDS}
            data["version"] = evidence.version
        form = self.form.for_row(data, evidence if evidence is not None else Evidence())
        form.is_valid()
        return form

    @staticmethod
    def _status(evidence, *, before, after):
        if evidence is None:
            return RowStatus.NEW
        changed = any(before[name] != value for name, value in after.items())
        return RowStatus.UPDATE if changed else RowStatus.UNCHANGED


def _heading(name):
    column = BY_KEY.get(name)
    return column.heading() if column is not None else WHOLE_ROW
