"""The application's error vocabulary, shared by the pure core and the web layer.

The core and the services raise an ``ApplicationError`` with a stable ``code``, the HTTP
``status`` it means and a ``message`` a user can act on. Three handlers, and only they, turn it
into an answer: the API's exception handler (``{"error": code, "detail": message}``), the pages'
middleware (an error page with the status), and the commands (``command: message``, exit 2).
This module imports nothing, so the pure core can use it.
"""


class ApplicationError(Exception):
    code = "error"
    status = 400
    # What a person at a command line can do about it, where there is something (the commands
    # print it after the message).
    hint = ""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def extra(self) -> dict[str, object]:
        """Fields the API adds to ``{error, detail}`` for this kind of error (none by default)."""
        return {}
