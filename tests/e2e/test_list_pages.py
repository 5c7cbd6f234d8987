"""On a 375 px phone every list page shows its rows as cards: no title is squeezed into a
column a character wide (each row title is at least 120 px wide)."""

from collections import defaultdict
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tongxin.testing.province import PASSWORD, TinyProvince

from .conftest import PHONE
from .helpers import submit_login
from .list_pages import LIST_PAGES, LOGINS, rows_on_every_list_page

pytestmark = pytest.mark.browser
MIN_TITLE_WIDTH = 120

_WIDTHS = """() => [...document.querySelectorAll('[data-testid="row-title"]')]
  .filter(el => el.getClientRects().length > 0)
  .map(el => [el.innerText.trim().slice(0, 20), el.getBoundingClientRect().width])"""


def test_every_list_page_gives_row_titles_room_on_a_phone(
    new_page: Callable[..., Page], province: TinyProvince
) -> None:
    rows_on_every_list_page(province)
    by_persona = defaultdict(list)
    for item in LIST_PAGES:
        by_persona[item.persona].append(item.url)
    problems = {}
    for persona, urls in by_persona.items():
        page = new_page(**PHONE)
        code, login = LOGINS[persona]
        submit_login(page, school_code=code, login=login, password=PASSWORD)
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        for url in urls:
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            titles = page.evaluate(_WIDTHS)
            narrow = [(text, round(width)) for text, width in titles if width < MIN_TITLE_WIDTH]
            if not titles:
                problems[url] = f"no visible row title for {persona}"
            elif narrow:
                problems[url] = f"titles narrower than {MIN_TITLE_WIDTH} px: {narrow[:3]}"
            elif page.evaluate("document.documentElement.scrollWidth") > PHONE["viewport"]["width"]:
                problems[url] = "the page scrolls sideways"
    assert not problems, "\n".join(f"{url}: {why}" for url, why in problems.items())
