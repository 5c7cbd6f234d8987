from django.apps import AppConfig


class ReformConfig(AppConfig):
    name = "tongxin.reform"
    label = "reform"
    verbose_name = "改革自评"
