from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "winloss.accounts"
    label = "accounts"
    verbose_name = "People and roles"
