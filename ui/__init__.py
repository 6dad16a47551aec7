"""ui: the edges people use: the ``portentry`` command, the web chat, the HTTP API and the widget.

Only this package turns errors into messages for people, and only it imports
the web framework and gradio. ``create_app()`` builds the server without
starting it, so tests can drive it.
"""

from ._cli import main, run
from ._web import create_app

__all__ = ["create_app", "main", "run"]
