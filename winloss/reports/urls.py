from winloss.reports.views import findings, reports

app_name = "reports"
urlpatterns = [*reports.urlpatterns, *findings.urlpatterns]
