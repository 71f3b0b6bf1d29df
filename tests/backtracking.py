"""A step-counting model of Python's regular-expression engine, to bound the work of a pattern
by counting instead of timing.

CPython's ``re`` is a backtracking matcher written in C: it cannot say how much work a search
did, and timing it on a loaded machine is noise. This module compiles the parse tree ``re``
itself produces (``re._parser``) into a small backtracking program (the shape of Thompson's
and Pike's VMs, with Spencer's backtracking instead of a thread list) and runs it in Python,
counting one step per instruction executed and per backtrack. A search tries every start
position in turn, as ``re``'s ``finditer``, ``sub`` and ``split`` do.

It is a model, not a copy: ``re`` adds literal-prefix scans, single-character repeat fast
paths and the like, which only ever save work; none of them changes how the work grows with
the length of the text, which is what the tests measure (a pattern whose count grows 4 times
when the text does is linear, 16 times quadratic). ``tests/test_linear_time.py`` checks that
the model finds exactly the matches ``re`` finds on the patterns it counts.

Supported: literals, classes, categories (Unicode ``\\w``, ``\\d``, ``\\s``), ``.``,
alternation, groups, greedy, lazy and possessive repeats, atomic groups, look-ahead and
look-behind, anchors and word boundaries, and the flags IGNORECASE, MULTILINE and DOTALL.
Not supported (refused with ``NotImplementedError``): back-references, conditionals, and a
repeat whose body can match the empty string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["Counter", "Program", "compile_pattern", "too_much_work"]

Predicate = Callable[[str], bool]

# Instructions: a tuple whose first item is one of these.
CHAR, SPLIT, JMP, AT, LOOK, ATOMIC_START, ATOMIC_END, MATCH = range(8)
#: A backtrack-stack entry that only marks where an atomic group started (compared by identity).
_MARK: tuple[int, int] = (-1, -1)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


_CATEGORIES: dict[object, Predicate] = {
    sre_constants.CATEGORY_DIGIT: str.isdecimal,
    sre_constants.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    sre_constants.CATEGORY_SPACE: str.isspace,
    sre_constants.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre_constants.CATEGORY_WORD: _is_word,
    sre_constants.CATEGORY_NOT_WORD: lambda c: not _is_word(c),
}


def _equal(literal: str) -> Predicate:
    return lambda c: c == literal


def _between(low: int, high: int) -> Predicate:
    return lambda c: low <= ord(c) <= high


def _not(predicate: Predicate) -> Predicate:
    return lambda c: not predicate(c)


def _ignoring_case(predicate: Predicate) -> Predicate:
    def either(c: str) -> bool:
        return predicate(c) or any(len(other) == 1 and predicate(other)
                                   for other in (c.lower(), c.upper()))
    return either


def _class(items: list[tuple[Any, Any]], flags: int) -> Predicate:
    negate = False
    tests: list[Predicate] = []
    for op, av in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            tests.append(_equal(chr(av)))
        elif op is sre_constants.RANGE:
            tests.append(_between(*av))
        elif op is sre_constants.CATEGORY:
            tests.append(_CATEGORIES[av])
        else:
            raise NotImplementedError(f"class item {op}")

    def member(c: str) -> bool:
        return any(test(c) for test in tests)

    base = _ignoring_case(member) if flags & re.IGNORECASE else member
    return _not(base) if negate else base


@dataclass
class Counter:
    """Steps taken so far, and the most allowed (``None``: no limit)."""

    steps: int = 0
    limit: int | None = None


class TooMuchWork(Exception):
    pass


class _Memo(dict[str, bool]):
    """A character class's answers, remembered (the VM looks a character up, not a function)."""

    def __init__(self, predicate: Predicate) -> None:
        super().__init__()
        self.predicate = predicate

    def __missing__(self, char: str) -> bool:
        self[char] = answer = self.predicate(char)
        return answer


