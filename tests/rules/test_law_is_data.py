"""Law is data: the rules' Python cites no decision of its own; every citation the engine can
produce comes from a ruleset file, where it stands with its basis."""

import ast
import json
import re
from pathlib import Path

from assessments.rules.ruleset import all_rulesets, measures

RULES = Path(__file__).resolve().parents[2] / "assessments" / "rules"
LIBRARY = Path(__file__).resolve().parents[2] / "cases" / "fixtures" / "caselaw.json"


def test_no_slug_of_the_library_is_written_in_the_rules_python():
    cases = json.loads(LIBRARY.read_text(encoding="utf-8"))["cases"]
    slugs = {c["slug"] for c in cases} | {s for c in cases for s in c["former_slugs"]}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(slugs))) + r")(?![\w-])")
    found = [
        f"{path.relative_to(RULES)}:{n}: {m.group(0)}"
        for path in sorted(RULES.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for m in pattern.finditer(line)
    ]
    assert found == []


def test_every_rule_with_a_value_or_text_has_its_basis():
    for path in sorted((RULES / "rulesets").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for name, rule in data.get("rules", {}).items():
            assert len(rule["basis"]) >= 10, f"{path.name}: rule {name}"
            # Decided authority, or (where only that exists) a pending matter cited as pending.
            cited = rule.get("citations", []) + rule.get("pending_citations", [])
            assert cited, f"{path.name}: rule {name}"
        for name, number in data.get("numbers", {}).items():
            assert len(number["basis"]) >= 10, f"{path.name}: number {name}"
        if "scale" in data:
            assert len(data["scale"]["basis"]) >= 10, path.name


# What the rules' Python may write as a number: nothing (0, 1) and the whole scale (100).
NEUTRAL = {0, 1, 100}


def _numbers_in_logic(path: Path) -> list[str]:
    """Numeric literals that could be thresholds, normalisers or weights: every number other than
    the neutral ones, except the sizes of what a result quotes (a slice, a ``limit=``, a
    parameter's default, a module constant named ``MAX_*`` or ``QUOTE_*``), rounding digits and
    ranges of factor codes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    spared: set[int] = set()

    def spare(node: ast.AST | None) -> None:
        if node is not None:
            spared.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if names and all(n.startswith(("MAX_", "QUOTE_")) for n in names):
                spare(node.value)
        elif isinstance(node, ast.keyword) and node.arg == "limit":
            spare(node.value)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                spare(default)
        elif isinstance(node, ast.Slice):
            spare(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "round":
                for arg in node.args[1:]:
                    spare(arg)
            elif node.func.id == "range":
                for arg in node.args:
                    spare(arg)
    return [
        f"{path.relative_to(RULES)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
        and node.value not in NEUTRAL
        and id(node) not in spared
    ]


def test_no_threshold_or_normaliser_is_written_in_the_rules_python():
    """Thresholds, normalisers and weights live in the ruleset files with their basis; the
    Python that measures evidence and applies the rulesets keeps none of its own."""
    logic = [
        *sorted((RULES / "jurisdictions").glob("*.py")),
        RULES / "engine.py",
        RULES / "evidence.py",
        RULES / "analogous.py",
        RULES / "infringement.py",
    ]
    found = [hit for path in logic for hit in _numbers_in_logic(path)]
    assert found == []


def test_the_numbers_the_code_reads_are_all_in_the_files():
    """Every ruleset loads with its scale, groups and descriptions, and the measures file with
    every normaliser the code reads (the loader refuses one that lacks any)."""
    numbers = measures().numbers
    assert numbers["perceptible_denoise_max"].value == 0.5
    for ruleset in all_rulesets():
        assert ruleset.scale.bands[0].min == 0, ruleset.id
        assert ruleset.rules["heuristic_denoise"].value == numbers["perceptible_denoise_max"].value
