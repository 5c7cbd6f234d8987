from django.apps import AppConfig


class ThrowawayConfig(AppConfig):
    name = "tongxin.testing.throwaway"
    label = "throwaway"
    verbose_name = "试验应用"
