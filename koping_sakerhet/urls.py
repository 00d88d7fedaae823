from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("sprak/", views.set_language, name="set_language"),
    path("tillganglighet/", views.tillganglighet, name="tillganglighet"),
    path("halsa/", views.halsa, name="halsa"),
    path("policy/", include("policy.urls")),
    path("incidenter/", include("incidenter.urls")),
    path("risker/", include("risker.urls")),
    path("paminnelser/", include("koping_sakerhet.paminnelser.urls")),
    path("admin/", admin.site.urls),
]
