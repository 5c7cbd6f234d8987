ACTIONS = {
    "comments.comment.submitted": "提交评论",
    "comments.comment.approved": "公开评论",
    "comments.comment.hidden": "隐藏评论",
}
TARGETS = {"comments.comment": "评论"}
FIELDS = {"subject": "所属对象类型", "object": "所属对象编号", "length": "字数"}
