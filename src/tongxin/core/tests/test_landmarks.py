"""Page structure for assistive technology (WCAG 2.1 AA): a skip link to the main content,
every piece of content inside a landmark, named controls, and the language of the content."""

import re

import pytest
from django.test import Client

from tongxin.orgs.selectors import forget_demo_flag
from tongxin.rights.tests.factories import submit


def _body(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_skip_link_is_the_first_thing_and_leads_to_main(client_for):
    page = _body(client_for("student_a"), "/")
    body = page.split("<body", 1)[1].split(">", 1)[1]
    first_link = re.search(r"<a [^>]*>", body)
    assert first_link and 'href="#main"' in first_link.group(0)
    assert first_link.start() < body.index("<header") < body.index("<nav")
    assert re.search(r'<main id="main"[^>]*>', page)


def test_demo_banner_sits_inside_the_header_landmark(province, client_for):
    province.province.is_demo = True
    province.province.save(update_fields=["is_demo"])
    forget_demo_flag()
    page = _body(client_for("student_a"), "/")
    header = page.split("<header>", 1)[1].split("</header>", 1)[0]
    assert 'data-testid="demo-banner"' in header
    outside = page.replace(header, "")
    assert 'data-testid="demo-banner"' not in outside


def test_queue_table_has_no_empty_column_header(province, client_for):
    submit(province)
    page = _body(client_for("officer_a"), "/rights/queue/")
    thead = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    headers = re.findall(r"<th[^>]*>(.*?)</th>", thead)
    assert headers and all(re.sub(r"<[^>]+>", "", h).strip() for h in headers), headers


def test_me_too_button_names_the_issue_it_supports(province, client_for):
    submit(province, title="二食堂晚餐涨价")
    page = _body(client_for("student_a2"), "/rights/similar/?title=二食堂晚餐涨价")
    assert 'aria-label="我也遇到：二食堂晚餐涨价"' in page


@pytest.mark.parametrize(
    ("url", "persona", "marked"),
    [
        ("/rights/queue/", "officer_a", True),  # not translated: says it is Chinese
        ("/rights/mine/", "student_a", True),
        ("/", "student_a", False),  # translated: follows the active language
    ],
)
def test_untranslated_content_is_marked_chinese_in_english(url, persona, marked, client_for):
    client = client_for(persona)
    english = _body(client, url, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in english
    main = re.search(r"<main [^>]*>", english)
    assert main and ('lang="zh-Hans"' in main.group(0)) is marked
    chinese = _body(client_for(persona), url, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert 'lang="zh-Hans"' not in re.search(r"<main [^>]*>", chinese).group(0)
