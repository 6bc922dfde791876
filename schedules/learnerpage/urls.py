"""The learners' page's URLs: the public page and its instructors' page."""

from django.urls import path, re_path

from schedules.learnerpage import views

urlpatterns = [
    path("courses/<int:pk>/learners-page/", views.learner_link, name="learner_link"),
    # The page learners open: the token is the key (no sign-in).
    re_path(r"^l/(?P<page_token>[A-Za-z0-9_-]{32,64})/$", views.learner_page, name="learner_page"),
]
