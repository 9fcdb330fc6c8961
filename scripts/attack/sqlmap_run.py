"""Runs sqlmap against every parameterised API route and portal form of a fresh `sievert serve` (see scripts/sqlmap).

Prints, per target, the points tested, the requests and time sqlmap took and its verdict; at the end the totals.
Exits 1 when sqlmap finds any point injectable, when the server answers any of its requests with a 5xx, or when
sqlmap itself fails on a target; 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date

from devserver import Server, call, enrol_and_sign_in, server_binary
from sqlmap_targets import Target, api_sign_in_password, api_targets, new_challenge, portal_targets


@dataclass
class Verdict:
    target: Target
    seconds: float
    requests: int
    injectable: list[str]
    server_errors: int
    failure: str | None
    notes: list[str]

    @property
    def ok(self) -> bool:
        return not self.injectable and not self.server_errors and not self.failure


def discover(server: Server, admin: str, sessions) -> tuple[dict, str]:
    """Real ids for the targets, and a lab token; creates the throwaway records some targets consume."""
    lead = sessions["org-lead"].cookie
    code = call(server, "GET", "/api/v1/organisations", cookie=lead).json()[0]["code"]
    people = call(server, "GET", f"/api/v1/organisations/{code}/people?limit=5", token=admin).json()["people"]
    person = people[0]["id"]
    employment = people[0]["employments"][0]["id"]

    def register(surname):
        reply = call(server, "POST", f"/api/v1/organisations/{code}/people", {"surname": surname, "staffNumber": surname},
                     token=admin)
        assert reply.status == 201, f"register {surname}: HTTP {reply.status} {reply.body[:200]}"
        return reply.json()["id"]

    spare_account = call(server, "POST", "/api/v1/accounts", {"login": "spare.probe", "role": "auditor"},
                         token=admin).json()["account"]["id"]
    spare_token = call(server, "POST", "/api/v1/tokens", {"role": "auditor", "days": 1}, token=admin).json()["id"]
    lab = call(server, "POST", "/api/v1/tokens", {"role": "lab", "organisation": code, "days": 1}, token=admin).json()
    alerts = call(server, "GET", "/api/v1/alerts", token=admin).json()
    alerts = alerts.get("alerts", alerts) if isinstance(alerts, dict) else alerts
    assignments = call(server, "GET", f"/api/v1/organisations/{code}/assignments", token=admin).json()
    assignments = assignments.get("assignments", assignments) if isinstance(assignments, dict) else assignments
    incident = call(server, "POST", "/api/v1/incidents",
                    {"summary": "sqlmap run", "occurredAt": "2026-11-01T00:00:00Z", "contactPoint": "DPO"},
                    token=admin).json()["id"]
    # Scoped (everything the store held, keys taken) and planned, so the lead's incident page has letters to
    # record the delivery of.
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))
    for step, body in (("scope", {"kind": "store-window", "from": "2000-01-01T00:00:00Z", "to": now,
                                  "keysCompromised": True}), ("plan", None)):
        reply = call(server, "POST", f"/api/v1/incidents/{incident}/{step}", body, token=admin)
        assert reply.status in (200, 201), f"incident {step}: HTTP {reply.status} {reply.body[:200]}"
    month = date.today().strftime("%Y-%m")
    # A dosemeter in stock and an assignment of the person, so this month's issue list exists and names a serial
    # and a participant code (for the lab's file, the returns and the readings).
    call(server, "POST", f"/api/v1/organisations/{code}/dosemeters",
         {"kind": "whole-body", "technology": "OSL", "serials": ["SQLMAP-W1", "SQLMAP-C1"]}, token=admin)
    call(server, "POST", f"/api/v1/organisations/{code}/assignments",
         {"assignments": [{"person": person, "position": "chest", "frequency": "monthly",
                           "starts": f"{month}-01"}]}, token=admin)
    reply = call(server, "POST", f"/api/v1/organisations/{code}/issue-lists", {"month": month}, token=admin)
    assert reply.status in (200, 201), f"issue list: HTTP {reply.status} {reply.body[:200]}"
    issue = call(server, "GET", f"/api/v1/organisations/{code}/issue-lists/{month}?format=json", token=admin)
    codes = [d["participantCode"] for d in issue.json().get("dosemeters", []) if d.get("participantCode")]
    participant = codes[0] if codes else "P0000"
    serials = [d["serial"] for d in issue.json().get("dosemeters", []) if d.get("participantCode")]
    records = call(server, "GET", "/me/records", cookie=sessions["wearer"].cookie).body
    wearer_employment = (re.findall(r'<td class="code">([^<]+)</td>', records) or ["0"])[0]
    ids = dict(code=code, person=person, employment=employment, spare_person=register("Spare"),
               spare_person_portal=register("Portal"), spare_account=spare_account, spare_token=spare_token,
               alert=alerts[0]["id"] if alerts else "al_none", incident=incident, month=month,
               assignment=assignments[0]["id"] if assignments else "as_none", participant=participant,
               serial=serials[0] if serials else "SQLMAP-1",
               wearer_employment=wearer_employment, challenge=new_challenge(server, sessions))
    return ids, lab["token"]


def run_sqlmap(server: Server, target: Target, args, work: str) -> Verdict:
    command = ["sqlmap", "-u", server.base + target.path, "--batch", f"--level={args.level}", f"--risk={args.risk}",
               f"--technique={args.technique}", f"--dbms={args.dbms}", f"--time-sec={args.time_sec}",
               f"--union-cols={args.union_cols}",
               "--flush-session", "--disable-coloring", "--skip-waf", "--timeout=30", "--retries=1",
               f"--output-dir={work}", "-v", "1", "--answers=follow=N,redirect=N,keep testing=Y,process=Y,reduce the number=N"]
    if target.method != "GET":
        command += [f"--method={target.method}"]
    if target.body is not None:
        command += [f"--data={target.body}"]
    elif target.method != "GET":
        command += ["--data=*"] if not target.points else []
    headers = []
    if target.token:
        headers.append(f"Authorization: Bearer {target.token}")
    if target.body is not None and not target.form:
        headers.append("Content-Type: application/json")
    if headers:
        command += ["--headers=" + "\\n".join(headers)]
    if target.cookie:
        command += [f"--cookie={target.cookie}"]
    if target.ignore_401:
        command += ["--ignore-code=401"]
    if target.eval_code:
        command += [f"--eval={target.eval_code}"]
    traffic = os.path.join(work, "traffic.txt")
    command += [f"-t{traffic}"]
    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.target_timeout)
    seconds = time.time() - started
    out = done.stdout + done.stderr
    # sqlmap's traffic log: every request it sent and the status of each answer.
    with open(traffic, errors="replace") if os.path.exists(traffic) else open(os.devnull) as log:
        statuses = re.findall(r"^HTTP response \[#\d+\] \((\d{3})", log.read(), re.MULTILINE)
    if os.path.exists(traffic):
        os.remove(traffic)
    requests = len(statuses)
    server_errors = sum(1 for s in statuses if s.startswith("5"))
    injectable = re.findall(r"Parameter: ([^\n]+)\n\s+Type:", out)
    # sqlmap's CRITICAL lines are notices when it goes on to a verdict (content "heavily dynamic" where every
    # answer carries a new token; "lagging" where the sign-in throttle holds answers back): kept as notes.
    critical = [line.split("] ", 2)[-1][:120] for line in out.splitlines() if "[CRITICAL]" in line
                and "do not appear to be injectable" not in line]
    failure = None
    if done.returncode != 0:
        failure = f"sqlmap exited {done.returncode}: " + "; ".join(critical)
    elif not injectable and "do not appear to be injectable" not in out:
        failure = "no verdict from sqlmap" + (": " + "; ".join(critical) if critical else "")
    with open(os.path.join(work, "sqlmap.log"), "a") as log:
        log.write(f"===== {target.name}\n{' '.join(command)}\n{out}\n")
    return Verdict(target, seconds, requests, injectable, server_errors, failure, critical)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--level", type=int, default=1)
    parser.add_argument("--risk", type=int, default=1)
    parser.add_argument("--technique", default=None, help="BEUST, or BEU with --short")
    parser.add_argument("--time-sec", type=int, default=2)
    parser.add_argument("--union-cols", default="1-10")
    parser.add_argument("--target-timeout", type=int, default=900, help="seconds one sqlmap run may take")
    parser.add_argument("--only", default="", help="run only targets whose name contains one of these comma-separated texts")
    parser.add_argument("--short", action="store_true",
                        help="5 targets (people list, dose history, audit events, the lead's wearer search and "
                        "contact form) at level 1, risk 1, BEU: for CI")
    parser.add_argument("--log", default="", help="keep sqlmap's full output in this file")
    args = parser.parse_args()
    args.technique = args.technique or ("BEU" if args.short else "BEUST")
    store = "PostgreSQL" if os.environ.get("SIEVERT_POSTGRES_URL") else "SQLite"
    args.dbms = store
    server = Server(server_binary())
    work = tempfile.mkdtemp(prefix="sievert-sqlmap-")
    verdicts: list[Verdict] = []
    try:
        server.start()
        admin = server.admin_token()
        sessions = enrol_and_sign_in(server)
        ids, lab = discover(server, admin, sessions)
        targets = [api_sign_in_password()] + api_targets(server, admin, lab, sessions, ids)
        targets += portal_targets(server, sessions, ids)
        if args.short:
            # No sign-in here: bcrypt and the throttle make each sign-in target take minutes; the full run has them.
            keep = ("people list", "dose history", "audit events", "lead wearers page")
            targets = [t for t in targets if t.name.startswith(keep) or t.name.endswith("/contact")]
        if args.only:
            targets = [t for t in targets if any(part in t.name for part in args.only.split(","))]
        print(f"sqlmap {_sqlmap_version()} against {store} at {server.base}: {len(targets)} targets, "
              f"--level={args.level} --risk={args.risk} --technique={args.technique} --dbms={store} "
              f"--time-sec={args.time_sec} --union-cols={args.union_cols}", flush=True)
        for target in targets:
            verdict = run_sqlmap(server, target, args, work)
            verdicts.append(verdict)
            state = ("INJECTABLE " + "; ".join(verdict.injectable) if verdict.injectable else
                     f"ERROR {verdict.failure}" if verdict.failure else
                     f"SERVER ERRORS {verdict.server_errors}" if verdict.server_errors else
                     "not injectable" + (f" (sqlmap: {'; '.join(verdict.notes)})" if verdict.notes else ""))
            print(f"  {target.method:6} {target.path[:90]:90} [{', '.join(target.points) or '-'}] "
                  f"{verdict.requests:5} requests {verdict.seconds:6.1f} s  {state}", flush=True)
        if server.process.poll() is not None:
            print("the server exited during the run", file=sys.stderr)
            return 1
    finally:
        server.stop()
        if args.log:
            shutil.copy(os.path.join(work, "sqlmap.log"), args.log) if os.path.exists(
                os.path.join(work, "sqlmap.log")) else None
        shutil.rmtree(work, ignore_errors=True)
    points = sum(len(v.target.points) for v in verdicts)
    injectable = sum(len(v.injectable) for v in verdicts)
    bad = [v for v in verdicts if not v.ok]
    print(f"{store}: {len(verdicts)} targets, {points} injection points tested, {injectable} injectable, "
          f"{sum(v.requests for v in verdicts)} requests, {sum(v.server_errors for v in verdicts)} 5xx answers, {sum(1 for v in verdicts if v.failure)} sqlmap "
          f"failures, {sum(v.seconds for v in verdicts):.0f} s")
    return 1 if bad else 0


def _sqlmap_version() -> str:
    done = subprocess.run(["sqlmap", "--version"], capture_output=True, text=True)
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "?"


if __name__ == "__main__":
    sys.exit(main())
