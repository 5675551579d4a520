from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import access
from .models import Evidence


@login_required
def home(request):
    mine = Evidence.objects.filter(author=request.user).with_related()
    return render(
        request,
        "evidence/home.html",
        {
            "countries": request.user.country_assignments.select_related("country"),
            "drafts": mine.filter(status=Evidence.Status.DRAFT),
            "returned": mine.filter(status=Evidence.Status.RETURNED),
        },
    )


@login_required
def detail(request, pk):
    evidence = access.evidence_for(request.user, pk)
    return render(request, "evidence/detail.html", {"evidence": evidence})
