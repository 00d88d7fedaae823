"""The Redis cache backend (lib.rediscache) answers as Django's does while
Redis answers; tests/project/test_redis_nere.py shows what it does when Redis does not."""

import uuid

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from lib.rediscache import RedisCache


def test_it_answers_as_djangos_redis_cache(settings, require_redis):
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
        assert var.has_key("d") and var.touch("d", 60)
        var.delete("a")
        assert django.get("a") is None
        assert var.svarar()
    finally:
        var.delete_many(["a", "b", "c", "d"])
