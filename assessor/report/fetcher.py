"""The only door through which WeasyPrint may read anything: the report's own asset files.

No network, no redirects, no file outside the allowed folders and files, and a new fetcher for
every render (WeasyPrint's fetchers keep state between requests).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher

__all__ = ["AssetOnlyFetcher"]


class AssetOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serves data: URLs and files under the allowed folders (or named exactly); refuses the rest."""

    def __init__(self, folders: Iterable[Path], files: Iterable[Path] = ()) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=5)
        self._folders = [f.resolve() for f in folders]
        self._files = {f.resolve() for f in files}
        self.refused: list[str] = []

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_file():
            return False
        return path in self._files or any(path.is_relative_to(folder) for folder in self._folders)

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not self._allowed(url):
            self.refused.append(url)
            raise ValueError(f"not one of the report's assets: {url}")
        return super().fetch(url, headers)
