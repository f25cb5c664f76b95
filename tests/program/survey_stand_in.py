"""Until the survey page (url name "program:survey", one argument: the token) is merged, tests of emails that link
to it run with this URL configuration: the project's URLs plus a stand-in page under that name. Once the real
page exists, `use_survey_page` leaves the project's URLs alone and this stand-in is not used."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, URLResolver, include, path, reverse

from winloss import urls as project
from winloss.program import urls as program


def _survey(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(token)


urlpatterns = [
    *[p for p in project.urlpatterns if not (isinstance(p, URLResolver) and p.namespace == "program")],
    path("program/", include(([*program.urlpatterns, path("p/survey/<str:token>/", _survey, name="survey")],
                              "program"))),
]


def use_survey_page(settings) -> None:
    try:
        reverse("program:survey", args=["token"])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__
