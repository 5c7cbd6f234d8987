import pytest

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.orgs.models import Node, NodeKind
from tongxin.orgs.selectors import node_subtree
from tongxin.orgs.services import node_create, node_move, node_rename


def test_advisor_creates_a_college_in_their_school(province):
    college = node_create(
        actor=province.advisor_a, parent=province.school_a, kind=NodeKind.COLLEGE, name="理学院"
    )
    assert college.path == f"{province.school_a.path}{college.pk}/"
    assert (
        college.school_id == province.school_a.pk and college.depth == province.school_a.depth + 1
    )
    assert AuditEvent.objects.filter(action="orgs.node.created", target_id=str(college.pk)).exists()


def test_advisor_cannot_create_in_another_school(province):
    with pytest.raises(NotAllowed):
        node_create(
            actor=province.advisor_a, parent=province.school_b, kind=NodeKind.COLLEGE, name="理学院"
        )


def test_tree_shape_is_enforced(province):
    with pytest.raises(DomainError) as err:
        node_create(
            actor=province.advisor_a, parent=province.school_a, kind=NodeKind.CLASS, name="直属班"
        )
    assert err.value.field == "kind"


def test_school_codes_are_unique(province):
    with pytest.raises(DomainError) as err:
        node_create(
            actor=province.province_admin,
            parent=province.city_1,
            kind=NodeKind.SCHOOL,
            name="丙大学",
            code="TA01",
        )
    assert "TA01" in err.value.message


def test_moving_a_college_to_another_school_is_refused(province):
    with pytest.raises(DomainError) as err:
        node_move(
            actor=province.province_admin, node=province.college_a1, new_parent=province.school_b
        )
    assert "其他学校" in err.value.message
    province.college_a1.refresh_from_db()
    assert province.college_a1.parent_id == province.school_a.pk


def test_moving_a_class_within_the_school_repaths_it(province):
    klass = province.class_a1
    node_move(actor=province.advisor_a, node=klass, new_parent=province.college_a2)
    klass.refresh_from_db()
    assert klass.path.startswith(province.college_a2.path)
    assert klass in node_subtree(province.college_a2)
    assert klass not in node_subtree(province.college_a1)


def test_subtree_is_a_single_query(province, django_assert_num_queries):
    with django_assert_num_queries(1):
        nodes = list(node_subtree(province.school_a))
    assert {n.kind for n in nodes} >= {NodeKind.COLLEGE, NodeKind.CLASS, NodeKind.OFFICE}
    assert all(n.school_id == province.school_a.pk for n in nodes)


def test_rename_is_audited_with_old_and_new(province):
    node_rename(actor=province.advisor_a, node=province.college_a1, name="计算机与人工智能学院")
    event = AuditEvent.objects.get(action="orgs.node.renamed")
    assert event.data == {"from": "计算机学院", "to": "计算机与人工智能学院"}
    assert Node.objects.get(pk=province.college_a1.pk).name == "计算机与人工智能学院"
