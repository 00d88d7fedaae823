"""
Django's Redis cache, keeping one redis-py client per connection pool. Django's own makes a
new `redis.Redis` for every cache call, and redis-py fills in some 170 response callbacks
each time: about 0.2 ms a call, on every page several times over (the session, the
incident filter's options, kept fragments and counts). A client is safe to share: its
connections come from the pool, which redis-py renews after a fork.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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
