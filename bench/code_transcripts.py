"""Benchmark: the coding engine's load time, time to code a 5,000-word transcript, peak memory, throughput.

Targets on a 2-core machine: model load under 2 s; a 5,000-word transcript coded in under 2 s after load;
peak memory under 600 MB. Run: .venv/bin/python bench/code_transcripts.py
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INTERVIEWS = ROOT / "winloss" / "demo" / "data" / "interviews"
PROGRAM = ROOT / "winloss" / "demo" / "data" / "program.toml"


def long_transcript(words: int = 5000) -> str:
    """A plain 'Name: words' transcript of about `words` words, made from the demo interviews."""
    from winloss.analysis import read_transcript

    lines, count = [], 0
    files = sorted(p for p in INTERVIEWS.iterdir() if p.suffix in {".vtt", ".srt", ".txt", ".json"})
    while count < words:
        for path in files:
            for turn in read_transcript(path).turns:
                lines.append(f"{turn.speaker}: {turn.text}")
                count += len(turn.text.split())
                if count >= words:
                    return "\n".join(lines)
    return "\n".join(lines)


def main() -> None:
    started = time.perf_counter()
    from winloss.analysis import Coder, load_program, read_transcript
    from winloss.analysis.transcripts import parse_transcript

    coder = Coder(load_program(PROGRAM))
    coder.embedder.embed(["warm up"])
    load = time.perf_counter() - started
    text = long_transcript()
    transcript = parse_transcript(text, filename="long.txt")
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        coder.code(transcript)
        runs.append(time.perf_counter() - t)
    batch = [read_transcript(p) for p in sorted(INTERVIEWS.iterdir()) if p.name != "manifest.toml"]
    t = time.perf_counter()
    for item in batch:
        coder.code(item)
    batch_time = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model load (import, files checked, first call): {load:.2f} s")
    print(f"5,000-word transcript ({len(text.split()):,} words, {len(transcript.turns)} turns): "
          f"best {min(runs):.2f} s, worst {max(runs):.2f} s")
    print(f"batch of {len(batch)} demo interviews: {batch_time:.2f} s, "
          f"{60 * len(batch) / batch_time:.0f} transcripts per minute")
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
