from winloss.program.views import health, invitations, queue, settings, surveys

app_name = "program"
urlpatterns = [*queue.urlpatterns, *invitations.urlpatterns, *surveys.urlpatterns, *settings.urlpatterns,
               *health.urlpatterns]
