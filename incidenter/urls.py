from django.urls import path, register_converter

from . import views, views_lista


class ReferensConverter:
    # Only reference numbers: "statistik/" or "export/" can never be taken for an incident.
    regex = r"INC-[0-9]{4}-[0-9]{4,}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReferensConverter, "ref")

app_name = "incidenter"
urlpatterns = [
    path("", views_lista.lista, name="lista"),
    path("export/<str:fmt>/", views_lista.export, name="export"),
    path("statistik/", views_lista.statistik, name="statistik"),
    path("registerutdrag/", views_lista.registerutdrag, name="registerutdrag"),
    path("rapportera/", views.rapportera, name="rapportera"),
    path(
        "rapportera/sakerhetsskydd/",
        views.rapportera_sakerhetsskydd,
        name="rapportera_sakerhetsskydd",
    ),
    path("mina/", views.mina, name="mina"),
    path("<ref:referens>/kvitto/", views.kvitto, name="kvitto"),
    path("<ref:referens>/", views.detalj, name="detalj"),
    path("<ref:referens>/status/<str:namn>/", views.overgang, name="overgang"),
    path("<ref:referens>/kommentar/", views.kommentar, name="kommentar"),
    path("<ref:referens>/utredning/", views.utredning, name="utredning"),
    path("<ref:referens>/klassning/", views.klassning, name="klassning"),
    path("<ref:referens>/rapportering/<int:pk>/", views.plikt, name="plikt"),
    path("<ref:referens>/behorighet/", views.behorighet, name="behorighet"),
    path("<ref:referens>/bilagor/<int:pk>/", views.bilaga, name="bilaga"),
    path("<ref:referens>/bilagor/ny/", views.bilaga_ny, name="bilaga_ny"),
]
