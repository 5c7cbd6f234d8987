# Reading notifications is no longer audited (issue 9, item 8); the two codes stay registered
# only so that events written before keep their Chinese label on the audit page.
ACTIONS = {
    "notifications.notification.read": "标记通知为已读",
    "notifications.notification.all_read": "全部通知标记为已读",
}
