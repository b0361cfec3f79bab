"""A service that stays up while the archive grows: rebuild in place, swap when ready."""

from __future__ import annotations

import threading

from qa.api import QAService
from qa.config import Settings
from qa.errors import QAError
from qa.indexer import BuildReport, Extractor, Progress


class LiveService:
    """Holds the current QAService; questions keep being answered during a rebuild."""

    def __init__(self, settings: Settings, service: QAService) -> None:
        self.settings = settings
        self._service = service
        self._rebuild = threading.Lock()
        self._extractor: Extractor | None = None  # spaCy, loaded on the first rebuild, kept

    @classmethod
    def start(cls, settings: Settings, progress: Progress | None = None) -> LiveService:
        """Open the index, building it first when it is missing or stale."""
        try:
            service = QAService.open(settings)
        except QAError:
            QAService.build(settings, progress=progress)
            service = QAService.open(settings)
        return cls(settings, service)

    @property
    def service(self) -> QAService:
        return self._service

    def rebuild(self, progress: Progress | None = None) -> BuildReport:
        """Re-index the archive (only what changed), then answer from the new index."""
        with self._rebuild:
            current = self._service
            if self._extractor is None:
                from qa.speakers import SpeakerExtractor

                self._extractor = SpeakerExtractor()
            report = QAService.build(self.settings, embedder=current.embedder,
                                     extractor=self._extractor, progress=progress)
            if not report.up_to_date:
                # The old service answers until this assignment; the swap is atomic.
                self._service = QAService.open(self.settings, embedder=current.embedder)
            return report
