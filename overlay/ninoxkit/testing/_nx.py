"""A small, documented subset of Ninox script (NX) for ``/query`` and ``/exec``.

Anything outside this subset is refused with ``400 {"message": "unsupported NX ..."}``; the
emulator never guesses. ``/query`` is read-only: a script containing ``create``, ``delete`` or a
field assignment is refused with 400 before anything runs (reference §4.6 leaves the real
behaviour unknown; refusing is the safe reading of "read-only").

Lexical rules (after docs.ninox.com "Ninox operators"):

- Text literals use double quotes: ``"Hello"``. A double quote inside is written twice
  (``"say ""hi"" now"``) — the emulator's choice, since the Ninox docs show no escape; the docs'
  alternative form ``---text---`` is supported too and may contain ``"`` freely.
- Names (tables, fields) with spaces or special characters go in single quotes:
  ``'First Name'``; a single quote inside is written twice. Plain names are identifiers
  (letters, digits, ``_``). A table or field may be named by caption or by id (``A``, ``B``…);
  the id wins when both match.
- Numbers: ``12``, ``3.5``. Keywords: ``true false null and or not select where let var create
  delete record if then else end this``. Comments: ``//`` to end of line and ``/* … */``.

Grammar (EBNF)::

    script     = statement { ";" statement } [ ";" ] ;
    statement  = ("let" | "var") name ":=" expr
               | "delete" expr
               | expr [ ":=" expr ]                 (* target: variable or record.field *)
    expr       = or { "order" [ "by" ] or } ;      (* sorts a list of records *)
    or         = and { "or" and } ;
    and        = not { "and" not } ;
    not        = "not" not | compare ;
    compare    = sum [ ("=" | "!=" | "<>" | "<" | "<=" | ">" | ">=") sum ] ;
    sum        = product { ("+" | "-") product } ;
    product    = unary { ("*" | "/") unary } ;
    unary      = "-" unary | postfix ;
    postfix    = primary { "." name | "[" expr "]" } ;
    primary    = number | text | "true" | "false" | "null" | "this"
               | "(" script ")"
               | "[" [ expr { "," expr } ] "]"       (* array literal, as nx.quote writes *)
               | "select" name [ "where" or ]       (* a following "order by" sorts it *)
               | "create" name
               | "record" "(" name "," expr ")"
               | "if" expr "then" script [ "else" script ] "end"
               | function "(" [ expr { "," expr } ] ")"
               | name ;
    function   = "first" | "last" | "count" | "cnt" | "sum" | "min" | "max" | "avg"
               | "text" | "number" | "length" | "concat" | "unique"
               | "urlEncode" | "urlDecode" | "date" | "datetime" | "time" | "timeinterval"
               | "contains" ;

Semantics:

- ``select T`` is the list of T's records in id order; inside ``where`` (and ``[...]``) bare
  names are the candidate record's fields (variables are used when no field matches).
- ``L order by K`` (``by`` optional; docs.ninox.com "Records and tables", docs.ninext.fr
  "Order By") sorts a list of records ascending by the key ``K``, evaluated per record like a
  ``where`` condition (bare names are its fields). Stable (equal keys keep ascending ids);
  numbers (and booleans, false first) rank before text, text compares by code point (no
  collation, as docs.ninext.fr describes), empty keys come last, as for the listing's
  ``order`` parameter; a list as key is refused. ``select T where c order by K`` and
  ``(select T where c) order by K`` are the same. ``order`` and ``by`` are no keywords.
- ``contains(x, match)``: for text (and any other single value, taken as its text),
  whether ``match``'s text occurs in it, case-sensitively (an empty field is ``""``, so it
  contains only ``""``); for a list, whether an item equals ``match``.
- ``x.F`` on a record gives the field value (choices by caption); on a list it projects every
  element (``(select T).F``), nulls included.
- Records come back as references ``"A6"`` (table id + record id, reference §4.6/§7.2).
- ``+`` adds numbers and concatenates when either side is text (null counts as ``""``/0);
  ``-``, ``*``, ``/`` need numbers (division by zero → 400). ``=``/``!=`` compare any values;
  ``<``… compare two numbers or two texts (ISO dates compare as text).
- ``urlDecode``/``urlEncode`` percent-decode/-encode text (UTF-8); ``ninoxkit.nx.quote`` writes
  any text that could bend a literal as ``urlDecode("…")``.
- ``date(y, m, d)``, ``datetime(y, m, d, h, min, s[, ms])`` and ``time(h, min, s[, ms])`` build
  the ISO text Ninox's API uses for those values (``2024-01-02``, ``2024-01-02T03:04:05``,
  ``03:04:05``; with milliseconds ``03:04:05.500``, as stored values have them), so they compare
  with stored values; ``timeinterval(ms)`` is the number of ms, and so is the value of a
  time-interval field in NX (the record routes send it as ``h:mm:ss.SSS`` text).
- ``[a, b, …]`` is a list, like the result of ``select`` (``count([1, 2])`` is 2).
- ``first``/``last`` give null for an empty list; ``count`` counts; ``sum`` ignores nulls;
  ``min``/``max``/``avg`` give null for an empty list.
- Writes (``/exec`` only): ``create T`` returns the new record; ``r.F := v`` (also on a list of
  records, assigning each); ``delete r`` or ``delete (select T where …)``. Each write is one
  change in the database sequence. A failing script keeps the writes made before the failure.
- The script's value is the value of its last statement (``let``/``var`` give null).

Modules: :mod:`._nx_lexer` (tokens), :mod:`._nx_parser` (the AST), :mod:`._nx_eval` (running
it), :mod:`._nx_functions` (one function per NX function, by name) and :mod:`._nx_values` (what
values are, how they compare, print and turn into JSON). This module is their front door.
"""

from __future__ import annotations

from ._nx_eval import evaluate
from ._nx_lexer import Token, tokenize
from ._nx_parser import parse, writes
from ._nx_values import MAX_ITEMS, MAX_TEXT, NXError, RecordRef, json_key, to_json

__all__ = [
    "MAX_ITEMS",
    "MAX_TEXT",
    "NXError",
    "RecordRef",
    "Token",
    "evaluate",
    "json_key",
    "parse",
    "to_json",
    "tokenize",
    "writes",
]
