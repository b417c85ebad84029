"""The URL fence of the PDF renderer: which resources a document may load.

A document rendered to PDF may embed ``data:`` images and load files from inside the app's own
static folder; everything else is refused: other schemes (``http``, ``ftp``...), other files
(``file:///etc/passwd``, ``../`` climbs, symlinks that lead out of the folder), ``data:`` URLs that
are not images (HTML, CSS or fonts could smuggle further references), and file URLs that name a
host. A stylesheet loaded from the static folder goes through the same fence for its own
``@import`` and ``url()``, so it cannot reach outside either.

This is only the decision. The renderer's fetcher (``guidelines.releases.pdf``) asks
:meth:`Fence.decide` for every URL and serves or refuses accordingly; the decision needs no
renderer, no Django and no network, and reads the file system only to resolve paths.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["ALLOWED_DATA_TYPES", "Allow", "Decision", "Fence", "Refuse", "data_media_type"]

# Raster and vector image types a document may embed inline; anything else in a data: URL
# (HTML, CSS, fonts) could smuggle further references past the fetcher.
ALLOWED_DATA_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"}
)

# Where the app's templates point at its static files; mapped onto the static root.
STATIC_URL_PREFIX = "/static/"


@dataclass(frozen=True, slots=True)
class Allow:
    """Load the resource: a ``data:`` image (``path`` is None) or a file inside the root."""

    media_type: str
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class Refuse:
    """Do not load the resource, for the reason given (a sentence fragment)."""

    reason: str


Decision = Allow | Refuse

REFUSE_DATA = Refuse("only image data URLs are allowed")
REFUSE_OTHER = Refuse("only the application's static files may be loaded")


def data_media_type(url: str) -> str:
    """The media type a ``data:`` URL declares, lower-cased; empty when it declares none."""
    header = url.split(":", 1)[1] if ":" in url else ""
    return header.split(",", 1)[0].split(";", 1)[0].strip().lower()


@dataclass(frozen=True, slots=True)
class Fence:
    """The fence around one static root; ``root`` None allows no file at all.

    Build it with :meth:`around`, which resolves the root once so that every later decision
    compares real paths with a real path.
    """

    root: Path | None

    @classmethod
    def around(cls, static_root: str | os.PathLike[str] | None) -> Fence:
        return cls(Path(os.path.realpath(static_root)) if static_root else None)

    @property
    def base_url(self) -> str | None:
        """The URL relative references resolve against: the root, as a folder."""
        return self.root.as_uri() + "/" if self.root is not None else None

    def decide(self, url: str) -> Decision:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            media_type = data_media_type(url)
            return Allow(media_type) if media_type in ALLOWED_DATA_TYPES else REFUSE_DATA
        if scheme == "file":
            path = self.static_file(url)
            if path is not None:
                media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return Allow(media_type, path)
        return REFUSE_OTHER

    def static_file(self, url: str) -> Path | None:
        """The real file inside the root that a ``file:`` URL names, else None."""
        if self.root is None:
            return None
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        raw = unquote(parts.path)
        candidates = [raw]
        # Templates may write the app's URL form, /static/...: map it onto the root.
        if raw.startswith(STATIC_URL_PREFIX):
            candidates.append(str(self.root / raw[len(STATIC_URL_PREFIX) :]))
        for candidate in candidates:
            if "\x00" in candidate:
                continue
            # realpath resolves ".." and symlinks, so a link pointing out of the root is judged
            # by where it really leads.
            real = Path(os.path.realpath(candidate))
            if real.is_relative_to(self.root) and real.is_file():
                return real
        return None
