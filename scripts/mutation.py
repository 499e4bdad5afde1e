"""A small mutation runner for the safeguards (issue 11, ADR "own mutation runner").

For each target module it makes one mutant at a time (an AST edit: a comparison or boolean operator flipped,
a `not` dropped, an `if` negated, a role or status left out of a set, a `raise` or a `require(...)` call
removed), writes it over the module, runs the test files that cover the module and restores the file.
A mutant is *killed* when a test fails, *survived* when every test passes, *timeout* when the run takes
more than five times the unmutated run plus a minute (the machine is shared). The services are mutated only
at their permission checks (`require(...)` removed) and at the guards named below, not line by line.

    .venv/bin/python scripts/mutation.py                 # every target, prints the table and survivors
    .venv/bin/python scripts/mutation.py --only roles    # targets whose path contains "roles"
    .venv/bin/python scripts/mutation.py --experiment    # every require() in both service modules and the
                                                         # awaiting-approval edit lock disabled at once

Run it in a clean worktree: it rewrites the target files while it runs and puts them back byte for byte.
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    path: str
    tests: tuple[str, ...]
    # "all": every operator below; "checks": only require(...) removal and `guards` switched off.
    mode: str = "all"
    guards: tuple[str, ...] = ()
    # Extra pytest arguments. By default --reuse-db: the test database of the unmutated run serves every mutant (no
    # target touches a migration). `-p no:django` instead for a target whose tests need no Django at all.
    pytest_args: tuple[str, ...] = ("--reuse-db",)
    # Tests that are plain functions without fixtures or Django: run them in this process (see `_in_process`).
    in_process: bool = False


# Not the role matrix (every URL x role, over two minutes a run): the hand-written table test pins the same table.
ROLE_TESTS = (
    "madoguchi/accounts/tests/test_role_table_is_the_agreed_one.py",
    "madoguchi/accounts/tests/test_roles_require.py",
)
TARGETS = (
    Target("madoguchi/accounts/roles.py", ROLE_TESTS),
    Target(
        "madoguchi/cases/workflow.py",
        # The hand-written table test compares every status pair through `can_transition`, so it kills any change
        # to the table or the lookup; it needs no Django, which makes a mutant cost one bare pytest start instead of
        # a Django start-up and a test database; it even runs in this process (test_status_transitions.py is the
        # behaviour side; run it on any survivor). The mutants are the same ones whichever tests run.
        ("madoguchi/cases/tests/test_transition_table_is_the_agreed_one.py",),
        in_process=True,
    ),
    Target(
        "madoguchi/cases/access.py",
        (
            "madoguchi/cases/tests/test_case_access_checks_the_action_itself.py",
            "madoguchi/cases/tests/test_case_object_access.py",
            "madoguchi/cases/tests/test_organization_page.py",
        ),
    ),
    Target(
        "madoguchi/core/versioning.py",
        (
            "madoguchi/cases/tests/test_optimistic_locking.py",
            "madoguchi/answers/tests/test_second_draft_saver_is_told_not_overwritten.py",
        ),
    ),
    Target(
        "madoguchi/cases/services.py",
        (
            "madoguchi/cases/tests/test_case_services_refuse_roles_without_permission.py",
            "madoguchi/cases/tests/test_case_create_checks_its_own_action.py",
        ),
        mode="checks",
    ),
    Target(
        "madoguchi/answers/services.py",
        (
            "madoguchi/answers/tests/test_answer_services_refuse_roles_without_permission.py",
            "madoguchi/answers/tests/test_answer_draft_rule_errors.py",
            "madoguchi/answers/tests/test_combined_answer_services_check_before_their_first_step.py",
        ),
        mode="checks",
        guards=("draft.status == AnswerStatus.PENDING_APPROVAL",),
    ),
)

_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
}


@dataclass
class Site:
    line: int
    description: str


@dataclass
class _Mutator(ast.NodeTransformer):
    """Walks the tree in a fixed order; numbers every mutation site; applies the one numbered `apply` (or all
    in `apply_all`)."""

    target: Target
    apply: int = -1
    apply_all: bool = False
    sites: list[Site] = field(default_factory=list)

    def _site(self, node: ast.AST, description: str) -> bool:
        index = len(self.sites)
        self.sites.append(Site(getattr(node, "lineno", 0), description))
        return self.apply_all or index == self.apply

    def _is_require(self, node: ast.stmt) -> bool:
        return (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "require"
        )

    def generic_visit(self, node: ast.AST) -> ast.AST:
        # Statement removal first, so the numbering does not depend on what the children become.
        for name, value in ast.iter_fields(node):
            if isinstance(value, list) and value and all(isinstance(v, ast.stmt) for v in value):
                new_body: list[ast.stmt] = []
                for stmt in value:
                    removable = self._is_require(stmt) or (self.target.mode == "all" and isinstance(stmt, ast.Raise))
                    if removable and self._site(stmt, f"removed `{ast.unparse(stmt)}`"):
                        new_body.append(ast.copy_location(ast.Pass(), stmt))
                    else:
                        new_body.append(stmt)
                setattr(node, name, new_body)
        return super().generic_visit(node)

    def visit_If(self, node: ast.If) -> ast.AST:
        source = ast.unparse(node.test)
        if source == "TYPE_CHECKING":
            return self.generic_visit(node)
        if source in self.target.guards:
            # A named guard is switched off (`if False:`), which is what "removing the rule" means.
            if self._site(node, f"disabled `if {source}`"):
                node.test = ast.copy_location(ast.Constant(False), node.test)
            return self.generic_visit(node)
        plain = self.target.mode == "all" and not isinstance(node.test, ast.Compare | ast.UnaryOp)
        if plain and self._site(node, f"negated `if {source}`"):
            node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
        return self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        if self.target.mode == "all":
            for i, op in enumerate(node.ops):
                swapped = _SWAP.get(type(op))
                if swapped and self._site(node, f"`{ast.unparse(node)}`: {type(op).__name__} -> {swapped.__name__}"):
                    node.ops[i] = swapped()
        return self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        if self.target.mode == "all":
            other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            if self._site(node, f"`{ast.unparse(node)}`: {type(node.op).__name__} -> {type(other).__name__}"):
                node.op = other
        return self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        mutable = self.target.mode == "all" and isinstance(node.op, ast.Not)
        if mutable and self._site(node, f"`{ast.unparse(node)}`: dropped `not`"):
            return self.generic_visit(node.operand)  # type: ignore[no-any-return]
        return self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        mutable = self.target.mode == "all" and isinstance(node.value, bool)
        if mutable and self._site(node, f"`{node.value}` -> `{not node.value}`"):
            return ast.copy_location(ast.Constant(not node.value), node)
        return node

    def visit_Set(self, node: ast.Set) -> ast.AST:
        if self.target.mode == "all":
            for element in list(node.elts):
                if self._site(node, f"left `{ast.unparse(element)}` out of `{{...}}`"):
                    node.elts = [e for e in node.elts if e is not element]
            if not node.elts:
                # An empty set literal would be a dict: frozenset(set()).
                return ast.copy_location(ast.Call(ast.Name("set", ast.Load()), [], []), node)
        return self.generic_visit(node)


def _mutants(target: Target, source: str) -> Iterator[tuple[Site, str]]:
    tree = ast.parse(source)
    counter = _Mutator(target)
    counter.visit(copy.deepcopy(tree))
    for index, site in enumerate(counter.sites):
        mutator = _Mutator(target, apply=index)
        mutated = mutator.visit(copy.deepcopy(tree))
        yield site, ast.unparse(ast.fix_missing_locations(mutated))


def _all_checks_disabled(target: Target, source: str) -> str:
    mutated = _Mutator(target, apply_all=True).visit(ast.parse(source))
    return ast.unparse(ast.fix_missing_locations(mutated))


def _pytest(tests: tuple[str, ...], timeout: float | None, extra: tuple[str, ...] = ()) -> tuple[str, float, str]:
    env = dict(os.environ)
    env.setdefault("MADOGUCHI_DATA_DIR", tempfile.mkdtemp(prefix="mutation-"))
    env.setdefault("MADOGUCHI_TRIAGE_MODEL_DIR", str(ROOT / ".cache" / "triage-models"))
    env["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # a mutant never leaves a .pyc behind
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-x",
        "-p",
        "no:xdist",
        "-p",
        "no:randomly",
        *extra,
        *tests,
    ]
    started = time.monotonic()
    try:
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S603
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - started, ""
    outcome = "passed" if run.returncode == 0 else "failed"
    tail = "\n".join((run.stdout.strip() or run.stderr.strip()).splitlines()[-1:])
    return outcome, time.monotonic() - started, tail


def _in_process(target: Target) -> tuple[str, float, str]:
    """Import the target and its test modules afresh (the file on disk may be a mutant) and call every `test_*`.

    For pure modules whose tests are plain functions: one Python start for the whole target instead of one pytest
    start per mutant, which on a loaded machine is the difference between seconds and an hour.
    """
    started = time.monotonic()
    sys.dont_write_bytecode = True  # a mutant never leaves a .pyc behind
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    names = [p.removesuffix(".py").replace("/", ".") for p in (target.path, *target.tests)]
    for name in names:
        sys.modules.pop(name, None)
    importlib.invalidate_caches()
    for name in names[1:]:
        module = importlib.import_module(name)
        for attribute, test in sorted(vars(module).items()):
            if not attribute.startswith("test_") or not callable(test):
                continue
            try:
                test()
            except Exception as exc:  # noqa: BLE001 — a test that errors kills the mutant, as under pytest
                return "failed", time.monotonic() - started, f"{name}.{attribute}: {exc!r}"[:200]
    return "passed", time.monotonic() - started, "all test functions passed"


def _run(target: Target, timeout: float | None) -> tuple[str, float, str]:
    if target.in_process:
        return _in_process(target)
    return _pytest(target.tests, timeout=timeout, extra=target.pytest_args)


class _Swapped:
    """Writes `text` over `path` for the duration of the block; restores the bytes and the mtime after."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text
        self.original = path.read_bytes()
        self.stat = path.stat()

    def __enter__(self) -> None:
        self.path.write_text(self.text, encoding="utf-8")

    def __exit__(self, *exc: object) -> None:
        self.path.write_bytes(self.original)
        os.utime(self.path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))