@dataclass
class Program:
    """A compiled pattern: its instructions, and the width of each look-behind."""

    code: list[tuple[Any, ...]] = field(default_factory=list)

    def emit(self, *instruction: object) -> int:
        self.code.append(instruction)
        return len(self.code) - 1

    # ------------------------------------------------------------------ running

    # The interpreter's loop: one branch per instruction, as in CPython's _sre.
    def match_at(self, text: str, start: int, counter: Counter,  # noqa: C901, PLR0915
                 must_advance: bool = False) -> int | None:
        """The end of the match starting at ``start`` (the first ``re`` would find), or None."""
        code, n = self.code, len(text)
        stack: list[tuple[int, int]] = []
        pc, pos = 0, start
        steps = 0
        limit = counter.limit
        while True:
            steps += 1
            instruction = code[pc]
            op = instruction[0]
            ok = True
            if op == CHAR:
                if pos < n and instruction[1][text[pos]]:
                    pos += 1
                    pc += 1
                else:
                    ok = False
            elif op == SPLIT:
                stack.append((instruction[2], pos))
                pc = instruction[1]
            elif op == JMP:
                pc = instruction[1]
            elif op == AT:
                if instruction[1](text, pos):
                    pc += 1
                else:
                    ok = False
            elif op == LOOK:
                _, sub, behind, width, negate = instruction
                counter.steps += steps
                steps = 0
                at = pos - width if behind else pos
                found = at >= 0 and sub.match_at(text, at, counter) is not None
                if found != negate:
                    pc += 1
                else:
                    ok = False
            elif op == ATOMIC_START:
                stack.append(_MARK)
                pc += 1
            elif op == ATOMIC_END:
                while stack.pop() is not _MARK:
                    steps += 1
                pc += 1
            elif must_advance and pos == start:  # MATCH, but where it must not: empty
                ok = False
            else:  # MATCH
                counter.steps += steps
                return pos
            if not ok:
                while stack:
                    steps += 1
                    entry = stack.pop()
                    if entry is not _MARK:
                        pc, pos = entry
                        break
                else:
                    counter.steps += steps
                    return None
            if limit is not None and steps > 4096:
                counter.steps += steps
                steps = 0
                if counter.steps > limit:
                    raise TooMuchWork

    def first_characters(self) -> _Memo | None:
        """The characters a match can start with; ``None`` when a match can be empty. (``re``
        scans for such a first character too.)"""
        found: list[_Memo] = []
        seen: set[int] = set()
        todo = [0]
        while todo:
            pc = todo.pop()
            if pc in seen:
                continue
            seen.add(pc)
            instruction = self.code[pc]
            op = instruction[0]
            if op == CHAR:
                found.append(instruction[1])
            elif op == SPLIT:
                todo += [instruction[1], instruction[2]]
            elif op == JMP:
                todo.append(instruction[1])
            elif op == MATCH:
                return None
            else:  # AT, LOOK, ATOMIC_START, ATOMIC_END consume nothing
                todo.append(pc + 1)
        return _Memo(lambda char: any(c[char] for c in found))

    def finditer(self, text: str, counter: Counter) -> Iterator[tuple[int, int]]:
        """The spans ``re.finditer`` gives, trying every start position in turn; a position
        whose character no match can start with costs one step."""
        pos, must_advance = 0, False
        first = self.first_characters()
        n = len(text)
        while pos <= n:
            if first is not None and (pos == n or not first[text[pos]]):
                counter.steps += 1
                pos, must_advance = pos + 1, False
                continue
            end = self.match_at(text, pos, counter, must_advance)
            if end is None:
                pos, must_advance = pos + 1, False
                continue
            yield pos, end
            must_advance = end == pos
            pos = end


# --------------------------------------------------------------------------- compiling

_WORD = _Memo(_is_word)


def _at(code: object, flags: int) -> Callable[[str, int], bool]:
    multiline = bool(flags & re.MULTILINE)

    def beginning(text: str, pos: int) -> bool:
        return pos == 0 or (multiline and text[pos - 1] == "\n")

    def end(text: str, pos: int) -> bool:
        n = len(text)
        if multiline:
            return pos == n or text[pos] == "\n"
        return pos == n or (pos == n - 1 and text[pos] == "\n")

    def boundary(text: str, pos: int) -> bool:
        if not text:
            return False
        before = pos > 0 and _WORD[text[pos - 1]]
        after = pos < len(text) and _WORD[text[pos]]
        return before != after

    table: dict[object, Callable[[str, int], bool]] = {
        sre_constants.AT_BEGINNING: beginning,
        sre_constants.AT_BEGINNING_STRING: lambda text, pos: pos == 0,
        sre_constants.AT_END: end,
        sre_constants.AT_END_STRING: lambda text, pos: pos == len(text),
        sre_constants.AT_BOUNDARY: boundary,
        sre_constants.AT_NON_BOUNDARY: lambda text, pos: bool(text) and not boundary(text, pos),
    }
    return table[code]


