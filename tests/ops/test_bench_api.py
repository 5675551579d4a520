"""The read API benchmark (bench_api) measures what docs/performance.md reports."""

import io
import json

from django.core.management import call_command


def test_the_api_benchmark_measures_pages_at_both_ends_and_the_rollup(strategy):
    out = io.StringIO()
    call_command("bench_api", sizes=[150], repeat=2, as_json=True, stdout=out)
    report = json.loads(out.getvalue())
    (result,) = report["results"]
    assert result["evidence"] == 150
    measured = [row["what"] for row in result["rows"]]
    assert len(measured) == 5
    assert any("first page" in what for what in measured)
    assert any("last page" in what for what in measured)
    assert measured[-1].startswith("roll-up")
    pages = [row for row in result["rows"] if row["what"].startswith("evidence")]
    manager_pages = [row["queries"] for row in pages if row["what"].endswith("manager")]
    assert len(set(manager_pages)) == 1
    assert all(row["p50_ms"] > 0 and row["compared_p50_ms"] > 0 for row in result["rows"])
    assert set(report["targets_met_at_largest_size"]) == {
        "pages_p50_under_100_ms",
        "page_queries_constant",
        "rollup_no_slower_than_dashboard",
    }
