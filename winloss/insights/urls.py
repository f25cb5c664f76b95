from winloss.insights.views import reps

app_name = "insights"
urlpatterns = [*reps.urlpatterns]
