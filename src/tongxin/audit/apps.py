from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tongxin.audit"
    label = "audit"
    verbose_name = "审计"

    def ready(self) -> None:
        from . import registry

        registry.discover()
