"""A workflow as data: one transition table per workflow, read by its three kinds of reader.

    Machine(states, actions=[Action("accept", src=[SUBMITTED], dst=ACCEPTED, perm=…), …])
        services   ──► machine.begin(actor, obj, "accept", version) ──► authorize, lock, state
        pages, API ──► machine.allowed(actor, obj) ──► the buttons the actor may press now
        generators ──► machine.entering("accept") ──► the state and the clock to write

Who may act is a permission (a `rules` predicate on the object); a guard is an extra
condition on the object for showing a button (a draft to approve) that the service also
enforces with its own message. A step with no permission is the system's (the worker).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

from tongxin.core.authz import authorize, can

from .steps import lock, require_state

M = TypeVar("M", bound=models.Model)
Guard = Callable[[Any], bool]


@dataclass(frozen=True)
class Action:
    """One step: the states it may be taken from, where it leads, who may take it."""

    name: str  # the page's slug and the API's verb: "accept", "office-answer"
    label: str  # the Chinese verb of messages: "受理"
    src: tuple[str, ...]
    dst: tuple[str, ...] = ()  # possible states after (empty: the state does not change)
    perm: str | None = None  # None: only the system takes this step
    guard: Guard | None = None
    done: str = ""  # the timeline's and audit trail's verb: "accepted"
    # Where one object's path takes the step from, when that depends on the object (a
    # presidium candidate is reviewed after the college's consent, a member without it);
    # `src` is then every state any path takes it from.
    src_for: Callable[[Any], tuple[str, ...]] | None = None
    on_page: bool = True  # False: taken elsewhere (an objection on the notice page)

    def sources(self, obj: Any) -> tuple[str, ...]:
        return self.src_for(obj) if self.src_for is not None else self.src


@dataclass(frozen=True)
class Machine:
    """The transition table of one workflow."""

    name: str
    states: type[models.TextChoices]
    actions: Sequence[Action]
    attr: str = "status"
    # The clock running in each state, by kind: a step that enters a state starts its
    # clock and stops the one of the state it leaves (what a deadline on the page means).
    running_clock: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = [a.name for a in self.actions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: an action is named twice")
        known = set(self.states.values)
        for a in self.actions:
            unknown = (set(a.src) | set(a.dst)) - known
            if unknown:
                raise ValueError(f"{self.name}.{a.name}: unknown states {sorted(unknown)}")

    def action(self, name: str) -> Action:
        for a in self.actions:
            if a.name == name:
                return a
        raise KeyError(f"{self.name} has no action {name!r}")

    def state_of(self, obj: Any) -> str:
        return str(getattr(obj, self.attr))

    def offered(self, state: str) -> list[Action]:
        """The actions the table allows in `state`, in table order."""
        return [a for a in self.actions if state in a.src]

    def allowed(self, actor: Any, obj: Any) -> list[str]:
        """The page's buttons: the actions `actor` may take on `obj` now — its state on its
        path, the guard, the permission."""
        state = self.state_of(obj)
        return [
            a.name
            for a in self.actions
            if a.on_page
            and a.perm is not None
            and state in a.sources(obj)
            and (a.guard is None or a.guard(obj))
            and can(actor, a.perm, obj)
        ]

    def require(self, obj: Any, name: str) -> Action:
        """Refuse (DomainError naming the state) unless the table allows `name` now."""
        action = self.action(name)
        require_state(obj, action.sources(obj), action=action.label, attr=self.attr)
        return action

    def begin(
        self,
        *,
        actor: Any,
        obj: M,
        name: str,
        expected_version: int | None,
        related: Iterable[str] = (),
    ) -> M:
        """A service's first lines: permission, row lock with the version check, state.
        Returns the locked, fresh object."""
        action = self.action(name)
        if action.perm is not None:
            authorize(actor, action.perm, obj)
        fresh = lock(obj, expected_version, related=related)
        self.require(fresh, name)
        return fresh

    def entering(self, name: str, outcome: int = 0) -> tuple[str, str | None]:
        """The state a step leads to (its `outcome`-th target) and the clock it starts
        there — what a generator writes when it takes the step without the service."""
        state = self.action(name).dst[outcome]
        return state, self.running_clock.get(state)

    def states_without_exit(self) -> set[str]:
        """Final states: no action leads out of them."""
        return set(self.states.values) - {s for a in self.actions for s in a.src}
