from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import exports as table_exports
from core import files, paging
from core.access import require_role
from countries.models import Country
from evidence.models import Evidence
from objectives.models import SubObjective

from . import access, exports, reports, services
from .filters import ResourceFilter
from .forms import CountryChoiceForm, PlaceForm, ReviewForm
from .models import CycleStage, Place, Resource, Review, Score, TopicArea


def _topic_areas():
    return list(TopicArea.objects.all())


def _check_format(fmt):
    if fmt not in table_exports.FORMATS:
        raise Http404


@login_required
def index(request):
    require_role(request.user)
    places = (
        Place.objects.visible_to(request.user)
        .with_latest_reviews()
        .select_related("country")
        .order_by("country__code", "name")
    )
    return render(
        request,
        "resilience/index.html",
        {
            "places": places,
            "stages": CycleStage.objects.all(),
            "topic_areas": _topic_areas(),
            "can_add_place": access.recordable_countries(request.user).exists(),
        },
    )


@login_required
def place_new(request):
    access.require_recording_rights(request.user)
    initial = {}
    country_pk = request.GET.get("country", "")
    if country_pk:
        try:
            country = Country.objects.get(pk=int(country_pk))
        except (ValueError, Country.DoesNotExist):
            raise Http404 from None
        if not access.can_record_for(request.user, country):
            raise PermissionDenied
        initial["country"] = country
    if request.method == "POST":
        form = PlaceForm(request.POST, user=request.user)
        if form.is_valid():
            place = services.create_place(user=request.user, data=form.cleaned_data)
            messages.success(request, _("Place added: you can now record its first review."))
            return redirect(place)
    else:
        form = PlaceForm(initial=initial, user=request.user)
    return render(request, "resilience/place_form.html", {"form": form})


@login_required
def place_detail(request, pk):
    place = access.place_for(request.user, pk)
    topic_areas = _topic_areas()
    history = reports.place_history(place, request.user, topic_areas)
    return render(
        request,
        "resilience/place_detail.html",
        {
            "place": place,
            "topic_areas": topic_areas,
            "history": history,
            "latest": history[0] if history else None,
            "latest_rows": list(zip(topic_areas, history[0]["cells"], strict=True))
            if history
            else [],
            "by_topic": [
                (topic, [entry["cells"][i] for entry in history])
                for i, topic in enumerate(topic_areas)
            ],
            "can_record": access.can_record_for(request.user, place.country),
            "scale": list(Score.Value),
            "symbols": Score.SYMBOLS,
        },
    )


@login_required
def review_new(request, pk):
    place = access.place_for(request.user, pk, action="record")
    topic_areas = _topic_areas()
    form_kwargs = {"user": request.user, "topic_areas": topic_areas}
    if request.method == "POST":
        form = ReviewForm(request.POST, instance=Review(place=place), **form_kwargs)
        if form.is_valid():
            try:
                services.record_review(
                    user=request.user, place=place, data=form.review_data(), scores=form.scores()
                )
            except ValidationError as error:
                # Something changed between the form's checks and the save (a review of the
                # same date saved meanwhile, evidence made confidential): say so, keep input.
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Review recorded."))
                return redirect(place)
    else:
        form = ReviewForm(instance=Review(place=place), **form_kwargs)
    return render(request, "resilience/review_form.html", {"form": form, "place": place})


@login_required
def review_detail(request, pk):
    review = access.review_for(request.user, pk)
    visible = Evidence.objects.visible_to(request.user).only("pk", "title", "date")
    scores = review.scores.select_related("topic_area").prefetch_related(
        Prefetch("evidence", queryset=visible)
    )
    return render(request, "resilience/review_detail.html", {"review": review, "scores": scores})


@login_required
def place_export(request, pk, fmt):
    _check_format(fmt)
    place = access.place_for(request.user, pk)
    return table_exports.response(
        exports.place_table(place), fmt=fmt, filename=exports.filename(f"place-{place.pk}")
    )


def _comparison_for(request):
    """The comparison page's filter form, chosen country and grid."""
    countries = Country.objects.filter(places__isnull=False).distinct()
    form = CountryChoiceForm(request.GET or None, countries=countries)
    places = Place.objects.visible_to(request.user).order_by("country__code", "name")
    country = None
    if form.is_bound and form.is_valid():
        country = form.cleaned_data["country"]
    elif form.is_bound:
        places = places.none()
    if country:
        places = places.filter(country=country)
    topic_areas = _topic_areas()
    return form, country, topic_areas, reports.comparison(places, topic_areas)


@login_required
def compare(request):
    require_role(request.user)
    form, country, topic_areas, grid = _comparison_for(request)
    return render(
        request,
        "resilience/compare.html",
        {
            "form": form,
            "country": country,
            "topic_areas": topic_areas,
            "grid": grid,
            "scale": list(Score.Value),
            "symbols": Score.SYMBOLS,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def compare_export(request, fmt):
    _check_format(fmt)
    require_role(request.user)
    form, country, topic_areas, grid = _comparison_for(request)
    suffix = f"-{country.code.code.lower()}" if country else ""
    return table_exports.response(
        exports.comparison_table(grid, topic_areas, country),
        fmt=fmt,
        filename=exports.filename("comparison", suffix),
    )


@login_required
def topic_area_detail(request, pk):
    require_role(request.user)
    topic_area = get_object_or_404(TopicArea, pk=pk)
    return render(
        request,
        "resilience/topic_area.html",
        {"topic_area": topic_area, "resources": Resource.objects.for_topic_area(topic_area)},
    )


@login_required
def resource_list(request):
    require_role(request.user)
    resources = Resource.objects.prefetch_related(
        Prefetch("sub_objectives", queryset=SubObjective.objects.select_related("objective")),
        "topic_areas",
    )
    filterset = ResourceFilter(request.GET or None, queryset=resources)
    return render(request, "resilience/resources.html", paging.filtered_page(request, filterset))


@login_required
def resource_file(request, pk):
    """Serve a resource's file to those with a role, as a download."""
    require_role(request.user)
    resource = get_object_or_404(Resource, pk=pk)
    return files.download(resource.file)
