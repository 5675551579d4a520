from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from dashboard import rollup
from evidence import access
from evidence.models import Evidence
from objectives.models import Strategy, SubObjective

# Latest evidence shown per sub-objective; the full list is one link away.
EVIDENCE_PER_SUB_OBJECTIVE = 5


def _rating_label(status):
    return Evidence.Rating(status).label if status is not None else None


@login_required
def detail(request, code):
    country = access.country_for(request.user, code)
    strategy = Strategy.objects.current()
    sub_objectives = list(SubObjective.objects.of_strategy(strategy).select_related("objective"))
    statuses = rollup.cell_statuses(
        strategy, timezone.localdate(), countries=[country], sub_objectives=sub_objectives
    )
    visible = Evidence.objects.visible_to(request.user).filter(
        country=country, sub_objective__in=sub_objectives
    )
    counts = dict(visible.order_by().values_list("sub_objective_id").annotate(n=Count("pk")))
    latest = {}
    for item in visible.latest_per_sub_objective(EVIDENCE_PER_SUB_OBJECTIVE).select_related(
        "author"
    ):
        latest.setdefault(item.sub_objective_id, []).append(item)

    objectives = []
    for sub in sub_objectives:
        if not objectives or objectives[-1]["objective"] != sub.objective:
            objectives.append(
                {"objective": sub.objective, "rows": [], "distribution": rollup.Distribution()}
            )
        status = statuses.get((country.pk, sub.pk))
        objectives[-1]["distribution"].add(status)
        objectives[-1]["rows"].append(
            {
                "sub_objective": sub,
                "status": status,
                "status_label": _rating_label(status),
                "evidence": latest.get(sub.pk, []),
                "count": counts.get(sub.pk, 0),
            }
        )
    for group in objectives:
        group["summary"] = [
            (status, _rating_label(status), count)
            for status, count in group.pop("distribution").rows()
            if count
        ]
    return render(
        request,
        "countries/detail.html",
        {
            "country": country,
            "strategy": strategy,
            "objectives": objectives,
            "can_log": access.can_log_for(request.user, country),
            "today": timezone.localdate(),
        },
    )
