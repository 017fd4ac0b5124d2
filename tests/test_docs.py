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


def _layers_section() -> str:
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return document[document.index("## Layers"):document.index("## A request's path")]


def _named(name: str, section: str) -> bool:
    words = set(section.replace("·", " ").replace("`", " ").replace(",", " ").split())
    return name in words or f"{name}/" in words or any(
        w.endswith("*") and name.startswith(w.rstrip("*")) for w in words)


def test_every_service_module_is_named_in_the_layers():
    section = _layers_section()
    services = ROOT / "app" / "services"
    names = [p.stem for p in services.glob("*.py") if p.stem != "__init__"]
    names += [p.name for p in services.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    missing = sorted(n for n in names if not _named(n, section))
    assert not missing, f"docs/architecture.md, Layers: add {missing}"
