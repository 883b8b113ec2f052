"""Pagefind's service with its answers read as they come, started with the index chunk size of
`pagefind_index.py`.

The Python API (pagefind 1.5) sleeps 0.1 s before reading each answer of its subprocess, so indexing a site
costs 0.1 s a page whatever the machine: 200 s for 2,000 posts, where the binary's work takes seconds. This
subclass reads the same messages without the sleep."""

from __future__ import annotations

import asyncio
import base64
import json
import os
from typing import Any, cast

from pagefind.service import PagefindService

from mkdocs_newsarchive.adapter.pagefind_index import CHUNK_SIZE_VARIABLE, index_chunk_size


class PromptPagefindService(PagefindService):  # type: ignore[misc]
    async def launch(self) -> PromptPagefindService:
        """The service as Pagefind's own `launch` starts it, with the chunk size in its environment."""
        environment = {**os.environ, CHUNK_SIZE_VARIABLE: index_chunk_size()}
        self._backend = await asyncio.create_subprocess_exec(
            self._bin, "--service", cwd=os.getcwd(), env=environment, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            limit=2**21)  # as Pagefind's: a smaller buffer deadlocks on a large answer
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def _wait_for_responses(self) -> None:
        """Each answer (base64 JSON ended by a comma) resolves the future of the message it answers."""
        stdout = self._backend.stdout
        assert stdout is not None, "launch() opens the pipe"
        while True:
            output = await stdout.readuntil(b",")
            answer = json.loads(base64.b64decode(output[:-1]))
            if answer is None:
                continue
            message_id = answer.get("message_id")
            payload = cast(dict[str, Any], answer["payload"])
            if message_id is None and payload.get("original_message"):
                # A message the service could not parse comes back whole, its id inside.
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.get(message_id)
            if future is None or future.done():
                continue
            if payload["type"] == "Error":
                future.set_exception(RuntimeError(f"Pagefind: {payload.get('message')}"))
            else:
                future.set_result(cast(Any, payload))
