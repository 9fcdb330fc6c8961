"""Signing in and out, for every role, and what a person sees when they get it wrong."""

import pytest
from conftest import HOMES

HOME_HEADINGS = {
    "rps-admin": "Service overview",
    "org-lead": "Afon Valley University Health Board",
    "auditor": "Audit ledger",
    "wearer": "Your radiation dose",
}


def expect_signed_out(browser):
    assert browser.path() == "/sign-in?done=signed-out", browser.path()
    assert browser.notice() == "You have signed out."
    browser.visit("/me", status=303)
    assert browser.path() == "/sign-in", "after signing out, /me should send the visitor to sign in"


@pytest.mark.parametrize("role", ["wearer", "auditor"])
def test_a_person_without_a_second_factor_signs_in_reaches_their_home_and_signs_out(portal, fresh, role):
    browser = fresh(role)
    browser.sign_in(portal.accounts[role])
    assert browser.path() == HOMES[role]
    assert browser.heading() == HOME_HEADINGS[role]
    browser.check_headers(HOMES[role])
    cookies = {c["name"]: c for c in browser.driver.get_cookies()}
    session = [c for c in cookies.values() if c.get("httpOnly")]
    assert session, f"no HttpOnly session cookie: {list(cookies)}"
    for cookie in session:
        assert cookie.get("secure") is True and cookie.get("sameSite") == "Strict", cookie
    browser.sign_out()
    expect_signed_out(browser)


@pytest.mark.parametrize("role", ["rps-admin", "org-lead"])
def test_a_person_with_a_second_factor_gets_the_code_page_recovers_from_mistakes_and_signs_out(
    portal, fresh, role
):
    account = portal.accounts[role]
    browser = fresh(role)
    browser.visit("/sign-in")
    browser.fill({"login": account.login, "password": "not the password at all"})
    browser.submit(label="sign-in with a wrong password")
    assert browser.path() == "/sign-in"
    assert browser.find_all(".error-summary"), "a wrong password should show the error summary"
    assert "Error:" in browser.driver.title

    browser.fill({"login": account.login, "password": account.password})
    browser.submit(label="sign-in → code page")
    assert browser.path() == "/sign-in/code"
    assert browser.heading()
    browser.fill({"code": account.unused_wrong_code()})
    browser.submit(label="sign-in with a wrong code")
    links = browser.error_summary_links()
    assert links and links[0][0] == "#code", f"the error summary should point at the code field: {links}"
    assert browser.find_all("#code-error"), "the code field should carry its error message"

    browser.fill({"code": account.next_code()})
    browser.submit(label="sign-in with the right code")
    assert browser.path() == HOMES[role], f"{role} landed on {browser.path()}: {browser.heading()}"
    assert browser.heading() == HOME_HEADINGS[role]
    browser.check_headers(HOMES[role])
    browser.sign_out()
    expect_signed_out(browser)


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_login_name(portal, fresh):
    account = portal.accounts["wearer"]
    browser = fresh("visitor")
    browser.visit("/sign-in")
    browser.fill({"login": account.login, "password": "certainly-not-right-123"})
    browser.submit(label="sign-in with a wrong password")
    assert browser.find_all(".error-summary"), "a wrong password should show the error summary"
    links = browser.error_summary_links()
    assert links, "the error summary should link to a field"
    for target, _ in links:
        assert browser.find_all(target), f"the error summary links to {target}, which is not on the page"
    assert browser.find("#login").get_attribute("value") == account.login
    assert browser.find("#password").get_attribute("value") == "", "the password must not be echoed back"
    response = browser.fetch("/sign-in")
    assert response.status == 200


def test_a_signed_out_visit_to_my_doses_goes_to_sign_in(fresh):
    browser = fresh("visitor")
    browser.visit("/me", status=303)
    assert browser.path() == "/sign-in"
    assert browser.heading() == "Sign in"
    assert browser.fetch("/me").headers.get("location") == "/sign-in"


def test_the_start_page_sends_a_visitor_to_sign_in(fresh):
    browser = fresh("visitor")
    browser.visit("/", status=303)
    assert browser.path() == "/sign-in"


def test_enrolling_again_with_a_spent_link_is_refused(portal, fresh):
    account = portal.accounts["wearer"]
    browser = fresh("visitor")
    browser.driver.get(account.enrol_url)
    browser.check("GET /enrol?token=… (spent)")
    browser.fill({"password": "another long passphrase here", "confirm": "another long passphrase here"})
    browser.submit(label="enrolment with a spent token")
    assert browser.find_all(".error-summary"), "a spent enrolment link should be refused with the error summary"
    assert [t for t, _ in browser.error_summary_links()] == ["#token"]


def test_enrolment_with_mismatched_passwords_shows_errors_at_each_field(fresh):
    browser = fresh("visitor")
    browser.visit("/enrol")
    browser.fill({"token": "en_NOTAREALTOKEN", "password": "short", "confirm": "different"})
    browser.submit(label="enrolment with errors")
    targets = [t for t, _ in browser.error_summary_links()]
    assert targets, "the enrolment errors should be summarised"
    for target in targets:
        assert browser.find_all(target), f"the error summary links to {target}, which is not on the page"
