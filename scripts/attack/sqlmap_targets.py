"""What scripts/sqlmap attacks: every /api/v1 route with a path or query parameter or a JSON body, and every portal
form and parameterised page, each with real ids from the running server and the credentials its role needs.

Every injection point is marked with sqlmap's custom marker `*` (path segments, query values, JSON values, form
fields; never `_csrf`), so sqlmap tests exactly the points named here and the report can say which they were.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from dataclasses import dataclass, field

from devserver import Server, Session, call
from forms import forms

MARK = "*"


@dataclass
class Target:
    name: str
    method: str
    path: str  # with `*` after each marked path segment and query value
    body: str | None = None  # JSON or form text, marked values ending in `*`
    form: bool = False
    token: str | None = None  # bearer API token
    cookie: str = ""
    points: list[str] = field(default_factory=list)
    # sqlmap --eval code: the sign-in form's login made new for every request while its password is tested, so
    # the per-login throttle (delays from the 4th failure, lock at 100) does not turn every answer into a 429.
    eval_code: str | None = None
    # A wrong login or enrolment token is answered 401, which sqlmap otherwise takes for missing credentials.
    ignore_401: bool = False


def _json_marked(value):
    """The JSON text with every string and number value marked, and the names of the marked points."""
    points = []

    def walk(node, path):
        if isinstance(node, dict):
            return {k: walk(v, f"{path}.{k}" if path else k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, f"{path}[{i}]") for i, v in enumerate(node)]
        if isinstance(node, bool) or node is None:
            return node
        points.append(path)
        return f"{node}{MARK}" if isinstance(node, str) else f"@@number {node}{MARK}@@"

    marked = walk(value, "")
    text = json.dumps(marked)
    # Numbers were turned into tagged strings; put them back bare, so the request stays well-typed.
    text = re.sub(r'"@@number ([^@]*)@@"', r"\1", text)
    return text, points


def _form_marked(fields: dict[str, str], skip=("_csrf",), fixed=()) -> tuple[str, list[str]]:
    parts, points = [], []
    for name, value in fields.items():
        if name in skip or name in fixed:
            parts.append(f"{urllib.parse.quote_plus(name)}={urllib.parse.quote_plus(value)}")
        else:
            parts.append(f"{urllib.parse.quote_plus(name)}={urllib.parse.quote_plus(value or 'x')}{MARK}")
            points.append(name)
    return "&".join(parts), points


def _path_marked(template: str, query: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """`/a/{code=ORGA}/b` → `/a/ORGA*/b`, naming the point `code`; query values are marked too."""
    points = re.findall(r"\{(\w+)=[^}]*\}", template)
    path = re.sub(r"\{\w+=([^}]*)\}", lambda m: m.group(1) + MARK, template)
    if query:
        path += "?" + "&".join(f"{k}={urllib.parse.quote(str(v))}{MARK}" for k, v in query.items())
        points += [f"?{k}" for k in query]
    return path, points


def api(name, method, template, body=None, query=None, token=None, cookie=""):
    path, points = _path_marked(template, query)
    text = None
    if body is not None:
        text, body_points = _json_marked(body)
        points += body_points
    return Target(name, method, path, text, token=token, cookie=cookie, points=points)


def api_targets(server: Server, admin: str, lab: str, sessions: dict[str, Session], ids: dict) -> list[Target]:
    code, person, employment = ids["code"], ids["person"], ids["employment"]
    spare_person, spare_account, spare_token = ids["spare_person"], ids["spare_account"], ids["spare_token"]
    alert, assignment, incident, month = ids["alert"], ids["assignment"], ids["incident"], ids["month"]
    wearer = sessions["wearer"].cookie
    o = f"/api/v1/organisations/{{code={code}}}"
    p = f"/api/v1/people/{{id={person}}}"
    i = f"/api/v1/incidents/{{incident={incident}}}"
    a = admin
    return [
        Target("API sign-in (login)", "POST", "/api/v1/auth/sign-in",
               json.dumps({"login": "sqlmap.probe*", "password": "x"}), points=["login"], ignore_401=True),
        Target("API enrol", "POST", "/api/v1/auth/enrol",
               json.dumps({"token": "en_0000*", "password": "seven long words here ok*"}), points=["token", "password"],
               ignore_401=True),
        api("API password change (wearer session)", "POST", "/api/v1/auth/password",
            {"current": "not the password", "new": "eight long words here too ok"}, cookie=wearer),
        api("create account", "POST", "/api/v1/accounts",
            {"login": "sqlmap.probe", "role": "auditor", "organisations": [code], "person": person}, token=a),
        api("disable account", "POST", f"/api/v1/accounts/{{id={spare_account}}}/disable", {}, token=a),
        api("issue token", "POST", "/api/v1/tokens", {"role": "lab", "organisation": code, "days": 1}, token=a),
        api("revoke token", "DELETE", f"/api/v1/tokens/{{id={spare_token}}}", token=a),
        api("alerts", "GET", "/api/v1/alerts", query={"state": "open"}, token=a),
        api("organisation alerts", "GET", f"{o}/alerts", query={"state": "open"}, token=a),
        api("alert step", "POST", f"/api/v1/alerts/{{alert={alert}}}/steps",
            {"state": "acknowledged", "note": "seen"}, token=a),
        api("alert recheck", "POST", f"{o}/alerts/recheck", {"year": 2026}, token=a),
        api("investigation levels", "GET", f"{o}/investigation-levels", token=a),
        api("set investigation levels", "PUT", f"{o}/investigation-levels",
            {"organisation": {"effective": "6"}, "groups": {}}, token=a),
        api("audit events", "GET", "/api/v1/audit/events", query={"after": 0, "limit": 5}, token=a),
        api("audit event", "GET", "/api/v1/audit/events/{sequence=1}", token=a),
        api("audit consistency", "GET", "/api/v1/audit/consistency", query={"from": 1}, token=a),
        api("security alerts", "GET", "/api/v1/security/alerts", query={"limit": 5}, token=a),
        api("dose history", "GET", f"{p}/doses", query={"asOf": "2026-11-01"}, token=a),
        api("record dose", "POST", f"{p}/doses",
            {"employment": employment, "periodBegin": "2026-01-01", "periodEnd": "2026-01-31",
             "quantity": "effective", "kind": "notional", "mSv": "0.1"}, token=a),
        api("passbook", "GET", f"{p}/passbook", token=a),
        api("register dosemeters", "POST", f"{o}/dosemeters",
            {"kind": "whole-body", "technology": "OSL", "serials": ["SQLMAP-1"]}, token=a),
        api("dosemeters", "GET", f"{o}/dosemeters", token=a),
        api("assign", "POST", f"{o}/assignments",
            {"assignments": [{"person": person, "employment": employment, "position": "chest",
                              "frequency": "monthly", "starts": "2026-12-01"}]}, token=a),
        api("assignments", "GET", f"{o}/assignments", token=a),
        api("end assignment", "POST", f"{o}/assignments/{{assignment={assignment}}}/end", {"on": "2027-01-31"},
            token=a),
        api("dosimetry settings", "GET", f"{o}/dosimetry-settings", token=a),
        api("set dosimetry settings", "PUT", f"{o}/dosimetry-settings",
            {"wearAnchorMonth": 1, "minimumReportingLevelMSv": "0.05", "returnDueDays": 30}, token=a),
        api("issue list", "POST", f"{o}/issue-lists", {"month": month}, token=a),
        api("issue list (lab)", "GET", f"{o}/issue-lists/{{month={month}}}", query={"format": "csv"}, token=lab),
        api("returns", "POST", f"{o}/returns",
            {"serial": ids["serial"], "month": month, "status": "returned", "on": "2026-11-20"}, token=a),
        api("unreturned", "GET", f"{o}/unreturned", query={"asOf": "2026-11-20"}, token=a),
        api("declare incident", "POST", "/api/v1/incidents",
            {"summary": "sqlmap", "occurredAt": "2026-11-01T00:00:00Z", "contactPoint": "DPO"}, token=a),
        api("incident", "GET", i, token=a),
        api("incident decision", "POST", f"{i}/decisions", {"kind": "note", "text": "sqlmap"}, token=a),
        api("incident scope", "POST", f"{i}/scope",
            {"kind": "principals", "principals": [spare_token], "from": "2026-11-01T00:00:00Z",
             "to": "2026-11-02T00:00:00Z"}, token=a),
        api("incident plan", "POST", f"{i}/plan", token=a),
        api("incident notices", "POST", f"{i}/notices", token=a),
        api("incident report", "GET", f"{i}/report", query={"format": "json"}, token=a),
        api("incident notifications", "GET", f"{i}/notifications", query={"format": "json", "org": code}, token=a),
        api("incident letters", "GET", f"{i}/letters", query={"org": code}, token=a),
        api("incident delivery", "PUT", f"{i}/people/{{person={person}}}/delivery", {"delivery": "posted"},
            token=a),
        api("create organisation", "POST", "/api/v1/organisations",
            {"code": "SQLMAP", "name": "Probe", "kind": "dental"}, token=a),
        api("organisation", "GET", o, token=a),
        api("register person", "POST", f"{o}/people",
            {"forenames": "Probe", "surname": "Sqlmap", "dateOfBirth": "1990-01-01", "sex": "F",
             "nino": "QQ123456C", "email": "probe@example.org", "phone": "01234 567890", "address": "1 Road",
             "postcode": "CF10 1AA", "staffNumber": "SQ1", "department": "X", "startDate": "2026-01-01",
             "designation": "non-classified"}, token=a),
        api("people list", "GET", f"{o}/people", query={"after": person, "limit": 5}, token=a),
        api("person", "GET", p, token=a),
        api("add employment", "POST", f"{p}/employments",
            {"staffNumber": "SQ2", "department": "Y", "startDate": "2026-02-01", "designation": "non-classified"},
            token=a),
        api("employments", "GET", f"{p}/employments", token=a),
        api("contact", "PATCH", f"{p}/contact",
            {"email": "probe@example.org", "phone": "01234 567890", "address": "2 Road", "postcode": "CF10 1AB"},
            token=a),
        api("left", "POST", f"/api/v1/people/{{id={spare_person}}}/left", {"date": "2026-10-31"}, token=a),
        api("deceased", "POST", f"/api/v1/people/{{id={spare_person}}}/deceased", {"date": "2026-11-01"}, token=a),
        api("lab readings", "POST", f"{o}/readings",
            {"readings": [{"serial": "SQLMAP-R1", "participantCode": ids["participant"], "position": "chest",
                           "periodBegin": "2026-10-01", "periodEnd": "2026-10-31", "hp10": "0.1", "hp007": "0.1",
                           "note": "n", "version": 1}]}, token=lab),
        api("period report", "GET", f"{o}/reports/period", query={"period": "2026-10", "format": "json"}, token=a),
        api("annual report", "GET", f"{o}/reports/annual", query={"year": 2026, "format": "csv"}, token=a),
        api("termination record", "GET", f"{p}/employments/{{employment={employment}}}/termination-record",
            query={"format": "json"}, token=a),
        api("CIDI export", "GET", "/api/v1/exports/cidi", query={"year": 2026}, token=a),
        api("access history (wearer)", "GET", "/api/v1/me/access-history", cookie=wearer),
    ]


def api_sign_in_password() -> Target:
    text = json.dumps({"login": "sqlmap.probe", "password": "x*", "code": "123456*"})
    return Target("API sign-in (password, code)", "POST", "/api/v1/auth/sign-in", text,
                  points=["password", "code"], eval_code=_NEW_LOGIN, ignore_401=True)


_NEW_LOGIN = "import random; login='sqlmap.%d' % random.randrange(10**12)"


def _page_target(name: str, template: str, query: dict | None, session: Session | None) -> Target:
    path, points = _path_marked(template, query)
    return Target(name, "GET", path, cookie=session.cookie if session else "", points=points)


def _form_targets(server: Server, page: str, session: Session | None, label: str) -> list[Target]:
    cookie = session.cookie if session else ""
    reply = call(server, "GET", page, cookie=cookie)
    assert reply.status == 200, f"{label}: GET {page} → HTTP {reply.status}"
    found, seen = [], set()
    for form in forms(reply.body):
        # One target per form action: a page lists the same form once per row (each letter's delivery).
        if form.action == "/sign-out" or not [k for k in form.fields if k != "_csrf"] or form.action in seen:
            continue
        seen.add(form.action)
        if form.method == "GET":
            query = {k: v or "x" for k, v in form.fields.items()}
            found.append(_page_target(f"{label}: form GET {form.action}", form.action, query, session))
            continue
        text, points = _form_marked(form.fields)
        found.append(Target(f"{label}: form POST {form.action}", "POST", form.action, text, form=True,
                            cookie=cookie, points=points))
    assert found, f"{label}: no form with fields on {page}"
    return found


def portal_targets(server: Server, sessions: dict[str, Session], ids: dict) -> list[Target]:
    code, person, alert, incident = ids["code"], ids["spare_person_portal"], ids["alert"], ids["incident"]
    lead, auditor, wearer, admin = sessions["org-lead"], sessions["auditor"], sessions["wearer"], sessions["rps-admin"]
    targets = []
    # Signed out: the sign-in form (the login; then the password with a new login for each request), the code
    # step with its challenge cookie, and enrolment. The anonymous form token is a cookie the form repeats.
    anonymous_form = "0123456789abcdef0123456789abcdef"
    form_cookie = f"sievert_form={anonymous_form}"
    targets.append(Target("portal sign-in (login)", "POST", "/sign-in",
                          f"login=sqlmap.probe*&password=x&_csrf={anonymous_form}", form=True, cookie=form_cookie,
                          points=["login"]))
    targets.append(Target("portal sign-in (password)", "POST", "/sign-in",
                          f"login=sqlmap.probe&password=x*&_csrf={anonymous_form}", form=True, cookie=form_cookie,
                          points=["password"], eval_code=_NEW_LOGIN))
    targets.append(Target("portal sign-in code", "POST", "/sign-in/code", f"code=123456*&_csrf={anonymous_form}",
                          form=True, cookie=f"{form_cookie}; sievert_challenge={ids['challenge']}*",
                          points=["code", "cookie sievert_challenge"]))
    targets.append(Target("portal enrol", "POST", "/enrol",
                          f"token=en_0000*&password=x*&confirm=x*&_csrf={anonymous_form}", form=True,
                          cookie=form_cookie, points=["token", "password", "confirm"]))
    targets.append(_page_target("portal enrol page", "/enrol", {"token": "en_0000"}, None))
    # Signed in: every form on the role pages, read from the pages themselves.
    for page in (f"/lead/{code}/wearers", f"/lead/{code}/report", f"/lead/{code}/wearers/new",
                 f"/lead/{code}/wearers/{person}", f"/lead/{code}/alerts/{alert}", f"/lead/{code}/incidents/{incident}",
                 f"/lead/{code}/dosemeters", "/account/password"):
        targets += _form_targets(server, page, lead, "lead")
    targets += _form_targets(server, "/audit", auditor, "auditor")
    # Parameterised pages.
    lc = f"/lead/{{code={code}}}"
    targets += [
        _page_target("lead wearers page", f"{lc}/wearers", {"after": person, "q": "Probe"}, lead),
        _page_target("lead wearer page", f"{lc}/wearers/{{id={person}}}", None, lead),
        _page_target("lead alert page", f"{lc}/alerts/{{alert={alert}}}", None, lead),
        _page_target("lead incident page", f"{lc}/incidents/{{incident={incident}}}", {"letters": "1"}, lead),
        _page_target("lead report page", f"{lc}/report", {"period": "2026-10", "format": "csv"}, lead),
        _page_target("auditor ledger page", "/audit", {"after": 1}, auditor),
        _page_target("auditor event page", "/audit/events/{sequence=1}", None, auditor),
        _page_target("auditor consistency page", "/audit/consistency", {"from": 1}, auditor),
        _page_target("wearer home", "/me", {"year": 2026}, wearer),
        _page_target("wearer record page", f"/me/records/{{employment={ids['wearer_employment']}}}", None, wearer),
        _page_target("admin incident page", f"/admin/incidents/{{incident={incident}}}", {"report": "1"}, admin),
    ]
    return targets


def new_challenge(server: Server, sessions: dict[str, Session]) -> str:
    """A sign-in challenge (password right, code not yet given) for the code step's cookie."""
    account = sessions["org-lead"].account
    form = "fedcba9876543210fedcba9876543210"
    reply = call(server, "POST", "/sign-in", cookie=f"sievert_form={form}",
                 form={"login": account.login, "password": account.password, "_csrf": form})
    match = re.search(r"sievert_challenge=([^;]+)", reply.headers.get("set-cookie", ""))
    assert reply.status in (302, 303) and match, f"no challenge from the sign-in form: HTTP {reply.status}"
    return match.group(1)


def wait_until(predicate, timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise TimeoutError("condition not met")
