from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from konton import views as konton_views

urlpatterns = [
    path("", include("portal.urls")),
    path("logga-in/", konton_views.logga_in, name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("policy/", include("policy.urls")),
    path("incidenter/", include("incidenter.urls")),
    path("risker/", include("risker.urls")),
    path("krisberedskap/", include("krisberedskap.urls")),
    path("uppfoljning/", include("uppfoljning.urls")),
    path("verksamhet/", include("verksamhet.urls")),
    path("informationssakerhet/", include("informationssakerhet.urls")),
    path("rapporter/", include("rapporter.urls")),
    path("paminnelser/", include("paminnelser.urls")),
    path("konto/", include("konton.urls")),
    path("admin/", admin.site.urls),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
