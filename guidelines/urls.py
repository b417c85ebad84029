"""Every capability routes its own pages; all URL names live in the "guidelines" namespace."""

from django.urls import include, path

app_name = "guidelines"

urlpatterns = [
    path("", include("guidelines.documents.urls")),
    path("", include("guidelines.history.urls")),
    path("", include("guidelines.discussion.urls")),
    path("", include("guidelines.notifications.urls")),
    path("", include("guidelines.search.urls")),
    path("", include("guidelines.tone.urls")),
    path("", include("guidelines.review.urls")),
    path("", include("guidelines.releases.urls")),
    path("", include("audit.urls")),
]
