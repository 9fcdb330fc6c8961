"""At phone width (390 × 844) the main pages pass axe and nothing runs off the side."""

import re

import pytest
from portal import DESKTOP, PHONE


@pytest.mark.parametrize(("role", "path"), [
    ("wearer", "/me"),
    ("wearer", "/me/records"),
    ("wearer", "/me/access"),
    ("org-lead", "/lead/AVUHB"),
    ("org-lead", "/lead/AVUHB/wearers"),
    ("org-lead", "a wearer's record"),
    ("org-lead", "/lead/AVUHB/report"),
    ("org-lead", "/lead/AVUHB/alerts"),
    ("org-lead", "/lead/AVUHB/dosemeters"),
    ("auditor", "/audit"),
    ("auditor", "/audit/events/1"),
    ("auditor", "/audit/consistency?from=1"),
])
def test_a_page_fits_a_phone_screen(portal, role, path):
    browser = portal.browser(role)
    if not path.startswith("/"):
        listed = browser.fetch("/lead/AVUHB/wearers").body
        path = re.search(r'href="(/lead/AVUHB/wearers/[0-9a-f-]{36})"', listed).group(1)
    browser.resize(PHONE)
    try:
        assert browser.driver.execute_script("return window.innerWidth") == PHONE[0]
        browser.driver.get(browser.url(path))
        browser.check(f"GET {path} at phone width")
        scroll_width, client_width = browser.overflow()
        assert scroll_width <= client_width, (
            f"{path} is {scroll_width} px wide on a {client_width} px screen: it scrolls sideways")
    finally:
        browser.resize(DESKTOP)


def test_the_sign_in_page_fits_a_phone_screen(fresh):
    browser = fresh("visitor", PHONE)
    browser.visit("/sign-in")
    scroll_width, client_width = browser.overflow()
    assert scroll_width <= client_width
