"""
A small rate limiter on Django's cache, for the login and the incident form.

    from koping_sakerhet.lib.ratelimit import ratelimit, ratelimited, too_many_requests

    if not ratelimit(f"incident:{request.user.pk}", limit=10, period=600):
        return too_many_requests(request, retry_after=600)

or as a decorator on a view (only the listed methods are counted):

    @ratelimited(key="user_or_ip", limit=10, period=600)

The counter is a fixed window per `period` seconds. With Redis as the cache every process
shares it; with the local-memory cache (development, tests) each process counts alone, and
so does every process while Redis does not answer (lib.rediscache): the limit then holds
per process instead of not at all.
"""

import functools
import hashlib
import ipaddress
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

# Counts of this process alone, while the shared cache (Redis) does not answer.
_lokal = LocMemCache("ratelimit-lokal", {"MAX_ENTRIES": 10000})


def _raknare():
    ar_nere = getattr(cache, "ar_nere", None)
    return _lokal if ar_nere is not None and ar_nere() else cache


def ratelimit(key: str, limit: int, period: int) -> bool:
    """Count one hit for `key`. True while there have been at most `limit` hits in the
    current window of `period` seconds; False once the limit is passed."""
    window = int(time.time() // period)
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    cache_key = f"ratelimit:{digest}:{period}:{window}"
    # add() is a no-op when the counter exists; incr() then counts atomically (Redis).
    raknare = _raknare()
    raknare.add(cache_key, 0, timeout=period + 1)
    try:
        count = raknare.incr(cache_key)
    except ValueError:  # The counter expired between add() and incr(), or Redis went down.
        _raknare().set(cache_key, 1, timeout=period + 1)
        count = 1
    return count <= limit


def _ar_adress(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _betrodd_proxy(value: str) -> bool:
    """The address is one of TRUSTED_PROXIES (addresses or networks)."""
    try:
        adress = ipaddress.ip_address(value)
    except ValueError:
        return False
    return any(adress in natverk for natverk in _natverk(tuple(settings.TRUSTED_PROXIES)))


@functools.cache
def _natverk(proxies: tuple[str, ...]) -> list:
    return [ipaddress.ip_network(p, strict=False) for p in proxies]


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless the request came from a trusted proxy
    (TRUSTED_PROXIES); then the address that proxy appended to X-Forwarded-For, and so on
    for up to TRUSTED_PROXY_COUNT proxies, each of which must itself be trusted. A header
    sent by anyone else is ignored, so it cannot move a lockout or a rate limit. Axes uses
    this too (AXES_CLIENT_IP_CALLABLE), so both count the same client."""
    # Axes stores this in an inet column: never a non-address.
    adress = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return adress
    chain = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    for hop in range(proxies):
        if not _betrodd_proxy(adress) or hop >= len(chain) or not _ar_adress(chain[-1 - hop]):
            break
        adress = chain[-1 - hop]
    return adress


def too_many_requests(request: HttpRequest, retry_after: int = 60) -> HttpResponse:
    """The Swedish 429 page (templates/429.html) with a Retry-After header."""
    response = HttpResponse(render_to_string("429.html", request=request), status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _key_for(request: HttpRequest, key: str | Callable[[HttpRequest], str]) -> str:
    if callable(key):
        return key(request)
    if key == "ip":
        return f"ip:{client_ip(request)}"
    if key == "user":
        return f"user:{request.user.pk}"
    if key == "user_or_ip":
        if request.user.is_authenticated:
            return f"user:{request.user.pk}"
        return f"ip:{client_ip(request)}"
    raise ValueError(f"Okänd nyckel för hastighetsbegränsning: {key!r}")


def ratelimited(
    *,
    key: str | Callable[[HttpRequest], str],
    limit: int,
    period: int,
    methods: tuple[str, ...] = ("POST",),
    scope: str | None = None,
):
    """Decorate a view: more than `limit` requests with one of `methods` per `period`
    seconds from the same key ("ip", "user", "user_or_ip" or a function of the request)
    get the 429 page. `scope` separates counters of different views (default: the view)."""

    def decorator(view):
        name = scope or f"{view.__module__}.{view.__qualname__}"

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not ratelimit(
                f"{name}:{_key_for(request, key)}", limit, period
            ):
                return too_many_requests(request, retry_after=period)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
