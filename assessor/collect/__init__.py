"""Collecting answers from managers: secret links, a web questionnaire, and export to responses/.

The web stack (Starlette, uvicorn) is imported only by `app` and the `serve` command.
"""

from __future__ import annotations

from .export import Export, export_responses
from .invite import Invitation, invite, link_for
from .store import Store

__all__ = ["Export", "Invitation", "Store", "export_responses", "invite", "link_for"]
