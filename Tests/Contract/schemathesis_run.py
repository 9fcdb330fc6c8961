"""Holds a live `sievert serve` to its OpenAPI document with schemathesis, once per role.

Starts the debug server on a free loopback port with the demo data in a temporary directory (the portal browser
tests' `Server`), gets each role's credentials through the real flows — the operator's token the dev server
writes, API tokens issued by POST /api/v1/tokens for auditor, org-lead, lab and wearer, and a wearer's session
from enrolment with a TOTP code (an API token stands for no person, so only a session reaches a wearer's own
record) — then runs `schemathesis run --checks all` for each, bounded by --max-time and --max-examples, and
stops the server. Exits 1 when any run reports a failure or an error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyotp

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "Tests" / "Browser"))
from portal import Server, server_binary  # noqa: E402

WEARER_PASSWORD = "nine paper kites over harbour"

# Schema-valid input the server may still refuse with 422: rules JSON Schema cannot state (a date that does not
# exist, an end before a begin, a NINO's check letters, a login already taken, a dose above a limit). A 400 (the
# body or a parameter could not be read) is never accepted for schema-valid input.
POSITIVE_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]


@dataclass
class Run:
    role: str
    credential: str
    header: str
    pins: dict[str, str]
    exclude_paths: tuple[str, ...] = ()


def call(base: str, path: str, *, token: str | None = None, body: dict | None = None, method: str | None = None,
         cookie: str | None = None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if cookie:
        headers["Cookie"] = cookie
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None, response.headers


def wearer_session(server: Server) -> tuple[str, str]:
    """Enrols the demo wearer through the API, signs in and returns (session cookie, person id)."""
    account = server.accounts()["wearer"]
    token = urllib.parse.parse_qs(urllib.parse.urlparse(account.enrol_url).query).get("token", [None])[0]
    token = token or account.enrol_url.rstrip("/").rsplit("/", 1)[-1]
    enrolment, _ = call(server.base, "/api/v1/auth/enrol", body={"token": token, "password": WEARER_PASSWORD})
    credentials = {"login": account.login, "password": WEARER_PASSWORD}
    # Two-factor roles get a TOTP secret at enrolment; the sign-in then needs a code from it.
    if "totpSecret" in enrolment:
        credentials["code"] = pyotp.TOTP(enrolment["totpSecret"]).now()
    _, headers = call(server.base, "/api/v1/auth/sign-in", body=credentials)
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    me, _ = call(server.base, "/api/v1/auth/me", cookie=cookie)
    return cookie, me["person"]


def runs(server: Server) -> list[Run]:
    admin = server.admin_token()
    organisations, _ = call(server.base, "/api/v1/organisations", token=admin)
    cookie, own = wearer_session(server)
    # The wearer's organisation: the one whose people include them, so pinned codes and ids belong together.
    me, _ = call(server.base, f"/api/v1/people/{own}", token=admin)
    code = me["organisationCode"]
    people, _ = call(server.base, f"/api/v1/organisations/{code}/people?limit=5", token=admin)
    other = next(p for p in people["people"] if p["id"] != own)
    employment = other["employments"][0]["id"]
    assert any(o["code"] == code for o in organisations)

    def token(role: str, organisation: str | None) -> str:
        body = {"role": role, "days": 1} | ({"organisation": organisation} if organisation else {})
        issued, _ = call(server.base, "/api/v1/tokens", token=admin, body=body)
        return issued["token"]

    pins = {"path.code": code, "path.id": other["id"], "path.employment": employment}
    return [
        Run("rps-admin", admin, "bearer", pins),
        Run("org-lead", token("org-lead", code), "bearer", pins),
        Run("lab", token("lab", code), "bearer", {"path.code": code}),
        Run("auditor", token("auditor", None), "bearer", {}),
        Run("wearer", token("wearer", code), "bearer", pins),
        # The session would end if the run signed it out or changed its password.
        Run("wearer-session", cookie, "cookie",
            {"path.id": own, "path.employment": me["employments"][0]["id"]},
            exclude_paths=("/api/v1/auth/sign-out", "/api/v1/auth/password")),
    ]


def config(run: Run, base: str) -> str:
    lines = [f'base-url = "{base}"', ""]
    if run.header == "bearer":
        lines += ["[auth.openapi.bearer]", f'bearer = "{run.credential}"', ""]
    else:
        lines += ["[auth.openapi.session]", f'api_key = "{run.credential.split("=", 1)[1]}"', ""]
    if run.pins:
        lines.append("[parameters]")
        lines += [f'"{name}" = "{value}"' for name, value in run.pins.items()]
        lines.append("")
    lines += ["[checks.positive_data_acceptance]", f"expected-statuses = {json.dumps(POSITIVE_STATUSES)}", ""]
    return "\n".join(lines)


def run_one(run: Run, server: Server, args) -> dict:
    with tempfile.TemporaryDirectory(prefix="sievert-schemathesis-") as work:
        config_path = Path(work) / "schemathesis.toml"
        config_path.write_text(config(run, server.base))
        command = [
            sys.executable, "-m", "schemathesis.cli", "--config-file", str(config_path), "run",
            server.base + "/openapi.json", "--checks", "all", "--max-examples", str(args.max_examples),
            "--max-time", str(args.max_time), "--workers", str(args.workers), "--seed", str(args.seed),
            "--request-timeout", "30", "--report", "ndjson", "--report-dir", work, "--no-color",
        ]
        for path in run.exclude_paths:
            command += ["--exclude-path", path]
        started = time.monotonic()
        completed = subprocess.run(command, cwd=work, capture_output=True, text=True)
        elapsed = time.monotonic() - started
        output = completed.stdout + completed.stderr
        if args.verbose or completed.returncode != 0:
            print(output)
        summary = {"role": run.role, "exit": completed.returncode, "seconds": round(elapsed, 1)}
        lines = [line.strip() for line in output.splitlines()]
        for index, line in enumerate(lines[:-1]):
            if line == "Test cases:":
                summary["test cases"] = lines[index + 1]
            elif line.startswith("Tested:") and "api operations" not in summary:
                summary["api operations"] = line.partition(":")[2].strip()
        summary["failures"] = [line for line in lines if re.match(r"^(❌ ST|❌ E)", line)]
        return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-time", type=int, default=22, help="seconds per role (schemathesis --max-time)")
    parser.add_argument("--max-examples", type=int, default=50, help="test cases per operation and phase")
    # One worker: hypothesis describes filter lambdas with ast.parse, which CPython 3.11 cannot run in two threads
    # at once ("AST constructor recursion depth mismatch"), a runner error rather than a finding.
    parser.add_argument("--workers", default="1")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--role", action="append", help="only these roles (repeatable)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    server = Server(server_binary())
    started = time.monotonic()
    results = []
    try:
        server.start()
        for run in runs(server):
            if args.role and run.role not in args.role:
                continue
            result = run_one(run, server, args)
            print(json.dumps(result), flush=True)
            results.append(result)
    finally:
        server.stop()
    failed = [r["role"] for r in results if r["exit"] != 0]
    print(json.dumps({"seed": args.seed, "roles": len(results), "failed": failed,
                      "seconds": round(time.monotonic() - started, 1)}))
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
