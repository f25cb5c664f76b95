from django.contrib import admin

from winloss.deals import models


@admin.register(models.Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ("name", "outcome", "close_date", "amount", "currency", "owner", "source")
    list_filter = ("outcome", "source", "region", "product_line")
    search_fields = ("name", "crm_id", "account__name")


admin.site.register(models.Account)
admin.site.register(models.Competitor)
admin.site.register(models.SalesRep)
admin.site.register(models.StageOutcome)
admin.site.register(models.ImportRun)
