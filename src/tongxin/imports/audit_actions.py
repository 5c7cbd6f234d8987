ACTIONS = {
    "imports.job.created": "上传导入文件",
    "imports.roster.imported": "导入学校结构与人员",
    "imports.roster.rejected": "导入文件未通过校验，未写入任何数据",
}
