"""The queue's rows drawn in Python (templatetags/rights_rows.py): the same markup the page
showed, escaped, with its dashes for what an issue lacks."""

import pytest

from tongxin.rights.templatetags.rights_rows import queue_card, queue_row
from tongxin.rights.tests.factories import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(province):
    issue = submit(province, title="<script>alert(1)</script>食堂")
    issue.college = None
    issue.assignee = None
    return issue


def test_a_row_escapes_the_title_and_links_the_issue(issue):
    for html in (queue_card(issue), queue_row(issue)):
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;食堂" in html
        assert f'href="/rights/issues/{issue.pk}/" data-testid="row-title"' in html
        assert f'name="issues" value="{issue.pk}"' in html
        assert 'data-testid="status"' in html


def test_what_an_issue_lacks_shows_as_a_dash(issue):
    assert "承办人 —" in queue_card(issue)
    cells = queue_row(issue).split("<td>")
    assert cells[6] == "—</td>" and cells[9] == "—</td></tr>"  # college, assignee


def test_the_queue_page_draws_each_row_once_as_a_card_and_once_as_a_table_row(province, client_for):
    issue = submit(province, title="宿舍热水")
    html = client_for("officer_a").get("/rights/queue/").content.decode()
    assert html.count(f'value="{issue.pk}" aria-label="选择 #{issue.pk} 宿舍热水"') == 2
    assert html.count('data-testid="row-title">宿舍热水</a>') == 2
