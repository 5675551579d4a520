from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("headline/", views.headline, name="headline"),
    path("country/<str:code>/", views.country, name="country"),
    path("sub-objective/<int:pk>/", views.sub_objective, name="sub_objective"),
    path("export/matrix.<str:fmt>", views.export_matrix, name="export_matrix"),
    path("export/evidence.<str:fmt>", views.export_evidence, name="export_evidence"),
    path("export/files/<int:pk>/", views.export_file, name="export_file"),
    path(
        "export/files/<int:pk>/download/",
        views.export_file_download,
        name="export_file_download",
    ),
]