def run_targets(targets: list[Target], sites: set[int] | None = None) -> int:
    started = time.monotonic()
    rows: list[tuple[str, int, int, int]] = []
    survivors: list[str] = []
    for target in targets:
        path = ROOT / target.path
        source = path.read_text(encoding="utf-8")
        outcome, baseline, tail = _run(target, timeout=None)
        if outcome != "passed":
            print(f"{target.path}: the tests fail before any mutation ({tail}); fix them first", file=sys.stderr)
            return 2
        print(f"== {target.path}: unmutated run {baseline:.1f}s ({tail})", flush=True)
        killed = survived = timed_out = 0
        for index, (site, mutated) in enumerate(_mutants(target, source)):
            if sites is not None and index not in sites:
                continue
            with _Swapped(path, mutated):
                outcome, seconds, _tail = _run(target, timeout=baseline * 5 + 60)
            verdict = {"failed": "killed", "passed": "SURVIVED", "timeout": "timeout"}[outcome]
            print(f"  {verdict:8} line {site.line}: {site.description} ({seconds:.0f}s)", flush=True)
            if outcome == "failed":
                killed += 1
            elif outcome == "timeout":
                timed_out += 1
            else:
                survived += 1
                survivors.append(f"{target.path}:{site.line}: {site.description}")
        rows.append((target.path, killed, survived, timed_out))
    print("\n| module | mutants | killed | survived | timeout |\n|---|---:|---:|---:|---:|")
    for name, killed, survived, timed_out in rows:
        print(f"| `{name}` | {killed + survived + timed_out} | {killed} | {survived} | {timed_out} |")
    print("\nSurviving mutants:" if survivors else "\nNo surviving mutants.")
    for line in survivors:
        print(f"- {line}")
    print(f"\nDuration: {time.monotonic() - started:.0f}s")
    return 1 if survivors else 0


