from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "tongxin.bench"
    label = "bench"
    verbose_name = "性能测试"
