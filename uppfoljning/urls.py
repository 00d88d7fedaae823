from django.urls import path

from . import views

app_name = "uppfoljning"

urlpatterns = [
    path("", views.index, name="index"),
    path("mal/", views.mal, name="mal"),
    path("mal/<int:pk>/<int:ar>/bedom/", views.bedom, name="bedom"),
    path("ansvarsmatris/", views.skyldigheter, name="skyldigheter"),
    path("ansvarsmatris/ny/", views.skyldighet_ny, name="skyldighet_ny"),
    path("ansvarsmatris/<int:pk>/", views.skyldighet_andra, name="skyldighet_andra"),
    path("ansvarsmatris/<int:pk>/<slug:slug>/kvittera/", views.kvittera, name="kvittera"),
    path("egenbedomningar/", views.egenbedomningar, name="egenbedomningar"),
    path("egenbedomningar/oppna/", views.oppna, name="oppna"),
    path("egenbedomningar/<int:pk>/", views.egenbedomning, name="egenbedomning"),
    path("egenbedomningar/<int:pk>/lamna-in/", views.lamna_in, name="lamna_in"),
    path("egenbedomningar/<int:pk>/granska/", views.granska, name="granska"),
]
