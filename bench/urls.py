"""The product's URLs and the benchmark's two baseline views (bench/baseline.py)."""

from django.urls import include, path

from .baseline import baseline, baseline_sida

urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    path("bench/baseline-sida/", baseline_sida, name="bench_baseline_sida"),
    path("", include("koping_sakerhet.urls")),
]
