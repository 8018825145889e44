"""User templates, bounded: a sandbox that caps sizes, in a worker process that can be stopped.

A consultant's templates (``--templates``) run in Jinja's sandbox, which keeps them away from
Python's internals but not from loops that never end, strings of ten gigabytes or a template
that includes itself. So they render in a separate process with a time limit, a memory limit
and a cap on the HTML they write, and in a sandbox whose ranges, repetitions and numbers are
capped; whatever stops them becomes a :class:`wizards.render.RenderError` that names the
template file. The built-in templates never come here: they render in-process, as fast as ever.
"""

from __future__ import annotations

import functools
import multiprocessing
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

SECONDS = 30.0
"""Longest a user template may render (a charter at every list limit takes a few seconds)."""

MEMORY_BYTES = 2 * 1024**3
"""Most memory (address space) the worker may use; Python and the charter take about 100 MB."""

OUTPUT_CHARS = 64_000_000
"""Most characters of HTML a user template may write: twice the largest answers file."""

RANGE_ITEMS = 100_000
"""Most numbers one ``range()`` of a user template may give."""

NUMBER_MAX = 1_000_000
"""Largest number a user template may pass to a filter or method, or repeat a text by."""


@dataclass(frozen=True)
class Limits:
    """The bounds one render runs under."""

    seconds: float
    memory_bytes: int
    output_chars: int

    @classmethod
    def default(cls) -> Limits:
        """The module's limits as they are now (tests tighten them)."""
        return cls(SECONDS, MEMORY_BYTES, OUTPUT_CHARS)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with caps on ranges, repetitions, powers and numbers."""

    intercepted_binops = frozenset(("*", "**"))

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _bounded_range

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``*`` and ``**`` with their results bounded before they are computed."""
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(times, int)
                    and (len(seq) * times > OUTPUT_CHARS or times > NUMBER_MAX)
                ):
                    raise SecurityError(
                        f"a text or list repeated {times:,} times is more than a template may make"
                    )
        elif (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right > 256
        ):
            raise SecurityError(f"{left} ** {right} is a larger number than a template may make")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """A call of a method or function, refused when a number in it is beyond the cap."""
        if __obj is not _bounded_range:  # which says more about what it refuses
            _check_numbers(getattr(__obj, "__name__", "a call"), args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def _check_numbers(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > NUMBER_MAX:
            raise SecurityError(
                f"{name.removeprefix('do_')} was given {value:,}; a template may pass numbers "
                f"up to {NUMBER_MAX:,}"
            )


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > RANGE_ITEMS:
        raise SecurityError(
            f"range{args} gives {len(numbers):,} numbers; a template may loop over at most "
            f"{RANGE_ITEMS:,}"
        )
    return numbers


def bounded_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses numbers beyond the cap, e.g. ``center(10**10)``.

    ``functools.wraps`` keeps Jinja's marks (pass_context and the like) on the wrapper.
    """

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_numbers(func.__name__, args, kwargs)
        return func(*args, **kwargs)

    return bounded


# --- the worker process --------------------------------------------------------------------


def render_in_worker(
    template: str, context: dict[str, Any], folder: Path, limits: Limits | None = None
) -> str:
    """Render ``template`` with the user's templates from ``folder`` in a worker process.

    Raises:
        wizards.render.RenderError: When the template is broken, or takes longer, uses more
            memory or writes more than ``limits`` allow; the message names the template file.
    """
    from wizards.render import RenderError

    limits = limits or Limits.default()
    where = f"Template {template} (from {folder})"
    spawn = multiprocessing.get_context("spawn")  # never fork a process with GUI threads
    receiver, sender = spawn.Pipe(duplex=False)
    worker = spawn.Process(
        target=_work,
        args=(sender, template, context, str(folder), limits),
        name="charter-builder-template",
        daemon=True,
    )
    worker.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise RenderError(
                f"{where} did not finish within {limits.seconds:g} seconds; a loop in it or "
                "in a template it includes runs too long."
            )
        try:
            status, text = receiver.recv()
        except EOFError:
            raise RenderError(
                f"{where} stopped the renderer; it probably needed more than "
                f"{limits.memory_bytes // 1024**2:,} MB of memory."
            ) from None
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(5)
    if status != "ok":
        raise RenderError(text)
    return str(text)


def _work(sender: Any, template: str, context: dict[str, Any], folder: str, limits: Limits) -> None:
    """The worker's entry point: render and send ('ok', html) or ('error', message)."""
    _limit_memory(limits.memory_bytes)
    try:
        result = ("ok", _render_capped(template, context, Path(folder), limits.output_chars))
    except BaseException as error:  # reported to the parent, which names the template
        result = ("error", describe_failure(error, template, Path(folder)))
    sender.send(result)
    sender.close()


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit still stops a runaway template
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # a platform without the limit (macOS refuses some values)
        pass


def _render_capped(template: str, context: dict[str, Any], folder: Path, cap: int) -> str:
    from wizards.render import environment

    chunks: list[str] = []
    written = 0
    stream: Iterator[str] = environment(folder).get_template(template).generate(context)
    for chunk in stream:
        written += len(chunk)
        if written > cap:
            raise _TooLongError(cap)
        chunks.append(chunk)
    return "".join(chunks)


class _TooLongError(Exception):
    def __init__(self, cap: int) -> None:
        super().__init__(cap)
        self.cap = cap


def describe_failure(error: BaseException, template: str, folder: Path) -> str:
    """What went wrong in a user template, in one line that names the template file."""
    file, line = _template_frame(error, folder)
    if isinstance(error, TemplateSyntaxError) or (
        isinstance(error, TemplateError) and getattr(error, "filename", None)
    ):
        file = getattr(error, "filename", None) or file
        line = getattr(error, "lineno", None) or line
    name, origin = _short(file, folder) if file else (template, f"from {folder}")
    where = f"Template {name}" + (f", line {line}" if line else "") + f" ({origin})"
    if isinstance(error, RecursionError):
        reason = (
            "it nests without end (a template that includes or extends itself, or a macro "
            "that calls itself)"
        )
    elif isinstance(error, MemoryError):
        reason = "it needs more memory than a template may use"
    elif isinstance(error, _TooLongError):
        reason = f"it writes more than {error.cap:,} characters, more than a charter needs"
    elif isinstance(error, SecurityError):
        reason = f"not allowed in a template: {error}"
    elif isinstance(error, TemplateError):
        reason = error.message or str(error)
    else:
        reason = f"{error}"
    return f"{where}: {reason}."


def _template_frame(error: BaseException, folder: Path) -> tuple[str | None, int | None]:
    """The innermost frame of the traceback that runs a template file, as (file, line).

    Jinja compiles each template with its file name, so its frames carry the template's name
    and line.
    """
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    users = [f for f in frames if f.filename.startswith(str(folder))]
    for frame in reversed(users or frames):
        return frame.filename, frame.lineno
    return None, None


def _short(file: str, folder: Path) -> tuple[str, str]:
    """A template file's name in its folder, and where it comes from."""
    path = Path(file)
    try:
        return path.relative_to(folder).as_posix(), f"from {folder}"
    except ValueError:
        return path.name, "built in"
