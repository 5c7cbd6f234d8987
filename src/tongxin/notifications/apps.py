from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "tongxin.notifications"
    label = "notifications"
    verbose_name = "通知"
