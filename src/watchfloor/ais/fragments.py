"""Reassembly of multi-sentence AIS messages.

Fragments of one message share a key: the channel and the sequential message id (not the
station: NMEA 4.0 tag-block groups name it on the first fragment only). Messages on
different keys may interleave freely (a receiver alternates channels A and B). A fragment
that does not continue the message pending on its key is an orphan; a message whose first
fragment is followed by a new first fragment on the same key, or by the end of the input,
is truncated. Each is a :class:`~watchfloor.errors.DecodeError` at the line of the fragment
(or of the first fragment of the broken message), and reading goes on.

The state machine runs on plain integers (the scanner's columns); single-sentence messages
never enter it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from watchfloor.errors import DecodeError

__all__ = ["reassemble"]


def reassemble(
    channel: Sequence[int],
    seq: Sequence[int],
    count: Sequence[int],
    number: Sequence[int],
    line: Sequence[int],
    where: Callable[[int], str],
    complete: Sequence[bool] | None = None,
) -> tuple[list[list[int]], list[DecodeError]]:
    """Group fragments into messages.

    Args:
        channel: Channel code of each fragment (any integer naming the channel).
        seq: Sequential message id (-1 when empty).
        count: Fragments in the message the fragment belongs to.
        number: The fragment's number (1-based).
        line: Its line, for errors.
        where: Describes fragment ``i`` (channel, id, station) for error messages.
        complete: Marks first fragments of messages already known to be complete (their
            other fragments left out): such a fragment ends whatever is pending on its key,
            as a first fragment does, and leaves nothing pending.

    Returns:
        The complete messages as lists of fragment indices (in order, the messages in the
        order they completed), and the errors.
    """
    done: list[list[int]] = []
    errors: list[DecodeError] = []
    pending: dict[tuple[int, int], list[int]] = {}
    for i, (chan, sid, total, part) in enumerate(zip(channel, seq, count, number, strict=True)):
        key = (chan, sid)
        parts = pending.get(key)
        if complete is not None and complete[i]:
            if parts:
                errors.append(
                    _truncated(parts, count, line, where, f"a new first fragment at line {line[i]}")
                )
                del pending[key]
            continue
        if part == 1:
            if parts:
                errors.append(
                    _truncated(parts, count, line, where, f"a new first fragment at line {line[i]}")
                )
            parts = pending[key] = [i]
        elif parts is None or count[parts[0]] != total or number[parts[-1]] != part - 1:
            errors.append(
                DecodeError(
                    f"orphan fragment {part} of {total}: no fragment {part - 1} before it on "
                    f"{where(i)}",
                    line=line[i],
                )
            )
            continue
        else:
            parts.append(i)
        if len(parts) == total:
            done.append(parts)
            del pending[key]
    for parts in pending.values():
        errors.append(_truncated(parts, count, line, where, "the end of the input"))
    return done, errors


def _truncated(
    parts: list[int],
    count: Sequence[int],
    line: Sequence[int],
    where: Callable[[int], str],
    before: str,
) -> DecodeError:
    first = parts[0]
    return DecodeError(
        f"truncated message: got {len(parts)} of {count[first]} fragments on {where(first)} "
        f"before {before}",
        line=line[first],
    )
