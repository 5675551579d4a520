"""Print the figures of one load-test run (a directory written by loadtest/run.sh) as
Markdown, with the verdict against the targets; exit 1 if a target is missed.

The figures come from requests.tsv, where the scenario records every request (start
time, page, milliseconds, error): exact percentiles (nearest rank), the whole run, the
part after every user has signed in, and the run in 10-second steps.

Usage: python loadtest/summary.py build/loadtest/<run>
"""

import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

DASHBOARD_P95_TARGET_MS = 500
# Page types in the order of the table; any other name comes after them.
ORDER = [
    "dashboard",
    "dashboard country",
    "list",
    "item",
    "country page",
    "home",
    "queue",
    "log form",
    "log save",
    "sign in form",
    "sign in",
]
CHECK = re.compile(
    r"writes acknowledged: (\d+); found exactly once: (\d+); lost: (\d+); "
    r"duplicated: (\d+); saved but not acknowledged: (\d+)"
)


def read_requests(path):
    """[(start, page, ms, error)] in order of start."""
    requests = []
    for line in path.read_text(encoding="utf-8").splitlines():
        start, page, ms, error = line.split("\t", 3)
        requests.append((float(start), page, float(ms), error))
    return sorted(requests)


def percentile(times, share):
    """Nearest-rank percentile of a sorted list."""
    return times[max(0, math.ceil(share * len(times)) - 1)]


def table(requests):
    """Markdown rows per page type and for all requests."""
    seconds = max(start + ms / 1000 for start, _, ms, _ in requests) - requests[0][0]
    by_page = defaultdict(list)
    for request in requests:
        by_page[request[1]].append(request)
    pages = [name for name in ORDER if name in by_page] + sorted(by_page.keys() - set(ORDER))
    rows = [
        "| page | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, group in [*((name, by_page[name]) for name in pages), ("**all**", requests)]:
        times = sorted(ms for _, _, ms, _ in group)
        errors = sum(1 for *_, error in group if error)
        rows.append(
            f"| {name} | {len(group):,} | {len(group) / seconds:.1f} "
            f"| {percentile(times, 0.5):,.0f} | {percentile(times, 0.95):,.0f} "
            f"| {percentile(times, 0.99):,.0f} | {times[-1]:,.0f} | {errors} |"
        )
    return seconds, rows


def timeline(requests, step=10):
    """Requests per second, p95 of all requests and of the dashboard, per `step` seconds."""
    first = requests[0][0]
    slices = defaultdict(list)
    for request in requests:
        slices[int((request[0] - first) // step)].append(request)
    rows = [
        "| from s | req/s | p95 ms, all | p95 ms, dashboard | sign-ins |",
        "|---:|---:|---:|---:|---:|",
    ]
    for n in sorted(slices):
        group = slices[n]
        every = sorted(ms for _, _, ms, _ in group)
        dashboard = sorted(ms for _, page, ms, _ in group if page == "dashboard")
        sign_ins = sum(1 for _, page, _, _ in group if page == "sign in")
        rows.append(
            f"| {n * step} | {len(group) / step:.1f} | {percentile(every, 0.95):,.0f} "
            f"| {f'{percentile(dashboard, 0.95):,.0f}' if dashboard else '–'} | {sign_ins} |"
        )
    return rows


def load_averages(run):
    """(1-minute load average before the run, mean and max during it)."""
    before = float((run / "loadavg-before.txt").read_text().split()[0])
    during = [
        float(line.split()[1])
        for line in (run / "loadavg.txt").read_text().splitlines()
        if line.strip()
    ]
    if not during:
        return before, None, None
    return before, sum(during) / len(during), max(during)


def _overall(run, requests):
    """The lines on writes and load, and the verdicts on the targets."""
    errors = [error for *_, error in requests if error]
    dashboard = sorted(ms for _, page, ms, _ in requests if page == "dashboard")
    dashboard_p95 = percentile(dashboard, 0.95) if dashboard else None
    saves = sum(1 for _, page, _, error in requests if page == "log save" and not error)
    check = CHECK.search((run / "writes-check.txt").read_text())
    acknowledged, found, lost, duplicated, unacknowledged = (
        (int(n) for n in check.groups()) if check else (0, 0, -1, -1, -1)
    )
    before, mean, peak = load_averages(run)
    lines = [
        f"Saves that the scenario counted as successful: {saves:,}. "
        f"Writes acknowledged: {acknowledged:,}; found in the database exactly once: "
        f"{found:,}; lost: {lost}; duplicated: {duplicated}; saved but not acknowledged: "
        f"{unacknowledged}.",
        f"Load average (1 min): {before:.2f} before the run; during it "
        + (f"{mean:.2f} on average, {peak:.2f} at most." if mean is not None else "not sampled."),
        "",
    ]
    lines += [f"- {count} × {error}" for error, count in Counter(errors).most_common(5)]
    verdicts = [
        ("zero errors", not errors, f"{len(errors)} errors"),
        (
            "zero lost writes",
            check is not None and lost == 0 and duplicated == 0 and found == acknowledged == saves,
            f"{found:,} of {acknowledged:,} acknowledged writes found exactly once"
            if check
            else "the write check did not run",
        ),
        (
            f"dashboard p95 under {DASHBOARD_P95_TARGET_MS} ms (whole run)",
            dashboard_p95 is not None and dashboard_p95 < DASHBOARD_P95_TARGET_MS,
            f"{dashboard_p95:,.0f} ms" if dashboard_p95 is not None else "no dashboard request",
        ),
    ]
    return lines, verdicts


def main(run):
    requests = read_requests(run / "requests.tsv")
    seconds, whole = table(requests)
    signed_in = max(
        (start + ms / 1000 for start, page, ms, _ in requests if page == "sign in"),
        default=requests[0][0],
    )
    after = [request for request in requests if request[0] >= signed_in]
    out = [f"### Whole run: {seconds:.0f} s, first request to last", "", *whole, ""]
    if after:
        after_seconds, steady = table(after)
        out += [
            f"### After the last sign-in: the last {after_seconds:.0f} s",
            "",
            *steady,
            "",
        ]
    out += ["### In 10-second steps", "", *timeline(requests), ""]
    lines, verdicts = _overall(run, requests)
    out += lines
    for target, met, measured in verdicts:
        out.append(f"- {target}: {measured}: **{'met' if met else 'MISSED'}**")
    print("\n".join(out))
    return 0 if all(met for _, met, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
