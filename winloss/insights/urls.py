from winloss.insights.views import competitors, drivers, quotes, reps, trends

app_name = "insights"
urlpatterns = [*drivers.urlpatterns, *competitors.urlpatterns, *trends.urlpatterns, *quotes.urlpatterns,
               *reps.urlpatterns]
