from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "tongxin.staff"
    label = "staff"
    verbose_name = "学生会工作人员"
