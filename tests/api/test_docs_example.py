"""The Python example of docs/api.md, run as written against a live server.

pandas itself is not installed for the tests (with numpy it would be the heaviest
dependency of the suite, for two lines of the example): a stand-in with the two calls the
example makes records what it is given. Everything else, the fetching, paging and reading
of the JSON, is the documentation's own code."""

import re
import sys
import types
from pathlib import Path

import pytest
from django.conf import settings

from ..factories import EvidenceFactory

DOC = Path(settings.BASE_DIR) / "docs" / "api.md"


class StandInFrame:
    def __init__(self, rows):
        self.rows = list(rows)

    def pivot(self, *, index, columns, values):
        return {(row[index], row[columns]): row[values] for row in self.rows}


def _python_example():
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.DOTALL)
    assert len(blocks) == 1
    return blocks[0]


# The live server commits; the rows the migrations made (content types, role groups) are
# put back after the test as they were, so later tests that restore them find no twins.
@pytest.mark.usefixtures("django_db_serialized_rollback")
def test_the_python_example_reads_every_page(
    live_server, strategy, manager, niger, token_for, monkeypatch, capsys
):
    items = [EvidenceFactory(country=niger, rating=n % 4) for n in range(105)]
    _token, key = token_for(manager)
    monkeypatch.setenv("STRATEGY_TRACKER_URL", live_server.url)
    monkeypatch.setenv("STRATEGY_TRACKER_TOKEN", key)
    monkeypatch.setitem(sys.modules, "pandas", types.SimpleNamespace(DataFrame=StandInFrame))
    namespace = {}
    exec(compile(_python_example(), str(DOC), "exec"), namespace)
    assert {row["id"] for row in namespace["evidence"].rows} == {item.pk for item in items}
    assert namespace["matrix"][("NE", "1.1")] == 3
    assert capsys.readouterr().out.startswith("1 of 10 countries")
