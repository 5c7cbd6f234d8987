"""The organisation tree (组织树): province → cities → (counties →) schools → unions,
offices, colleges → classes.

A county League committee (县（区）团委) sits under a city and guides its secondary and
vocational schools; a school under a county belongs to the same city as one directly
under the city (`Node.city_pk`).

Every node stores its materialized `path` ("12/40/311/"), so "this node and everything
below it" is one indexed prefix query, never a walk. Nodes inside a school also point at
their school, so large tables can be scoped and later distributed by school.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NodeKind(models.TextChoices):
    PROVINCE = "province", _("省学联")
    CITY = "city", _("市学联")
    COUNTY = "county", _("县（区）团委")
    SCHOOL = "school", _("学校")
    SCHOOL_UNION = "school_union", _("校学生会")
    GRADUATE_UNION = "graduate_union", _("研究生会")
    OFFICE = "office", _("职能部门")
    COLLEGE = "college", _("学院")
    COLLEGE_UNION = "college_union", _("院学生会")
    CLASS = "class", _("班级")


# Which kinds may hang below which: the shape of the tree in DESIGN.md.
ALLOWED_CHILDREN: dict[str, set[str]] = {
    NodeKind.PROVINCE: {NodeKind.CITY},
    NodeKind.CITY: {NodeKind.SCHOOL, NodeKind.COUNTY},
    NodeKind.COUNTY: {NodeKind.SCHOOL},
    NodeKind.SCHOOL: {
        NodeKind.SCHOOL_UNION,
        NodeKind.GRADUATE_UNION,
        NodeKind.OFFICE,
        NodeKind.COLLEGE,
    },
    NodeKind.COLLEGE: {NodeKind.COLLEGE_UNION, NodeKind.CLASS},
}
UNION_KINDS = {NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION}
FEDERATION_KINDS = {NodeKind.PROVINCE, NodeKind.CITY}


class SchoolType(models.TextChoices):
    UNDERGRADUATE = "undergraduate", _("本科")
    HIGHER_VOCATIONAL = "higher_vocational", _("高职")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("中职")
    GENERAL_HIGH = "general_high", _("普通高中")


# Secondary schools (usually guided by a county): the academic rule of DOMAIN.md §2 is
# written for universities and colleges, so theirs is a rule set of their own, empty by default.
SECONDARY_SCHOOL_TYPES = {SchoolType.SECONDARY_VOCATIONAL, SchoolType.GENERAL_HIGH}


class OfficeKind(models.TextChoices):
    ACADEMIC = "academic", _("教务处")
    STUDENT_AFFAIRS = "student_affairs", _("学生工作处")
    LOGISTICS = "logistics", _("后勤处")
    SECURITY = "security", _("保卫处")
    IT = "it", _("信息中心")
    CLINIC = "clinic", _("校医院")
    LIBRARY = "library", _("图书馆")
    OTHER = "other", _("其他部门")


class Node(models.Model):  # 组织节点
    kind = models.CharField(_("类型"), max_length=20, choices=NodeKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    # Short code: required and unique for schools (YS001); optional elsewhere.
    code = models.CharField(_("代码"), max_length=32, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # The school this node belongs to (itself for a school); empty above schools.
    school = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # School attributes (only meaningful on kind=school).
    school_type = models.CharField(
        _("学校类型"), max_length=24, choices=SchoolType.choices, blank=True
    )
    student_count = models.PositiveIntegerField(_("在校生人数"), default=0)
    campus_count = models.PositiveSmallIntegerField(_("校区数"), default=1)
    allows_large_staff = models.BooleanField(
        _("适用 60 人上限"),
        default=False,
        help_text=_("学生人数较多或多校区的学校，校级学生会工作人员上限为 60 人。"),
    )
    # Office attribute (only on kind=office).
    office_kind = models.CharField(
        _("部门类别"), max_length=24, choices=OfficeKind.choices, blank=True
    )
    # The province of the demo data set carries this flag; every page then shows a banner.
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("组织节点")
        verbose_name_plural = _("组织节点")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(kind="school"), name="orgs_school_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["school", "kind"], name="orgs_node_school_kind")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_school(self) -> bool:
        return self.kind == NodeKind.SCHOOL

    @property
    def is_union(self) -> bool:
        return self.kind in UNION_KINDS

    @property
    def is_federation(self) -> bool:
        return self.kind in FEDERATION_KINDS

    def is_within(self, other: "Node") -> bool:
        """True when this node is `other` or lies below it."""
        return self.path.startswith(other.path)

    @property
    def school_pk(self) -> int:
        """The school's id for a node inside a school (refuses nodes above schools)."""
        if self.school_id is None:
            raise ValueError(f"{self.kind} node {self.pk} belongs to no school")
        return int(self.school_id)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    @property
    def city_pk(self) -> int | None:
        """The id of the city this node lies in (itself for a city; None for the province).
        Every city hangs right below the province, so the path's second id is the city,
        whether a school sits directly under it or under one of its counties."""
        ids = self.ancestor_ids()
        return ids[1] if len(ids) > 1 else None
