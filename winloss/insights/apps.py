from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "winloss.insights"
    label = "insights"
    verbose_name = "Insights"
