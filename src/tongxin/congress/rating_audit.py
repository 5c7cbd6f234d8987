"""Audit actions of the congress's rating (merged by audit_actions.py)."""

from tongxin.congress.models import Grade

ACTIONS = {
    "congress.rating.rated": "评定代表大会年度等次",
    "congress.rating.rerated": "修改代表大会年度等次",
}
TARGETS = {"congress.rating": "代表大会评定"}
FIELDS = {
    "union": ("学生会", "orgs.node"),
    "year": "年度",
    "grade": ("等次", dict(Grade.choices)),
    "previous": ("原等次", dict(Grade.choices)),
}
