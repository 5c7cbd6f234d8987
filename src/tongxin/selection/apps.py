from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "tongxin.selection"
    label = "selection"
    verbose_name = "选拔任用"
