"""Dates, times and file sizes in one format per language: British English for English,
French with "1er" for the first of the month and "Mo" for megabytes."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.dates import file_size, long_date, long_datetime


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("en", datetime.date(2019, 8, 11), "11 Aug 2019"),
        ("en", datetime.date(2019, 8, 1), "1 Aug 2019"),
        ("fr", datetime.date(2019, 8, 11), "11 août 2019"),
        ("fr", datetime.date(2019, 8, 1), "1er août 2019"),
    ],
)
def test_dates_follow_the_readers_language(language, day, expected):
    with translation.override(language):
        assert long_date(day) == expected


def test_times_are_on_the_24_hour_clock_in_the_readers_time_zone(settings):
    settings.TIME_ZONE = "Europe/London"
    moment = datetime.datetime(2019, 8, 1, 21, 19, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert long_datetime(moment) == "1 Aug 2019, 22:19"
    with translation.override("fr"):
        assert long_datetime(moment) == "1er août 2019, 22:19"


def test_a_template_shows_dates_in_british_english_without_loading_anything():
    with translation.override("en"):
        html = Template("{{ day|long_date }} · {{ day|date:'SHORT_DATE_FORMAT' }}").render(
            Context({"day": datetime.date(2020, 2, 14)})
        )
    assert html == "14 Feb 2020 · 14/02/2020"


@pytest.mark.parametrize(
    ("language", "size", "expected"),
    [
        ("en", 10 * 1024 * 1024, "10\xa0MB"),
        ("fr", 10 * 1024 * 1024, "10\xa0Mo"),
        ("en", 2_621_440, "2.5\xa0MB"),
        ("fr", 2_621_440, "2,5\xa0Mo"),
        ("fr", 800 * 1024, "800\xa0Ko"),
        ("en", 12, "12\xa0bytes"),
    ],
)
def test_file_sizes_read_as_people_say_them(language, size, expected):
    with translation.override(language):
        assert file_size(size) == expected
