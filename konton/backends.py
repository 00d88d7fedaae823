"""
Django's ModelBackend, with a user's permissions (their own and their roles') read in one
SQL query together with their roles and the units they lead: User.behorighet
(policy/behorighet.py, where the query and its measurements are). Everything else is
ModelBackend's.
"""

from django.contrib.auth.backends import ModelBackend


class Behorigheter(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if user_obj.is_superuser or not user_obj.is_active or obj is not None:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = set(user_obj.behorighet["perm"])
        return user_obj._perm_cache
