"""The Reports screen: pick a document and its subject, see its pages, then save it.

Building runs in the background job helper with a progress bar and Cancel, so the window
stays responsive through a long portfolio. Saving writes to a temporary file and renames it,
so an earlier file of the same name stays whole if anything goes wrong.
"""

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.reports.catalogue import BY_KEY, DOCUMENTS
from app.reports.writing import write_atomically
from app.services.profile import get_profile
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.jobs import Job, start_job
from app.views.common.list_screen import RefreshingScreen
from app.views.common.style import set_role
from app.views.common.widgets import heading, muted
from app.views.reports.documents import (
    PREVIEW_SCALE,
    Built,
    build_pdf,
    build_preview,
    csv_folder_in,
    export_csv,
    suggested_name,
)
from app.views.reports.subject import SubjectPicker

PDF_FILTER = "PDF documents (*.pdf)"
# Zoom steps, as a share of the page's size on paper (100%: an inch on paper, an inch here).
ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)


class ReportsScreen(TakesContext, RefreshingScreen):
    RELOAD_ON = ("teachers", "cycles", "observations", "pilots")

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context.events, parent)
        self._take_context(context)
        self._job: Job | None = None
        self.built: Built | None = None
        self._built_for = None
        self._page_images: list[QImage] = []
        self._zoom: float | None = None  # None: fit the width of the preview
        self._build_layout()
        self._connect_signals()
        self.documents.setCurrentRow(0)

    def _build_layout(self) -> None:
        self.documents = QListWidget()
        self.documents.setAccessibleName("Documents")
        for document in DOCUMENTS:
            item = QListWidgetItem(f"{document.title}\n{document.reader}")
            item.setData(Qt.ItemDataRole.UserRole, document.key)
            item.setToolTip(document.description)
            self.documents.addItem(item)
        self.documents.setSpacing(2)
        self.documents.setFixedHeight(5 * (2 * self.fontMetrics().height() + 14) + 8)
        self.description = muted("")
        self.subject = SubjectPicker(self._store, self._today)
        # Only as tall as its rows: the space below the buttons is the layout's stretch.
        self.subject.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.paper = muted("")
        self.include_private = QCheckBox("Include private notes")
        self.include_private.setAccessibleName("Include private notes in the CSV files")
        self.private_warning = QLabel(
            "Private notes will be in note.csv. Keep these files to yourself: never send "
            "them to a principal or the district."
        )
        self.private_warning.setWordWrap(True)
        set_role(self.private_warning, "error")
        self.private_warning.hide()
        # Issue 16: a protected notebook's exports are plain on purpose; say so.
        self.plain_note = muted(
            "Exports are not encrypted, even from a protected notebook: they are made to be "
            "shared. Keep them where they belong."
        )
        if not self._store.protected:
            self.plain_note.hide()
        self.preview_button = QPushButton("Preview")
        set_role(self.preview_button, "primary")
        self.save_button = QPushButton("Save PDF…")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress_text = muted("")
        self.cancel_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)

        left = QVBoxLayout()
        left.addWidget(heading("Reports"))
        left.addWidget(self.documents)
        left.addWidget(self.description)
        left.addSpacing(6)
        left.addWidget(self.subject)
        left.addWidget(self.paper)
        left.addWidget(self.include_private)
        left.addWidget(self.private_warning)
        left.addWidget(self.plain_note)
        left.addLayout(buttons)
        left.addLayout(working)
        left.addWidget(self.progress_text)
        left.addStretch()
        side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(320)

        self.pages_label = muted("Choose a document and press Preview to see its pages.")
        self.pages_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages_label.setWordWrap(True)
        self.pages_box = QVBoxLayout()
        self.pages_box.setSpacing(16)
        self.pages_box.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        pages_layout.addWidget(self.pages_label)
        pages_layout.addLayout(self.pages_box)
        pages_layout.addStretch()
        self.preview = QScrollArea()
        self.preview.setWidgetResizable(True)
        self.preview.setWidget(pages)
        self.preview.setAccessibleName("Preview of the pages")
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.viewport().installEventFilter(self)

        self.fit_button = QPushButton("Fit width")
        self.fit_button.setToolTip("Fit the pages to the width of the preview (Ctrl+0)")
        self.actual_button = QPushButton("100%")
        self.actual_button.setToolTip("The pages at their size on paper")
        self.actual_button.setAccessibleName("Zoom to 100%")
        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setToolTip("Zoom out (Ctrl+−)")
        self.zoom_out_button.setAccessibleName("Zoom out")
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setToolTip("Zoom in (Ctrl+=)")
        self.zoom_in_button.setAccessibleName("Zoom in")
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.sizeHint().height() + 8)
        self.zoom_text = muted("")
        self.zoom_text.setWordWrap(False)
        self.zoom_text.setAccessibleName("Zoom")
        self.zoom_text.setMinimumWidth(self.fontMetrics().horizontalAdvance("Fit width (100%)"))
        self.zoom_bar = QWidget()
        zoom_bar = QHBoxLayout(self.zoom_bar)
        zoom_bar.setContentsMargins(0, 0, 0, 0)
        zoom_bar.addStretch()
        for widget in (
            self.fit_button,
            self.actual_button,
            self.zoom_out_button,
            self.zoom_text,
            self.zoom_in_button,
        ):
            zoom_bar.addWidget(widget)
        self.zoom_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.zoom_bar)
        right.addWidget(self.preview, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(side)
        layout.addLayout(right, 1)
        self._set_working(False)
        self._show_zoom()

    def _connect_signals(self) -> None:
        self.documents.currentRowChanged.connect(lambda _r: self._on_document())
        self.subject.sig_changed.connect(self._on_subject_changed)
        self.preview_button.clicked.connect(self.make_preview)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        self.include_private.toggled.connect(self.private_warning.setVisible)
        self.fit_button.clicked.connect(self.fit_width)
        self.actual_button.clicked.connect(lambda: self.set_zoom(1.0))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        for keys, slot in (
            (("Ctrl+=", "Ctrl++"), self.zoom_in),
            (("Ctrl+-",), self.zoom_out),
            (("Ctrl+0",), self.fit_width),
        ):
            for key in keys:
                shortcut = QShortcut(
                    QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                )
                shortcut.activated.connect(slot)

    def reload(self) -> None:
        self.subject.reload()
        paper = "A4" if get_profile(self._store).paper_size == "a4" else "US Letter"
        self.paper.setText(f"Paper: {paper} (change it in Settings)")
        self._stale = False

    # Choosing ----------------------------------------------------------------------------

    def document_key(self) -> str:
        item = self.documents.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else DOCUMENTS[0].key

    def open_report(self, key: str, subject_id=None) -> None:
        """Show one document with its subject chosen, as another screen asks for it."""
        if self._stale:
            self.reload()
        keys = [d.key for d in DOCUMENTS]
        self.documents.setCurrentRow(keys.index(key))
        if subject_id is not None:
            self.subject.choose(key, subject_id)

    def _on_document(self) -> None:
        key = self.document_key()
        document = BY_KEY[key]
        self.description.setText(document.description)
        self.subject.show_document(key)
        is_pdf = document.is_pdf
        self.paper.setVisible(is_pdf)  # CSV files have no paper size
        self.include_private.setVisible(not is_pdf)
        self.private_warning.setVisible(not is_pdf and self.include_private.isChecked())
        self.preview_button.setVisible(is_pdf)
        self.zoom_bar.setVisible(is_pdf)
        self.save_button.setText("Save PDF…" if is_pdf else "Export CSV files…")
        self._on_subject_changed()

    def _on_subject_changed(self) -> None:
        ready = self.subject.subject(self.document_key()) is not None
        self.preview_button.setEnabled(ready and self._job is None)
        self.save_button.setEnabled(ready and self._job is None)
        if self._built_for != (self.document_key(), self.subject.subject(self.document_key())):
            self._clear_pages(
                "Press Preview to see the pages of this document."
                if BY_KEY[self.document_key()].is_pdf
                else "CSV files have no pages to preview: Export CSV files… writes one file "
                "per table into the folder you choose."
            )

    # Building ----------------------------------------------------------------------------

    def make_preview(self) -> None:
        key = self.document_key()
        subject = self.subject.subject(key)
        if subject is None or not BY_KEY[key].is_pdf:
            return
        store, today = self._store, self._today()
        self._run(
            lambda state: build_preview(store, key, subject, today, state),
            lambda built: self._show_pages(key, subject, built),
        )

    def save(self) -> None:
        key = self.document_key()
        subject = self.subject.subject(key)
        if subject is None:
            return
        if not BY_KEY[key].is_pdf:
            self._export_csv()
            return
        label = self.subject.subject_label(key)
        path = dialogs.ask_save_path(
            self, "Save the report", suggested_name(key, label, self._today()), PDF_FILTER
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if self.built is not None and self._built_for == (key, subject):
            pdf = self.built.pdf  # what the preview shows is what is saved
            self._run(
                lambda _state: write_atomically(path, lambda out: out.write(pdf)),
                lambda _r: self._saved(path),
            )
            return
        store, today = self._store, self._today()
        self._run(
            lambda state: build_pdf(store, key, subject, today, state, out=path),
            lambda _pages: self._saved(path),
        )

    def _export_csv(self) -> None:
        chosen = dialogs.ask_folder(self, "Export every table as CSV into a folder")
        if chosen is None:
            return
        folder = csv_folder_in(chosen, self._today())
        store, today = self._store, self._today()
        include_private = self.include_private.isChecked()
        left_out = "" if include_private else " (private notes left out)"
        self._run(
            lambda state: export_csv(store, folder, state, today, include_private=include_private),
            lambda paths: self._events.sig_status_message.emit(
                f"Wrote {len(paths)} CSV files to {folder}{left_out}."
            ),
        )

    def _run(self, work, done) -> None:
        self._set_working(True)
        self._job = job = start_job(work, self)
        job.sig_progressed.connect(self._on_progress)
        job.sig_succeeded.connect(done)
        job.sig_failed.connect(self._on_failed)
        job.sig_cancelled.connect(
            lambda: self._events.sig_status_message.emit("Cancelled; nothing was written.")
        )
        job.sig_finished.connect(lambda: self._set_working(False))

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.progress_text.setText("Stopping…")

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.progress_text.setText(text)

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, CoachbookError | OSError):
            dialogs.show_error(self, "The document was not made", str(exc))
            return
        raise exc  # unexpected: the crash handler shows and logs it

    def _set_working(self, working: bool) -> None:
        if not working:
            self._job = None
        for widget in (self.progress, self.cancel_button, self.progress_text):
            widget.setVisible(working)
        if working:
            self.progress.setRange(0, 0)
            self.progress_text.setText("Starting…")
        self.documents.setEnabled(not working)
        self.subject.setEnabled(not working)
        if working:
            self.preview_button.setEnabled(False)
            self.save_button.setEnabled(False)
        else:
            self._on_subject_changed()

    def _saved(self, path: Path) -> None:
        self._events.sig_status_message.emit(f"Saved {path.name} in {path.parent}.")

    # The preview -------------------------------------------------------------------------

    def _clear_pages(self, message: str) -> None:
        self.built = None
        self._built_for = None
        self._page_images = []
        while self.pages_box.count():
            widget = self.pages_box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.pages_label.setText(message)
        self.pages_label.show()
        self._show_zoom()

    def _show_pages(self, key: str, subject, built: Built) -> None:
        self._clear_pages("")
        self.pages_label.hide()
        self.built, self._built_for = built, (key, subject)
        count = len(built.pages)
        for number, (width, height, stride, pixels) in enumerate(built.pages, start=1):
            image = QImage(pixels, width, height, stride, QImage.Format.Format_RGB888).copy()
            self._page_images.append(image)
            page = QLabel()
            page.setAccessibleName(f"Page {number} of {count}")
            page.setFrameShape(QFrame.Shape.Box)
            self.pages_box.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self._fit_pages()
        self._show_zoom()
        self.progress_text.setText("")
        self._events.sig_status_message.emit(
            f"{count} page{'s' if count != 1 else ''}: check them, then Save PDF…"
        )

    # Zoom --------------------------------------------------------------------------------

    def zoom(self) -> float:
        """The pages' size now, as a share of their size on paper."""
        if self._zoom is not None:
            return self._zoom
        if not self._page_images:
            return 1.0
        room = max(200, self.preview.viewport().width() - 40)
        return room / (self._page_images[0].width() * self._paper_pixels())

    def set_zoom(self, zoom: float | None) -> None:
        """A share of the size on paper, or None to fit the width of the preview."""
        self._zoom = None if zoom is None else min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._fit_pages()
        self._show_zoom()

    def fit_width(self) -> None:
        self.set_zoom(None)

    def zoom_in(self) -> None:
        current = self.zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > current + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        current = self.zoom()
        smaller = [z for z in ZOOM_STEPS if z < current - 0.01]
        self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def _paper_pixels(self) -> float:
        """Screen pixels per pixel of a drawn page at 100%: the screen's dots per point over
        the preview's drawing scale."""
        return self.logicalDpiX() / 72 / PREVIEW_SCALE

    def _show_zoom(self) -> None:
        shown = bool(self._page_images)
        percent = round(self.zoom() * 100)
        self.zoom_text.setText(
            (f"Fit width ({percent}%)" if self._zoom is None else f"{percent}%") if shown else ""
        )
        for widget in (
            self.fit_button,
            self.actual_button,
            self.zoom_in_button,
            self.zoom_out_button,
        ):
            widget.setEnabled(shown)
        self.fit_button.setEnabled(shown and self._zoom is not None)

    def _fit_pages(self) -> None:
        """Each page at the zoom chosen, or as wide as the preview."""
        scale = self.zoom() * self._paper_pixels() if self._page_images else 1.0
        for index, image in enumerate(self._page_images):
            item = self.pages_box.itemAt(index)
            if item is None or item.widget() is None:
                continue
            width = max(1, round(image.width() * scale))
            item.widget().setPixmap(
                QPixmap.fromImage(
                    image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                )
            )

    def eventFilter(self, watched, event) -> bool:
        if watched is self.preview.viewport() and event.type() == QEvent.Type.Resize:
            if self._zoom is None:
                self._fit_pages()
                self._show_zoom()
        elif (
            watched is self.preview.viewport()
            and event.type() == QEvent.Type.Wheel
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and self._page_images
        ):
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            return True
        return super().eventFilter(watched, event)

    def page_count(self) -> int:
        return self.pages_box.count()

    def _can_reload_now(self) -> bool:
        return self.isVisible() and self._job is None
