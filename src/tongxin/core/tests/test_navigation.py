"""Menus show only what the role can open: every persona's menu links answer 200."""

import re

import pytest

from tongxin.core.navigation import registered_navigation
from tongxin.testing.province import PERSONAS

MENU = re.compile(r'<div class="collapse navbar-collapse" id="mainnav">(.*?)</div>', re.S)
# Pages anyone signed in may open, shown only to those who use them: a former student's own
# issues stay readable at /rights/mine/ without the menu offering it to every office.
OPEN_TO_ALL = {"rights:my-issues"}
LINK = re.compile(r'class="(?:nav-link|dropdown-item)[^"]*" href="(/[^"#]*)"')


def _menu_links(html: str) -> list[str]:
    menu = MENU.search(html)
    assert menu, "the page has no main menu"
    return LINK.findall(menu.group(1))


@pytest.mark.parametrize("persona", [*PERSONAS, "office_head_a", "student_b"])
def test_every_menu_link_of_each_persona_opens(persona, client_for):
    client = client_for(persona)
    links = _menu_links(client.get("/").content.decode())
    assert links, "every persona has at least its home page in the menu"
    refused = {url: client.get(url, follow=True).status_code for url in links}
    refused = {url: code for url, code in refused.items() if code != 200}
    assert not refused, f"{persona}'s menu links pages it cannot open: {refused}"


@pytest.mark.parametrize("persona", [*PERSONAS, "office_head_a"])
def test_menu_shows_exactly_the_pages_the_persona_can_open(persona, client_for):
    """Every entry of the registry, shown or not: shown ⇔ its page opens, so the menu's
    permission and the view's check cannot drift apart in either direction."""
    client = client_for(persona)
    shown = set(_menu_links(client.get("/").content.decode()))
    drift = {}
    for group in registered_navigation():
        for item in group.items:
            opens = client.get(item.url, follow=True).status_code == 200
            if item.url_name in OPEN_TO_ALL and opens:
                continue
            if opens != (item.url in shown):
                drift[item.url] = "opens but hidden" if opens else "shown but refused"
    assert not drift, f"{persona}: {drift}"
