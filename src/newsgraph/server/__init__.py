"""HTTP API and web UI over one newsgraph database (``newsgraph serve``)."""

from .app import create_app
from .runner import serve

__all__ = ["create_app", "serve"]
