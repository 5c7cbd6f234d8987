"""Errors that services raise and views turn into messages or status codes."""

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """A rule of the domain refused the change. The message is for the user (Chinese).

    `field` names the form field or import column at fault, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleObject(DomainError):
    """Someone else changed the object since the actor loaded it (optimistic locking)."""


class NotAllowed(PermissionDenied):
    """The actor may not do this. Views answer 403; object gates answer 404 instead."""
