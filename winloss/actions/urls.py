from winloss.actions.views import board, changed, detail, export, settings

app_name = "actions"
urlpatterns = [*board.urlpatterns, *detail.urlpatterns, *changed.urlpatterns, *export.urlpatterns,
               *settings.urlpatterns]
