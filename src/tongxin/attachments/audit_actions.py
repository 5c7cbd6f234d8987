ACTIONS = {
    "attachments.attachment.uploaded": "上传附件",
    "attachments.attachment.deleted": "删除附件",
}
TARGETS = {"attachments.attachment": "附件"}
FIELDS = {"subject": "所属对象类型", "object": "所属对象编号"}
