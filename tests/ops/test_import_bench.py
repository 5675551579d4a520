import io
import json

import pytest
from django.core.management import CommandError, call_command

from evidence.models import Evidence

from ..factories import EvidenceFactory


def test_the_import_benchmark_measures_each_step(strategy):
    out = io.StringIO()
    call_command("bench_imports", rows=30, as_json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["preview"]["new"] == 30
    assert figures["import"]["written"] == 30
    assert figures["reupload_preview"]["unchanged"] == 30
    for step in ("preview", "import", "reupload_preview", "undo"):
        assert figures[step]["seconds"] >= 0 and figures[step]["queries"] > 0
    assert figures["peak_memory_mb"] > 0
    assert not Evidence.objects.exists()  # undone


def test_it_refuses_a_database_with_evidence(strategy):
    EvidenceFactory()
    with pytest.raises(CommandError, match="holds evidence"):
        call_command("bench_imports", rows=5, stdout=io.StringIO())
