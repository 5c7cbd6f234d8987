from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "tongxin.rights"
    label = "rights"
    verbose_name = "权益服务"
    # The transitions' shared helpers and the pages' glue: other apps call services and
    # selectors instead (tests/test_conventions.py).
    internal_modules = ("services.common", "services.intake", "actions", "bulk", "presenters")
