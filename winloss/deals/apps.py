from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "winloss.deals"
    label = "deals"
    verbose_name = "Deals and CRM import"
