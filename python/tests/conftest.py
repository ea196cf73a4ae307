"""Shared fixtures: one model for the whole run, and the repository's CLI.

`make check` sets COREF_LIB (the library under test) and COREF_CLI (the
coref binary of the same build); run by hand, they default to the
repository's build/ directory.
"""
import os
import subprocess

import pytest

import coref

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(REPO, "examples", "lavrov_scraped.txt")


@pytest.fixture(scope="session")
def model():
    with coref.Model() as m:
        yield m


@pytest.fixture(scope="session")
def cli():
    """Run the coref binary with the given arguments (and stdin bytes);
    return its stdout bytes. A binary named by COREF_CLI must exist."""
    path = os.environ.get("COREF_CLI") or os.path.join(REPO, "build", "coref")
    if not os.access(path, os.X_OK):
        if os.environ.get("COREF_CLI"):
            pytest.fail("COREF_CLI=%s is not an executable" % path)
        pytest.skip("no coref binary at %s (run make)" % path)

    def run(*args, stdin=None):
        done = subprocess.run([path, *args], input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, check=True, timeout=300)
        return done.stdout
    return run
