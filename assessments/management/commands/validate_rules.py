from typing import Any

from django.core.management.base import BaseCommand

from assessments.rules import assess, load_ruleset
from assessments.rules.scenarios import scenario_evidence
from cases import selectors

# Outcome of the decision -> the verdict the rules must give (uncertain never agrees).
EXPECTED = {
    "granted": "protectable",
    "partial": "partially_protectable",
    "denied": "not_protectable",
}
# Member states' courts apply the EU standard.
RULESET_FOR = {"CZ": "EU", "DE": "EU", "CN": "CN", "US": "US", "EU": "EU", "UK": "UK"}


class Command(BaseCommand):
    help = (
        "Run every published decision that has a scenario through its jurisdiction's ruleset and "
        "compare with the real outcome; exit 1 if any decided case disagrees."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        slugs = selectors.published_statuses()
        rows, agree = [], 0
        for case in selectors.scenarios_for_validation():
            scenario = case.scenario
            expected = EXPECTED.get(scenario.real_outcome)
            code = RULESET_FOR.get(case.jurisdiction)
            if expected is None or code is None:
                continue
            ruleset = load_ruleset(code, slugs)
            evidence = scenario_evidence(
                {
                    "human_input": scenario.human_input,
                    "work_type": scenario.work_type,
                    "claimed_subject": scenario.claimed_subject,
                },
                tribunal=case.tribunal,
            )
            result = assess(evidence, ruleset, with_what_if=False)
            ok = result.verdict == expected
            agree += ok
            rows.append((case.slug, code, scenario.real_outcome, result.verdict, result.score, ok))
        width = max((len(r[0]) for r in rows), default=10)
        self.stdout.write(
            f"{'case':{width}}  rules  outcome   verdict                score  agreement"
        )
        for slug, code, outcome, verdict, score, ok in rows:
            self.stdout.write(
                f"{slug:{width}}  {code:5}  {outcome:8}  {verdict:22} {score:5}  {'yes' if ok else 'NO'}"
            )
        rate = agree / len(rows) if rows else 0.0
        self.stdout.write(f"agreement: {agree}/{len(rows)} = {rate:.0%}")
        if not rows:
            self.stderr.write("No decided case with a scenario is published: run load_caselaw.")
            raise SystemExit(1)
        if agree != len(rows):
            raise SystemExit(1)
