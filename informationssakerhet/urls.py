from django.urls import path

from . import views

app_name = "informationssakerhet"

urlpatterns = [
    path("", views.index, name="index"),
    path("system/ny/", views.system_form, name="system_ny"),
    path("system/<int:pk>/", views.system, name="system"),
    path("system/<int:pk>/andra/", views.system_form, name="system_andra"),
    path("system/<int:pk>/koppla/", views.koppla, name="koppla"),
    path("system/<int:pk>/cybersakerhet/", views.cybersakerhet, name="cybersakerhet"),
    path(
        "system/<int:pk>/cybersakerhet/<int:punkt>/",
        views.checklistsvar,
        name="checklistsvar",
    ),
    path("kontrollpunkter/", views.kontrollpunkter, name="kontrollpunkter"),
    path("kontrollpunkter/ny/", views.kontrollpunkt_form, name="kontrollpunkt_ny"),
    path("kontrollpunkter/<int:pk>/", views.kontrollpunkt_form, name="kontrollpunkt_andra"),
    path("tillgangar/", views.tillgangar, name="tillgangar"),
    path("import/", views.importera, name="import"),
    path("import/mall/", views.importmall, name="importmall"),
    path("tillgangar/ny/", views.tillgang_form, name="tillgang_ny"),
    path("tillgangar/<int:pk>/", views.tillgang, name="tillgang"),
    path("tillgangar/<int:pk>/andra/", views.tillgang_form, name="tillgang_andra"),
    path("tillgangar/<int:pk>/klassa/", views.klassa, name="klassa"),
    path("sakerhetsskydd/", views.sakerhetsskydd_index, name="sakerhetsskydd"),
    path("sakerhetsskydd/analys/ny/", views.analys_ny, name="analys_ny"),
    path("sakerhetsskydd/placering/ny/", views.placering, name="placering_ny"),
    path("sakerhetsskydd/placering/<int:pk>/", views.placering, name="placering"),
    path("sakerhetsskydd/avtal/ny/", views.avtal, name="avtal_ny"),
    path("sakerhetsskydd/avtal/<int:pk>/", views.avtal, name="avtal"),
    path("personuppgiftsincidenter/", views.incidentregister, name="incidentregister"),
    path(
        "personuppgiftsincidenter/export/",
        views.incidentregister_export,
        name="incidentregister_export",
    ),
]
