"""The application's error vocabulary.

Services raise an ``ApplicationError`` with a stable ``code`` and the HTTP ``status`` it means;
the API's exception handler turns it into ``{"error": code, "detail": message}``, the admin shows
its message, and commands print it. Views do not keep lists of exceptions to catch.
"""


class ApplicationError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
