"""
Django's Redis cache, made to degrade instead of fail, and keeping one redis-py client per
connection pool.

Redis holds nothing that is not also somewhere else: sessions are in PostgreSQL
(`cached_db`), the rest is counted or computed again. So a Redis that does not answer must
never fail a request. Every call that meets a Redis error answers as a cache miss (get →
the default, add/set → not stored, incr → ValueError as for a missing key), logs once, and
for `PAUS_SEKUNDER` the process does not try again, so no page waits for a timeout more than
once in that time. Rate limits then count per process (`lib.ratelimit`), and `/halsa/`
reports Redis as degraded.

While a process could not reach Redis, its writes (a logout, a new version of a cached
figure) never got there: what Redis still holds may be stale. So the first call that
reaches Redis again empties this cache's keys (never Celery's, which do not start with the
cache's prefix) before answering; sessions are read again from the database.

Django's own backend makes a new `redis.Redis` for every cache call, and redis-py fills in
some 170 response callbacks each time: about 0.2 ms a call, on every page several times over.
A client is safe to share: its connections come from the pool, which redis-py renews after
a fork.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAUS_SEKUNDER = 5

# Per server address: until when (time.monotonic()) this process leaves Redis alone. A key
# that is present means the server failed since it last answered, so its keys may be stale.
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
        self._plats = server if isinstance(server, str) else ",".join(server)

    # The state of the server, shared by every thread of the process.

    def ar_nere(self) -> bool:
        """True while this process leaves Redis alone after an error."""
        till = _nere_till.get(self._plats)
        return till is not None and time.monotonic() < till

    def _markera_nere(self, fel: Exception) -> None:
        with _las:
            forst = self._plats not in _nere_till
            _nere_till[self._plats] = time.monotonic() + PAUS_SEKUNDER
        if forst:
            logger.warning("Redis svarar inte (%s); cachen används inte för tillfället", fel)

    def _ater(self) -> None:
        """Redis answers again after an error: empty what may be stale, then use it."""
        klient = self._cache.get_client(write=True)
        nycklar = list(klient.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(nycklar), 500):
            klient.delete(*nycklar[start : start + 500])
        with _las:
            _nere_till.pop(self._plats, None)
        logger.warning("Redis svarar igen; %s nycklar i cachen tömda", len(nycklar))

    def _anropa(self, anrop, reserv):
        if self._plats in _nere_till:
            if self.ar_nere():
                return reserv()
            try:
                self._ater()
            except RedisError as fel:
                self._markera_nere(fel)
                return reserv()
        try:
            return anrop()
        except RedisError as fel:
            self._markera_nere(fel)
            return reserv()

    def svarar(self) -> bool:
        """Ask Redis now, whatever the recent errors (for `/halsa/`)."""
        with _las:
            if self._plats in _nere_till:
                _nere_till[self._plats] = 0.0
        return self._anropa(lambda: bool(self._cache.get_client().ping()), lambda: False)

    # Django's cache API, each call degrading to a miss.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._anropa(
            lambda: super(RedisCache, self).add(key, value, timeout, version), lambda: False
        )

    def get(self, key, default=None, version=None):
        return self._anropa(
            lambda: super(RedisCache, self).get(key, default, version), lambda: default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._anropa(
            lambda: super(RedisCache, self).set(key, value, timeout, version), lambda: None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._anropa(
            lambda: super(RedisCache, self).touch(key, timeout, version), lambda: False
        )

    def delete(self, key, version=None):
        return self._anropa(lambda: super(RedisCache, self).delete(key, version), lambda: False)

    def get_many(self, keys, version=None):
        return self._anropa(lambda: super(RedisCache, self).get_many(keys, version), dict)

    def has_key(self, key, version=None):
        return self._anropa(lambda: super(RedisCache, self).has_key(key, version), lambda: False)

    def incr(self, key, delta=1, version=None):
        def saknas():
            raise ValueError(f"Nyckeln {key!r} finns inte (Redis svarar inte)")

        return self._anropa(lambda: super(RedisCache, self).incr(key, delta, version), saknas)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._anropa(
            lambda: super(RedisCache, self).set_many(data, timeout, version), lambda: list(data)
        )

    def delete_many(self, keys, version=None):
        return self._anropa(
            lambda: super(RedisCache, self).delete_many(keys, version), lambda: None
        )

    def clear(self):
        return self._anropa(lambda: super(RedisCache, self).clear(), lambda: False)
