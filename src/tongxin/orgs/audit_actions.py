ACTIONS = {
    "orgs.node.created": "创建组织节点",
    "orgs.node.renamed": "修改组织节点名称",
    "orgs.node.moved": "移动组织节点",
    "orgs.school.updated": "修改学校信息",
}


# For the audit page (audit/registry.py).
from tongxin.orgs.models import NodeKind  # noqa: E402

FIELDS = {
    "kind": ("类型", dict(NodeKind.choices)),
    "orgs.node.moved:from": ("原上级组织", "orgs.node"),
    "orgs.node.moved:to": ("新上级组织", "orgs.node"),
    "orgs.node.renamed:from": "原名称",
    "orgs.node.renamed:to": "新名称",
}
