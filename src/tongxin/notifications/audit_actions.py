ACTIONS = {
    "notifications.notification.read": "标记通知为已读",
    "notifications.notification.all_read": "全部通知标记为已读",
}
