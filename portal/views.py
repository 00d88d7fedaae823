from importlib import import_module

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

# Each app contributes its part of the start page: <app>/start.py has context(user).
# uppfoljning first: KS and the nämndföreträdare see what they act on before the rest.
START_APPS = ["uppfoljning", "policy", "incidenter", "risker", "krisberedskap", "verksamhet"]


@login_required
def start(request):
    delar = []
    for app in START_APPS:
        ctx = import_module(f"{app}.start").context(request.user)
        if ctx:
            delar.append((f"{app}/_start.html", ctx))
    return render(request, "portal/start.html", {"delar": delar})


@require_POST
def set_language(request):
    return django_set_language(request)


@require_GET
def tillganglighet(request):
    return render(request, "portal/tillganglighet.html")


@require_GET
def halsa(request):
    """Health check for the load balancer and docker-compose: the database answers (else a
    500). A Redis that does not answer leaves the portal working from the database, so the
    answer is still 200, with the status "degraded" for the monitoring to see."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    svar = {"status": "ok"}
    svarar = getattr(cache, "svarar", None)
    if svarar is not None:
        svar["redis"] = "ok" if svarar() else "nere"
        if svar["redis"] != "ok":
            svar["status"] = "degraded"
    return JsonResponse(svar)
