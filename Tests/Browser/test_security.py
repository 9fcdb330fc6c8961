"""Forms need their token; without it nothing changes. (Headers are checked on every page visited.)"""

import re

from portal import assert_security_headers, fetch


def test_a_post_without_the_form_token_is_refused_and_changes_nothing(portal):
    browser = portal.browser("org-lead")
    browser.visit("/lead/AVUHB/wearers")
    href = browser.find_all("main table tbody tr a")[10].get_attribute("pathname")
    browser.visit(href)
    before = browser.find("#email").get_attribute("value")
    changed = {"email": "attacker@example.net", "phone": "", "address": "", "postcode": ""}

    for token in (None, "", "forged-token-value"):
        data = dict(changed) if token is None else {**changed, "_csrf": token}
        response = browser.fetch(f"{href}/contact", data)
        assert response.status == 403, f"POST {href}/contact with _csrf={token!r}: HTTP {response.status}"
        assert "This form has expired" in response.body

    browser.visit(href)
    assert browser.find("#email").get_attribute("value") == before, "a refused post must change nothing"

    response = browser.fetch("/sign-out", {})
    assert response.status == 403, f"sign-out without the token: HTTP {response.status}"
    assert browser.fetch("/lead/AVUHB").status == 200, "a refused sign-out must leave the session alone"


def test_a_sign_in_without_the_form_token_signs_nobody_in(portal):
    account = portal.accounts["auditor"]
    response = fetch(portal.server.base + "/sign-in", "",
                     f"login={account.login}&password={account.password.replace(' ', '+')}".encode())
    assert response.status == 403, f"sign-in without the token: HTTP {response.status}"
    assert "set-cookie" not in response.headers or "sievert_session" not in response.headers.get("set-cookie", "")


def test_the_stylesheet_is_served_from_the_portal_itself(portal):
    response = fetch(portal.server.base + "/assets/sievert.css")
    assert response.status == 200
    assert response.headers.get("content-type", "").startswith("text/css")
    assert not re.search(r"url\(\s*['\"]?https?:", response.body), "no styles or fonts from elsewhere"


def test_a_refused_form_answers_422_with_the_security_headers(portal):
    browser = portal.browser("org-lead")
    browser.visit("/lead/AVUHB/wearers/new")
    token = browser.find("main form input[name=_csrf]").get_attribute("value")
    response = browser.fetch("/lead/AVUHB/wearers/new", {
        "_csrf": token, "surname": "Header", "forenames": "Check", "dateOfBirth": "yesterday"})
    assert response.status == 422, f"a refused registration: HTTP {response.status}"
    assert_security_headers("POST /lead/AVUHB/wearers/new (422)", response.headers)
    assert 'class="error-summary"' in response.body and 'href="#dateOfBirth"' in response.body


def test_a_wrong_password_answers_with_a_client_error_and_the_headers(portal, fresh):
    browser = fresh("visitor")
    browser.visit("/sign-in")
    token = browser.find("main form input[name=_csrf]").get_attribute("value")
    response = browser.fetch("/sign-in", {"_csrf": token, "login": portal.accounts["auditor"].login,
                                          "password": "wrong wrong wrong wrong"})
    assert 400 <= response.status < 500 and response.status != 403, f"wrong password: HTTP {response.status}"
    assert_security_headers("POST /sign-in (wrong password)", response.headers)
    assert 'class="error-summary"' in response.body
    assert "sievert_session" not in response.headers.get("set-cookie", "")
