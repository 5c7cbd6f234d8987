from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "tongxin.imports"
    label = "imports"
    verbose_name = "导入"
