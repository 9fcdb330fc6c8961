"""The auditor reads the ledger, an event with its inclusion proof, and proves consistency."""

import re

from selenium.webdriver.common.by import By


def test_the_ledger_page_lists_events_and_verifies(portal):
    browser = portal.browser("auditor")
    browser.visit("/audit")
    assert browser.heading() == "Audit ledger"
    assert browser.find_all("main .tag-green"), "the ledger should verify"
    assert not browser.find_all("main .tag-red")
    rows = browser.find_all("main table tbody tr")
    assert len(rows) >= 10
    numbers = [int(r.find_element(By.TAG_NAME, "td").text) for r in rows]
    assert numbers == sorted(numbers, reverse=True), "events should be listed newest first"


def test_an_event_shows_its_inclusion_proof_or_says_it_is_newer_than_the_checkpoint(portal):
    browser = portal.browser("auditor")
    browser.visit("/audit")
    newest = browser.find("main table tbody tr td a")
    number = newest.text
    newest.click()
    browser.wait_loaded()
    browser.check(f"ledger event {number}")
    browser.check_headers(f"/audit/events/{number}")
    assert browser.heading() == f"Ledger event {number}"
    text = browser.text()
    assert "newer than the latest signed checkpoint" in text or "Verified" in text

    browser.visit("/audit/events/1")
    assert "Verified" in [t.text for t in browser.find_all("main .tag-green")], "event 1 is under the checkpoint"
    assert len(browser.find_all("main ol.code li")) >= 1, "the audit path should be shown"


def test_the_older_events_page_follows_on(portal):
    browser = portal.browser("auditor")
    browser.visit("/audit")
    older = [a for a in browser.find_all("nav.pagination a") if a.text == "Older events"]
    assert older, "the demo ledger has more than one page of events"
    browser.visit(older[0].get_attribute("pathname") + older[0].get_attribute("search"))
    assert browser.find_all("main table tbody tr")


def test_the_consistency_form_proves_the_first_tree_is_a_prefix(portal):
    browser = portal.browser("auditor")
    browser.visit("/audit")
    browser.fill({"from": "1"}, form="main form.search")
    browser.submit("main form.search", label="consistency from 1")
    assert browser.path() == "/audit/consistency?from=1"
    browser.check_headers(browser.path())
    assert "Verified" in [t.text for t in browser.find_all("main .tag-green")]
    assert re.search(r"the tree of 1 events is a prefix of the tree of \d+ events", browser.text())


def test_a_nonsense_tree_size_gets_a_readable_answer(portal):
    browser = portal.browser("auditor")
    for value in ("abc", "0", "99999999"):
        browser.driver.get(browser.url(f"/audit/consistency?from={value}"))
        browser.check(f"consistency from={value}")
        status = browser.fetch(f"/audit/consistency?from={value}").status
        assert 400 <= status < 500, f"/audit/consistency?from={value}: HTTP {status}"
