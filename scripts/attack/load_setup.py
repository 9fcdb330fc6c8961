"""The population scripts/load reads and writes: an organisation of its own with many wearers, each with a monthly
dosemeter (so each has a participant code the lab knows), and API tokens for the readers and the lab."""

from __future__ import annotations

import concurrent.futures
import json
from dataclasses import dataclass
from datetime import date

from devserver import Server, call

CODE = "LOADTEST"


@dataclass
class Population:
    code: str
    people: list[str]
    participants: list[str]
    readers: list[str]  # admin tokens for the dose-history load, each reading at most PER_TOKEN people
    lab: str


PER_TOKEN = 400  # below the volume alert's 500 distinct people an hour


def _ok(reply, what):
    assert 200 <= reply.status < 300, f"{what}: HTTP {reply.status} {reply.body[:300]}"
    return reply.json() if reply.body else None


def build(server: Server, admin: str, wearers: int) -> Population:
    _ok(call(server, "POST", "/api/v1/organisations", {"code": CODE, "name": "Load test", "kind": "dental"},
             token=admin), "create organisation")

    def register(n):
        body = {"forenames": "Load", "surname": f"Wearer{n:05d}", "dateOfBirth": "1970-01-01", "sex": "F",
                "staffNumber": f"L{n:05d}", "startDate": "1990-01-01", "designation": "non-classified"}
        return _ok(call(server, "POST", f"/api/v1/organisations/{CODE}/people", body, token=admin), "register")["id"]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        people = list(pool.map(register, range(wearers)))
    serials = [f"LOADW-{n:05d}" for n in range(wearers)] + [f"LOADC-{n}" for n in range(4)]
    for start in range(0, len(serials), 1000):
        _ok(call(server, "POST", f"/api/v1/organisations/{CODE}/dosemeters",
                 {"kind": "whole-body", "technology": "OSL", "serials": serials[start:start + 1000]}, token=admin),
            "register dosemeters")
    month = date.today().replace(day=1)
    for start in range(0, wearers, 500):
        assignments = [{"person": p, "position": "chest", "frequency": "monthly", "starts": month.isoformat()}
                       for p in people[start:start + 500]]
        _ok(call(server, "POST", f"/api/v1/organisations/{CODE}/assignments", {"assignments": assignments},
                 token=admin), "assign")
    _ok(call(server, "POST", f"/api/v1/organisations/{CODE}/issue-lists", {"month": month.strftime("%Y-%m")},
             token=admin), "issue list")
    lab = _ok(call(server, "POST", "/api/v1/tokens", {"role": "lab", "organisation": CODE, "days": 1}, token=admin),
              "lab token")["token"]
    issued = call(server, "GET", f"/api/v1/organisations/{CODE}/issue-lists/{month.strftime('%Y-%m')}?format=json",
                  token=admin)
    participants = sorted({row["participantCode"] for row in _rows(_ok(issued, "issue list"))
                           if row.get("participantCode")})
    assert len(participants) == wearers, f"{len(participants)} participant codes for {wearers} wearers"
    readers = [_ok(call(server, "POST", "/api/v1/tokens", {"role": "rps-admin", "days": 1}, token=admin),
                   "reader token")["token"] for _ in range((wearers + PER_TOKEN - 1) // PER_TOKEN)]
    return Population(CODE, people, participants, readers, lab)


def _rows(document):
    if isinstance(document, list):
        return document
    for key in ("issues", "rows", "dosemeters", "items"):
        if isinstance(document.get(key), list):
            return document[key]
    raise AssertionError(f"issue list without rows: {json.dumps(document)[:300]}")


def dose_entries(server: Server, population: Population) -> int:
    """Dose entries made from readings across the population, read back through the API (one history each)."""

    def count(pair):
        index, person = pair
        token = population.readers[index // PER_TOKEN]
        history = _ok(call(server, "GET", f"/api/v1/people/{person}/doses", token=token), "dose history")
        return sum(1 for e in history["entries"] if e.get("kind") == "measured")

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return sum(pool.map(count, enumerate(population.people)))


def seed(server: Server, population: Population, months: int, batch: int = 1000) -> int:
    """`months` monthly readings for every wearer, newest first from October 2026, posted by the lab in batches the
    way scripts/attack/ingest.lua writes them (serial SEED<k>, reading k is wearer k mod W's month k div W): every
    history then holds `months` entries when the dose-history phases run. Returns the readings acknowledged."""
    newest = 2026 * 12 + 9
    wearers = len(population.participants)

    def reading(k):
        month = newest - k // wearers
        year, m = month // 12, month % 12 + 1
        last = (date(year + (m == 12), m % 12 + 1, 1) - date(year, m, 1)).days
        return {"serial": f"SEED{k}", "participantCode": population.participants[k % wearers], "position": "chest",
                "periodBegin": f"{year:04d}-{m:02d}-01", "periodEnd": f"{year:04d}-{m:02d}-{last:02d}",
                "hp10": "0.01", "version": 1}

    def post(start):
        readings = [reading(k) for k in range(start, min(start + batch, months * wearers))]
        reply = call(server, "POST", f"/api/v1/organisations/{population.code}/readings", {"readings": readings},
                     token=population.lab)
        return _ok(reply, "seed readings")["imported"]

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return sum(pool.map(post, range(0, months * wearers, batch)))
