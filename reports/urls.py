from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("report/", views.report_page, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("files/<int:pk>/", views.report_file, name="report_file"),
    path("files/<int:pk>/download/", views.report_file_download, name="report_file_download"),
    path("narratives/", views.narratives, name="narratives"),
    path("narratives/<str:code>/<int:year>/", views.narrative_edit, name="narrative_edit"),
    path("narratives/<int:pk>/", views.narrative, name="narrative"),
    path("narratives/<int:pk>/approve/", views.narrative_approve, name="narrative_approve"),
    path("narratives/<int:pk>/return/", views.narrative_return, name="narrative_return"),
]
