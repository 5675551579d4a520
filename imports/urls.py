from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("template/<slug:strategy>.<str:fmt>", views.template, name="template"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/undo/", views.undo, name="undo"),
    path("<int:pk>/errors.<str:fmt>", views.errors, name="errors"),
]
