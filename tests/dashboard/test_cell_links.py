"""A matrix cell's link opens exactly the verified evidence behind the cell, as of the
dashboard's date, and the as-of date stays with the reader across the dashboard, its
drill-downs and the lists."""

import io
import re
from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from accounts.models import User
from evidence.models import Evidence
from objectives.models import Strategy
from progress import rollup

CELL_LINK = re.compile(r'<td class="cell [^"]+"><a href="([^"]+)"')
ITEM_LINK = re.compile(r'href="/evidence/(\d+)/"')


@override_settings(DEBUG=True)
class CellLinksOfTheDemoDashboardTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())
        cls.strategy = Strategy.objects.get(slug="2015-2020")
        cls.manager = User.objects.get(username="grace")

    def setUp(self):
        self.client.force_login(self.manager)

    def listed_items(self, url):
        """Ids of every item the evidence list shows at `url`, over all its pages."""
        ids, page = set(), ""
        while True:
            response = self.client.get(f"{url}{page}")
            ids |= {int(pk) for pk in ITEM_LINK.findall(response.content.decode())}
            if not response.context["page"].has_next:
                return ids
            page = f"&after={quote(response.context['page'].cursors['after'])}"

    def test_every_cells_link_lists_exactly_its_verified_evidence_at_every_year_end(self):
        checked = 0
        for year in self.strategy.years:
            as_of = rollup.year_end(year)
            html = self.client.get(
                reverse("dashboard:index"), {"as_of": as_of.isoformat()}
            ).content.decode()
            links = [unescape(link) for link in CELL_LINK.findall(html)]
            assert len(links) == 10 * 9
            for link in links:
                query = parse_qs(urlsplit(link).query)
                behind = set(
                    Evidence.objects.verified()
                    .filter(
                        country_id=query["country"][0],
                        sub_objective_id=query["sub_objective"][0],
                        date__lte=as_of,
                    )
                    .values_list("pk", flat=True)
                )
                assert self.listed_items(link) == behind, (year, query)
                checked += bool(behind)
        assert checked > 50  # most cells of the demo data have evidence by some year end

    def test_the_list_says_what_it_shows_with_its_filters_open(self):
        niger = self.strategy.target_countries.get(code="NE")
        sub = self.strategy.objectives.get(number=1).sub_objectives.get(number=1)
        html = self.client.get(
            reverse("evidence:list"),
            {
                "strategy": "2015-2020",
                "country": niger.pk,
                "sub_objective": sub.pk,
                "status": "verified",
                "date_to": "2015-12-31",
            },
        ).content.decode()
        summary = html[html.index('class="filter-summary"') :][:800]
        for shown in [
            "Country: Niger",
            f"Sub-objective: 1.1 {sub.label}",
            "Status: Verified",
            "Dated on or before: Dec. 31, 2015",
        ]:
            assert shown in summary
        assert '<details class="more-filters" open>' in html

    def test_the_as_of_date_is_kept_from_the_dashboard_to_the_drill_downs_and_back(self):
        html = self.client.get(reverse("dashboard:index"), {"as_of": "2016-12-31"}).content
        html = unescape(html.decode())
        niger = reverse("dashboard:country", args=["ne"])
        sub = self.strategy.objectives.get(number=1).sub_objectives.get(number=1)
        sub_url = reverse("dashboard:sub_objective", args=[sub.pk])
        kept = "strategy=2015-2020&as_of=2016-12-31"
        assert f"{niger}?{kept}" in html and f"{sub_url}?{kept}" in html

        for url in (niger, sub_url):
            page = self.client.get(url, {"strategy": "2015-2020", "as_of": "2016-12-31"})
            drill = unescape(page.content.decode())
            assert f"{reverse('dashboard:index')}?{kept}" in drill  # back to the dashboard
            assert "as of Dec. 31, 2016" in drill
            # Status columns stop at the as-of date; listed evidence is dated up to it.
            assert "End 2016" in drill and "End 2017" not in drill
            assert all(item.date.year <= 2016 for item in page.context["page"])

    def test_a_drill_down_as_of_a_day_in_the_year_ends_its_history_on_that_day(self):
        html = self.client.get(
            reverse("dashboard:country", args=["ne"]), {"as_of": "2018-06-30"}
        ).content.decode()
        assert "End 2017" in html and "End 2018" not in html
        assert "On 30/06/2018" in html or "On 06/30/2018" in html
