"""A place's reviews and the comparison grid download as CSV and XLSX."""

import datetime

from django.urls import reverse

from ..tables import read_download

DAY = datetime.date(2019, 3, 1)


def _csv(response):
    table = read_download(response)
    return [table.header, *table.rows]


def test_a_places_reviews_download_as_csv(client_for, staff, tahoua, make_review, topic_areas):
    review = make_review(tahoua, DAY, [0, 4])
    review.scores.filter(topic_area=topic_areas[0]).update(note='=HYPERLINK("x")')
    response = client_for(staff).get(reverse("resilience:place_export", args=[tahoua.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = _csv(response)
    assert header[:5] == ["Country", "Place", "Review date", "Stage of the cycle", "Topic area"]
    assert [row[4:8] for row in rows] == [
        [topic_areas[0].name, "Individual", "0", "Serious gap"],
        [topic_areas[1].name, "Individual", "4", "Strong asset"],
    ]
    # A note that looks like a formula is not run by a spreadsheet program.
    assert rows[0][8] == '\'=HYPERLINK("x")'


def test_the_comparison_grid_downloads_as_xlsx(
    client_for, manager, tahoua, sangrur, make_review, topic_areas
):
    make_review(tahoua, DAY, [1, 3])
    response = client_for(manager).get(
        reverse("resilience:compare_export", args=["xlsx"]), {"country": tahoua.country.pk}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    table = read_download(response)
    rows = [table.header, *table.rows]
    assert table.title == "Resilience comparison: Niger"
    assert rows[0][:6] == [
        "Country",
        "Place",
        "Latest review",
        "Stage of the cycle",
        topic_areas[0].name,
        topic_areas[1].name,
    ]
    assert len(rows) == 2  # Sangrur is in India
    assert rows[1][1] == "Tahoua"
    assert rows[1][4:7] == ["Gap", "Asset", ""]


def test_an_unknown_export_format_is_not_found(client_for, manager, tahoua):
    client = client_for(manager)
    assert (
        client.get(reverse("resilience:place_export", args=[tahoua.pk, "pdf"])).status_code == 404
    )
    assert client.get(reverse("resilience:compare_export", args=["json"])).status_code == 404
