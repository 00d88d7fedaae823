"""Reads of the reminders that depend on who asks."""

from django.shortcuts import get_object_or_404

from .models import Notis


def notiser_for(user):
    """A user's own notices, newest first. Nobody sees another person's notices."""
    return Notis.objects.filter(mottagare=user).order_by("-skapad", "-id")


def get_notis_for_user(user, pk: int) -> Notis:
    return get_object_or_404(notiser_for(user), pk=pk)
