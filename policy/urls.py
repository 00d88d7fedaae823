from django.urls import path

from . import views

app_name = "policy"
urlpatterns = [
    path("", views.index, name="index"),
    path("omraden/<slug:slug>/", views.omrade, name="omrade"),
    path("ansvar/", views.vart_ansvar_mitt, name="vart_ansvar_mitt"),
    path("ansvar/<slug:slug>/", views.vart_ansvar, name="vart_ansvar"),
    path("historik/", views.historik, name="historik"),
    path("jamfor/", views.jamfor, name="jamfor"),
    path("versioner/<int:nummer>/", views.version, name="version"),
    path("utkast/nytt/", views.utkast_ny, name="utkast_ny"),
    path("versioner/<int:nummer>/redigera/", views.utkast_redigera, name="utkast_redigera"),
    path("versioner/<int:nummer>/beslut/", views.beslut, name="beslut"),
    path("styrdokument/", views.styrdokument_lista, name="styrdokument"),
    path("styrdokument/nytt/", views.styrdokument_ny, name="styrdokument_ny"),
    path("styrdokument/<int:pk>/andra/", views.styrdokument_andra, name="styrdokument_andra"),
]
