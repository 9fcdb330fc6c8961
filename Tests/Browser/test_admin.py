"""The RPS administrator's pages: every organisation, alerts, dosemeters, incidents, keys and the ledger."""

from selenium.webdriver.common.by import By

DEMO_ORGANISATIONS = {"AVUHB", "BRYNTRUST", "CYMAIR", "LLYSDENT", "PENHOSP", "TAWELVET"}



def test_the_overview_says_the_service_is_ready_and_the_ledger_verified(portal):
    browser = portal.browser("rps-admin")
    browser.visit("/admin")
    assert browser.heading() == "Service overview"
    tags = [t.text for t in browser.find_all("main .tag")]
    assert "Ready" in tags and "Ledger verified" in tags, tags
    assert not browser.find_all("main .tag-red"), tags
    figures = [f.text for f in browser.find_all("main .card .figure")]
    assert figures[0] == str(len(DEMO_ORGANISATIONS)), figures


def test_the_organisations_list_shows_the_six_demo_organisations(portal):
    browser = portal.browser("rps-admin")
    browser.visit("/admin/organisations")
    assert browser.heading() == "Organisations"
    codes = {row.find_element(By.TAG_NAME, "td").text for row in browser.find_all("main table tbody tr")}
    assert codes == DEMO_ORGANISATIONS


def test_the_alerts_list_spans_the_organisations(portal):
    browser = portal.browser("rps-admin")
    browser.visit("/admin/alerts")
    assert browser.heading() == "Dose alerts across organisations"
    rows = browser.find_all("main table tbody tr")
    assert rows, "the demo data has alerts"
    assert "AVUHB" in {r.find_element(By.TAG_NAME, "td").text for r in rows}


def test_the_dosemeters_page_lists_every_organisation(portal):
    browser = portal.browser("rps-admin")
    browser.visit("/admin/dosemeters")
    assert browser.heading() == "Dosemeters not yet returned"
    assert len(browser.find_all("main table tbody tr")) == len(DEMO_ORGANISATIONS)


def test_the_incidents_page_opens(portal):
    browser = portal.browser("rps-admin")
    browser.visit("/admin/incidents")
    assert browser.heading() == "Incidents"
    assert "No incident has been declared." in browser.text() or browser.find_all("main table tbody tr")


def test_the_keys_and_ledger_page_says_ready_and_verified(portal):
    browser = portal.browser("rps-admin")
    browser.visit("/admin/system")
    assert browser.heading() == "Keys and ledger"
    assert browser.find_all("main .tag-green"), "the readiness and ledger tags should be green"
    assert not browser.find_all("main .tag-red"), [t.text for t in browser.find_all("main .tag-red")]
    assert browser.find_all("main table tbody tr"), "the key versions should be listed"
    assert "sievert.audit" in browser.find("main pre").text


def test_the_administrator_can_open_any_organisations_pages(portal):
    browser = portal.browser("rps-admin")
    for path in ("/lead/BRYNTRUST", "/lead/BRYNTRUST/wearers", "/lead/AVUHB/alerts", "/lead/CYMAIR/report"):
        browser.visit(path)
        assert browser.heading() not in ("Page not found", "You cannot see this page"), path
