from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from evidence import access


@login_required
def detail(request, code):
    country = access.country_for(request.user, code)
    return render(request, "countries/detail.html", {"country": country})
