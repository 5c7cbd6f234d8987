import pytest
from django import forms
from django.http import Http404

from tongxin.core.forms import IdField
from tongxin.core.pagination import MAX_PAGE, paginate, parse_page
from tongxin.orgs.models import Node


@pytest.mark.parametrize(
    ("raw", "number"), [(None, 1), ("", 1), ("0", 1), ("-1", 1), ("abc", 1), ("１", 1), ("3", 3)]
)
def test_a_page_number_that_is_not_a_positive_integer_means_the_first_page(raw, number):
    assert parse_page(raw) == number


@pytest.mark.parametrize("raw", [str(MAX_PAGE + 1), str(2**63), "9" * 400])
def test_a_page_number_beyond_any_list_is_404_before_the_database_sees_it(raw):
    with pytest.raises(Http404):
        parse_page(raw)


def test_a_page_past_the_end_is_404_and_the_last_page_offers_no_next(province):
    nodes = Node.objects.order_by("pk")
    count = nodes.count()
    last = paginate(nodes, 1, size=count)
    assert len(last.items) == count and not last.has_next
    with pytest.raises(Http404):
        paginate(nodes, 2, size=count)
    with pytest.raises(Http404):
        paginate(nodes, 10**20)  # an API caller's typed integer, unchecked by its schema


class _Filter(forms.Form):
    category = IdField(label="类别", required=False)


@pytest.mark.parametrize("raw", [str(2**63), "0", "-5", "abc"])
def test_an_id_outside_the_64_bit_range_is_a_chinese_error_naming_the_field(raw):
    form = _Filter({"category": raw})
    assert not form.is_valid()
    messages = {"编号超出范围。", "编号必须是正整数。", "请输入有效的编号。"}
    assert form.errors["category"][0] in messages
    assert _Filter({"category": str(2**63 - 1)}).is_valid()


def test_the_pager_keeps_the_lists_query_and_replaces_only_the_page(rf):
    from django.template import Context, Template

    from tongxin.core.pagination import Page

    request = rf.get("/orgs/schools/", {"q": "甲 大学", "page": "2", "sort": "code"})
    html = Template('{% include "core/_pager.html" %}').render(
        Context({"request": request, "page": Page(items=[1], number=2, has_next=True)})
    )
    assert "?q=%E7%94%B2+%E5%A4%A7%E5%AD%A6&amp;page=1&amp;sort=code" in html
    assert "?q=%E7%94%B2+%E5%A4%A7%E5%AD%A6&amp;page=3&amp;sort=code" in html
    last = Template('{% include "core/_pager.html" %}').render(
        Context({"request": request, "page": Page(items=[1], number=2, has_next=False)})
    )
    assert "下一页" not in last and "上一页" in last
