"""
The benchmark's baseline: the cheapest authenticated Django view on the same server, the
floor the stack allows (session, user, two-factor check, middleware, no template, no query
of its own). Mounted only by the benchmark's own settings (bench/settings.py, bench/urls.py).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_required
@require_GET
def baseline(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def baseline_sida(request):
    """The same with the site's frame (base.html, navigation, context processors) and an
    empty page: what every page pays before its own content."""
    return render(request, "bench/baseline.html")
