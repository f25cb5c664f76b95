"""The `winloss` command: every job a script would want, each a thin call into the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

EXIT_BAD_INPUT = 2


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "winloss.settings")
    import django

    django.setup()


def _migrate(verbosity: int = 0) -> None:
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=verbosity)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="winloss")
def main() -> None:
    """Winloss: win/loss analysis of your closed deals, from what buyers say."""


@main.command()
@click.option("--verbose", is_flag=True, help="List each migration as it is applied.")
def migrate(verbose: bool) -> None:
    """Create or upgrade the database tables."""
    _django()
    _migrate(verbosity=1 if verbose else 0)
    click.echo("Database is up to date.")


@main.command("createuser")
@click.argument("username")
@click.option("--role", required=True,
              type=click.Choice(["owner", "analyst", "interviewer", "external_interviewer", "stakeholder"]))
@click.option("--email", default="")
@click.option("--organisation", default="", help="Partner firm of an external interviewer.")
@click.password_option(help="Asked for when not given.")
def createuser(username: str, role: str, email: str, organisation: str, password: str) -> None:
    """Create a user (or change an existing user's role and password)."""
    _django()
    from winloss.accounts.models import set_up_user

    user, created = set_up_user(username, role, password=password, email=email, organisation=organisation)
    click.echo(f"{'Created' if created else 'Updated'} {user.username} as {role}.")


@main.command("import-deals")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", type=click.Choice(["salesforce", "hubspot", "pipedrive", "csv"]),
              help="CRM the file came from (detected when not given).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML column mapping for --source csv (see docs/importing.md).")
@click.option("--date-format", default="auto", show_default=True,
              help="auto, dmy, mdy, ymd, or a strftime pattern such as %d.%m.%Y.")
@click.option("--decimal-mark", type=click.Choice(["auto", ".", ","]), default="auto", show_default=True,
              help="How amounts separate decimals: '.' for 1,234.56, ',' for 1.234,56.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the counts.")
def import_deals(path: Path, source: str | None, mapping: Path | None, date_format: str, decimal_mark: str,
                 dry_run: bool, as_json: bool) -> None:
    """Import closed (and open) deals from a CRM export file."""
    _django()
    from winloss.core.crm import ImportFileError
    from winloss.deals.importing import import_deals_file

    show = not as_json and sys.stderr.isatty()
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not show:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="Writing deals", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        counts = import_deals_file(path, source=source, mapping_path=mapping, date_format=date_format,
                                   decimal_mark=decimal_mark, dry_run=dry_run, progress=progress)
    except ImportFileError as error:
        if as_json:
            click.echo(json.dumps({"error": error.as_dict()}))
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if as_json:
        click.echo(json.dumps(counts))
        return
    verb = "Would import" if dry_run else "Imported"
    click.echo(f"{verb} {sum(counts[k] for k in ('won', 'lost', 'no_decision', 'open'))} deals from {path.name}: "
               f"{counts['created']} new, {counts['updated']} updated, {counts['unchanged']} unchanged.")
    click.echo(f"Outcomes: {counts['won']} won, {counts['lost']} lost, {counts['no_decision']} no decision, "
               f"{counts['open']} open.")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--program", "program_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Program TOML: company, aliases and competitors (see docs/coding.md).")
@click.option("--format", "format_name", help="Transcript format, when detection is not wanted.")
@click.option("--interviewer", help="The interviewer's name as the transcript writes it.")
@click.option("--outcome", type=click.Choice(["won", "lost", "no_decision"]),
              help="How the deal ended, when known: it informs polarity and primary reasons.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def code(path: Path, program_path: Path | None, format_name: str | None, interviewer: str | None,
         outcome: str | None, as_json: bool) -> None:
    """Code a buyer interview transcript offline: themes, reasons, competitors, quotes."""
    from winloss.analysis import Coder, Program, TranscriptError, load_program, read_transcript
    from winloss.analysis.program import ProgramError

    try:
        program = load_program(program_path) if program_path else Program()
        transcript = read_transcript(path, format=format_name)
    except (TranscriptError, ProgramError) as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    coded = Coder(program).code(transcript, interviewer=interviewer, outcome=outcome)
    if as_json:
        click.echo(json.dumps(coded.as_dict(), ensure_ascii=False))
    else:
        from winloss.analysis.report import render_text

        click.echo(render_text(coded))


