from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "winloss.reports"
    label = "reports"
    verbose_name = "Findings and reports"
