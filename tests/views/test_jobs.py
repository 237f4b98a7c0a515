"""The background job helper: results reach whoever connected, even from a quick job."""

import threading
import time

from PySide6.QtWidgets import QWidget

from app.views.common.jobs import start_job


def test_a_quick_job_still_delivers_to_handlers_connected_after_starting(qtbot):
    job = start_job(lambda _state: 42)
    time.sleep(0.2)  # a worker started at once would have finished and emitted by now
    results = []
    job.sig_succeeded.connect(results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=3000)


def test_closing_the_screen_cancels_its_job(qtbot):
    screen = QWidget()
    started, release = threading.Event(), threading.Event()

    def work(state):
        started.set()
        release.wait(3)
        state.progress(1, 1)  # raises Cancelled once the screen is gone

    job = start_job(work, screen)
    outcome = []
    job.sig_cancelled.connect(lambda: outcome.append("cancelled"))
    job.sig_succeeded.connect(lambda _r: outcome.append("succeeded"))
    qtbot.waitUntil(started.is_set, timeout=3000)
    screen.deleteLater()
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=3000)
