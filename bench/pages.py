"""
Where does a page spend its time? Renders the benchmark's pages in-process (Django's test
client, the same settings and database as bench/run) and prints, per page, the time per
request, the CPU time of this process per request, the number of queries, the time in the
database and the slowest queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koping_bench DEBUG=0 SECRET_KEY=x \
        ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 .venv/bin/python bench/pages.py [PAGE ...]

QN and QMIN (seconds) choose how many of the slowest queries are listed and from what time
(3 and 0.005 unless set). With PROFILE=1 it also runs pyinstrument (if installed) on each page and prints its tree.
Unaffected by other load on the machine in the way wrk's latencies are: the CPU time, the
database time and the query counts are what to compare before and after a fix (on a shared
machine the time per request moves with the others' work, the CPU time much less).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import prepare  # noqa: E402


def main(valda):
    work = Path(tempfile.mkdtemp(prefix="koping-profile-"))
    meta = prepare.prepare(work)
    cookie = {
        n: (work / f"cookies-{n}.txt").read_text().splitlines()[0]
        for n in ("medarbetare", "sakerhet", "ks", "namnd")
    }
    detalj = (work / "paths-detalj.txt").read_text().splitlines()[0]
    sidor = [
        ("baseline", "medarbetare", "/bench/baseline/"),
        ("baseline_sida", "medarbetare", "/bench/baseline-sida/"),
        ("start", "sakerhet", "/"),
        ("incidentlista", "sakerhet", f"/incidenter/?{meta['lista_filter']}"),
        (
            "incidentlista_sen_sida",
            "sakerhet",
            f"/incidenter/?{meta['lista_filter']}&sida={meta['lista_late_page']}",
        ),
        (
            "incidentlista_mittsida",
            "sakerhet",
            f"/incidenter/?{meta['lista_filter']}&sida={meta['lista_middle_page']}",
        ),
        ("incidentdetalj", "sakerhet", detalj),
        ("rapportera_form", "medarbetare", "/incidenter/rapportera/"),
        ("riskregister", "sakerhet", "/risker/"),
        ("riskmatris_koncern", "ks", "/risker/matris/"),
        ("policy", "medarbetare", "/policy/"),
        ("vart_ansvar", "namnd", meta["vart_ansvar"]),
        ("aktivitetslista", "sakerhet", "/verksamhet/"),
        ("aktivitetslista_forsenade", "namnd", "/verksamhet/?status=forsenad"),
    ]
    n = int(os.environ.get("N", "5"))
    for namn, roll, path in sidor:
        if valda and namn not in valda:
            continue
        client = Client()
        key, value = cookie[roll].split(";")[0].split("=", 1)
        client.cookies[key] = value
        client.get(path)  # warm
        tider, cpu = [], []
        for _ in range(n):
            start, start_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as ctx:
                r = client.get(path)
            tider.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert r.status_code == 200, (path, r.status_code)
        dbtid = sum(float(q["time"]) for q in ctx.captured_queries)
        print(
            f"{namn:<24} {statistics.median(tider) * 1000:7.1f} ms  "
            f"{statistics.median(cpu) * 1000:7.1f} ms CPU  "
            f"{len(ctx.captured_queries):3d} frågor  {dbtid * 1000:7.1f} ms i databasen"
        )
        for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[
            : int(os.environ.get("QN", "3"))
        ]:
            if float(q["time"]) > float(os.environ.get("QMIN", "0.005")):
                print(f"    {float(q['time']) * 1000:6.1f} ms  {q['sql'][:300]}")
        if os.environ.get("PROFILE"):
            try:
                from pyinstrument import Profiler
            except ImportError:
                continue
            p = Profiler(interval=0.0005)
            p.start()
            client.get(path)
            p.stop()
            print(p.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main(set(sys.argv[1:]))
