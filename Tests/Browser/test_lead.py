"""An organisation lead finds, registers and updates wearers, works an alert, reads the report."""

import datetime
import re
import time
import urllib.parse

from selenium.webdriver.common.by import By

ORG = "/lead/AVUHB"
ROW_LINK = re.compile(r'<tr><td><a href="/lead/AVUHB/wearers/([0-9a-f-]{36})">')
NEXT_LINK = re.compile(r'href="/lead/AVUHB/wearers\?after=([^"]+)"')


def wearer_ids(browser) -> list[str]:
    """Every wearer id in the list, all pages, read without the browser (the list pages are checked elsewhere)."""
    ids, path = [], f"{ORG}/wearers"
    for _ in range(50):
        response = browser.fetch(path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        ids += ROW_LINK.findall(response.body)
        following = NEXT_LINK.search(response.body)
        if not following:
            return ids
        path = f"{ORG}/wearers?after={following.group(1)}"
    raise AssertionError("the wearer list does not end")


def rows(browser):
    return browser.find_all("main table tbody tr")


def open_wearer_list(browser):
    browser.visit(f"{ORG}/wearers")
    assert browser.heading() == "Wearers"
    return rows(browser)


def test_the_lead_home_links_every_task(portal):
    browser = portal.browser("org-lead")
    browser.visit("/lead", status=303)
    assert browser.path() == ORG, "a lead of one organisation goes straight to it"
    links = {a.get_attribute("pathname") for a in browser.find_all("main .card h2 a")}
    assert {f"{ORG}/wearers", f"{ORG}/alerts", f"{ORG}/dosemeters", f"{ORG}/report", f"{ORG}/incidents"} <= links


def test_the_lead_finds_a_wearer_by_staff_number_and_opens_their_record(portal):
    browser = portal.browser("org-lead")
    listed = open_wearer_list(browser)
    assert len(listed) > 5
    cells = listed[4].find_elements(By.TAG_NAME, "td")
    name, staff_number = cells[0].text, cells[1].text
    assert re.fullmatch(r"S\d+", staff_number), staff_number

    browser.fill({"q": staff_number}, form="main form[role=search]")
    browser.submit("main form[role=search]", label="wearer search by staff number")
    assert browser.path() == f"{ORG}/wearers?q={staff_number}"
    found = rows(browser)
    assert [r.find_elements(By.TAG_NAME, "td")[1].text for r in found] == [staff_number]
    browser.check_headers(browser.path())

    found[0].find_element(By.CSS_SELECTOR, "a").click()
    browser.wait_loaded()
    browser.check("wearer record from search")
    browser.check_headers(browser.path())
    assert browser.heading() == name
    details = dict(zip([dt.text for dt in browser.find_all("dl.summary-list dt")],
                       [dd.text for dd in browser.find_all("dl.summary-list dd")]))
    nino = details.get("National Insurance number", "")
    assert re.fullmatch(r"[•*]{6}[0-9A-Z]{2}[A-D]?|[•*]+\w{3}|—?", nino), f"the NINO should be masked: {nino!r}"
    assert len(re.sub(r"[•*]", "", nino)) <= 3, f"only the last 3 characters of a NINO may show: {nino!r}"


def test_a_search_for_a_number_nobody_has_says_so(portal):
    browser = portal.browser("org-lead")
    browser.visit(f"{ORG}/wearers?q=S999999")
    assert "No wearers found." in browser.text()


def test_a_search_finds_a_wearer_by_ni_number_however_it_is_typed(portal):
    browser = portal.browser("org-lead")
    browser.visit(f"{ORG}/wearers/new")
    token = browser.find("main form input[name=_csrf]").get_attribute("value")
    digits = f"{int(time.time()) % 1000000:06d}"
    response = browser.fetch(f"{ORG}/wearers/new", {
        "_csrf": token, "surname": "Ninosearch", "forenames": "Cai", "dateOfBirth": "1985-06-01",
        "nino": f"JT{digits}B"})
    assert response.status == 303, f"registration: HTTP {response.status}"
    for typed in (f"JT{digits}B", f"jt {digits[:2]} {digits[2:4]} {digits[4:]} b"):
        browser.visit(f"{ORG}/wearers?q={urllib.parse.quote(typed)}")
        assert [r.find_element(By.TAG_NAME, "a").text for r in rows(browser)] == ["Cai Ninosearch"], typed
    browser.find("main table tbody a").click()
    browser.wait_loaded()
    browser.check("wearer found by NI number")
    nino = browser.driver.find_element(
        By.XPATH, "//dt[.='National Insurance number']/following-sibling::dd[1]").text
    assert f"JT{digits}" not in nino.replace(" ", "") and nino.endswith(f"{digits[-2:]}B"), nino


def test_a_search_by_staff_number_ignores_letter_case(portal):
    browser = portal.browser("org-lead")
    listed = open_wearer_list(browser)
    name, staff_number = [c.text for c in listed[2].find_elements(By.TAG_NAME, "td")[:2]]
    browser.visit(f"{ORG}/wearers?q={staff_number.lower()}")
    assert [r.find_element(By.TAG_NAME, "a").text for r in rows(browser)] == [name]


def test_the_wearer_list_pages_on(portal):
    browser = portal.browser("org-lead")
    open_wearer_list(browser)
    following = browser.find_all("nav.pagination a")
    if following:
        first_page = {r.find_element(By.TAG_NAME, "a").text for r in rows(browser)}
        browser.visit(following[0].get_attribute("pathname") + following[0].get_attribute("search"))
        assert rows(browser), "the next page should list more wearers"
        assert not first_page & {r.find_element(By.TAG_NAME, "a").text for r in rows(browser)}


def test_the_lead_edits_a_wearers_contact_details(portal):
    browser = portal.browser("org-lead")
    listed = open_wearer_list(browser)
    href = listed[6].find_element(By.TAG_NAME, "a").get_attribute("pathname")
    browser.visit(href)

    browser.fill({"email": "not an address"}, form="main form[action$='/contact']")
    browser.submit("main form[action$='/contact']", label="contact details with a bad e-mail address")
    assert "#email" in [t for t, _ in browser.error_summary_links()]
    assert browser.find_all("#email-error")

    phone = f"07700 900{int(time.time()) % 1000:03d}"
    browser.fill({"email": "h.wearer@example.org", "phone": phone, "address": "2 Quay Street, Caerafon",
                  "postcode": "CF10 1AA"}, form="main form[action$='/contact']")
    browser.submit("main form[action$='/contact']", label="contact details saved")
    assert browser.path() == f"{href}?done=contact"
    assert browser.notice() == "The contact details have been saved."
    browser.visit(href)
    assert browser.find("#email").get_attribute("value") == "h.wearer@example.org"
    assert browser.find("#phone").get_attribute("value") == phone


def test_registering_with_a_bad_date_of_birth_registers_nobody_then_a_good_one_registers_the_wearer(portal):
    browser = portal.browser("org-lead")
    before = wearer_ids(browser)
    staff_number = f"T{int(time.time()) % 1000000:06d}"
    browser.visit(f"{ORG}/wearers/new")
    assert browser.heading() == "Register a wearer"
    person = {"surname": "Testwright", "forenames": "Eira Mair", "dateOfBirth": "1990-02-31",
              "staffNumber": staff_number, "department": "Radiology", "email": "eira.testwright@example.org"}
    browser.fill(person)
    browser.fill({"designation": "classified", "sex": "F"})
    browser.submit(label="registration with a bad date of birth")
    assert browser.path() == f"{ORG}/wearers/new"
    links = browser.error_summary_links()
    assert [t for t, _ in links] == ["#dateOfBirth"], links
    assert browser.find_all("#dateOfBirth"), "the error summary must link to a field that is on the page"
    assert browser.find_all("#dateOfBirth-error")
    assert browser.find("#surname").get_attribute("value") == "Testwright", "what was typed should be kept"
    assert wearer_ids(browser) == before, "a refused registration must not register anybody"
    response = browser.fetch(f"{ORG}/wearers?q={staff_number}")
    assert "No wearers found." in response.body

    browser.fill({"dateOfBirth": "1990-02-28"})
    browser.submit(label="registration accepted")
    assert browser.notice() == "The wearer has been registered.", browser.text()[:400]
    assert browser.heading() == "Eira Mair Testwright"
    after = wearer_ids(browser)
    assert len(after) == len(before) + 1
    browser.visit(f"{ORG}/wearers?q={staff_number}")
    assert [r.find_element(By.TAG_NAME, "a").text for r in rows(browser)] == ["Eira Mair Testwright"]


def open_active_wearer(browser, index: int) -> str:
    """Opens the page of an active wearer from the list (by position, so tests change different people)."""
    listed = open_wearer_list(browser)
    active = [r for r in listed if r.find_elements(By.TAG_NAME, "td")[3].text == "active"]
    href = active[index].find_element(By.TAG_NAME, "a").get_attribute("pathname")
    browser.visit(href)
    return href


def test_the_lead_marks_a_wearer_as_having_left(portal):
    browser = portal.browser("org-lead")
    href = open_active_wearer(browser, -1)
    browser.fill({"date": ""}, form="main form[action$='/left']")
    browser.submit("main form[action$='/left']", label="marked as left")
    assert browser.notice() == "The wearer has been marked as having left."
    status = browser.driver.find_element(By.XPATH, "//dt[.='Status']/following-sibling::dd[1]").text
    assert status != "active", status
    assert not browser.find_all("main form[action$='/left']"), "someone who left cannot leave again"


def test_a_bad_leaving_date_is_shown_on_the_wearers_page_with_the_error_summary(portal):
    browser = portal.browser("org-lead")
    href = open_active_wearer(browser, -2)
    browser.fill({"date": "31/02/2026"}, form="main form[action$='/left']")
    browser.submit("main form[action$='/left']", label="mark as left with a bad date")
    assert browser.find_all(".error-summary"), (
        f"a bad leaving date should re-render the wearer's page with the error summary, got "
        f"{browser.path()}: {browser.heading()!r}")
    for target, _ in browser.error_summary_links():
        assert browser.find_all(target), f"the error summary links to {target}, which is not on the page"
    browser.visit(href)
    assert browser.find_all("main form[action$='/left']"), "a refused date must not mark the wearer as left"


def test_the_lead_assigns_a_ring_dosemeter_after_a_bad_first_day_is_named(portal):
    browser = portal.browser("org-lead")
    href = open_active_wearer(browser, -3)
    form = "main form[action$='/assign']"
    assigned = ".table-scroll[aria-label='Dosemeters assigned'] tbody tr"
    rings_before = [r for r in browser.find_all(assigned) if "right-finger" in r.text]
    browser.fill({"starts": "next week"}, form=form)
    browser.submit(form, label="assign with a bad first day")
    assert [t for t, _ in browser.error_summary_links()] == ["#starts"]
    assert browser.find_all("#starts-error")
    browser.fill({"starts": "", "position": "right-finger", "frequency": "quarterly"}, form=form)
    browser.submit(form, label="assign a ring")
    assert browser.notice() == "The dosemeter has been assigned."
    rings = [r for r in browser.find_all(assigned) if "right-finger" in r.text and "quarterly" in r.text]
    assert len(rings) == len(rings_before) + 1, "the new ring assignment should be listed once"


def test_the_lead_takes_the_open_alert_through_acknowledge_investigate_and_close(portal):
    browser = portal.browser("org-lead")
    browser.visit(f"{ORG}/alerts")
    open_alerts = [r for r in rows(browser) if r.find_elements(By.CSS_SELECTOR, ".tag-yellow")]
    assert open_alerts, "the demo data has an open alert"
    link = [r for r in open_alerts if "Investigation" in r.text] or open_alerts
    href = link[0].find_element(By.TAG_NAME, "a").get_attribute("pathname")
    browser.visit(href)

    seen = []
    for _ in range(5):
        buttons = browser.find_all("main form button[type=submit]")
        if not buttons:
            break
        label = buttons[0].text
        seen.append(label)
        if label.lower().startswith("close"):
            browser.fill({"note": ""})
            browser.submit(label="closing an alert without a note")
            assert [t for t, _ in browser.error_summary_links()] == ["#note"]
            assert browser.find_all("#note-error")
            browser.fill({"note": "Reviewed the fluoroscopy log; technique corrected and retrained."})
        else:
            browser.fill({"note": f"{label}: noted by the test."})
        browser.submit(label=f"alert: {label}")
        assert browser.notice() == "The alert has been updated.", browser.text()[:300]
    assert len(seen) == 3, f"expected acknowledge, investigate and close; got {seen}"
    assert "This alert is closed." in browser.text()
    assert len(browser.find_all("main ol li")) >= 4, "the history should list raised and the three steps"
    browser.visit(f"{ORG}/alerts")
    closed = [r for r in rows(browser) if r.find_element(By.TAG_NAME, "a").get_attribute("pathname") == href]
    assert closed and closed[0].find_elements(By.CSS_SELECTOR, ".tag-grey")


def last_complete_month(today: datetime.date | None = None) -> str:
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    first = today.replace(day=1)
    return (first - datetime.timedelta(days=1)).strftime("%Y-%m")


def test_the_report_for_the_last_complete_month_lists_the_wearers_doses(portal):
    browser = portal.browser("org-lead")
    browser.visit(f"{ORG}/report")
    period = last_complete_month()
    browser.fill({"period": period}, form="main form.search")
    browser.submit("main form.search", label="report for the last complete month")
    assert browser.path() == f"{ORG}/report?period={period}"
    assert period in browser.heading()
    browser.check_headers(browser.path())
    table_rows = rows(browser)
    assert table_rows, f"the report for {period} should have rows"
    doses = [c.text for r in table_rows for c in r.find_elements(By.CSS_SELECTOR, "td.numeric")]
    assert any(re.match(r"\d+\.\d\d /", d) for d in doses), "some wearer should have a dose in the last month"
    csv = browser.fetch(f"{ORG}/report?period={period}&format=csv")
    assert csv.status == 200 and "csv" in csv.headers.get("content-type", ""), csv.headers


def test_a_report_for_a_nonsense_period_is_refused_politely(portal):
    browser = portal.browser("org-lead")
    browser.visit(f"{ORG}/report?period=2026-13", status=422)
    assert browser.heading() == "The request could not be read"


def test_the_dosemeters_page_offers_the_issue_list(portal):
    browser = portal.browser("org-lead")
    browser.visit(f"{ORG}/dosemeters")
    assert browser.heading() == "Dosemeters"
    form = browser.find("main form[action$='/dosemeters/issue']")
    token = form.find_element(By.NAME, "_csrf").get_attribute("value")
    period = browser.find("#period").get_attribute("value")
    response = browser.fetch(f"{ORG}/dosemeters/issue", {"_csrf": token, "period": period})
    assert response.status == 200, f"issue list: HTTP {response.status}"
    assert "csv" in response.headers.get("content-type", ""), response.headers
    for surname in ("Testwright",):
        assert surname not in response.body, "the issue list must carry no names"


def test_a_bad_wear_period_is_shown_on_the_dosemeters_page_with_the_error_summary(portal):
    browser = portal.browser("org-lead")
    browser.visit(f"{ORG}/dosemeters")
    browser.fill({"period": "next month"}, form="main form[action$='/dosemeters/issue']")
    browser.submit("main form[action$='/dosemeters/issue']", label="issue list with a bad period")
    assert browser.find_all(".error-summary"), (
        f"a bad period should re-render the dosemeters page with the error summary, got {browser.heading()!r}")
    assert [t for t, _ in browser.error_summary_links()] == ["#period"]


def test_the_lead_sees_the_incidents_page(portal):
    browser = portal.browser("org-lead")
    browser.visit(f"{ORG}/incidents")
    assert browser.heading()
