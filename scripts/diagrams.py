"""Generate the Mermaid state diagrams of docs/architecture.md from the workflow tables.

    .venv/bin/python scripts/diagrams.py           # rewrite the diagram blocks in place
    .venv/bin/python scripts/diagrams.py --check   # exit 1 when the document is stale
    .venv/bin/python scripts/diagrams.py --print   # print the diagrams only

Each diagram is drawn by `transitions` (``Workflow.mermaid()``, GraphMachine with
the mermaid engine) from the module's ``TRANSITIONS`` table and placed between
``<!-- diagram:<name> -->`` and ``<!-- /diagram -->`` in the document.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workflows.complaint import ComplaintWorkflow  # noqa: E402
from workflows.information_request import InformationRequestWorkflow  # noqa: E402

DOCUMENT = ROOT / "docs" / "architecture.md"
WORKFLOWS = {"information_request": InformationRequestWorkflow, "complaint": ComplaintWorkflow}
BLOCK = re.compile(r"(<!-- diagram:(?P<name>\w+) -->\n)(?P<body>.*?)(<!-- /diagram -->)", re.S)


def diagram(name: str) -> str:
    """The fenced Mermaid block for workflow ``name``.

    The front matter that `transitions` writes (``---`` / bare title / ``---``) is
    made valid YAML (``title: …``); the rest is its output unchanged.
    """
    workflow = WORKFLOWS[name]
    text = workflow.mermaid().replace(f"---\n{workflow.__name__}\n---", f"---\ntitle: {workflow.__name__}\n---", 1)
    return "```mermaid\n" + text.rstrip() + "\n```\n"


def render(document: str) -> str:
    """``document`` with every diagram block replaced by the freshly generated one.

    Raises:
        KeyError: a block names an unknown workflow.
    """
    return BLOCK.sub(lambda m: m.group(1) + diagram(m.group("name")) + m.group(4), document)


def main(argv: list[str]) -> int:
    if "--print" in argv:
        for name in WORKFLOWS:
            print(f"<!-- diagram:{name} -->\n{diagram(name)}<!-- /diagram -->")
        return 0
    current = DOCUMENT.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in argv:
        if fresh != current:
            print(f"{DOCUMENT.relative_to(ROOT)} is stale: run scripts/diagrams.py", file=sys.stderr)
            return 1
        return 0
    if fresh != current:
        DOCUMENT.write_text(fresh, encoding="utf-8")
        print(f"updated {DOCUMENT.relative_to(ROOT)}")
    else:
        print(f"{DOCUMENT.relative_to(ROOT)} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
