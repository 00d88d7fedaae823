"""
Values kept in the cache until the data they are computed from changes.

A version is a timestamp under a name of its own (say "risker:register:version"). Every
save or delete of the data behind it sets a new one (`data_andrad`, connected to post_save
and post_delete in the app's ready()), at once and again when the transaction commits:
nothing computed during the transaction, nor from the data before the commit, is kept.
`versionerad` keeps a value together with the version it was computed under and computes
anew when the version has moved on.

Writes that bypass save() (bulk loads such as seed_volume) must call `ny_version`, or are
seen when the entry expires. Without Redis (LocMemCache) each process has its own cache
and versions, which is fine for one development server.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction


def ny_version(namn: str) -> None:
    cache.set(namn, time.time_ns(), None)


def data_andrad(namn: str) -> None:
    ny_version(namn)
    transaction.on_commit(lambda: ny_version(namn))


def versionerad(namn: str, grund: tuple, berakna, sekunder: int):
    """`berakna()`, kept in the cache under `grund` until the version `namn` moves on (or
    `sekunder` pass). `grund` must hold everything the value depends on besides the data:
    who sees what, the language, the date, the filter."""
    nyckel = f"{namn}:{hashlib.sha256(repr(grund).encode()).hexdigest()}"
    sparat = cache.get_many([namn, nyckel])
    version = sparat.get(namn)
    if version is None:
        # An emptied cache: start a version. It is read before computing, like any other,
        # so a write that commits meanwhile makes this entry stale at once.
        cache.add(namn, time.time_ns(), None)
        version = cache.get(namn)
    post = sparat.get(nyckel)
    if version is not None and post is not None and post[0] == version:
        return post[1]
    varde = berakna()
    if version is not None:
        cache.set(nyckel, (version, varde), sekunder)
    return varde
