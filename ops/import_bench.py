"""The import benchmark (`manage.py bench_imports`, docs/performance.md): a workbook of
thousands of rows previewed, imported and undone as country staff would, each timed with
its queries counted and the process's peak memory read, beside the plain SQL that writes
the same rows."""

import datetime
import random
import resource
import tempfile
import time
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files import File
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook

from accounts.models import User
from core.roles import COUNTRY_STAFF
from countries.models import Assignment
from evidence.models import Evidence
from imports import services
from imports.columns import COLUMNS
from objectives.models import SubObjective

BENCH_USERNAME = "bench-importer"
SEED = 16


def workbook(path, *, rows, strategy):
    """A template-shaped XLSX of `rows` valid rows (varied countries, sub-objectives,
    choices, real date cells) written in write-only mode."""
    rng = random.Random(SEED)
    countries = [country.code.code for country in strategy.target_countries.all()]
    subs = SubObjective.objects.of_strategy(strategy).select_related("objective")
    codes = [sub.code for sub in subs]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Evidence")
    sheet.append([column.heading() for column in COLUMNS if column.key not in ("source_citation",)])
    first = datetime.date(strategy.first_year, 1, 1)
    for number in range(rows):
        sheet.append(_row(number, rng, countries, codes, first))
    book.save(path)
    return path


def _row(number, rng, countries, codes, first):
    return [
        f"BENCH-{number:05d}",
        rng.choice(countries),
        rng.choice(codes),
        first + datetime.timedelta(days=rng.randrange(365 * 5)),
        f"Benchmark item {number}",
        "What changed, who said so and how we know. " * 3,
        rng.choice(Evidence.Level.values),
        rng.choice(Evidence.Kind.values),
        rng.choice(Evidence.Rating.values),
        f"https://example.org/report/{number}",
        *(rng.choice(["yes", "no"]) for _ in range(5)),
        "no",
    ]


def importer(strategy):
    user, _created = User.objects.get_or_create(username=BENCH_USERNAME)
    user.groups.add(Group.objects.get(name=COUNTRY_STAFF))
    for country in strategy.target_countries.all():
        Assignment.objects.get_or_create(user=user, country=country)
    return user


def peak_memory_mb():
    """The process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured(work):
    """(seconds, CPU seconds of this process, queries, result) of `work()`: on a busy
    machine the CPU time shows what the work costs when it has a core to itself."""
    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        result = work()
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return seconds, cpu_seconds, len(queries.captured_queries), result


def plain_sql_insert(user, strategy, rows):
    """The same number of rows written by one INSERT … VALUES statement per 500 rows, in a
    transaction rolled back: the floor any import stands on."""
    sub = SubObjective.objects.of_strategy(strategy).first()
    country = strategy.target_countries.first()
    now = timezone.now()
    values = [
        (
            datetime.date(strategy.first_year, 6, 1),
            country.pk,
            sub.pk,
            f"Plain {n}",
            "What changed.",
            "national",
            "law",
            2,
            "https://example.org",
            "",
            "",
            "",
            False,
            False,
            False,
            False,
            False,
            False,
            "draft",
            user.pk,
            now,
            now,
            1,
        )
        for n in range(rows)
    ]
    table = Evidence._meta.db_table
    columns = (
        "date, country_id, sub_objective_id, title, description, level, kind, rating, "
        "source_url, source_citation, attachment, attachment_name, voice_and_inclusion, "
        "appropriateness, triangulation, contribution, transparency, confidential, status, "
        "author_id, created_at, updated_at, version"
    )
    placeholders = ", ".join(["%s"] * 23)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)
        transaction.set_rollback(True)
    return time.perf_counter() - start


def run(strategy, rows):
    """{step: figures} for a workbook of `rows` rows: preview, import, re-upload, undo."""
    user = importer(strategy)
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder) / "bench.xlsx", rows=rows, strategy=strategy)
        size = path.stat().st_size
        figures = {"rows": rows, "file_kb": round(size / 1024)}
        batch = _uploaded(user, strategy, path)
        figures["preview"] = _step(lambda: services.preview(batch))
        figures["preview"]["new"] = batch.new
        services.start_import(batch, actor=user, submit_all=False)
        figures["import"] = _step(lambda: services.run_import(batch))
        figures["import"]["written"] = batch.new
        again = _uploaded(user, strategy, path)
        figures["reupload_preview"] = _step(lambda: services.preview(again))
        figures["reupload_preview"]["unchanged"] = again.unchanged
        figures["undo"] = _step(lambda: services.undo(batch, actor=user))
    figures["plain_sql_insert_s"] = round(plain_sql_insert(user, strategy, rows), 2)
    figures["peak_memory_mb"] = round(peak_memory_mb())
    return figures


def _uploaded(user, strategy, path):
    with path.open("rb") as handle:
        return services.create_batch(
            user=user, strategy=strategy, upload=File(handle, name=path.name), language="en"
        )


def _step(work):
    seconds, cpu_seconds, queries, _result = measured(work)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2), "queries": queries}
