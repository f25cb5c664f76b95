"""The readable report `winloss code` prints without --json."""

from __future__ import annotations

import textwrap

from winloss.analysis.coder import CodedInterview


def render_text(coded: CodedInterview) -> str:
    lines = [f"Format: {coded.format}", ""]
    for turn in coded.turns:
        when = f" [{int(turn.start // 60)}:{int(turn.start % 60):02d}]" if turn.start is not None else ""
        lines.append(f"#{turn.index} {turn.speaker} ({turn.role}){when}")
        lines.extend(textwrap.wrap(turn.text, 100, initial_indent="    ", subsequent_indent="    "))
        for code in turn.codes:
            lines.append(f"    -> {code.theme} {code.polarity} about {code.vendor or 'no vendor'} "
                         f"({code.confidence:.2f}): \"{_short(code.excerpt)}\"")
        lines.append("")
    lines.append("Primary reasons: " + (", ".join(coded.primary_reasons) or "none found"))
    lines.append("Competitors: " + (", ".join(f"{c['name']} ({c['mentions']})" for c in coded.competitors)
                                    or "none mentioned"))
    lines.append("Quotes:")
    lines.extend(f"  [{q.theme}, turn {q.turn}] {q.redacted}" for q in coded.quotes)
    return "\n".join(lines)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
