ACTIONS = {
    "imports.job.created": "上传导入文件",
    "imports.roster.imported": "导入学校结构与人员",
    "imports.roster.rejected": "导入文件未通过校验，未写入任何数据",
}


# For the audit page (audit/registry.py).
FIELDS = {
    "students": "学生",
    "staff": "教职工",
    "colleges": "学院",
    "classes": "班级",
    "offices": "部门",
    "reused": "已有（未重复创建）",
    "errors": "错误数",
    "bad_rows": "有错误的行数",
}
