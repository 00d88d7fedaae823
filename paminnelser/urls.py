from django.urls import path

from . import views

app_name = "paminnelser"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("<int:pk>/oppna/", views.oppna, name="oppna"),
    path("markera-lasta/", views.markera_alla, name="markera_alla"),
    path("installningar/", views.installningar, name="installningar"),
    path("arshjulet/", views.arshjul, name="arshjul"),
    path("arshjulet/ny/", views.arshjul_punkt, name="arshjul_ny"),
    path("arshjulet/<int:pk>/", views.arshjul_punkt, name="arshjul_andra"),
]