def run_experiment() -> int:
    """Issue 11's experiment: every require() in both service modules and the edit lock disabled at once."""
    services = [t for t in TARGETS if t.mode == "checks"]
    tests = tuple(dict.fromkeys(test for t in services for test in t.tests))
    swaps = [
        _Swapped(ROOT / t.path, _all_checks_disabled(t, (ROOT / t.path).read_text(encoding="utf-8"))) for t in services
    ]
    env_tests = [*tests]
    for swap in swaps:
        swap.__enter__()
    try:
        env = dict(os.environ, MADOGUCHI_DATA_DIR=tempfile.mkdtemp(prefix="mutation-"), PYTHONDONTWRITEBYTECODE="1")
        env.setdefault("MADOGUCHI_TRIAGE_MODEL_DIR", str(ROOT / ".cache" / "triage-models"))
        env["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", *env_tests]
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    finally:
        for swap in swaps:
            swap.__exit__()
    print(f"Checks disabled in: {', '.join(t.path for t in services)}")
    print(f"Tests run: {' '.join(tests)}")
    print(run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-2000:])
    if run.returncode == 0:
        print("EXPERIMENT FAILED: the tests stayed green with every permission check and the edit lock removed")
        return 1
    print("The tests fail with the checks removed, as they must.")
    return 0


def main() -> int:
    # A terminated run still puts the target files back (the `finally` / `__exit__` blocks run).
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    # One data directory (and so one test database, kept by --reuse-db) for the whole run.
    os.environ.setdefault("MADOGUCHI_DATA_DIR", tempfile.mkdtemp(prefix="mutation-"))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="run only targets whose path contains this text")
    parser.add_argument("--experiment", action="store_true", help="disable all service checks at once instead")
    parser.add_argument(
        "--list", action="store_true", help="list the mutants (with their numbers) without running tests"
    )
    parser.add_argument("--sites", help="comma-separated mutant numbers from --list, to re-run only those")
    args = parser.parse_args()
    if args.experiment:
        return run_experiment()
    targets = [t for t in TARGETS if not args.only or args.only in t.path]
    if args.list:
        for target in targets:
            for index, (site, _mutated) in enumerate(
                _mutants(target, (ROOT / target.path).read_text(encoding="utf-8"))
            ):
                print(f"#{index} {target.path}:{site.line}: {site.description}")
        return 0
    sites = {int(n) for n in args.sites.split(",")} if args.sites else None
    return run_targets(targets, sites)


if __name__ == "__main__":
    sys.exit(main())
