"""The Redis cache backend (koping_sakerhet.lib.rediscache) answers as Django's does, with
one redis-py client per pool instead of a new one for every call."""

import uuid

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from koping_sakerhet.lib.rediscache import RedisCache


def test_it_answers_as_djangos_redis_cache_and_keeps_one_client(settings, require_redis):
    prefix = f"test-{uuid.uuid4().hex}"
    var, django = (
        cls(settings.REDIS_URL, {"KEY_PREFIX": prefix}) for cls in (RedisCache, DjangoRedisCache)
    )
    try:
        var.set("a", {"antal": 3}, 30)
        assert django.get("a") == {"antal": 3}
        django.set_many({"b": 1, "c": [1, 2]}, 30)
        assert var.get_many(["a", "b", "c", "saknas"]) == {"a": {"antal": 3}, "b": 1, "c": [1, 2]}
        assert var.add("b", 2) is False and var.incr("b") == 2 == django.get("b")
        assert var.get_or_set("d", lambda: "beräknad", 30) == "beräknad" == django.get("d")
        var.delete("a")
        assert django.get("a") is None
        assert var._cache.get_client() is var._cache.get_client(write=True)
        # Why the backend exists: when this fails, Django keeps its clients itself.
        assert django._cache.get_client() is not django._cache.get_client()
    finally:
        var.delete_many(["a", "b", "c", "d"])
