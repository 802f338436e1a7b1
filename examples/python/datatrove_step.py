"""A datatrove formatter that cleans each Document's text with paraclean.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove_step import ParacleanFormatter

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("crawl/"),
            ParacleanFormatter(keep=["caption"], store_removals=True),
            JsonlWriter("clean/"),
        ],
        tasks=8,
    ).run()

Like datatrove's own formatters (FTFYFormatter, SymbolLinesFormatter) it rewrites `doc.text`; it
also puts what the removed boilerplate said (authors, e-mails, publisher, date) in
`doc.metadata["paraclean"]`, and with `store_removals=True` every removal. Documents go through
`Cleaner.clean_many` in batches, so one task cleans on all its cores with the GIL released
(`threads=1` keeps a task on one core when the executor already runs one task per core).
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.batching import batched
from datatrove.utils.typeshelper import StatHints


class ParacleanFormatter(BaseFormatter):
    """Removes boilerplate and repeated copies from each document's text (paraclean).

    Args:
        config, rules, enable, disable, keep, learned: as for `paraclean.Cleaner`
        source_key: metadata key naming the document's source, for a learned table
        url_key: metadata key of the document's URL; its host is the source (when no source_key)
        metadata_key: metadata key for what paraclean found (None: store nothing)
        store_removals: also store every removal (class, reason, offsets into the old text)
        batch_size: documents per `clean_many` call
        threads: None for all cores, or a number of threads per task
    """

    name = "🧹 paraclean"
    _requires_dependencies = ["paraclean"]

    def __init__(
        self,
        config: Any = None,
        rules: Sequence[str] = (),
        enable: Sequence[str] = (),
        disable: Sequence[str] = (),
        keep: Sequence[str] = (),
        learned: Optional[str] = None,
        source_key: Optional[str] = None,
        url_key: Optional[str] = None,
        metadata_key: Optional[str] = "paraclean",
        store_removals: bool = False,
        batch_size: int = 256,
        threads: Optional[int] = None,
    ):
        super().__init__()
        self.cleaner_args = dict(
            config=config, rules=rules, enable=enable, disable=disable, keep=keep, learned=learned
        )
        self.source_key = source_key
        self.url_key = url_key
        self.metadata_key = metadata_key
        self.store_removals = store_removals
        self.batch_size = batch_size
        self.threads = threads
        self._cleaner = None

    @property
    def cleaner(self):
        """Built on first use, in the process that runs the task."""
        if self._cleaner is None:
            import paraclean

            self._cleaner = paraclean.Cleaner(**self.cleaner_args)
        return self._cleaner

    def format(self, text: str) -> str:
        return self.cleaner.clean_text(text)

    def _source(self, metadata: dict) -> Optional[str]:
        if self.source_key and isinstance(metadata.get(self.source_key), str):
            return metadata[self.source_key]
        if self.url_key and isinstance(metadata.get(self.url_key), str):
            import paraclean

            return paraclean.host_of(metadata[self.url_key])
        return None

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        cleaner = self.cleaner
        for batch in batched(data, self.batch_size):
            self.stat_update("batches")
            with self.track_time("batch"):
                results = cleaner.clean_many(
                    [doc.text for doc in batch],
                    sources=[self._source(doc.metadata) for doc in batch],
                    threads=self.threads,
                )
            for doc, cleaned in zip(batch, results):
                self.stat_update(StatHints.total)
                removals = cleaned.removals
                if removals:
                    self.stat_update("docs_changed")
                    self.stat_update("removed_chars", value=sum(r.end - r.start for r in removals))
                    for r in removals:
                        self.stat_update(f"removed_{r.class_}")
                doc.text = cleaned.text
                if self.metadata_key:
                    found = cleaned.metadata.to_dict()
                    if self.store_removals:
                        found["removals"] = [r.to_dict() for r in removals]
                    doc.metadata[self.metadata_key] = found
                self.update_doc_stats(doc)
                yield doc
