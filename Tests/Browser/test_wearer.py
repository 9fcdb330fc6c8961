"""A wearer reads their doses, their records and who looked at them, and changes their password."""

import re

from selenium.webdriver.common.by import By

CHART_LABELS = {
    "effective": "Whole body (effective dose)",
    "neutron": "Whole body (effective dose)",
    "skin": "Skin",
    "extremity": "Hands and feet (extremities)",
    "lens": "Lens of the eye",
}


def test_a_wearer_sees_their_name_a_chart_per_quantity_and_the_totals(portal):
    browser = portal.browser("wearer")
    browser.visit("/me")
    assert browser.heading() == "Your radiation dose"
    name = browser.find(".caption").text.strip()
    avuhb = portal.server.api("/api/v1/organisations/AVUHB/people?limit=500")["people"]
    names = {f"{p['forenames']} {p['surname']}" for p in avuhb}
    assert name in names, f"the caption should name the wearer, got {name!r}"

    charts = browser.find_all("figure.chart-figure svg")
    assert charts, "the dose page should show charts"
    titles = []
    for chart in charts:
        assert chart.get_attribute("role") == "img"
        found = chart.find_elements(By.TAG_NAME, "title")
        assert found and found[0].get_attribute("textContent").strip(), "each chart needs a <title>"
        titles.append(found[0].get_attribute("textContent"))
        for ref in (chart.get_attribute("aria-labelledby") or "").split():
            assert browser.find_all(f"#{ref}"), f"aria-labelledby points at a missing #{ref}"

    # One chart per limited quantity with doses this year (the whole-body one always): the totals table has a
    # row per operational quantity, and both Hp(10) rows (photon and neutron) count to the whole-body limit.
    totals = browser.driver.find_elements(
        By.XPATH, "//h2[starts-with(., 'Totals as of')]/following-sibling::div[1]//tbody/tr")
    assert totals, "the totals table should have a row per quantity"
    assert any(t.startswith(CHART_LABELS["effective"]) for t in titles), titles
    for row in totals:
        # The row names the quantity as the charts do, then the operational quantity: "Skin Hp(0.07)".
        quantity = row.find_element(By.CSS_SELECTOR, "th").text
        label = next((name for name in set(CHART_LABELS.values()) if quantity.startswith(name)), None)
        assert label, f"the totals row {quantity!r} does not use a chart's name for its quantity"
        cells = [c.text.strip() for c in row.find_elements(By.TAG_NAME, "td")]
        for text in cells:
            assert re.fullmatch(r"\d+\.\d\d|—", text), f"unexpected dose text {text!r} in the {quantity} row"
        year_to_date = cells[2]
        if year_to_date not in ("—", "0.00"):
            assert any(t.startswith(label) for t in titles), f"no chart for {quantity} ({year_to_date} mSv): {titles}"


def test_a_wearer_can_open_the_figures_behind_a_chart_and_another_year(portal):
    browser = portal.browser("wearer")
    browser.visit("/me")
    summary = browser.find("figure.chart-figure details summary")
    summary.click()
    table = browser.find("figure.chart-figure details table")
    assert table.is_displayed()
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == 12
    browser.run_axe("GET /me with a chart's table open")

    years = [a for a in browser.find_all(".year-picker a") if a.get_attribute("aria-current") != "true"]
    assert years, "the wearer has a year of readings across two calendar years"
    year = years[0].text
    browser.visit(f"/me?year={year}")
    assert browser.find(".year-picker a[aria-current='true']").text == year
    assert year in browser.find("main h2").text


def test_a_wearer_sees_who_accessed_their_record(portal):
    browser = portal.browser("wearer")
    browser.visit("/me/access")
    assert browser.heading()
    rows = browser.find_all("main table tbody tr")
    assert rows, "the access list should have entries (at least the wearer's own views)"
    for row in rows[:5]:
        cells = row.find_elements(By.TAG_NAME, "td")
        assert cells[-1].text in ("Yes", "Not yet"), cells[-1].text


def test_a_wearer_sees_their_dose_records_and_passbook_section(portal):
    browser = portal.browser("wearer")
    browser.visit("/me/records")
    rows = browser.find_all("main table tbody tr")
    assert rows, "the wearer should have at least one dose record"
    assert "Radiation passbook" in browser.text()
    # Whatever the page offers to download must download.
    for link in browser.find_all("main a[href^='/me/records/'], main a[href='/me/passbook']"):
        path = link.get_attribute("pathname")
        response = browser.fetch(path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        assert response.headers.get("content-disposition", "").startswith("attachment"), response.headers


def test_a_wearer_changes_their_password_and_signs_in_again_with_the_new_one(portal, fresh):
    account = portal.accounts["wearer"]
    kept = portal.browser("wearer")
    browser = fresh("wearer")
    browser.sign_in(account)
    browser.visit("/account/password")
    new_password = "bright willow maps the tide"

    browser.fill({"current": "not my password at all", "new": new_password, "confirm": new_password})
    browser.submit(label="password change with a wrong current password")
    assert [t for t, _ in browser.error_summary_links()] == ["#current"]
    assert browser.find_all("#current-error")

    browser.fill({"current": account.password, "new": new_password, "confirm": new_password + "x"})
    browser.submit(label="password change with a mismatched confirmation")
    assert "#confirm" in [t for t, _ in browser.error_summary_links()]

    browser.fill({"current": account.password, "new": new_password, "confirm": new_password})
    browser.submit(label="password changed")
    assert browser.path() == "/sign-in?done=password"
    assert browser.notice() == "Your password has been changed. Sign in with the new one."

    old_password, account.password = account.password, new_password
    assert kept.fetch("/me").status == 303, "the wearer's other session should have ended too"
    portal.forget("wearer")
    browser.visit("/me", status=303)
    assert browser.path() == "/sign-in", "every session should end when the password changes"

    browser.visit("/sign-in")
    browser.fill({"login": account.login, "password": old_password})
    browser.submit(label="sign-in with the old password")
    assert browser.find_all(".error-summary"), "the old password should no longer work"

    browser.sign_in(account)
    assert browser.path() == "/me"
