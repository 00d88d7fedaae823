from .models import Notis


def olasta(request):
    """The unread count in the header: one COUNT query, only for a logged-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"olasta_paminnelser": Notis.objects.filter(mottagare=user, last__isnull=True).count()}
