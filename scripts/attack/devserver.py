"""A development server for the attack scripts (scripts/sqlmap, scripts/load), signed in as every demo role.

The server is Tests/Browser/portal.py's `Server` (a `sievert serve` on a fresh data directory with the demo data;
PostgreSQL instead of SQLite when SIEVERT_POSTGRES_URL is in the environment). The demo accounts are enrolled
and signed in over the JSON API rather than in a browser: `POST /api/v1/auth/enrol` returns the TOTP key of the
roles with a second factor, and `POST /api/v1/auth/sign-in` the session cookie the portal's pages accept too.
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pyotp

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "Tests" / "Browser"))

from portal import Account, Server, server_binary  # noqa: E402

__all__ = ["Account", "Server", "server_binary", "Reply", "Session", "call", "enrol_and_sign_in", "form_token"]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str

    def json(self):
        return json.loads(self.body)


def call(server: Server, method: str, path: str, body=None, token: str | None = None, cookie: str = "",
         form: dict | None = None) -> Reply:
    """One request without following redirects: a JSON body, or a form, with a bearer token or cookies."""
    headers = {}
    data = None
    if body is not None:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        headers["Content-Type"] = "application/json"
    if form is not None:
        data = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if cookie:
        headers["Cookie"] = cookie
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, text)
    finally:
        connection.close()


@dataclass
class Session:
    """A signed-in demo account: the session cookie and the form token its portal pages carry."""

    account: Account
    token: str
    csrf: str

    @property
    def cookie(self) -> str:
        return f"sievert_session={self.token}"


def enrol(server: Server, account: Account) -> None:
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(account.enrol_url).query)["token"][0]
    reply = call(server, "POST", "/api/v1/auth/enrol", {"token": token, "password": account.password})
    assert reply.status == 200, f"enrolment of {account.role}: HTTP {reply.status} {reply.body[:300]}"
    secret = reply.json().get("totpSecret")
    account.totp = pyotp.TOTP(secret) if secret else None


def sign_in(server: Server, account: Account) -> str:
    body = {"login": account.login, "password": account.password}
    if account.totp is not None:
        body["code"] = account.next_code()
    reply = call(server, "POST", "/api/v1/auth/sign-in", body)
    assert reply.status == 200, f"sign-in of {account.role}: HTTP {reply.status} {reply.body[:300]}"
    match = re.search(r"sievert_session=([^;]+)", reply.headers.get("set-cookie", ""))
    assert match, f"sign-in of {account.role}: no session cookie"
    return match.group(1)


def form_token(server: Server, session_token: str, path: str = "/account/password") -> str:
    """The `_csrf` value the session's forms carry (an HMAC of the session: the same on every page)."""
    reply = call(server, "GET", path, cookie=f"sievert_session={session_token}")
    match = re.search(r'name="_csrf" value="([^"]+)"', reply.body)
    assert match, f"no form token on {path} (HTTP {reply.status})"
    return match.group(1)


def enrol_and_sign_in(server: Server) -> dict[str, Session]:
    """Every demo role enrolled (password and, for rps-admin and org-lead, TOTP) and signed in."""
    sessions = {}
    for role, account in server.accounts().items():
        enrol(server, account)
        token = sign_in(server, account)
        sessions[role] = Session(account, token, form_token(server, token))
    return sessions
