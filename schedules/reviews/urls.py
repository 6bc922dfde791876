"""The review workflow's URLs: submitting, the queue, a review and its decision, and the
notifications of review events."""

from django.urls import path

from schedules.reviews import notification_views, views

urlpatterns = [
    path("courses/<int:pk>/submit/", views.submit, name="submit"),
    path("reviews/", views.queue, name="review_queue"),
    path("reviews/<int:schedule_pk>/", views.review, name="review"),
    path("reviews/<int:schedule_pk>/comments/", views.comment, name="review_comment"),
    path("reviews/<int:schedule_pk>/compare/", views.compare, name="review_compare"),
    path("reviews/<int:schedule_pk>/decide/", views.decide, name="review_decide"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/<int:notification_pk>/open/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path("notifications/read/", notification_views.notifications_read, name="notifications_read"),
]
