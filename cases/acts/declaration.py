"""A legal act, declared once (house style; legal-spec §3).

An `Act` says everything the law says about one act, and nothing about pages or JSON:

- `name`: the act in the law's terms; the audit action is `case.<name>` unless `audit` says
  otherwise, the API endpoint is `/api/v1/cases/{id}/acts/<name>/`;
- `transition`: the state-machine transition it fires on `Case` (its from/to states live on
  the model), or `states`: where an act without a transition may be taken;
- `may`: who may take it, by the capacity of the actor's organisation in the case and by role;
  returns that organisation or raises `PermissionDenied` naming who may;
- `requires`: what the law requires first, each `Requirement` with its article (reads only);
- `clean`: what the input must be (a clerk's message, `ValidationError`), after the law;
- `effects`: what it writes besides the transition: records, clocks opened and met,
  deliveries, notices, documents; it returns the act's result (default: the case);
- `signed`: the act signs a document with the actor's one-time password, so wrong codes are
  counted after the act's transaction has rolled back;
- `params`: the API body (a DRF serializer), `result`: the API answer, `example`: a body
  for the OpenAPI schema.

`cases.acts.runner.act_run` takes any act the same way; see docs/architecture.md for the
worked example.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from kernel.refusals import Requirement

if TYPE_CHECKING:
    from rest_framework import serializers

    from kernel.accounts.models import Organisation, User

    from ..models import Case


Params = Mapping[str, Any]


@dataclass
class Firing:
    """One act being taken: what its effects read and add to."""

    act: Act
    case: Case
    actor: User
    organisation: Organisation
    params: dict[str, Any]
    before: str
    #: Written to the audit event; effects add what identifies their records.
    payload: dict[str, Any] = field(default_factory=dict)
    #: The audit action, when an effect knows better (e.g. grant or refusal of a decision).
    action: str = ""
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Act:
    name: str
    label: str | Promise
    #: The article governing the act's place in the procedure: named when it is tried in a
    #: state the law does not allow it in.
    article: str
    may: Callable[[Case, User], Organisation]
    transition: str | None = None
    states: frozenset[str] | None = None
    requires: Callable[[Case, Params], list[Requirement]] | None = None
    #: What the law requires of this actor first (e.g. that the procurator has read every
    #: document of the case, when the procuratorate's setting says so; issue 13).
    actor_requires: Callable[[Case, User, Params], list[Requirement]] | None = None
    clean: Callable[[Case, Params], None] | None = None
    effects: Callable[[Firing], Any] | None = None
    #: The params that are the act's written reason (kept on the audit event).
    reason_param: str | None = None
    audit: str | None = None
    signed: bool = False
    #: The act stays in the expected state (no transition): a stale page is still refused.
    params: type[serializers.Serializer[Any]] | None = None
    result: type[serializers.Serializer[Any]] | None = None
    example: Mapping[str, Any] | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if (self.transition is None) == (self.states is None):
            raise TypeError(f"Act {self.name}: declare exactly one of `transition` or `states`.")

    @property
    def audit_action(self) -> str:
        return self.audit or f"case.{self.name}"

    def __str__(self) -> str:
        return str(self.label)
