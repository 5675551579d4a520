from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("", views.evidence_list, name="list"),
    path("new/", views.new, name="new"),
    path("queue/", views.queue, name="queue"),
    path("queue/verify/", views.verify_selected, name="verify_selected"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/return/", views.return_, name="return"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/attachment/", views.attachment, name="attachment"),
]
