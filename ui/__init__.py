"""ui: the edges people use: the ``portentry`` command (later the web chat and widget).

Only this package turns errors into messages for people, and only it will
import the web framework and gradio.
"""

from ._cli import main, run

__all__ = ["main", "run"]
