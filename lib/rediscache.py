"""
Django's Redis cache, made to degrade instead of fail.

Redis holds nothing that is not also somewhere else: sessions are in PostgreSQL
(`cached_db`), the rest is counted or computed again. So a Redis that does not answer must
never fail a request, and Django's own backend raises. Here every call that meets a Redis
error goes to the cache named by `RESERV` in the cache's settings instead: by default
Django's DummyCache (every read a miss, nothing kept); the rate limits' cache names a
LocMemCache, so that each process counts alone rather than not at all. The error is logged
once, and for `PAUS_SEKUNDER` the process does not try Redis again, so no page waits for a
timeout more than once in that time. `/halsa/` asks `svarar()` and reports Redis as
degraded.

While a process could not reach Redis, its writes (a logout, a new version of a cached
figure) never got there: what Redis still holds may be stale. So the first call that
reaches Redis again empties this cache's keys (never Celery's, which do not start with the
cache's prefix) before answering; sessions are read again from the database.

Django makes a new redis-py client for every cache call (0.13 ms); `_Klient` keeps one per
connection pool, through the client's `get_client`, which Django's source names as the
place to override. The start page and "Vårt ansvar" make ~8 cache calls each and stood at
the benchmark's limit without it (docs/performance.md). A client is safe to share: its
connections come from the pool, which redis-py renews after a fork. Otherwise only Django's
public cache methods are overridden.
"""

import functools
import logging
import re
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.module_loading import import_string
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAUS_SEKUNDER = 5

# Per cache (server and key prefix): until when (time.monotonic()) this process leaves Redis
# alone. A key that is present means the server failed since the cache last reached it, so
# the cache's keys there may be stale.
_nere_till: dict[str, float] = {}
_las = threading.Lock()


class _Klient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._klienter = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        klient = self._klienter.get(pool)
        if klient is None:
            klient = self._klienter[pool] = self._client(connection_pool=pool)
        return klient


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Klient
        # The first server is the one written to (Django's rule for a list of servers).
        self._plats = (re.split("[;,]", server) if isinstance(server, str) else server)[0]
        self._namn = f"{self._plats} {self.key_prefix}"
        self._tidsgranser = {
            k: v for k, v in params.get("OPTIONS", {}).items() if k.startswith("socket_")
        }
        reserv = import_string(params.get("RESERV", "django.core.cache.backends.dummy.DummyCache"))
        self._reserv = reserv(f"reserv {self._namn}", {"MAX_ENTRIES": 10000})

    @functools.cached_property
    def _klient(self) -> redis.Redis:
        """A plain client for what Django's cache API lacks: a ping, and finding this cache's
        keys."""
        return redis.Redis.from_url(self._plats, **self._tidsgranser)

    def _markera_nere(self, fel: Exception) -> None:
        with _las:
            forst = self._namn not in _nere_till
            _nere_till[self._namn] = time.monotonic() + PAUS_SEKUNDER
        if forst:
            logger.warning("Redis svarar inte (%s); cachen används inte för tillfället", fel)

    def _kan_anropas(self) -> bool:
        """False while this process leaves Redis alone after an error. Once that pause is
        over, what may be stale is emptied first."""
        till = _nere_till.get(self._namn)
        if till is None:
            return True
        if time.monotonic() < till:
            return False
        try:
            nycklar = list(self._klient.scan_iter(match=f"{self.key_prefix}:*", count=1000))
            for start in range(0, len(nycklar), 500):
                self._klient.delete(*nycklar[start : start + 500])
        except RedisError as fel:
            self._markera_nere(fel)
            return False
        with _las:
            _nere_till.pop(self._namn, None)
        logger.warning("Redis svarar igen; %s nycklar i cachen tömda", len(nycklar))
        return True

    def _anropa(self, metod: str, *args):
        if self._kan_anropas():
            try:
                return getattr(super(), metod)(*args)
            except RedisError as fel:
                self._markera_nere(fel)
        return getattr(self._reserv, metod)(*args)

    def svarar(self) -> bool:
        """Ask Redis now, whatever the recent errors (for `/halsa/`)."""
        with _las:
            if self._namn in _nere_till:
                _nere_till[self._namn] = 0.0
        if not self._kan_anropas():
            return False
        try:
            return bool(self._klient.ping())
        except RedisError as fel:
            self._markera_nere(fel)
            return False

    # Django's cache API; the rest of it (get_or_set, decr, ...) is built on these.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._anropa("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._anropa("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._anropa("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._anropa("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._anropa("delete", key, version)

    def get_many(self, keys, version=None):
        return self._anropa("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._anropa("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._anropa("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._anropa("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._anropa("delete_many", keys, version)

    def clear(self):
        return self._anropa("clear")
