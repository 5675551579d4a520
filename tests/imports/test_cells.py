"""Cell values: forgiving about form, strict about meaning (property-based where it can)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.models import Evidence
from imports import cells

dates = st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31))


@given(dates)
def test_a_date_cell_iso_text_and_day_first_text_all_give_the_date(date):
    assert cells.date(date) == date
    assert cells.date(datetime.datetime.combine(date, datetime.time())) == date
    assert cells.date(f"  {date.isoformat()} ") == date
    assert cells.date(f"{date.day:02d}/{date.month:02d}/{date.year}") == date
    assert cells.date(f"{date.day}.{date.month}.{date.year}") == date


def test_day_first_never_month_first():
    assert cells.date("01/03/2019") == datetime.date(2019, 3, 1)
    with pytest.raises(cells.CellError, match="not a date"):
        cells.date("03/25/2019")  # month first: no 25th month


@pytest.mark.parametrize(
    "typed",
    ["31/02/2019", "2019-02-30", "00/01/2019", "March 2019", "2019", "1er mars", "tomorrow"],
)
def test_impossible_dates_are_errors(typed):
    with pytest.raises(cells.CellError, match="not a date"):
        cells.date(typed)


@pytest.mark.parametrize("typed", ["01/03/19", "1/3/19"])
def test_two_digit_years_are_ambiguous(typed):
    with pytest.raises(cells.CellError, match="ambiguous"):
        cells.date(typed)


@given(st.integers(min_value=-(10**6), max_value=10**6) | st.floats(allow_nan=False))
def test_a_number_is_never_taken_for_a_date(number):
    with pytest.raises(cells.CellError, match="number, not a date"):
        cells.date(number)


def test_an_empty_date_is_none():
    assert cells.date("  ") is None
    assert cells.date(None) is None


@given(st.sampled_from(["yes", "Yes ", "OUI", "oui", "x", "1", "TRUE", "Vrai"]))
def test_yes_in_either_language(typed):
    assert cells.yes_no(typed) is True


@given(st.sampled_from(["no", "Non", "", None, "0", "false", "FAUX"]))
def test_no_in_either_language_and_empty_is_no(typed):
    assert cells.yes_no(typed) is False


@given(st.text(min_size=1).filter(lambda t: cells.normalise(t) not in cells.YES | cells.NO))
def test_anything_else_is_not_a_yes_or_no(typed):
    with pytest.raises(cells.CellError):
        cells.yes_no(typed)


@given(st.text())
def test_text_is_trimmed_and_never_fails(typed):
    assert cells.text(typed) == typed.strip()


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_numbers_read_as_text_lose_their_decimal_point(number):
    assert cells.text(float(number)) == str(number)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("national", "national"),
        ("National", "national"),
        ("  LOCAL / GRASSROOTS ", "local"),
        ("Local / communautaire", "local"),
        ("Loi adoptée ou modifiée", "law"),
        ("Law adopted or amended", "law"),
        ("Changement significatif", "3"),
        ("Significant change", "3"),
        (2.0, "2"),
        ("no such thing", "no such thing"),
    ],
)
def test_choices_by_value_or_label_in_either_language(typed, stored):
    names = {
        **cells.choice_names(Evidence.Level.choices),
        **cells.choice_names(Evidence.Kind.choices),
        **cells.choice_names(Evidence.Rating.choices),
    }
    assert cells.choice(typed, names) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [("1.2", "1.2"), (1.2, "1.2"), ("2.3 Some label", "2.3"), (" 3 . 1 ", "3.1"), ("x", None)],
)
def test_sub_objective_codes(typed, code):
    assert cells.sub_objective_code(typed) == code
