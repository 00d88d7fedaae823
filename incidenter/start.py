"""This app's part of the start page: what the user has to do here."""


def context(user) -> dict:
    return {}
