"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from guidelines.search import views

urlpatterns: list = [
    path("search/", views.search, name="search"),
]
