"""Who may ask and how often: the allowlists, the admins and a per-user rate limit. Pure
functions of the config and the clock, so the rules are tested without a network."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from bot.config import TelegramConfig


class Access:
    """The allowlists and the admins.

    Both lists empty: everyone may ask. Otherwise a user on `allowed_users` may ask anywhere and
    anyone may ask inside a chat on `allowed_chats` (a private chat's id is the user's id).
    Admins may always ask.
    """

    def __init__(self, cfg: TelegramConfig) -> None:
        self.users = set(cfg.allowed_users)
        self.chats = set(cfg.allowed_chats)
        self.admins = set(cfg.admins)

    def allowed(self, user_id: int | None, chat_id: int | None) -> bool:
        if not self.users and not self.chats:
            return True
        return user_id in self.users or chat_id in self.chats or self.is_admin(user_id)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins


class RateLimiter:
    """At most `per_minute` questions per user in any 60-second window (0 turns it off)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._asked: dict[int, deque[float]] = {}

    def wait_time(self, user_id: int) -> float:
        """0 and the question is counted, or the seconds until the user may ask again."""
        if self.per_minute <= 0:
            return 0.0
        now = self.clock()
        times = self._asked.setdefault(user_id, deque())
        while times and now - times[0] >= 60:
            times.popleft()
        if len(times) >= self.per_minute:
            return 60 - (now - times[0])
        times.append(now)
        return 0.0
