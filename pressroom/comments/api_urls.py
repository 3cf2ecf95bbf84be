from django.urls import path

from . import api

urlpatterns = [
    path("releases/<int:page_id>/comments/", api.release_comments, name="comments-api"),
    path("releases/<int:page_id>/token/", api.form_token, name="comments-token"),
]
