from django.urls import path

from . import views

app_name = "informationssakerhet"

urlpatterns = [
    path("", views.index, name="index"),
    path("system/ny/", views.system_form, name="system_ny"),
    path("system/<int:pk>/", views.system, name="system"),
    path("system/<int:pk>/andra/", views.system_form, name="system_andra"),
    path("tillgangar/", views.tillgangar, name="tillgangar"),
    path("tillgangar/ny/", views.tillgang_form, name="tillgang_ny"),
    path("tillgangar/<int:pk>/", views.tillgang, name="tillgang"),
    path("tillgangar/<int:pk>/andra/", views.tillgang_form, name="tillgang_andra"),
    path("tillgangar/<int:pk>/klassa/", views.klassa, name="klassa"),
    path("personuppgiftsincidenter/", views.incidentregister, name="incidentregister"),
    path(
        "personuppgiftsincidenter/export/",
        views.incidentregister_export,
        name="incidentregister_export",
    ),
]
