from django.urls import path

from . import views

app_name = "krisberedskap"
urlpatterns = [
    path("", views.index, name="index"),
    path("period/ny/", views.period_ny, name="period_ny"),
    path("period/<int:pk>/", views.period, name="period"),
    path("dokument/<int:pk>/andra/", views.dokument_andra, name="dokument_andra"),
    path("rsa/<int:pk>/", views.rsa, name="rsa"),
    path("rsa/<int:pk>/avsnitt/<slug:typ>/", views.rsa_avsnitt, name="rsa_avsnitt"),
    path("rsa/<int:pk>/verksamhet/ny/", views.verksamhet_ny, name="verksamhet_ny"),
    path("rsa/<int:pk>/verksamhet/<int:vpk>/", views.verksamhet_andra, name="verksamhet_andra"),
    path("rsa/<int:pk>/risker/", views.rsa_risker, name="rsa_risker"),
    path("rsa/<int:pk>/status/", views.rsa_status, name="rsa_status"),
    path("rsa/<int:pk>/skickad/", views.rsa_skickad, name="rsa_skickad"),
    path("rsa/<int:pk>/kopiera/", views.rsa_kopiera, name="rsa_kopiera"),
    path("rsa/<int:pk>/rsa.pdf", views.rsa_pdf, name="rsa_pdf"),
    path("rsa/<int:pk>/oppet-utdrag.pdf", views.rsa_utdrag_pdf, name="rsa_utdrag_pdf"),
    path("krisledning/", views.aktiveringar, name="aktiveringar"),
    path("krisledning/ny/", views.aktivering_ny, name="aktivering_ny"),
    path("krisledning/<int:pk>/", views.aktivering, name="aktivering"),
    path("krisledning/<int:pk>/logg/", views.loggpost_ny, name="loggpost_ny"),
    path("krisledning/<int:pk>/beslut/", views.beslut_ny, name="beslut_ny"),
    path("krisledning/<int:pk>/overtagande/", views.overtagande_ny, name="overtagande_ny"),
    path(
        "krisledning/<int:pk>/overtagande/<int:opk>/aterlamna/",
        views.aterlamna,
        name="aterlamna",
    ),
    path("krisledning/<int:pk>/avsluta/", views.avsluta, name="avsluta"),
    path("krisledning/<int:pk>/deltagare/", views.deltagare, name="deltagare"),
    path("krisledning/<int:pk>/rapport-till-kf.pdf", views.kf_rapport_pdf, name="kf_rapport_pdf"),
    path("samverkan/", views.samverkan, name="samverkan"),
    path("samverkan/ny-part/", views.partner_ny, name="partner_ny"),
    path("samverkan/nytt-avtal/", views.avtal_ny, name="avtal_ny"),
    path("samverkan/ny-aktivitet/", views.aktivitet_ny, name="aktivitet_ny"),
]
