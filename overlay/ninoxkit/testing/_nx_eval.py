"""The NX evaluator: runs a parsed script against one emulator database (semantics: :mod:`._nx`).

:class:`Evaluator` has one method per AST node kind (``_select`` for ``("select", …)``);
functions are looked up in :data:`._nx_functions.FUNCTIONS`. Every step and every walk over a
list or a text is charged against a budget, so no script runs unbounded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._errors import ApiError
from ._nx_functions import FUNCTIONS
from ._nx_parser import Node, parse, parse_cached, writes
from ._nx_values import (
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_TEXT,
    NXError,
    RecordRef,
    equal,
    interval_ms,
    number,
    order_key,
    text_of,
    to_json,
)
from ._store import Database, Field, Record, Store, Table, coerce_value, render_value

__all__ = ["Evaluator", "evaluate"]

_MAX_STEPS = 5_000_000
_MAX_FORMULA_DEPTH = 8


class Evaluator:
    """The state of one script run: scopes, the records ``where`` is looking at, the budget."""

    def __init__(self, store: Store, db: Database, allow_writes: bool) -> None:
        self.store = store
        self.db = db
        self.allow_writes = allow_writes
        self.scopes: list[dict[str, Any]] = [{}]
        self.this: list[RecordRef] = []
        self.steps = 0
        self.formula_depth = 0

    def charge(self, cost: int) -> None:
        """Count work beyond one step (walking a list, building text) against the limit."""
        self.steps += cost
        if self.steps > _MAX_STEPS:
            raise NXError("script runs too long")

    def table(self, name: str) -> Table:
        try:
            return self.db.table(name)
        except ApiError:
            raise NXError(f"unknown table {name!r}") from None

    def rec(self, ref: RecordRef) -> tuple[Table, Record]:
        table = self.db.tables.get(ref.table)
        rec = table.records.get(ref.id) if table is not None else None
        if table is None or rec is None:
            raise NXError(f"record {ref} does not exist")
        return table, rec

    def lookup_field(self, table: Table, name: str) -> Field:
        fld = table.field(name)
        if fld is None:
            raise NXError(f"unknown field {name!r} in table {table.caption!r}")
        return fld

    def field_value(self, ref: RecordRef, name: str) -> Any:
        table, rec = self.rec(ref)
        if name == "Id" and table.field(name) is None:
            return rec.id
        fld = self.lookup_field(table, name)
        if fld.base == "fn":
            return self.formula(ref, fld)
        if fld.base == "rev":
            return self.reverse(ref, fld)
        stored = rec.values.get(fld.id)
        if fld.base == "ref" and stored is not None:
            # A link is a record in NX (`c.Company.Name`); stored as the linked id (§13).
            target = self.db.tables.get(str(fld.extra.get("ref", "")))
            if target is None:
                return stored
            return RecordRef(target.id, stored) if stored in target.records else None
        if fld.base == "timeinterval" and isinstance(stored, str):
            # A time interval is a number of milliseconds in NX (timeinterval(ms)); stored as
            # the text h:mm:ss.SSS the record routes send.
            return interval_ms(stored)
        return render_value(fld, stored, False)

    def reverse(self, ref: RecordRef, fld: Field) -> list[RecordRef]:
        """The records whose link field ``reverseField`` points at ``ref`` (§13 ``rev``)."""
        source = self.db.tables.get(str(fld.extra.get("ref", "")))
        link = source.fields.get(str(fld.extra.get("reverseField", ""))) if source else None
        if source is None or link is None:
            return []
        self.charge(len(source.ids))
        return [
            RecordRef(source.id, i)
            for i in source.ids
            if source.records[i].values.get(link.id) == ref.id
        ]

    def formula(self, ref: RecordRef, fld: Field) -> Any:
        """Evaluate a formula field's code (schema key ``fn``) for one record (§7.4, §13)."""
        code = fld.extra.get("fn")
        if not isinstance(code, str) or not code.strip():
            return None
        if self.formula_depth >= _MAX_FORMULA_DEPTH:
            raise NXError(f"formula {fld.caption!r} nests too deeply (a cycle?)")
        tree = parse_cached(code)
        self.formula_depth += 1
        self.this.append(ref)
        saved, self.scopes = self.scopes, [{}]
        try:
            return self.run(tree)
        finally:
            self.scopes = saved
            self.this.pop()
            self.formula_depth -= 1

    def run(self, node: Node) -> Any:
        self.steps += 1
        if self.steps > _MAX_STEPS:
            raise NXError("script runs too long")
        kind = node[0]
        method: Callable[[Node], Any] = getattr(self, "_" + kind)
        return method(node)

    # statements
    def _block(self, node: Node) -> Any:
        result = None
        self.scopes.append({})
        try:
            for stmt in node[1]:
                result = self.run(stmt)
        finally:
            self.scopes.pop()
        return result

    def _let(self, node: Node) -> Any:
        self.scopes[-1][node[1]] = self.run(node[2])
        return None

    def _assign(self, node: Node) -> Any:
        target, value = node[1], self.run(node[2])
        if target[0] == "var":
            for scope in reversed(self.scopes):
                if target[1] in scope:
                    scope[target[1]] = value
                    return None
            if self.this:
                # A bare field name inside a record context: `Name := "x"` on `this`.
                self._write(self.this[-1], target[1], value)
                return None
            raise NXError(f"unknown variable {target[1]!r}")
        obj = self.run(target[1])
        refs = obj if isinstance(obj, list) else [obj]
        for ref in refs:
            if not isinstance(ref, RecordRef):
                raise NXError("':=' on a field needs a record on the left of '.'")
            self._write(ref, target[2], value)
        return None

    def _write(self, ref: RecordRef, name: str, value: Any) -> None:
        self._need_writes()
        table, rec = self.rec(ref)
        fld = self.lookup_field(table, name)
        if isinstance(value, RecordRef):
            value = value.id  # a reference-like number field takes the record id
        try:
            stored = coerce_value(fld, value)
        except ApiError as exc:
            raise NXError(exc.message) from None
        self.store.update_record(self.db, rec, {fld.id: stored})

    def _need_writes(self) -> None:
        if not self.allow_writes:
            raise NXError("/query is read-only; use /exec to change data")

    def _delete(self, node: Node) -> Any:
        self._need_writes()
        obj = self.run(node[1])
        refs = obj if isinstance(obj, list) else [obj]
        for ref in refs:
            if ref is None:
                continue
            if not isinstance(ref, RecordRef):
                raise NXError("delete needs a record or a list of records")
            table = self.db.tables.get(ref.table)
            if table is not None:
                self.store.delete_records(self.db, table, [ref.id])
        return None

    # expressions
    def _lit(self, node: Node) -> Any:
        return node[1]

    def _array(self, node: Node) -> Any:
        items = [self.run(item) for item in node[1]]
        self.measure(items)
        return items

    def measure(self, value: list[Any]) -> int:
        """Count the items of a list, nested lists included, against ``MAX_ITEMS``.

        Lists may share sublists (``let a := [b, b]``), so a few statements could describe an
        exponentially large value; the walk stops at the bound and its work is charged.
        """
        count = 0
        stack: list[tuple[list[Any], int]] = [(value, 1)]
        while stack:
            current, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise NXError("lists nest too deeply")
            count += len(current)
            if count > MAX_ITEMS:
                raise NXError(f"list too large (more than {MAX_ITEMS} items)")
            stack.extend((v, depth + 1) for v in current if isinstance(v, list))
        self.charge(count)
        return count

    def _this(self, _node: Node) -> Any:
        if not self.this:
            raise NXError("'this' is only defined inside 'where' or '[...]'")
        return self.this[-1]

    def _var(self, node: Node) -> Any:
        name = node[1]
        if self.this:
            ref = self.this[-1]
            table = self.db.tables[ref.table]
            if table.field(name) is not None or name == "Id":
                return self.field_value(ref, name)
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        raise NXError(f"unknown name {name!r}")

    def _field(self, node: Node) -> Any:
        obj = self.run(node[1])
        name = node[2]
        if isinstance(obj, list):
            self.charge(len(obj))
            return [self.field_value(r, name) if isinstance(r, RecordRef) else None for r in obj]
        if obj is None:
            return None
        if not isinstance(obj, RecordRef):
            raise NXError(f"'.{name}' needs a record or a list of records")
        return self.field_value(obj, name)

    def _select(self, node: Node) -> Any:
        table = self.table(node[1])
        self.charge(len(table.ids))
        refs = [RecordRef(table.id, rid) for rid in table.ids]
        return refs if node[2] is None else self._where(refs, node[2])

    def _where(self, refs: list[RecordRef], cond: Node) -> list[RecordRef]:
        out = []
        for ref in refs:
            self.this.append(ref)
            try:
                if self.run(cond) is True:
                    out.append(ref)
            finally:
                self.this.pop()
        return out

    def _order(self, node: Node) -> Any:
        items = self.run(node[1])
        if not isinstance(items, list) or not all(isinstance(r, RecordRef) for r in items):
            raise NXError("'order by' sorts a list of records")
        self.charge(len(items))
        keyed: list[tuple[tuple[int, Any], RecordRef]] = []
        for ref in items:
            self.this.append(ref)
            try:
                keyed.append((order_key(self.run(node[2])), ref))
            finally:
                self.this.pop()
        # Stable: records with equal keys keep the order they came in (ascending ids).
        keyed.sort(key=lambda pair: pair[0])
        return [ref for _, ref in keyed]

    def _filter(self, node: Node) -> Any:
        obj = self.run(node[1])
        if not isinstance(obj, list) or not all(isinstance(r, RecordRef) for r in obj):
            raise NXError("'[...]' filters a list of records")
        return self._where(obj, node[2])

    def _create(self, node: Node) -> Any:
        self._need_writes()
        table = self.table(node[1])
        rec = self.store.create_record(self.db, table, {})
        return RecordRef(table.id, rec.id)

    def _record(self, node: Node) -> Any:
        table = self.table(node[1])
        rid = self.run(node[2])
        if isinstance(rid, float) and rid.is_integer():
            rid = int(rid)
        if isinstance(rid, bool) or not isinstance(rid, int):
            raise NXError("record(T, id) needs a whole number id")
        # NX gives null for a missing record rather than an error.
        return RecordRef(table.id, rid) if rid in table.records else None

    def _if(self, node: Node) -> Any:
        cond = self.run(node[1])
        return self.run(node[2] if cond is True else node[3])

    def _not(self, node: Node) -> Any:
        value = self.run(node[1])
        if value is not None and not isinstance(value, bool):
            raise NXError("'not' needs a boolean")
        return not value

    def _and(self, node: Node) -> Any:
        left = self.run(node[1])
        if left is not True:
            return False
        return self.run(node[2]) is True

    def _or(self, node: Node) -> Any:
        if self.run(node[1]) is True:
            return True
        return self.run(node[2]) is True

    def _neg(self, node: Node) -> Any:
        value = self.run(node[1])
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise NXError("unary '-' needs a number")
        return number(-value)

    def _arith(self, node: Node) -> Any:
        op, left, right = node[1], self.run(node[2]), self.run(node[3])
        if op == "+" and (isinstance(left, str) or isinstance(right, str)):
            return self.text(self.text(left) + self.text(right))
        if isinstance(left, list) or isinstance(right, list):
            raise NXError(f"'{op}' does not apply to lists")
        left = 0 if left is None else left
        right = 0 if right is None else right
        for v in (left, right):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise NXError(f"'{op}' needs numbers (or text for '+')")
        if op == "+":
            result = left + right
        elif op == "-":
            result = left - right
        elif op == "*":
            result = left * right
        else:
            if right == 0:
                raise NXError("division by zero")
            result = left / right
        return number(result)

    def _cmp(self, node: Node) -> Any:
        op, left, right = node[1], self.run(node[2]), self.run(node[3])
        if op in ("=", "!="):
            for side in (left, right):
                if isinstance(side, list):
                    self.measure(side)  # == on nested lists walks them all
            same = equal(left, right)
            return same if op == "=" else not same
        if left is None or right is None:
            return False
        both_num = all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right)
        )
        if not both_num and not (isinstance(left, str) and isinstance(right, str)):
            raise NXError(
                f"cannot compare {type(left).__name__} with {type(right).__name__} using {op!r}"
            )
        if op == "<":
            return left < right
        if op == "<=":
            return left <= right
        if op == ">":
            return left > right
        return left >= right

    def _call(self, node: Node) -> Any:
        args = [self.run(a) for a in node[2]]
        return FUNCTIONS[node[1]](self, args)

    def text(self, value: Any) -> str:
        """``_text`` with the ``MAX_TEXT`` bound (a doubling loop must not take the memory)."""
        if isinstance(value, list):
            self.measure(value)
        out = text_of(value)
        if len(out) > MAX_TEXT:
            raise NXError(f"text too long (more than {MAX_TEXT} characters)")
        self.charge(len(out) // 1000)
        return out


def evaluate(store: Store, db: Database, source: str, *, allow_writes: bool) -> Any:
    """Run an NX script against ``db`` and return its JSON value.

    Args:
        store: the store (writes go through it so sequences and timestamps advance).
        db: the database the script runs in.
        source: NX source text.
        allow_writes: ``False`` for ``/query`` (writes refused before running), ``True`` for
            ``/exec``.

    Returns:
        The JSON-ready value of the last statement.

    Raises:
        NXError: syntax outside the subset, unknown names, type errors, writes in ``/query``.
    """
    tree = parse(source)
    try:
        # Every tree walk is recursive: a long chain of operators (a left-deep tree) must be a
        # 400, not a crash — bad input never makes the emulator answer 500.
        if not allow_writes and writes(tree):
            raise NXError("/query is read-only; use /exec to change data")
        return to_json(Evaluator(store, db, allow_writes).run(tree))
    except RecursionError:
        raise NXError("script nests too deeply") from None
