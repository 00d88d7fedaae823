from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's own commands (seed_volume, seed_aktiviteter) and baseline views,
    installed only by bench/settings.py: the product knows nothing of them."""

    name = "bench"
    verbose_name = "Benchmark"
