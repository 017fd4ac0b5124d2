"""docs/architecture.md shows the state diagrams the workflow tables produce now."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _diagrams():
    spec = importlib.util.spec_from_file_location("diagrams", ROOT / "scripts" / "diagrams.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_architecture_diagrams_match_the_workflow_tables():
    diagrams = _diagrams()
    document = diagrams.DOCUMENT.read_text(encoding="utf-8")
    for name in diagrams.WORKFLOWS:
        assert f"<!-- diagram:{name} -->\n```mermaid\n" in document
    assert diagrams.render(document) == document, "run .venv/bin/python scripts/diagrams.py"


def test_every_trigger_of_each_table_is_drawn():
    diagrams = _diagrams()
    for name, workflow in diagrams.WORKFLOWS.items():
        drawn = diagrams.diagram(name)
        assert all(trigger in drawn for trigger in workflow.triggers())
        assert all(f'state "{state.name}"' in drawn for state in workflow.State)
