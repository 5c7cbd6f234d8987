from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "tongxin.rights"
    label = "rights"
    verbose_name = "权益服务"
