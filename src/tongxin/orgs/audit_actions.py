ACTIONS = {
    "orgs.node.created": "创建组织节点",
    "orgs.node.renamed": "修改组织节点名称",
    "orgs.node.moved": "移动组织节点",
    "orgs.school.updated": "修改学校信息",
}
