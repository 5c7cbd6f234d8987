"""nodes_by_id: one query for the nodes not remembered, none while they are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.orgs.selectors import nodes_by_id
from tongxin.testing.province import TinyProvince


@pytest.mark.django_db
def test_nodes_are_read_once_then_remembered(province: TinyProvince) -> None:
    a, b = province.school_a, province.nodes["union_a"]
    with CaptureQueriesContext(connection) as first:
        assert nodes_by_id([a.pk, None, b.pk]) == {a.pk: a, b.pk: b}
    with CaptureQueriesContext(connection) as second:
        assert set(nodes_by_id([a.pk, b.pk])) == {a.pk, b.pk}
    assert (len(first), len(second)) == (1, 0)
