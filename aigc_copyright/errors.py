"""The application's error vocabulary (defined in ``assessments.errors`` so that the pure core
can raise it without importing the project)."""

from assessments.errors import ApplicationError

__all__ = ["ApplicationError"]
