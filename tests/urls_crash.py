"""A URLconf with a view that fails, to see the 500 page a visitor would get."""

from django.urls import path


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom)]
