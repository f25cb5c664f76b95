"""The docs name every CLI command and every setting, so they stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

from winloss.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_every_cli_command_is_documented():
    cli_doc = (ROOT / "docs" / "cli.md").read_text()
    for name, command in main.commands.items():
        assert f"`winloss {name}" in cli_doc, f"winloss {name} is missing from docs/cli.md"
        for sub in getattr(command, "commands", {}):
            assert f"`winloss {name} {sub}" in cli_doc, f"winloss {name} {sub} is missing from docs/cli.md"


def test_every_environment_variable_is_documented():
    code = "\n".join(p.read_text() for p in (ROOT / "winloss").rglob("*.py"))
    names = set(re.findall(r'env_\w+\("([A-Z_]+)"', code)) | set(re.findall(r'env_str\("([A-Z_]+)"', code))
    assert "WINLOSS_DATA_DIR" in names and "DATABASE_URL" in names
    config_doc = (ROOT / "docs" / "configuration.md").read_text()
    for name in names:
        assert f"`{name}`" in config_doc, f"{name} is missing from docs/configuration.md"


def test_the_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "scripts/demo" in readme and "scripts/test" in readme
    assert (ROOT / "scripts" / "demo").exists() and (ROOT / "scripts" / "test").exists()
