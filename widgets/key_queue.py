"""Keys reach the widget that has the focus once the keys before them are done.

Textual hands each key to the widget focused when the app takes the key from
its queue. A key's effects come later: Tab's focus move runs when the key has
bubbled back up to the app, ``focus()`` is a callback queued behind the keys
already waiting, a Select opens its list in a later message, a new screen
focuses its first field when it is mounted. A burst of keys (a paste into the
terminal, tmux send-keys, a fast typist over a slow link) is read in one go,
so every key of it went to the field focused before the first one: on Set the
stage a burst meant for Severity, Services and Summary all landed in the title.

``KeyQueue`` makes keys wait their turn: the next key (or paste) is handed on
only after the previous one has been carried through the message queues it
touches. Each settling round sends a callback through the focused widget and
its ancestors up to the app, behind whatever the key posted there; a few
rounds cover a key whose handling posts a message that posts another (the
Select's chosen option, then its focus back). ``hold_keys`` stops the queue
while a document is read in a worker, so keys typed after ``n`` reach the
first field instead of the home list. ``settle_typed_keys`` lets the keys
typed just before a quit or hang-up reach the document first.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer

# Message hops a key's effects can take before the next key is handed on:
# key -> binding -> message -> message -> focus callback.
SETTLE_ROUNDS = 3
# A settling callback sent to a widget that is removed on the way is dropped
# with it; the queue must never stop for good, so it moves on after this.
STALL_SECONDS = 0.5
# How long a quit or hang-up waits for typed keys to land before saving
# anyway, and the message hops of the deepest form's Changed on the way.
SETTLE_PATIENCE = 2.0
DRAIN_ROUNDS = 12


class KeyQueue(App):  # type: ignore[type-arg]
    """Mixin for the App: keyboard input handed on one event at a time."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._waiting_keys: deque[events.Event] = deque()
        self._key_in_flight = False
        self._keys_held = 0
        self._settling = 0
        self._stall_timer: Timer | None = None
        self._when_idle: list[Callable[[], None]] = []

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._waiting_keys.append(event)
            if not self._key_in_flight:
                await self._hand_on_next()
            return
        await super().on_event(event)

    def hold_keys(self) -> None:
        """Keep keys waiting (a screen is being opened) until ``release_keys``."""
        self._keys_held += 1

    def release_keys(self) -> None:
        """Let waiting keys go on, once the screen now shown has settled."""
        self._keys_held = max(0, self._keys_held - 1)
        if not self._keys_held and not self._key_in_flight:
            self._key_in_flight = True
            self._keys_settle(SETTLE_ROUNDS)

    @property
    def keys_waiting(self) -> int:
        """Keys received and not handed on yet."""
        return len(self._waiting_keys)

    def when_keys_idle(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once no key is on its way through the widgets
        (now, or when the key in flight has settled); with ``hold_keys``
        first, the screen can then be changed under no key."""
        if self._key_in_flight:
            self._when_idle.append(callback)
        else:
            callback()

    async def _hand_on_next(self) -> None:
        if self._keys_held or not self._waiting_keys:
            self._key_in_flight = False
            waiting, self._when_idle = self._when_idle, []
            for callback in waiting:
                callback()
            return
        self._key_in_flight = True
        await super().on_event(self._waiting_keys.popleft())
        self._keys_settle(SETTLE_ROUNDS)

    def _keys_settle(self, rounds: int) -> None:
        self._settling += 1
        number = self._settling
        if self._stall_timer is not None:
            self._stall_timer.stop()
        self._stall_timer = self.set_timer(
            STALL_SECONDS, lambda: self._keys_round_done(number)
        )
        self._keys_round(number, rounds)

    def _keys_round(self, number: int, rounds: int) -> None:
        if number != self._settling:
            return  # the stall timer moved on already
        if rounds == 0:
            self._keys_round_done(number)
            return
        target: DOMNode = self.focused or self.screen
        path = list(target.ancestors_with_self)
        if self.screen not in path:
            path.insert(0, self.screen)
        self._keys_hop(path, lambda: self._keys_round(number, rounds - 1))

    def _keys_hop(self, path: list[DOMNode], then: Callable[[], None]) -> None:
        while path:
            node = path.pop(0)
            if node.call_later(self._keys_hop, path, then):
                return
        then()

    def _keys_round_done(self, number: int) -> None:
        if number != self._settling:
            return  # a stall timer of a key already handed on
        self._settling += 1
        if self._stall_timer is not None:
            self._stall_timer.stop()
            self._stall_timer = None
        self.call_later(self._hand_on_next)

    async def settle_typed_keys(self) -> None:
        """Let keys typed just before a quit or hang-up reach the document.

        They may still wait in widget queues; each Changed message then climbs
        one queue per level to the screen, whose handler tells the app. Enough
        rounds for the deepest form, bounded in time.
        """
        deadline = asyncio.get_running_loop().time() + SETTLE_PATIENCE
        for _ in range(DRAIN_ROUNDS):
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return
            await self._drain_messages(timeout=remaining)

    async def _drain_messages(self, timeout: float) -> None:
        """Wait until the current screen's widgets processed what is queued."""
        # Not the app itself: a quit runs inside the app's own message handling,
        # so its queue cannot move until we return. The screen's document is
        # read directly by save_sync instead of waiting for its Changed message.
        try:
            nodes = list(self.screen.walk_children(with_self=True))
        except Exception:  # noqa: BLE001 - no screen yet: nothing queued there
            return
        pending = 0
        drained = asyncio.Event()

        def one_done() -> None:
            nonlocal pending
            pending -= 1
            if pending == 0:
                drained.set()

        for node in nodes:
            if node.call_later(one_done):
                pending += 1
        if pending:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(drained.wait(), timeout)
