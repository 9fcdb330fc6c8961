"""The abuse scripts/load --abuse runs beside legitimate load: a brute-force of one account's password from one
address, and one principal reading many people; and the evidence, read back from the API, that the lockout and
the volume alert fired."""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections import Counter

from devserver import Server, call

VICTIM = "victim.load"
PASSWORD = "eleven quiet herons wade at dusk"


class Abuse:
    def __init__(self, server: Server, admin: str, population):
        self.server = server
        self.admin = admin
        self.population = population
        self.statuses: Counter = Counter()
        self.failures_before_lock = None
        self.locked_at = None
        self.right_password_after = None
        self.read: Counter = Counter()
        self.distinct = 0
        self.lock = threading.Lock()

    def prepare(self) -> None:
        created = call(self.server, "POST", "/api/v1/accounts", {"login": VICTIM, "role": "auditor"}, token=self.admin)
        assert created.status == 201, f"victim account: HTTP {created.status} {created.body[:200]}"
        self.victim_id = created.json()["account"]["id"]
        enrolled = call(self.server, "POST", "/api/v1/auth/enrol",
                        {"token": created.json()["enrolmentToken"], "password": PASSWORD})
        assert enrolled.status == 200, f"victim enrolment: HTTP {enrolled.status} {enrolled.body[:200]}"
        issued = call(self.server, "POST", "/api/v1/tokens", {"role": "rps-admin", "days": 1}, token=self.admin)
        self.bulk_id, self.bulk_token = issued.json()["id"], issued.json()["token"]
        self.first_sequence = call(self.server, "GET", "/api/v1/audit/status", token=self.admin).json()["storedEvents"]

    def _guess(self, n: int) -> None:
        if self.locked_at and time.time() > self.locked_at + 3:
            return
        reply = call(self.server, "POST", "/api/v1/auth/sign-in", {"login": VICTIM, "password": f"guess number {n}"})
        with self.lock:
            self.statuses[reply.status] += 1
            if reply.status == 429 and self.locked_at is None:
                self.locked_at = time.time()
                self.failures_before_lock = self.statuses[401]

    def brute_force(self, seconds: float) -> None:
        # The answers to failures are held back (250 ms doubling to 8 s), so the attacker sends many at once.
        deadline = time.time() + seconds
        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            n = 0
            while time.time() < deadline and not (self.locked_at and time.time() > self.locked_at + 3):
                # bcrypt makes each guess cost the server ~0.25 s of a core: the attacker keeps 32 in flight.
                list(pool.map(self._guess, range(n, n + 32)))
                n += 32
        reply = call(self.server, "POST", "/api/v1/auth/sign-in", {"login": VICTIM, "password": PASSWORD})
        self.right_password_after = reply.status

    def bulk_read(self, seconds: float) -> None:
        """Pages through every organisation's people, then reads each person on their own, with one token."""
        deadline = time.time() + seconds
        everyone = []
        for code in [o["code"] for o in call(self.server, "GET", "/api/v1/organisations", token=self.bulk_token).json()]:
            after = ""
            while time.time() < deadline:
                page = call(self.server, "GET", f"/api/v1/organisations/{code}/people?limit=100{after}",
                            token=self.bulk_token)
                self.read[page.status] += 1
                everyone += [p["id"] for p in page.json()["people"]]
                if not page.json().get("next"):
                    break
                after = f"&after={page.json()['next']}"
        self.distinct = len(set(everyone))
        for person in everyone:
            if time.time() > deadline:
                break
            self.read[call(self.server, "GET", f"/api/v1/people/{person}", token=self.bulk_token).status] += 1

    def run(self, seconds: float) -> None:
        threads = [threading.Thread(target=self.brute_force, args=(seconds,)),
                   threading.Thread(target=self.bulk_read, args=(seconds,))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def evidence(self) -> dict:
        alerts = call(self.server, "GET", "/api/v1/security/alerts?limit=1000", token=self.admin).json()
        volume = [a for a in alerts if a["action"] == "alert.volume"]
        mine = [a for a in volume if a["actor"] == self.bulk_id]
        # The ledger from just before the abuse: sign-in failures and refusals naming the victim's account.
        outcomes: Counter = Counter()
        after = self.first_sequence
        while True:
            page = call(self.server, "GET", f"/api/v1/audit/events?after={after}&limit=1000", token=self.admin).json()
            if not page:
                break
            for event in page:
                if event["action"] == "auth.sign-in" and event.get("subject") == self.victim_id:
                    outcomes[event["outcome"]] += 1
            after = page[-1]["sequence"]
        lines = [
            f"brute force: {sum(self.statuses.values())} guesses from 127.0.0.1, answers {dict(self.statuses)}; "
            f"locked (429) after {self.failures_before_lock} failures; the right password afterwards: HTTP "
            f"{self.right_password_after}; ledger sign-in events for the account: {dict(outcomes)}",
            f"bulk read by one token: people lists and GET /api/v1/people/{{id}}, {self.distinct} distinct people, "
            f"answers {dict(self.read)}; GET /api/v1/security/alerts: {len(volume)} alert.volume in all "
            f"({', '.join(a['actor'] + ' ' + a['outcome'] for a in volume)}), {len(mine)} naming that token",
        ]
        return dict(
            lines=lines,
            locked=self.locked_at is not None and self.right_password_after == 429 and outcomes.get("locked", 0) > 0,
            locked_after=f"{self.failures_before_lock} failures",
            volume=mine[0]["outcome"] if mine else "none",
            volume_alerted=len(mine) == 1 and len(volume) == 1,
        )
