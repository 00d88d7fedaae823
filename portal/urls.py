from django.urls import path

from . import views

# No app_name: these names ("start", "halsa", …) are the project's own, used everywhere.
urlpatterns = [
    path("", views.start, name="start"),
    path("sprak/", views.set_language, name="set_language"),
    path("tillganglighet/", views.tillganglighet, name="tillganglighet"),
    path("halsa/", views.halsa, name="halsa"),
]
