"""
Collect one benchmark run (the files bench/run left in its work directory) into a table on
standard output and a JSON file. Latencies are in milliseconds; each page's p95 is also given
as a ratio to the baseline's p95. The targets are those of issue 9.
"""

import argparse
import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

P95_MAX_MS = 150
RATIO_MAX = 5
SUBMIT_P95_MAX_MS = 200
PDF_MAX_S = 20
SEED_MAX_S = 300

ORDER = [
    "baseline",
    "baseline_sida",
    "start",
    "incidentlista",
    "incidentlista_sen_sida",
    "incidentlista_mittsida",
    "incidentdetalj",
    "rapportera",
    "riskregister",
    "riskmatris_koncern",
    "policy",
    "vart_ansvar",
    "aktivitetslista",
    "aktivitetslista_forsenade",
    "baseline_slut",
]


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    pg = subprocess.run(
        ["psql", os.environ.get("DATABASE_URL", ""), "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": pg,
    }


def num(value: str):
    return None if value in ("", "null", "None") else float(value)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("out")
    parser.add_argument("--seed-seconds", default="null")
    parser.add_argument("--pdf-seconds", default="null")
    parser.add_argument("--pdf-year", type=int)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--connections", type=int)
    parser.add_argument("--duration", type=int)
    parser.add_argument("--redis", default="")
    a = parser.parse_args()
    work = Path(a.work)
    meta = json.loads((work / "meta.json").read_text())

    pages = {}
    for name in ORDER:
        f = work / f"result-{name}.json"
        if not f.exists() or not f.read_text().strip():
            continue
        r = json.loads(f.read_text())
        secs = r["duration_us"] / 1e6
        pages[name] = {
            "rps": round(r["requests"] / secs, 1) if secs else 0,
            "requests": r["requests"],
            "p50_ms": round(r["p50_us"] / 1000, 1),
            "p95_ms": round(r["p95_us"] / 1000, 1),
            "p99_ms": round(r["p99_us"] / 1000, 1),
            "max_ms": round(r["max_us"] / 1000, 1),
            "errors": r["unexpected_status"] + r["socket_errors"],
        }
        cpu = work / f"cpu-{name}.txt"
        if cpu.exists() and r["requests"]:
            ticks, per_s = (int(x) for x in cpu.read_text().split())
            pages[name]["cpu_ms_per_request"] = round(ticks * 1000 / per_s / r["requests"], 1)
    base = pages.get("baseline", {}).get("p95_ms")
    for name, p in pages.items():
        p["p95_ratio"] = round(p["p95_ms"] / base, 2) if base else None
        limit = SUBMIT_P95_MAX_MS if name == "rapportera" else P95_MAX_MS
        if name.startswith("baseline"):
            p["target_met"] = None
        else:
            p["target_met"] = (
                p["p95_ms"] < limit
                and p["errors"] == 0
                and (name == "rapportera" or p["p95_ratio"] is None or p["p95_ratio"] <= RATIO_MAX)
            )
    submit = None
    rows = work / "rows-rapportera.json"
    if rows.exists() and "rapportera" in pages:
        counts = json.loads(rows.read_text())
        ok = json.loads((work / "result-rapportera.json").read_text())["ok"]
        saved = counts["after"] - counts["before"]
        # wrk stops counting at the end of its time while the server may still finish the
        # requests in flight: more rows than accepted answers is those, fewer is a loss.
        lost = max(0, ok - saved)
        submit = {
            "accepted": ok,
            "rows_added": saved,
            "in_flight_at_end": max(0, saved - ok),
            "lost": lost,
        }
        pages["rapportera"]["lost_reports"] = lost
        if lost:
            pages["rapportera"]["target_met"] = False

    # Other work on the machine (load average over 1, 5, 15 minutes) shifts every latency;
    # the ratios to the baseline, measured in the same minutes, shift much less.
    load = {
        when: (work / f"load-{when}.txt").read_text().split()
        for when in ("before", "after")
        if (work / f"load-{when}.txt").exists()
    }
    seed_s, pdf_s = num(a.seed_seconds), num(a.pdf_seconds)
    result = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average": load,
        "settings": {
            "workers": a.workers,
            "connections": a.connections,
            "duration_s": a.duration,
            "redis": bool(a.redis),
            "debug": False,
            "otp_required": True,
        },
        "data": meta,
        "seed_seconds": round(seed_s, 1) if seed_s is not None else None,
        "pdf": {"year": a.pdf_year, "seconds": round(pdf_s, 1) if pdf_s is not None else None},
        "submit": submit,
        "pages": pages,
    }
    Path(a.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    print()
    print(
        f"{'sida':<24}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'×bas p95':>10}{'fel':>6}{'CPU ms/req':>12}  mål"
    )
    for name in ORDER:
        if name not in pages:
            continue
        p = pages[name]
        mal = {None: "", True: "ja", False: "NEJ"}[p["target_met"]]
        ratio = f"{p['p95_ratio']:.2f}" if p["p95_ratio"] is not None else "-"
        print(
            f"{name:<24}{p['rps']:>8.1f}{p['p50_ms']:>9.1f}{p['p95_ms']:>9.1f}"
            f"{p['p99_ms']:>9.1f}{ratio:>10}{p['errors']:>6}{p.get('cpu_ms_per_request', 0):>12.1f}  {mal}"
        )
    if submit:
        print(
            f"\nRapporter: {submit['accepted']} bekräftade (302), {submit['rows_added']} nya rader "
            f"({submit['in_flight_at_end']} pågick när mätningen slutade), "
            f"{submit['lost']} förlorade."
        )
    if pdf_s is not None:
        print(f"Årsrapport {a.pdf_year} som PDF: {pdf_s:.1f} s (mål < {PDF_MAX_S} s)")
    if seed_s is not None:
        print(f"Seedning: {seed_s:.0f} s (mål < {SEED_MAX_S} s)")
    slut = pages.get("baseline_slut")
    if slut and slut["p95_ratio"] is not None:
        # The ratios are taken against the first baseline; the same view measured again after
        # the pages shows how much the machine itself drifted meanwhile.
        print(
            f"Baslinjen mätt igen efter sidorna: p95 {slut['p95_ms']:.1f} ms, "
            f"{slut['p95_ratio']:.2f} × den första (maskinens drift under körningen)."
        )
    if load:
        print(
            f"Belastning (load average 1/5/15 min) före: {load.get('before')}, efter: {load.get('after')}"
        )
    print(f"\nSkrev {a.out}")


if __name__ == "__main__":
    main()
