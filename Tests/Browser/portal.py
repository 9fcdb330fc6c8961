"""Helpers for the portal's real-browser tests: the server, the browser, sign-in, and the checks every page gets.

Every page a test opens goes through `Browser.visit` (or `Browser.check` after a form post), which runs axe-core
with the WCAG 2.0/2.1/2.2 A and AA rules plus best practice, checks that each POST form carries the `_csrf`
field, fails on a server error page, and fetches the URL once more without the browser to check the security
headers and the real HTTP status.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyotp
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
DESKTOP = (1280, 900)
PHONE = (390, 844)

# The passwords the suite sets. Long, unrelated words: the portal refuses short or common ones.
PASSWORDS = {
    "rps-admin": "seven amber lanterns drift far",
    "org-lead": "quiet copper rivers bend west",
    "wearer": "nine paper kites over harbour",
    "auditor": "old violet engines hum softly",
}

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})

SERVER_ERROR_TITLE = "Sorry, there is a problem with the service"


def axe_script() -> str:
    """The axe-core script to inject.

    axe-selenium-python 2.1.6 (the newest on PyPI) bundles axe-core 3.1.1 from 2018, which has no WCAG 2.1 AA
    or 2.2 rules to speak of, so the suite injects a current axe-core 4.x through the same `Axe` class. It
    comes from $AXE_CORE_JS, or from the axe-playwright-python wheel (installed with --no-deps: only its
    axe.min.js is used, not Playwright).
    """
    explicit = os.environ.get("AXE_CORE_JS")
    if explicit:
        return explicit
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.submodule_search_locations:
        candidate = Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
        if candidate.exists():
            return str(candidate)
    raise RuntimeError(
        "axe-core 4.x not found: run scripts/portal-browser-tests, or `pip install --no-deps "
        "axe-playwright-python`, or set AXE_CORE_JS to an axe.min.js"
    )


# --------------------------------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Account:
    role: str
    login: str
    enrol_url: str
    password: str
    totp: pyotp.TOTP | None = None
    last_step: int = 0

    def next_code(self) -> str:
        """A TOTP code the server has not seen yet for this account.

        The server accepts the previous, current and next 30-second step, each at most once and only in
        increasing order, so this takes the current step or the one after the last used; when even the next
        step is spent it waits for the clock.
        """
        assert self.totp is not None, f"{self.role} has no second factor"
        while True:
            current = int(time.time()) // 30
            step = max(self.last_step + 1, current)
            if step <= current + 1:
                self.last_step = step
                return self.totp.at(step * 30)
            time.sleep((step - 1) * 30 - time.time() + 0.5)

    def unused_wrong_code(self) -> str:
        """Six digits that are not a valid code in the window the server accepts."""
        assert self.totp is not None
        now = time.time()
        valid = {self.totp.at(now + delta) for delta in (-60, -30, 0, 30, 60)}
        for candidate in ("000000", "123456", "999999", "246810"):
            if candidate not in valid:
                return candidate
        raise AssertionError("unreachable")


class Server:
    """A `sievert serve` process on a fresh data directory with the demo data."""

    def __init__(self, binary: Path):
        self.binary = binary
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data_dir = Path(tempfile.mkdtemp(prefix="sievert-browser-"))
        self.log_path = self.data_dir.parent / (self.data_dir.name + ".log")
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 180) -> None:
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [str(self.binary), "serve", "--data-dir", str(self.data_dir / "data"), "--port", str(self.port),
             "--hostname", "127.0.0.1"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sievert serve exited with {self.process.returncode}:\n{self.log()[-4000:]}")
            if "listening" in self.log() and (self.data_dir / "data" / "dev-accounts").exists():
                try:
                    with urllib.request.urlopen(self.base + "/sign-in", timeout=5) as response:
                        if response.status == 200:
                            return
                except (urllib.error.URLError, ConnectionError):
                    pass
            time.sleep(0.5)
        raise RuntimeError(f"sievert serve did not start within {timeout} s:\n{self.log()[-4000:]}")

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def accounts(self) -> dict[str, Account]:
        accounts = {}
        for line in (self.data_dir / "data" / "dev-accounts").read_text().splitlines():
            if not line.strip():
                continue
            role, login, url = line.split("\t")
            accounts[role] = Account(role=role, login=login, enrol_url=url, password=PASSWORDS[role])
        return accounts

    def admin_token(self) -> str:
        return (self.data_dir / "data" / "dev-admin-token").read_text().strip()

    def api(self, path: str):
        request = urllib.request.Request(self.base + path, headers={"Authorization": f"Bearer {self.admin_token()}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        try:
            self.log_path.unlink()
        except FileNotFoundError:
            pass


def server_binary() -> Path:
    path = Path(os.environ.get("SIEVERT_BIN", ".build/debug/sievert"))
    if not path.is_absolute():
        path = REPO_ROOT / path
    if not path.exists():
        raise RuntimeError(f"no sievert binary at {path}: build it (swift build) or set SIEVERT_BIN")
    return path


# -------------------------------------------------------------------------------------------------- browser


def new_driver(size: tuple[int, int] = DESKTOP) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={size[0]},{size[1]}", "--hide-scrollbars", "--force-device-scale-factor=1",
                     "--lang=en-GB"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(*size)
    return driver


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_fetcher = urllib.request.build_opener(_NoRedirect)


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: str


def fetch(url: str, cookies: str = "", data: bytes | None = None) -> Fetched:
    """One request without following redirects, with the given Cookie header."""
    headers = {"Cookie": cookies} if cookies else {}
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        response = _fetcher.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read().decode("utf-8", errors="replace")
        return Fetched(response.status if hasattr(response, "status") else response.code,
                       {k.lower(): v for k, v in response.headers.items()}, body)


@dataclass
class Record:
    """What the whole run checked, for the summary."""

    axe_pages: list[str] = field(default_factory=list)
    header_urls: set[str] = field(default_factory=set)
    statuses: dict[str, int] = field(default_factory=dict)
    notes: set[str] = field(default_factory=set)
    axe_failures: list[str] = field(default_factory=list)
    axe_version: str = ""


RECORD = Record()


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(map(str, node.get("target", []))) for node in v.get("nodes", [])[:4]]
        lines.append(f"- {v['id']} ({v.get('impact')}): {v.get('help')} [{len(v.get('nodes', []))} nodes] "
                     f"e.g. {targets}")
        for node in v.get("nodes", [])[:2]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {summary[:300]}")
    return "\n".join(lines)


class Browser:
    """A Chrome window on the portal, with the checks every page gets."""

    def __init__(self, server: Server, name: str, size: tuple[int, int] = DESKTOP):
        self.server = server
        self.name = name
        self.driver = new_driver(size)
        self.axe = Axe(self.driver, script_url=axe_script())
        self.signed_in_as: Account | None = None
        # Words no page this browser opens may contain (another organisation's surnames, for the lead).
        self.forbidden_words: list[str] = []

    # navigation

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.server.base + path

    def path(self) -> str:
        parts = urllib.parse.urlsplit(self.driver.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def visit(self, path: str, *, status: int = 200, axe: bool = True) -> None:
        """Opens a page, checks it (axe, forms, headers, status) and fails on a server error."""
        self.driver.get(self.url(path))
        self.check(f"GET {path}", axe=axe)
        self.check_headers(path, status=status)

    def check(self, label: str, *, axe: bool = True) -> None:
        heading = self.heading()
        assert heading != SERVER_ERROR_TITLE, f"{label}: server error page at {self.driver.current_url}"
        self.check_forms(label)
        self.check_console(label)
        if self.forbidden_words:
            source = self.driver.page_source
            leaked = [w for w in self.forbidden_words if re.search(rf"\b{re.escape(w)}\b", source)]
            assert leaked == [], f"{label}: {self.name} sees another organisation's people: {leaked}"
        if axe:
            self.run_axe(label)

    def run_axe(self, label: str) -> None:
        self.axe.inject()
        results = self.axe.run(options=AXE_OPTIONS)
        RECORD.axe_pages.append(f"{self.name}: {label} ({self.path()})")
        RECORD.axe_version = results.get("testEngine", {}).get("version", "?")
        violations = results["violations"]
        if violations:
            RECORD.axe_failures.append(f"{self.name}: {label}")
        assert violations == [], (
            f"axe found {len(violations)} violation(s) on {label} ({self.path()}, "
            f"{self.driver.execute_script('return window.innerWidth')} px wide):\n{format_violations(violations)}"
        )

    def check_console(self, label: str) -> None:
        """Nothing on the page was refused by the Content-Security-Policy (an inline style, a stray script)."""
        refused = [entry["message"] for entry in self.driver.get_log("browser")
                   if "Content Security Policy" in entry.get("message", "")]
        assert refused == [], f"{label}: the CSP refused part of the page:\n" + "\n".join(refused[:5])

    def check_forms(self, label: str) -> None:
        missing = self.driver.execute_script(
            """return [...document.querySelectorAll('form')]
                 .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'post')
                 .filter(f => { const t = f.querySelector('input[type=hidden][name=_csrf]'); return !t || !t.value; })
                 .map(f => f.getAttribute('action'));""")
        assert missing == [], f"{label}: POST forms without a _csrf value: {missing}"

    def cookie_header(self) -> str:
        return "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())

    def fetch(self, path: str, data: dict | None = None) -> Fetched:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        response = fetch(self.url(path), self.cookie_header(), body)
        if self.forbidden_words and response.headers.get("content-type", "").startswith("text/html"):
            leaked = [w for w in self.forbidden_words if re.search(rf"\b{re.escape(w)}\b", response.body)]
            assert leaked == [], f"{path}: {self.name} sees another organisation's people: {leaked}"
        return response

    def check_headers(self, path: str, *, status: int = 200) -> None:
        """Fetches the page once more with this browser's cookies: the status and the security headers."""
        key = f"{self.name} {path}"
        if key in RECORD.header_urls:
            return
        response = self.fetch(path)
        RECORD.header_urls.add(key)
        RECORD.statuses[key] = response.status
        assert response.status == status, f"GET {path} as {self.name}: HTTP {response.status}, expected {status}"
        assert_security_headers(path, response.headers)

    # reading the page

    def heading(self) -> str:
        found = self.driver.find_elements(By.CSS_SELECTOR, "h1")
        return found[0].text.strip() if found else ""

    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def notice(self) -> str:
        found = self.find_all(".notice")
        return found[0].text.strip() if found else ""

    def error_summary_links(self) -> list[tuple[str, str]]:
        return [(a.get_attribute("hash"), a.text) for a in self.find_all(".error-summary a")]

    # forms

    def fill(self, values: dict[str, str], form: str = "main form") -> None:
        for name, value in values.items():
            element = self.find(f"{form} [name='{name}']")
            if element.tag_name == "select":
                self.driver.execute_script(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                    element, value)
            else:
                element.clear()
                if value:
                    element.send_keys(value)

    def submit(self, form: str = "main form", label: str | None = None, *, axe: bool = True) -> None:
        """Presses the form's submit button, waits for the next page and checks it."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.find(f"{form} button[type=submit]").click()
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                old.tag_name  # noqa: B018 - raises once the page has been replaced
            except Exception:
                break
            time.sleep(0.05)
        self.wait_loaded()
        self.check(label or f"POST {form} → {self.path()}", axe=axe)

    def wait_loaded(self) -> None:
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.driver.execute_script("return document.readyState") == "complete":
                return
            time.sleep(0.05)

    # accounts

    def sign_in(self, account: Account, password: str | None = None) -> None:
        """Signs in through the sign-in page (and the code page for roles with a second factor)."""
        self.visit("/sign-in")
        self.fill({"login": account.login, "password": password or account.password})
        self.submit(label="sign-in → next step")
        if account.totp is not None:
            assert self.path() == "/sign-in/code", f"expected the code page, got {self.path()}: {self.heading()}"
            self.check_headers("/sign-in/code")
            self.fill({"code": account.next_code()})
            self.submit(label="sign-in code → home")
        assert not self.path().startswith("/sign-in"), (
            f"sign-in as {account.role} stayed at {self.path()}: {self.heading()} {self.error_summary_links()}")
        self.signed_in_as = account

    def sign_out(self) -> None:
        self.submit("header form[action='/sign-out']", label="sign-out")
        self.signed_in_as = None

    def resize(self, size: tuple[int, int]) -> None:
        self.driver.set_window_size(*size)

    def overflow(self) -> tuple[int, int]:
        return tuple(self.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"))

    def quit(self) -> None:
        if self.driver is None:
            return
        try:
            self.driver.quit()
        except Exception:
            pass
        self.driver = None


def assert_security_headers(path: str, headers: dict[str, str]) -> None:
    csp = headers.get("content-security-policy", "")
    assert csp, f"{path}: no Content-Security-Policy"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, f"{path}: weak CSP {csp!r}"
    assert "default-src 'none'" in csp, f"{path}: CSP without default-src 'none': {csp!r}"
    assert headers.get("x-frame-options", "").upper() == "DENY", f"{path}: X-Frame-Options {headers.get('x-frame-options')!r}"
    assert headers.get("cache-control", "") == "no-store", f"{path}: Cache-Control {headers.get('cache-control')!r}"
    assert headers.get("x-content-type-options", "") == "nosniff", f"{path}: X-Content-Type-Options missing"


def check_qr_code(browser: Browser, secret: str) -> None:
    """The enrolment QR code is drawn, has a text alternative, and (with zbarimg) decodes to the same key."""
    svg = browser.find(".qr svg")
    assert svg.get_attribute("role") == "img", "the QR code needs role=img"
    titles = svg.find_elements(By.TAG_NAME, "title")
    assert svg.get_attribute("aria-label") or (titles and titles[0].get_attribute("textContent").strip()), \
        "the QR code needs a text alternative"
    drawn = browser.driver.execute_script(
        "const s = arguments[0], r = s.getBoundingClientRect(), p = s.querySelector('path');"
        "return [r.width, r.height, p ? (p.getAttribute('d') || '').length : 0]", svg)
    assert drawn[0] >= 100 and drawn[1] >= 100 and drawn[2] > 100, f"the QR code is not drawn: {drawn}"
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        RECORD.notes.add("zbarimg not installed: the enrolment QR code was not decoded")
        return
    with tempfile.NamedTemporaryFile(suffix=".png") as image:
        image.write(browser.find(".qr").screenshot_as_png)
        image.flush()
        decoded = subprocess.run([zbarimg, "--raw", "-q", image.name], capture_output=True, text=True).stdout.strip()
    assert decoded.startswith("otpauth://totp/"), f"the QR code does not decode to an otpauth URI: {decoded!r}"
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(decoded).query)
    assert query.get("secret") == [secret], "the QR code and the manual key should carry the same secret"
    assert query.get("algorithm", ["SHA1"]) == ["SHA1"] and query.get("digits", ["6"]) == ["6"], decoded
    assert query.get("period", ["30"]) == ["30"], decoded


def enrol(browser: Browser, account: Account) -> None:
    """Opens the enrolment link, sets the password, and for roles with a second factor reads the key."""
    parts = urllib.parse.urlsplit(account.enrol_url)
    path = f"{parts.path}?{parts.query}"
    browser.driver.get(browser.url(path))
    browser.check("GET /enrol?token=…")
    browser.check_headers("/enrol")
    token = browser.find("#token").get_attribute("value")
    assert token and token.startswith("en_"), "the enrolment form should carry the token from the link"
    browser.fill({"password": account.password, "confirm": account.password})
    browser.submit(label="enrolment result")
    keys = browser.find_all("#manual-key")
    if account.role in ("rps-admin", "org-lead"):
        assert keys, f"{account.role}: no manual key after enrolment: {browser.heading()}"
        secret = re.sub(r"\s+", "", keys[0].text)
        assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), f"the manual key should be base32: {keys[0].text!r}"
        check_qr_code(browser, secret)
        account.totp = pyotp.TOTP(secret)
    else:
        assert not keys, f"{account.role} should have no second factor"
