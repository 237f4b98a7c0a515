"""First run: start a real notebook, or explore the sample district in its own file."""

from PySide6.QtWidgets import QCheckBox, QDialog, QFrame, QPushButton, QVBoxLayout

from app.views.common.style import set_role
from app.views.common.widgets import heading, muted

START_NOTEBOOK, EXPLORE_SAMPLE = "start", "sample"


class WelcomeDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.choice: str | None = None
        # Ticked: the controller asks for a passphrase and creates the notebook encrypted.
        self.protect = False
        self.setWindowTitle("Welcome to Coachbook")
        self.setMinimumWidth(520)
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addWidget(heading("Welcome to Coachbook", 10))
        layout.addWidget(
            muted(
                "Your coaching cycles, classroom observations and edtech pilots in one "
                "notebook on this laptop. It works without Wi-Fi, stores no student names, "
                "and never leaves this computer unless you export it."
            )
        )
        layout.addSpacing(8)
        self.protect_box = QCheckBox("Protect my notebook with a passphrase")
        self.protect_box.setAccessibleName("Protect my notebook with a passphrase")
        layout.addWidget(self.protect_box)
        layout.addWidget(
            muted(
                "Recommended on a laptop you carry: the notebook and its backups are "
                "encrypted, and nobody can read them without the passphrase, if the laptop "
                "is lost. A forgotten passphrase can't be recovered."
            )
        )
        self.start_button = QPushButton("Start my notebook")
        set_role(self.start_button, "primary")
        self.start_button.setMinimumHeight(44)
        self.start_button.setDefault(True)
        self.start_button.setAccessibleName("Start my notebook")
        layout.addWidget(self.start_button)
        layout.addWidget(
            muted("An empty notebook for your real work. Add or import your teachers first.")
        )
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.sample_button = QPushButton("Explore a sample district")
        self.sample_button.setMinimumHeight(44)
        self.sample_button.setAccessibleName("Explore a sample district")
        layout.addWidget(self.sample_button)
        layout.addWidget(
            muted(
                "A made-up district with teachers, cycles, observations and pilots, kept in "
                "a separate file so it never mixes with your real notebook. Switch back any "
                "time from the File menu."
            )
        )

    def _connect_signals(self) -> None:
        self.start_button.clicked.connect(lambda: self._choose(START_NOTEBOOK))
        self.sample_button.clicked.connect(lambda: self._choose(EXPLORE_SAMPLE))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.protect = choice == START_NOTEBOOK and self.protect_box.isChecked()
        self.accept()
