"""
What the rate limits need from the project: the client's address and the Swedish 429 page.

The limits themselves are django-ratelimit's, counted in the cache `ratelimit`
(settings.RATELIMIT_USE_CACHE): Redis, shared by every process, and while Redis does not
answer each process's own memory (lib.rediscache's RESERV), so a limit then holds per
process instead of not at all. On a view:

    @ratelimit(key="user_or_ip", rate="20/10m", method="POST")

answers a request past the limit with `for_manga_forsok` (settings.RATELIMIT_VIEW, through
django_ratelimit's middleware); `is_ratelimited(...)` counts inside a view. Both take the
address from `client_ip` (settings.RATELIMIT_IP_META_KEY), as django-axes does.
"""

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


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


def for_manga_forsok(request: HttpRequest, exception=None) -> HttpResponse:
    """settings.RATELIMIT_VIEW: a view's rate limit is passed. Try again in a minute is a
    hint; the window is the limit's own."""
    return too_many_requests(request)
