"""One piece of a publication's work in a second process (the machine's other core).

The statistics of a publication are suppressed apart (no sum mixes two), so while
this process works on students and days lost, a forked child works on events. A fork
shares the parent's memory as it was (the counted cells, the relations): only the
child's result is pickled back. The child never touches the database, and it leaves
by ``os._exit`` (multiprocessing's way for a forked child), so the connections it
inherited are neither used nor closed.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from typing import TypeVar

from reporting.suppression import UnsafeTable

T = TypeVar("T")


def forked(function: Callable[[], T]) -> Callable[[], T]:
    """Start ``function()`` in a forked child; returns a function that waits for its
    result (raising what it raised: :class:`UnsafeTable` as itself, anything else as
    a ``RuntimeError`` with the child's traceback), and whose ``cancel()`` stops the
    child when the result will not be read."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            outcome = ("ok", function())
        except UnsafeTable as error:
            outcome = ("unsafe", (error.keys, error.total))
        except BaseException:  # noqa: BLE001 - every failure goes back to the parent
            outcome = ("error", traceback.format_exc())
        send.send(outcome)

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def cancel() -> None:
        """Stop the child if its result will not be read (the parent failed first)."""
        if process.is_alive():
            # SIGKILL: the child inherited the parent's signal handlers (a task
            # worker's SIGTERM handler would only ask it to finish).
            process.kill()
        process.join()
        receive.close()

    def result() -> T:
        try:
            kind, payload = receive.recv()
        except EOFError:
            kind, payload = "error", f"the child process ended with code {process.exitcode}"
        finally:
            process.join()
            receive.close()
        if kind == "unsafe":
            raise UnsafeTable(*payload)
        if kind == "error":
            raise RuntimeError(f"Suppression in a second process failed:\n{payload}")
        return payload

    result.cancel = cancel  # type: ignore[attr-defined]
    result.process = process  # type: ignore[attr-defined]
    return result
