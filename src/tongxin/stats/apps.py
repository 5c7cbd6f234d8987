from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "tongxin.stats"
    label = "stats"
    verbose_name = "统计与报告"
