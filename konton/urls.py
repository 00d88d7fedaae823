from django.urls import path

from . import views

app_name = "konton"
urlpatterns = [
    path("tvastegsverifiering/", views.tvafaktor, name="tvafaktor"),
    path("tvastegsverifiering/aktivera/", views.tvafaktor_aktivera, name="tvafaktor_aktivera"),
    path("tvastegsverifiering/verifiera/", views.tvafaktor_verifiera, name="tvafaktor_verifiera"),
    path("tvastegsverifiering/stang-av/", views.tvafaktor_ta_bort, name="tvafaktor_ta_bort"),
    path("losenord/", views.losenord, name="losenord"),
    path("roller/", views.roller, name="roller"),
    path("roller/<int:pk>/", views.roller_anvandare, name="roller_anvandare"),
    path("roller/<int:pk>/registreringskod/", views.registreringskod, name="registreringskod"),
    path("behorigheter/", views.behorigheter, name="behorigheter"),
]
