from django.urls import path

import incidenter.urls  # noqa: F401  (registers the <ref:…> converter)

from . import views

app_name = "risker"
urlpatterns = [
    path("", views.register, name="register"),
    path("export/", views.export, name="export"),
    path("matris/", views.matris, name="matris"),
    path("risknivaer/", views.nivaregel, name="nivaregel"),
    path("analyser/", views.analyser, name="analyser"),
    path("analyser/ny/", views.analys_ny, name="analys_ny"),
    path("analyser/<int:pk>/", views.analys, name="analys"),
    path("analyser/<int:pk>/andra/", views.analys_andra, name="analys_andra"),
    path("analyser/<int:pk>/ny-risk/", views.risk_ny, name="risk_ny"),
    path("analyser/<int:pk>/lamna-in/", views.lamna_in, name="lamna_in"),
    path("analyser/<int:pk>/starta-granskning/", views.starta_granskning, name="starta_granskning"),
    path("analyser/<int:pk>/granska/", views.granska, name="granska"),
    path("analyser/<int:pk>/godkann/", views.godkann, name="godkann"),
    path("analyser/<int:pk>/ny-revision/", views.ny_revision, name="ny_revision"),
    path("analyser/<int:pk>/beslutsgang/", views.rsa_steg, name="rsa_steg"),
    path("analyser/<int:pk>/import/", views.importera, name="import"),
    path("importmall.xlsx", views.importmall, name="importmall"),
    path("granskning/", views.granskning, name="granskning"),
    path("risk/<int:pk>/", views.risk, name="risk"),
    path("risk/<int:pk>/andra/", views.risk_andra, name="risk_andra"),
    path("risk/<int:pk>/ta-bort/", views.risk_ta_bort, name="risk_ta_bort"),
    path("risk/<int:pk>/acceptera/", views.acceptera, name="acceptera"),
    path("risk/<int:pk>/ny-atgard/", views.atgard_ny, name="atgard_ny"),
    path("atgard/<int:pk>/", views.atgard, name="atgard"),
    path("atgard/<int:pk>/status/", views.atgard_status, name="atgard_status"),
    path("incident/<ref:referens>/ny-atgard/", views.incident_atgard_ny, name="incident_atgard_ny"),
    path("incident/<ref:referens>/koppla-risk/", views.incident_koppla, name="incident_koppla"),
]
