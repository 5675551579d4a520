from django.urls import path

from . import views

app_name = "resilience"

urlpatterns = [
    path("", views.index, name="index"),
    path("places/new/", views.place_new, name="place_new"),
    path("places/<int:pk>/", views.place_detail, name="place"),
    path("places/<int:pk>/reviews/new/", views.review_new, name="review_new"),
    path("places/<int:pk>/export.<str:fmt>", views.place_export, name="place_export"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("compare/", views.compare, name="compare"),
    path("compare/export.<str:fmt>", views.compare_export, name="compare_export"),
    path("topic-areas/<int:pk>/", views.topic_area_detail, name="topic_area"),
    path("resources/", views.resource_list, name="resources"),
    path("resources/<int:pk>/file/", views.resource_file, name="resource_file"),
]
