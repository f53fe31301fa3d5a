"""Background analysis workers run below the window's CPU priority."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cablereader.core.analysis.parallel import BACKGROUND_NICENESS, _lower_priority

pytestmark = pytest.mark.skipif(
    not hasattr(os, "setpriority"), reason="no process priorities on this system"
)


def test_workers_get_the_background_priority_and_never_a_higher_one() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _lower_priority([child.pid, None])
        assert os.getpriority(os.PRIO_PROCESS, child.pid) == BACKGROUND_NICENESS
        os.setpriority(os.PRIO_PROCESS, child.pid, 19)
        _lower_priority([child.pid])  # already lower: left as it is
        assert os.getpriority(os.PRIO_PROCESS, child.pid) == 19
    finally:
        child.kill()
        child.wait()
    _lower_priority([child.pid])  # gone: no error