@main.command("eval")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_command(path: Path, as_json: bool) -> None:
    """Score the coding engine on labelled cases (a case folder, or a folder of them)."""
    from winloss.analysis.evaluate import evaluate

    total, per_case = evaluate(path)
    if as_json:
        click.echo(json.dumps({"total": total, "cases": dict(per_case)}))
        return
    for name, figures in per_case:
        click.echo(f"{name:40} themes F1 {figures['theme_micro_f1']:.2f}  vendor {figures['vendor']:.2f}  "
                   f"polarity {figures['polarity']:.2f}  reason {figures['first_reason_in_top3']:.0f}  "
                   f"roles {figures['roles']:.2f}  leaks {figures['name_leaks']}")
    click.echo("")
    for key, value in total.items():
        click.echo(f"{key:22} {value:.3f}" if isinstance(value, float) else f"{key:22} {value}")


@main.command()
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of labelled statements (*.jsonl) and labelled interviews (interviews/*/); "
                   "the shipped corpus by default.")
@click.option("--extra", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="More labelled statements, e.g. analysts' corrections (JSON lines). Repeatable.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the classifier (the shipped model file by default; with --corrections, the "
                   "model the web app codes with, under WINLOSS_DATA_DIR).")
@click.option("--corrections", is_flag=True,
              help="Also learn from the analysts' corrections: every statement of the interviews reviewed in the "
                   "database, with the codes that count after review.")
def train(corpus_dir: Path | None, extra: tuple[Path, ...], output: Path | None, corrections: bool) -> None:
    """Train the statement classifier from labelled statements."""
    from winloss.analysis.classify import DEFAULT_MODEL
    from winloss.analysis.train import CorpusError, corpus_files, corpus_interviews
    from winloss.analysis.train import train as train_classifier

    files = [*(corpus_files(corpus_dir) if corpus_dir else corpus_files()), *extra]
    interviews = corpus_interviews(corpus_dir / "interviews") if corpus_dir else corpus_interviews()
    try:
        if corrections:
            _django()
            from winloss.interviews.corrections import retrain, trained_model_path

            output = output or trained_model_path()
            classifier = retrain(corpus_dir, extra, output)
        else:
            classifier = train_classifier(files, interviews=interviews)
            classifier.save(output or DEFAULT_MODEL)
    except CorpusError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"Trained on {classifier.info['statements']} statements from {len(files) + corrections} files and "
               f"{len(interviews)} labelled interviews; saved {output or DEFAULT_MODEL}.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-worker", is_flag=True, help="Do not start a background worker beside the web server.")
def serve(host: str, port: int, no_worker: bool) -> None:
    """Serve the web app (and a background worker) until interrupted."""
    _django()
    _migrate()
    _serve(host, port, worker=not no_worker)


@main.command()
@click.option("--no-serve", is_flag=True, help="Only set up the demo; do not start the web server.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def demo(no_serve: bool, host: str, port: int) -> None:
    """Set up the demo program (idempotent) and serve it."""
    _django()
    _migrate()
    from winloss.demo.load import DEMO_PASSWORD, load_demo

    summary = load_demo()
    click.echo(f"Demo program ready: {summary}")
    click.echo(f"Log in as 'owner' (or analyst, interviewer, partner, stakeholder) with password '{DEMO_PASSWORD}'.")
    if not no_serve:
        _serve(host, port, worker=True)


@main.command()
@click.option("--max-tasks", type=int, default=None, help="Stop after running this many tasks.")
@click.option("--batch", is_flag=True, help="Run the tasks that are waiting, then stop.")
def worker(max_tasks: int | None, batch: bool) -> None:
    """Run background tasks (imports, coding). Start several to work in parallel on PostgreSQL."""
    _django()
    from django.core.management import call_command

    options: dict[str, object] = {"no_startup_delay": True}
    if max_tasks is not None:
        options["max_tasks"] = max_tasks
    if batch:
        options["batch"] = True
    call_command("db_worker", **options)


@main.group()
def program() -> None:
    """Run the interview program: its scheduled work and its health."""


@program.command()
@click.option("--quarter", help="Quarter like 2026Q3 (the current one by default).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every figure.")
def status(quarter: str | None, as_json: bool) -> None:
    """Show the program's health for a quarter: interviews against target, coverage, response, timing, load."""
    _django()
    from django.utils import timezone

    from winloss.core.quarters import QuarterError, quarter_of
    from winloss.program.health import quarter_health
    from winloss.stats.program import health_text

    try:
        health = quarter_health(quarter or quarter_of(timezone.localdate()))
    except QuarterError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(json.dumps(health.as_dict()) if as_json else health_text(health))


@program.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with what each job did.")
def tick(as_json: bool) -> None:
    """Do the program's scheduled work once: reminders, unanswered invitations, reps' forms, the monthly digest
    (run it hourly).
    Exits 1 when a job or an item in one failed, after saying what."""
    _django()
    from winloss.program.tick import run

    result = run()
    if as_json:
        click.echo(json.dumps(result.as_dict()))
    else:
        for name, count in result.done.items():
            click.echo(f"{name}: {count}")
    for failure in result.failures:
        click.echo(f"Failed: {failure}", err=True)
    if result.failures:
        sys.exit(1)


@main.command()
@click.option("--audience", required=True, type=click.Choice(["exec", "sales", "marketing", "product", "cs"]),
              help="Who the report is for.")
@click.option("--period", required=True, help="Quarter like 2026Q3.")
@click.option("--format", "format_name", required=True, type=click.Choice(["html", "pdf", "pptx", "md"]))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="File to write.")
def report(audience: str, period: str, format_name: str, output: Path) -> None:
    """Write the report for an audience and a quarter as a web page, PDF, PowerPoint or Markdown file.
    Quotes are always redacted."""
    _django()
    from winloss.reports.build import ReportError, build_report
    from winloss.reports.render import RENDERERS

    try:
        document = build_report(audience, period)
    except ReportError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    output.write_bytes(RENDERERS[format_name].render(document))
    click.echo(f"Wrote {document.title} to {output}.")


@main.group()
def actions() -> None:
    """Actions taken because of what buyers said, and their impact."""


@actions.command("list")
@click.option("--team", help="Only this team's actions (its id, e.g. product).")
@click.option("--status", type=click.Choice(["proposed", "accepted", "in_progress", "done", "dropped"]),
              help="Only actions with this status.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object per action.")
def actions_list(team: str | None, status: str | None, as_json: bool) -> None:
    """List actions with their team, owner, status and due date; overdue ones are marked."""
    _django()
    from django.utils import timezone

    from winloss.actions.models import Action
    from winloss.actions.rows import row

    found = Action.objects.select_related("owner", "created_by").prefetch_related("competitors", "quotes",
                                                                                     "findings")
    if team:
        found = found.filter(team=team)
    if status:
        found = found.filter(status=status)
    rows = [row(action, timezone.localdate()) for action in found]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        late = "  OVERDUE" if r["overdue"] else ""
        click.echo(f"{r['id']:>5}  {r['status']:<11}  {r['team']:<18}  due {r['due_date']}  "
                   f"{r['owner'] or '-':<16}  {r['title']}{late}")


@actions.command("impact")
@click.argument("action_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def actions_impact(action_id: int, as_json: bool) -> None:
    """The before/after of a done action: each linked measure with its n and 95% interval.
    Exits 2 for an unknown action."""
    _django()
    from django.utils import timezone

    from winloss.actions.impact import impact_lines, summary
    from winloss.actions.models import Action

    action = Action.objects.filter(pk=action_id).first()
    if action is None:
        click.echo(f"Error: no action {action_id}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    data = summary(action, timezone.localdate())
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo("\n".join(impact_lines(data)))


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (for example: winloss manage changepassword owner)."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["winloss manage", *args])


def _serve(host: str, port: int, *, worker: bool) -> None:
    import subprocess

    from waitress import serve as waitress_serve

    from winloss.wsgi import application

    child = None
    if worker:
        child = subprocess.Popen([sys.executable, "-m", "winloss", "worker"])
    click.echo(f"Winloss is running at http://{host}:{port}/  (Ctrl+C to stop)")
    try:
        waitress_serve(application, host=host, port=port, threads=8, _quiet=True)
    finally:
        if child is not None:
            child.terminate()
            child.wait(timeout=10)
