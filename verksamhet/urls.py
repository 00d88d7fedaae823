from django.urls import path

from . import views

app_name = "verksamhet"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("export/", views.export, name="export"),
    path("ny/", views.ny, name="ny"),
    path("plan/", views.plan, name="plan"),
    path("tackning/", views.tackning, name="tackning"),
    path("aktivitet/<int:pk>/", views.aktivitet, name="aktivitet"),
    path("aktivitet/<int:pk>/registrera/", views.registrera, name="registrera"),
    path("aktivitet/<int:pk>/andra/", views.andra, name="andra"),
    path("aktivitet/<int:aktivitet_pk>/foto/<int:pk>/", views.foto, name="foto"),
    path("typer/", views.typer, name="typer"),
    path("typer/<int:pk>/", views.typ_andra, name="typ_andra"),
    path("lokaler/", views.lokaler, name="lokaler"),
    path("lokaler/ny/", views.lokal_form, name="lokal_ny"),
    path("lokaler/import/", views.lokal_import, name="lokal_import"),
    path("lokaler/importmall/", views.lokal_importmall, name="lokal_importmall"),
    path("lokaler/<int:pk>/", views.lokal, name="lokal"),
    path("lokaler/<int:pk>/andra/", views.lokal_form, name="lokal_andra"),
    path("lokaler/<int:pk>/dokument/", views.lokal_dokument, name="lokal_dokument"),
]
