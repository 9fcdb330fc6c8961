"""Drives wrk against a release `sievert serve` on loopback for scripts/load; see that script for what it measures.

Prints each phase's figures and the goals met or missed; exits 1 when a goal is missed or a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from abuse import Abuse
from devserver import Server, call
from load_setup import PER_TOKEN, build, dose_entries, seed

HERE = Path(__file__).resolve().parent


def wrk(server: Server, script: str, seconds: int, connections: int, threads: int, env: dict) -> dict:
    environment = dict(os.environ, LOAD_THREADS=str(threads), LOAD_CONNECTIONS=str(connections), **env)
    done = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(HERE / script),
         server.base],
        capture_output=True, text=True, env=environment)
    match = re.search(r"^RESULT (\{.*\})$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    result = json.loads(match.group(1))
    result["stderr"] = done.stderr.strip()
    return result


def write_lines(path: Path, values) -> str:
    path.write_text("\n".join(values) + "\n")
    return str(path)


def show(label: str, r: dict) -> None:
    extra = ""
    if "readingsSent" in r:
        extra = (f", readings sent {r['readingsSent']}, acknowledged {r['readingsAcknowledged']} "
                 f"({r['readingsAcknowledged'] / r['seconds']:.0f} readings/s), error answers {r['errorAnswers']}")
    else:
        extra = f", non-2xx {r['non2xx']}, p90 {r['p90']:.2f} ms, p99.9 {r['p999']:.2f} ms"
    print(f"  {label}: {r['requests']} requests in {r['seconds']:.1f} s = {r['requests'] / r['seconds']:.0f}/s, "
          f"p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, max {r['max']:.1f} ms, socket errors {r['socketErrors']}"
          f"{extra}", flush=True)
    if r.get("stderr"):
        print("    " + r["stderr"].replace("\n", "\n    ")[:600])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--wearers", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rate", type=int, default=1000, help="the paced dose-history run's requests/s")
    parser.add_argument("--batch", type=int, default=1000, help="readings per ingest request")
    parser.add_argument("--seed-months", type=int, default=12,
                        help="monthly readings per wearer ingested before the measured phases (entries per history)")
    parser.add_argument("--abuse", action="store_true", help="also the brute-force and bulk-read run")
    parser.add_argument("--abuse-seconds", type=int, default=150,
                        help="how long the abuse run lasts (the lockout needs 100 bcrypt-checked guesses)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sievert-load-"))
    server = Server(Path(args.binary))
    failures: list[str] = []
    try:
        server.start()
        admin = server.admin_token()
        started = time.time()
        population = build(server, admin, args.wearers)
        print(f"population: {len(population.people)} wearers at {population.code} with participant codes, "
              f"{len(population.readers)} reader tokens (≤ {PER_TOKEN} wearers each), set up in "
              f"{time.time() - started:.0f} s", flush=True)
        codes = write_lines(work / "codes", population.participants)
        ids = write_lines(work / "ids", population.people)
        tokens = write_lines(work / "tokens", population.readers)
        ingest_env = dict(LOAD_CODES=codes, LOAD_TOKEN=population.lab, LOAD_BATCH=str(args.batch),
                          LOAD_PATH=f"/api/v1/organisations/{population.code}/readings")
        # Monthly readings for everyone first, so each history has --seed-months entries to open.
        started = time.time()
        seeded = seed(server, population, args.seed_months)
        print(f"seeded {seeded} readings in {time.time() - started:.0f} s ({seeded / len(population.people):.1f} "
              f"months per wearer)", flush=True)
        history_env = dict(LOAD_PATH="/api/v1/people/{id}/doses", LOAD_IDS=ids, LOAD_TOKENS=tokens,
                           LOAD_PER_TOKEN=str(PER_TOKEN))
        c, t, s = args.connections, args.threads, args.seconds
        print(f"phases: wrk -t{t} -c{c} -d{s}s unless stated", flush=True)
        hello = wrk(server, "reads.lua", s, c, t, dict(LOAD_PATH="/health"))
        show("GET /health (baseline, as fast as it answers)", hello)
        history = wrk(server, "reads.lua", s, c, t, history_env)
        show("GET /api/v1/people/{id}/doses (as fast as it answers)", history)
        paced = wrk(server, "reads.lua", s, c, t, dict(history_env, LOAD_RATE=str(args.rate)))
        show(f"GET /api/v1/people/{{id}}/doses paced at {args.rate}/s", paced)
        before = dose_entries(server, population)
        ingest = wrk(server, "ingest.lua", s, 4, t,
                     dict(ingest_env, LOAD_PREFIX="RUN", LOAD_MONTH_OFFSET=str(args.seed_months + 1)))
        show(f"POST readings, {args.batch} a batch (-c4)", ingest)
        time.sleep(2)
        after = dose_entries(server, population)
        stored = after - before
        print(f"  ingest check: {ingest['readingsAcknowledged']} readings acknowledged by 2xx answers, {stored} new "
              f"dose entries read back through GET /api/v1/people/{{id}}/doses over {len(population.people)} "
              f"wearers (sent {ingest['readingsSent']}, of which at most {4 * args.batch} in requests still open "
              f"when wrk stopped)", flush=True)
        if stored < ingest["readingsAcknowledged"]:
            failures.append(f"ingest lost readings: {ingest['readingsAcknowledged']} acknowledged, {stored} stored")
        if stored > ingest["readingsSent"]:
            failures.append(f"more entries stored ({stored}) than readings sent ({ingest['readingsSent']})")
        ratio = history["requests"] / history["seconds"] / (hello["requests"] / hello["seconds"])
        ingest_rate = ingest["readingsAcknowledged"] / ingest["seconds"]
        goals = [
            (f"dose history p99 < 10 ms at {args.rate}/s (achieved {paced['rate']:.0f}/s, p99 {paced['p99']:.2f} ms)",
             paced["p99"] < 10 and paced["rate"] >= 0.95 * args.rate),
            (f"dose history ≥ 30 % of /health's throughput ({100 * ratio:.1f} %)", ratio >= 0.30),
            (f"ingest ≥ 20,000 readings/s ({ingest_rate:.0f}/s)", ingest_rate >= 20000),
            ("no error answers under load (non-2xx: health "
             f"{hello['non2xx']}, history {history['non2xx'] + paced['non2xx']}, ingest {ingest['errorAnswers']})",
             hello["non2xx"] + history["non2xx"] + paced["non2xx"] + ingest["errorAnswers"] == 0),
        ]
        if args.abuse:
            goals += run_abuse(server, admin, population, args, history_env)
        print("goals:")
        for text, met in goals:
            print(f"  {'met   ' if met else 'MISSED'} {text}")
        failures += [text for text, met in goals if not met]
        if server.process.poll() is not None:
            failures.append("the server exited during the run")
    finally:
        server.stop()
    return 1 if failures else 0


def run_abuse(server: Server, admin: str, population, args, history_env) -> list:
    """Legitimate dose-history traffic paced at half the rate while an attacker brute-forces one account's password
    and another principal reads many people: the lockout and the volume alert must fire, legitimate p99 < 50 ms."""
    abuse = Abuse(server, admin, population)
    abuse.prepare()
    result: dict = {}
    legit = threading.Thread(target=lambda: result.update(
        wrk(server, "reads.lua", args.abuse_seconds, args.connections, args.threads,
            dict(history_env, LOAD_RATE=str(args.rate // 2)))))
    legit.start()
    abuse.run(seconds=args.abuse_seconds - 2)
    legit.join()
    show(f"abuse run: legitimate GET /api/v1/people/{{id}}/doses paced at {args.rate // 2}/s", result)
    evidence = abuse.evidence()
    for line in evidence["lines"]:
        print(f"  {line}")
    return [
        (f"lockout fired for the brute-forced account ({evidence['locked_after']})", evidence["locked"]),
        (f"volume alert fired for the bulk reader ({evidence['volume']})", evidence["volume_alerted"]),
        (f"legitimate p99 < 50 ms during the abuse ({result['p99']:.2f} ms, non-2xx {result['non2xx']})",
         result["p99"] < 50 and result["non2xx"] == 0),
    ]


if __name__ == "__main__":
    sys.exit(main())
