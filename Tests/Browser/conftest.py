"""The session fixture: one `sievert serve` with the demo data, every role enrolled through the browser."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portal import (  # noqa: E402
    AXE_TAGS,
    DESKTOP,
    RECORD,
    Browser,
    Server,
    enrol,
    server_binary,
)

HOMES = {"rps-admin": "/admin", "org-lead": "/lead/AVUHB", "wearer": "/me", "auditor": "/audit"}


class Portal:
    """The running portal, its accounts, facts taken from the API, and one signed-in browser per role."""

    def __init__(self, server: Server):
        self.server = server
        self.accounts = server.accounts()
        self._signed_in: dict[str, Browser] = {}
        self._others: list[Browser] = []
        self.bryntrust_people: list[dict] = []
        self.bryntrust_surnames: list[str] = []

    def learn_facts(self) -> None:
        """People of another organisation (BRYNTRUST), whose surnames no AVUHB lead page may show.

        Only surnames that occur nowhere in AVUHB's own records (names, addresses, e-mail addresses) are
        used, so a street or a namesake at AVUHB cannot trip the check.
        """
        avuhb = self.server.api("/api/v1/organisations/AVUHB/people?limit=500")["people"]
        avuhb_text = " ".join(str(value) for person in avuhb for value in person.values()).lower()
        self.bryntrust_people = self.server.api("/api/v1/organisations/BRYNTRUST/people?limit=500")["people"]
        assert self.bryntrust_people, "the demo data should have BRYNTRUST people"
        surnames = sorted({p["surname"] for p in self.bryntrust_people})
        self.bryntrust_surnames = [s for s in surnames if s.lower() not in avuhb_text]
        assert len(self.bryntrust_surnames) >= 5, f"too few distinct BRYNTRUST surnames: {self.bryntrust_surnames}"

    def browser(self, role: str) -> Browser:
        """A browser signed in as `role`, kept for the session."""
        if role not in self._signed_in:
            browser = Browser(self.server, role)
            if role == "org-lead":
                browser.forbidden_words = self.bryntrust_surnames
            browser.sign_in(self.accounts[role])
            self._signed_in[role] = browser
        return self._signed_in[role]

    def forget(self, role: str) -> None:
        """Drops the kept browser of `role` (after its sessions were ended); the next use signs in again."""
        browser = self._signed_in.pop(role, None)
        if browser:
            browser.quit()

    def fresh(self, name: str, size: tuple[int, int] = DESKTOP) -> Browser:
        """A new browser with no cookies, closed at the end of the session."""
        browser = Browser(self.server, name, size)
        self._others.append(browser)
        return browser

    def close(self) -> None:
        for browser in list(self._signed_in.values()) + self._others:
            browser.quit()


@pytest.fixture(scope="session")
def portal():
    server = Server(server_binary())
    started = time.time()
    portal = None
    try:
        server.start()
        portal = Portal(server)
        portal.learn_facts()
        enrolment = portal.fresh("enrolment")
        for account in portal.accounts.values():
            enrolment.driver.delete_all_cookies()
            enrol(enrolment, account)
        enrolment.quit()
        print(f"\nportal ready at {server.base} in {time.time() - started:.1f} s", file=sys.stderr)
        yield portal
    finally:
        if portal:
            portal.close()
        errors = [line for line in server.log().splitlines() if re.search(r"\b(error|critical)\b", line)]
        server.stop()
        for line in errors[-10:]:
            RECORD.notes.add(f"server log: {line[:300]}")


@pytest.fixture
def fresh(portal):
    """A factory for cookie-less browsers that are closed after the test."""
    made: list[Browser] = []

    def make(name: str = "visitor", size: tuple[int, int] = DESKTOP) -> Browser:
        browser = Browser(portal.server, name, size)
        made.append(browser)
        return browser

    yield make
    for browser in made:
        browser.quit()


def pytest_terminal_summary(terminalreporter):
    if RECORD.axe_pages:
        distinct = {entry.rsplit(" (", 1)[-1].split("?")[0] for entry in RECORD.axe_pages}
        terminalreporter.write_line(
            f"axe-core {RECORD.axe_version} ({', '.join(AXE_TAGS)}): {len(RECORD.axe_pages)} page checks over "
            f"{len(distinct)} distinct paths, {len(RECORD.axe_failures)} with violations; security headers and "
            f"status checked on {len(RECORD.header_urls)} URLs")
        for failure in RECORD.axe_failures:
            terminalreporter.write_line(f"  axe violations: {failure}")
    for note in sorted(RECORD.notes):
        terminalreporter.write_line(f"note: {note}")