def _compile(program: Program, items: Any, flags: int) -> None:
    for op, av in items:
        if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL):
            same = _equal(chr(av))
            same = _ignoring_case(same) if flags & re.IGNORECASE else same
            program.emit(CHAR, _Memo(same if op is sre_constants.LITERAL else _not(same)))
        elif op is sre_constants.ANY:
            program.emit(CHAR, _Memo(lambda c: True) if flags & re.DOTALL
                         else _Memo(_not(_equal("\n"))))
        elif op is sre_constants.IN:
            program.emit(CHAR, _Memo(_class(av, flags)))
        elif op is sre_constants.AT:
            program.emit(AT, _at(av, flags))
        elif op is sre_constants.BRANCH:
            _branch(program, av[1], flags)
        elif op is sre_constants.SUBPATTERN:
            _group, add, remove, body = av
            _compile(program, body, (flags | add) & ~remove)
        elif op is sre_constants.ATOMIC_GROUP:
            program.emit(ATOMIC_START)
            _compile(program, av, flags)
            program.emit(ATOMIC_END)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
                    sre_constants.POSSESSIVE_REPEAT):
            _repeat(program, op, av, flags)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            direction, body = av
            sub = Program()
            _compile(sub, body, flags)
            sub.emit(MATCH)
            width = 0
            if direction < 0:
                low, high = body.getwidth()
                assert low == high, "re allows only fixed-width look-behind"
                width = low
            program.emit(LOOK, sub, direction < 0, width, op is sre_constants.ASSERT_NOT)
        else:
            raise NotImplementedError(f"{op} is not modelled")


def _branch(program: Program, alternatives: list[Any], flags: int) -> None:
    jumps = []
    for k, alternative in enumerate(alternatives):
        if k < len(alternatives) - 1:
            split = program.emit(SPLIT, None, None)
            program.code[split] = (SPLIT, split + 1, None)
            _compile(program, alternative, flags)
            jumps.append(program.emit(JMP, None))
            program.code[split] = (SPLIT, split + 1, len(program.code))
        else:
            _compile(program, alternative, flags)
    for jump in jumps:
        program.code[jump] = (JMP, len(program.code))


def _repeat(program: Program, op: object, av: tuple[int, int, Any], flags: int) -> None:
    low, high, body = av
    if body.getwidth()[0] == 0:
        raise NotImplementedError("a repeat whose body can match the empty string")
    lazy = op is sre_constants.MIN_REPEAT
    if op is sre_constants.POSSESSIVE_REPEAT:
        program.emit(ATOMIC_START)
    for _ in range(low):
        _compile(program, body, flags)
    if high == sre_constants.MAXREPEAT:
        loop = program.emit(SPLIT, None, None)
        _compile(program, body, flags)
        program.emit(JMP, loop)
        after = len(program.code)
        program.code[loop] = (SPLIT, after, loop + 1) if lazy else (SPLIT, loop + 1, after)
    else:
        splits = []
        for _ in range(high - low):
            splits.append(program.emit(SPLIT, None, None))
            _compile(program, body, flags)
        after = len(program.code)
        for split in splits:
            program.code[split] = (SPLIT, after, split + 1) if lazy else (SPLIT, split + 1, after)
    if op is sre_constants.POSSESSIVE_REPEAT:
        program.emit(ATOMIC_END)


def compile_pattern(pattern: re.Pattern[str]) -> Program:
    """The model of a compiled ``re`` pattern."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    program = Program()
    _compile(program, parsed, parsed.state.flags)
    program.emit(MATCH)
    return program


def too_much_work(program: Program, text: str, limit: int) -> int | None:
    """The steps a full ``finditer`` over ``text`` takes, or ``None`` past ``limit``."""
    counter = Counter(limit=limit)
    try:
        for _ in program.finditer(text, counter):
            pass
    except TooMuchWork:
        return None
    return counter.steps if counter.steps <= limit else None
