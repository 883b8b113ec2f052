"""Pagefind's index of the records, written into a folder: Pagefind's service started as a subprocess
(`pagefind_service.py`), fed the records in batches, with index chunks of `INDEX_CHUNK_ENTRIES` unless the
environment says otherwise.

Pagefind cuts its word index into chunks of about 20,000 entries (a page a word is in, plus each place it
stands there), and a query downloads every chunk its words fall in. A rare word's chunk then holds the
commonest words beside it in sort order, many times the size of its own entries. Pagefind 1.5 reads a smaller
size from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE; `benchmarks/search_speed.py` measures the first query at both
sizes (README, "Search with Pagefind"). A value in the environment is kept: that is how to try another (the
cached bundle's key holds the size, so a new one indexes again)."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs_newsarchive.engine.search.records import SearchRecord

INDEX_BATCH = 200
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
INDEX_CHUNK_ENTRIES = 1000


def index_chunk_size() -> str:
    """Entries an index chunk: the environment's value (how a user tries another), else the plugin's."""
    return os.environ.get(CHUNK_SIZE_VARIABLE, str(INDEX_CHUNK_ENTRIES))


def run_indexing(records: list[SearchRecord], folder: Path) -> None:
    """`index_records` to its end, in a thread of its own: the build may run inside another event loop (a
    test driving a browser, a server embedding MkDocs), where asyncio.run refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(index_records(records, folder))).result()


async def index_records(records: list[SearchRecord], folder: Path) -> None:
    """Pagefind's index of the records, written into `folder` (Pagefind runs as a subprocess)."""
    from mkdocs_newsarchive.adapter.pagefind_service import PromptPagefindService  # imports pagefind

    service = await PromptPagefindService().launch()
    try:
        index = await service.create_index({"output_path": str(folder)})
        # Records go to the service in batches, not one answer awaited before the next: each is a round trip.
        for start in range(0, len(records), INDEX_BATCH):
            await asyncio.gather(*(
                index.add_custom_record(url=record.url, content=record.content, language=record.language,
                                        meta=record.meta, filters=record.filters, sort=record.sort)
                for record in records[start:start + INDEX_BATCH]))
        await index.write_files()
    finally:
        await service.close()
