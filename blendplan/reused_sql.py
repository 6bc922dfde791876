"""Read queries whose SQL is worked out once and run again with other ids.

Django builds and compiles a queryset's SQL anew every time it runs. For the editor's
lookups, run on every request with only an id or two changing (the course with what it
holds, the blocks' versions, their outcome links), that costs more than the database's
work: compiling the course lookup alone takes longer than running it.

``reused_rows(name, build, *ids)`` returns ``list(build(*ids))``: the same rows (model
instances with their ``select_related`` objects and prefetches, or values) as the queryset
itself gives. The first call for ``name`` builds the queryset once with stand-in ids,
compiles it and keeps its SQL, with the places of the stand-ins among its parameters; each
call then runs that SQL with its own ids in those places, rows read as Django reads them.

``build`` must depend on its arguments alone (nothing else may change its SQL: a user's
role is part of ``name``, say), and each argument is an id (a whole number) used as a
parameter of the query: each stand-in must come out among the parameters (as it is, not
inside a list or a computed value), or the first call refuses the query.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.sql.query import Query

# Ids unlikely as parameters of any other kind, each standing for one argument of ``build``:
# within 32 bits, since Django answers a lookup past a column's range itself, without SQL
# (PostgreSQL's integer ids are 32 bits).
_STAND_INS = tuple(2_091_105_331 + n for n in range(8))
# Ids outside 32 bits are looked up by the queryset itself, which answers one past its
# column's range without asking the database (SQLite refuses a parameter past 64 bits).
_SMALLEST, _LARGEST = -(2**31), 2**31 - 1


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A queryset built with stand-in ids, its SQL, and what its compiler worked out."""

    queryset: QuerySet[Any, Any]
    vendor: str  # the database's (SQLite and PostgreSQL write some SQL differently)
    arguments: tuple[int, ...]  # the stand-ins, one for each argument of ``build``
    sql: str
    params: tuple[Any, ...]
    places: tuple[tuple[int, int], ...]  # (parameter, argument): where each id goes
    state: dict[str, Any]  # the compiler's select, klass_info, ... after compiling


# What a compiler works out while compiling and the row readers (ModelIterable,
# ValuesListIterable, results_iter) read afterwards.
_COMPILER_STATE = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")

_compiled: dict[str, _Compiled] = {}
_lock = threading.Lock()


class _ReusedQuery(Query):
    """A query whose compiler gives SQL compiled before, with this query's parameters."""

    _reused: tuple[_Compiled, tuple[Any, ...]]

    def get_compiler(
        self, using: Any = None, connection: Any = None, elide_empty: bool = True
    ) -> Any:
        compiler = super().get_compiler(using, connection, elide_empty)
        compiled, params = self._reused
        compiler.__dict__.update(compiled.state)
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        return compiler


def reused_rows[M: Model, R](name: str, build: Callable[..., QuerySet[M, R]], *ids: int) -> list[R]:
    """Return ``list(build(*ids))``, the SQL compiled once for ``name`` (see the module)."""
    if len(ids) > len(_STAND_INS):
        raise ValueError(f"At most {len(_STAND_INS)} ids, not {len(ids)}.")
    for value in ids:
        if type(value) is not int:
            raise TypeError(f"An id is a whole number, not {value!r}.")
        if not _SMALLEST <= value <= _LARGEST:
            # Past 32 bits (an id typed into an address, say): see _SMALLEST.
            return list(build(*ids))
    compiled = _compiled_for(name, build, len(ids))
    params = list(compiled.params)
    for place, argument in compiled.places:
        params[place] = ids[argument]
    queryset: QuerySet[Any, Any] = compiled.queryset._chain()  # type: ignore[attr-defined]
    query = queryset.query
    query.__class__ = _ReusedQuery
    assert isinstance(query, _ReusedQuery)
    query._reused = (compiled, tuple(params))
    return list(queryset)


def _compiled_for(name: str, build: Callable[..., QuerySet[Any, Any]], count: int) -> _Compiled:
    with _lock:
        compiled = _compiled.get(name)
    if compiled is not None:
        if len(compiled.arguments) != count:
            raise ValueError(f"{name} takes {len(compiled.arguments)} ids, not {count}.")
        if connections[compiled.queryset.db].vendor != compiled.vendor:
            raise RuntimeError(f"{name} was compiled for {compiled.vendor}.")
        return compiled
    stand_ins = _STAND_INS[:count]
    queryset = build(*stand_ins)
    if type(queryset.query) is not Query:
        raise TypeError(f"Cannot reuse the SQL of a {type(queryset.query).__name__}.")
    db = queryset.db
    compiler = queryset.query.get_compiler(using=db)
    sql, params = compiler.as_sql()
    params = tuple(params)
    places = tuple(
        (place, stand_ins.index(value))
        for place, value in enumerate(params)
        if type(value) is int and value in stand_ins
    )
    missing = set(range(count)) - {argument for _, argument in places}
    if missing:
        raise ValueError(f"{name}: ids {sorted(missing)} are not parameters of its SQL as such.")
    compiled = _Compiled(
        queryset=queryset,
        vendor=connections[db].vendor,
        arguments=stand_ins,
        sql=sql,
        params=params,
        places=places,
        state={attribute: getattr(compiler, attribute) for attribute in _COMPILER_STATE},
    )
    with _lock:
        return _compiled.setdefault(name, compiled)
