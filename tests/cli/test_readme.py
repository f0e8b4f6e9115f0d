# SPDX-License-Identifier: EUPL-1.2
"""Every command line of the README runs as written.

The fenced sh blocks of README.md are read, continuation lines joined, and
each line run by bash with the built program first on PATH, from a directory
that stands for the repository root: every entry of the root is linked into
it, and `build` links to the build tree, so that what the lines write
(report/, tornado.svg, distribution.json) goes there and not into the
source tree.  A line must exit 0.

Left out, each for its reason:
- ./scripts/main and ./scripts/test install Debian packages as root and
  build everything: they are what runs this test.
- the Install block (meson setup --prefix, meson install, R CMD INSTALL)
  writes into a prefix: tests/install/check-install.py does that.
- the Benchmarks block makes a release build and times it for minutes:
  bench/run.py is its own job.
- the pip block (a venv, pip install ., the version from its metadata):
  tests/python/pip_install_check.py runs those very steps, from a copy of
  the tree, because meson-python writes into the tree it builds.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest

from cliutil import SOURCE_ROOT, program

# A line that starts with one of these is not run (see above).
LEFT_OUT = ("./scripts/main", "./scripts/test", "meson setup", "meson install",
            "PKG_CONFIG_PATH=", "/usr/bin/python3 bench/run.py",
            "/usr/bin/python3 -m venv", "venv/bin/")


def command_lines():
    """The command lines of the README's sh blocks, continuations joined."""
    text = (SOURCE_ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M):
        joined = block.replace("\\\n", " ")
        for line in joined.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                lines.append(line.strip())
    return lines


def test_the_readme_has_command_lines():
    lines = command_lines()
    # the lines this test exists for
    assert any(line.startswith("opvang distribute --total 96000 --ses examples/data/") for line in lines)
    assert any(line.startswith("build/cli/opvang report") for line in lines)
    # nothing names a file that is not shipped: every examples/ path exists
    for line in lines:
        for path in re.findall(r"examples/\S+", line):
            assert (SOURCE_ROOT / path).exists(), f"{line}: {path} is not in the repository"


@pytest.mark.parametrize("line", [x for x in command_lines() if not x.startswith(LEFT_OUT)])
def test_a_readme_line_runs_as_written(line, tmp_path):
    for entry in SOURCE_ROOT.iterdir():
        if entry.name not in ("build", ".git"):
            (tmp_path / entry.name).symlink_to(entry)
    cli_dir = Path(program()).resolve().parent
    (tmp_path / "build").symlink_to(cli_dir.parent)
    env = dict(os.environ, PATH=f"{cli_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", line], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600,
                            check=False)
    assert result.returncode == 0, f"{line}\n{result.stderr.decode(errors='replace')}"
