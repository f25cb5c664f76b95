"""Measure the guide-coverage threshold: how well an interviewer's question is matched to the guide's area.

Six interviews (the two ../shared/eval/examples and four of eval/dev) have their interviewer sentences that ask
something hand-labelled with the guide area they ask about, or "-" for none (greetings, "And Mabry?", "Did that
come up?"). For each threshold it prints:
- sentence level: of the questions matched to an area, the share matched to the right one (precision), and the
  share of on-guide questions matched to their area (recall);
- area level (coverage's rule: one question at CLOSE, or MIN_MATCHES at the threshold): areas found asked out
  of the areas the labels say were asked;
- missed areas: for each interview and area, drop the questions labelled with that area (the interviewer never
  asked it) and count how often the area is still reported asked.

Run from the checkout: .venv/bin/python bench/guide_coverage.py [path to eval/dev]
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

from winloss.analysis import read_transcript
from winloss.analysis.coverage import areas_asked, best_matches, guide_anchors
from winloss.analysis.guide import load_guide
from winloss.analysis.text import sentence_spans
from winloss.analysis.transcripts.roles import assign_roles

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT.parent / "shared" / "eval" / "examples"
DEV = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "dev"
ASKS = re.compile(r"\?|tell me|walk me|let.s talk|let me ask", re.IGNORECASE)
SHORT = {"process": "P", "perceptions": "R", "decision": "D", "contenders": "C", "commercials": "M"}
# One letter per sentence that asks something, in transcript order (P process, R perceptions of us, D decision,
# C contenders, M pricing/service/communication, - none of the guide's areas).
LABELS = {
    EXAMPLES / "ex1-brightpath-k12-lms": "--PPPD---CPRRCM-MCCRDM",
    EXAMPLES / "ex2-northstack-managed-it": "---PPC--C-DM-C-CDR---CMM",
    DEV / "01-ironbark-diecast-erp": "----PPPPR--C--D----C-C-MM-MMM---M-CR-PCM--",
    DEV / "05-tillpoint-rural-retail-pos": "---PPRPR---CMMMDR-R-C--M-MMMRC-M--",
    DEV / "10-claimwise-mutual-claims-incumbent": "---PPPCRRC--CC-DD--M-RMR-MCCD--M",
    DEV / "12-qualtrace-biologics-qms-lost": "-----PPPPR-C--CMM--C--M--R-MDRD-CCM-",
}


def labelled_matches() -> list[tuple[str, list[str], list, str]]:
    """(interview, sentences, their best matches, labels) for every labelled interview."""
    guide = load_guide()
    anchors = guide_anchors(guide)
    out = []
    for case, labels in LABELS.items():
        gold = json.loads((case / "gold.json").read_text())
        program = tomllib.loads((case / "program.toml").read_text())
        transcript = read_transcript(next(p for p in case.iterdir() if p.name.startswith("transcript")))
        roles = assign_roles(transcript, interviewer=gold["interviewer"])
        sentences = [t.text[s:e] for t in transcript.turns if roles.get(t.speaker) == "interviewer"
                     for s, e in sentence_spans(t.text)]
        asks = [s for s in sentences if ASKS.search(s)]
        assert len(asks) == len(labels), f"{case.name}: {len(asks)} sentences, {len(labels)} labels"
        names = [program["company"], *program.get("aliases", [])]
        out.append((case.name, asks, best_matches(asks, anchors, names), labels))
    return out


def main() -> None:
    cases = labelled_matches()
    rows = [(label, SHORT[area.id], score) for _, _, matches, labels in cases
            for label, (area, _, score) in zip(labels, matches, strict=True)]
    on_guide = sum(label != "-" for label, _, _ in rows)
    print(f"{len(rows)} labelled sentences in {len(cases)} interviews, {on_guide} asking about a guide area")
    print("threshold  matched  precision  recall | areas found asked | missed areas reported asked")
    for threshold in (0.35, 0.40, 0.45, 0.50, 0.55, 0.60):
        kept = [(label, area) for label, area, score in rows if score >= threshold]
        right = sum(label == area for label, area in kept)
        found = wrong = asked = 0
        for _, asks, matches, labels in cases:
            for area in set(labels) - {"-"}:
                asked += 1
                found += area in {SHORT[a] for a in areas_asked(asks, matches, threshold)}
                # The interviewer never asked about the area: drop its questions and look again.
                rest = [(q, m) for q, m, label in zip(asks, matches, labels, strict=True) if label != area]
                wrong += area in {SHORT[a] for a in areas_asked([q for q, _ in rest], [m for _, m in rest],
                                                                 threshold)}
        print(f"{threshold:9.2f}  {len(kept):7d}  {right / max(len(kept), 1):9.2f}  {right / on_guide:6.2f} | "
              f"{found:3d} / {asked:3d}         | {wrong:3d} / {asked}")


if __name__ == "__main__":
    main()
