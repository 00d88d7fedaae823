from django.urls import path

from . import views

app_name = "rapporter"
urlpatterns = [
    path("", views.lista, name="lista"),
    path("arsrapport/skapa/", views.skapa, name="skapa"),
    path("arsrapport/<int:pk>/", views.status, name="status"),
    path("arsrapport/<int:pk>/forsok-igen/", views.forsok_igen, name="forsok_igen"),
    path("arsrapport/<int:pk>/pdf/", views.ladda_ned, name="ladda_ned"),
    path("arsrapport/<int:pk>/lage/", views.status_json, name="status_json"),
    path("arende/<int:ar>/", views.arende, name="arende"),
    path("arende/<int:ar>/beslut/", views.arende_beslut, name="arende_beslut"),
    path("arsrapport/forhandsvisning/<int:ar>/", views.forhandsvisning, name="forhandsvisning"),
    path("riskanalys/<int:pk>.pdf", views.riskanalys_pdf, name="riskanalys_pdf"),
    path("incident/<str:referens>.pdf", views.incident_pdf, name="incident_pdf"),
    path("vart-ansvar/<slug:slug>.pdf", views.vart_ansvar_pdf, name="vart_ansvar_pdf"),
]
