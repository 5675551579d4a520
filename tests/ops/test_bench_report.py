"""The report benchmark never adds synthetic evidence next to real evidence unasked."""

import pytest
from django.core.management import CommandError, call_command

from evidence.models import Evidence

from ..factories import EvidenceFactory


def test_the_report_benchmark_refuses_a_database_with_real_evidence(strategy):
    EvidenceFactory()
    with pytest.raises(CommandError, match="not made by generate_volume"):
        call_command("bench_report", sizes=[10], repeat=1)
    assert Evidence.objects.count() == 1
