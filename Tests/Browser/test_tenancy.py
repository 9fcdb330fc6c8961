"""Each role sees only its own: a lead never another organisation, a wearer only themself."""

import pytest

NOT_FOUND = "Page not found"
FORBIDDEN = "You cannot see this page"


def test_the_avuhb_lead_gets_page_not_found_for_another_organisation(portal):
    browser = portal.browser("org-lead")
    other = portal.bryntrust_people[0]["id"]
    for path in ("/lead/BRYNTRUST", "/lead/BRYNTRUST/wearers", f"/lead/AVUHB/wearers/{other}",
                 f"/lead/BRYNTRUST/wearers/{other}", "/lead/BRYNTRUST/alerts", "/lead/BRYNTRUST/report",
                 "/lead/BRYNTRUST/dosemeters", "/lead/NOSUCHORG"):
        browser.visit(path, status=404)
        assert browser.heading() == NOT_FOUND, f"{path}: {browser.heading()!r}"


def test_no_page_the_lead_opens_names_another_organisations_people(portal):
    browser = portal.browser("org-lead")
    assert browser.forbidden_words == portal.bryntrust_surnames and browser.forbidden_words
    # Every page the lead opens in this suite is checked for these surnames (Browser.check); these are the pages
    # that list people or doses.
    for path in ("/lead/AVUHB", "/lead/AVUHB/wearers", "/lead/AVUHB/report", "/lead/AVUHB/alerts",
                 "/lead/AVUHB/dosemeters", "/lead/AVUHB/incidents"):
        browser.visit(path)
    for number in {p["employments"][0].get("staffNumber") for p in portal.bryntrust_people[:5]} - {None}:
        browser.visit(f"/lead/AVUHB/wearers?q={number}")


def test_the_wearer_cannot_open_other_roles_pages_or_other_peoples_records(portal):
    browser = portal.browser("wearer")
    for path in ("/admin", "/admin/organisations", "/lead/AVUHB", "/lead/AVUHB/wearers", "/audit"):
        browser.visit(path, status=403)
        assert browser.heading() == FORBIDDEN, f"{path}: {browser.heading()!r}"
    browser.visit("/me")
    me = browser.find(".caption").text
    avuhb = portal.server.api("/api/v1/organisations/AVUHB/people?limit=20")["people"]
    someone = next(p for p in avuhb if f"{p['forenames']} {p['surname']}" != me)
    other = portal.bryntrust_people[1]
    for path in (f"/lead/AVUHB/wearers/{someone['id']}", f"/lead/BRYNTRUST/wearers/{other['id']}"):
        browser.visit(path, status=403)
        assert browser.heading() == FORBIDDEN, f"{path}: {browser.heading()!r}"
    for path in (f"/me/records/{other['employments'][0]['id']}", f"/me/records/{someone['employments'][0]['id']}"):
        browser.visit(path, status=404)
        assert browser.heading() == NOT_FOUND, f"{path}: {browser.heading()!r}"


@pytest.mark.parametrize("path", ["/me", "/lead/AVUHB", "/admin"])
def test_the_auditor_cannot_open_other_roles_pages(portal, path):
    browser = portal.browser("auditor")
    browser.visit(path, status=403)
    assert browser.heading() == FORBIDDEN
