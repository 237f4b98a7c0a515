"""The desktop build's inputs agree: spec, data files, version metadata and the .desktop file."""

import configparser
import plistlib
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

import app

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def test_desktop_file_names_the_executable_and_an_installed_icon(build_info):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "coachbook.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == build_info.APP_NAME
    assert entry["Exec"].split()[0] == build_info.APP_NAME
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Education" in entry["Categories"].split(";")
    # Qt names the window's class after the application name, which the app sets to this.
    assert entry["StartupWMClass"] == build_info.APP_NAME
    icon = entry["Icon"]
    assert (build_info.ICON_DIR / f"{icon}.svg").is_file()
    assert (build_info.ICON_DIR / f"{icon}-256.png").is_file()


def test_data_files_carry_resources_and_migrations_but_no_clutter(build_info):
    files = build_info.data_files()
    targets = {f"{folder}/{Path(source).name}" for source, folder in files}
    assert all(Path(source).is_file() for source, _ in files)
    assert {
        "resources/style.qss",
        "resources/icons/coachbook.svg",
        "app/migrations/env.py",
        "app/migrations/script.py.mako",
    } <= targets
    assert any(t.startswith("resources/fonts/") and t.endswith(".ttf") for t in targets)
    versions = {
        f"app/migrations/versions/{p.name}" for p in build_info.MIGRATIONS.glob("versions/*.py")
    }
    assert versions and versions <= targets
    assert not any("__pycache__" in t or t.startswith("resources/screenshots/") for t in targets)


def test_migration_imports_are_modules_for_pyinstaller(build_info):
    names = build_info.migration_imports()
    assert {"alembic.op", "alembic.context", "sqlalchemy", "sqlmodel", "app.models"} <= set(names)
    assert "sqlmodel.SQLModel" not in names  # a class, not a module


def test_one_version_everywhere(build_info):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == app.__version__ == build_info.app_version()


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2.10", (2, 10, 0, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
        ("1.3.0rc1", (1, 3, 0, 0)),
        ("1.0.dev2", (1, 0, 0, 0)),
    ],
)
def test_windows_version_numbers(build_info, version, numbers):
    assert build_info.version_numbers(version) == numbers


def test_info_plist_is_writable(build_info):
    plist = plistlib.loads(plistlib.dumps(build_info.info_plist("1.2.3")))
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert plist["NSHighResolutionCapable"] is True


def run_spec(build_info, monkeypatch, platform: str, binaries: list[tuple[str, str, str]]):
    """Evaluate coachbook.spec with stand-ins for PyInstaller's build classes."""
    made: dict[str, object] = {}

    def recorder(kind):
        def make(*args, **kwargs):
            made[kind] = SimpleNamespace(args=args, **kwargs)
            return made[kind]

        return make

    def analysis(scripts, **options):
        # What Analysis finds: the binaries given here, and no data files.
        made["Analysis"] = SimpleNamespace(
            scripts=scripts, options=options, pure=[], binaries=list(binaries), datas=[]
        )
        return made["Analysis"]

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(build_info, "windows_version_info", lambda version: ("version", version))
    spec = PACKAGING / "coachbook.spec"
    namespace = {"SPECPATH": str(PACKAGING), "Analysis": analysis}
    namespace.update({kind: recorder(kind) for kind in ("PYZ", "EXE", "COLLECT", "BUNDLE")})
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    return made


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_builds_coachbook_with_its_icon_and_version(build_info, monkeypatch, platform):
    made = run_spec(build_info, monkeypatch, platform, [])
    analysis, exe = made["Analysis"], made["EXE"]
    assert Path(analysis.scripts[0]).is_file()
    assert analysis.options["datas"] == build_info.data_files()
    hidden = analysis.options["hiddenimports"]
    assert set(build_info.migration_imports()) <= set(hidden)
    assert {"sqlcipher3.dbapi2", "sqlcipher3._sqlite3"} <= set(hidden)  # protected notebooks
    assert exe.name == made["COLLECT"].name == build_info.APP_NAME
    assert exe.console is (platform == "linux")
    if platform == "linux":
        assert exe.icon is None and "BUNDLE" not in made
    else:
        assert Path(exe.icon).is_file()
        assert Path(exe.icon).suffix == (".ico" if platform == "win32" else ".icns")
    if platform == "win32":
        assert exe.version == ("version", app.__version__)
    if platform == "darwin":
        bundle = made["BUNDLE"]
        assert bundle.name == "Coachbook.app" and bundle.bundle_identifier == build_info.BUNDLE_ID
        assert bundle.info_plist["CFBundleShortVersionString"] == app.__version__


def test_spec_leaves_out_translations_embedded_platforms_and_networking(build_info, monkeypatch):
    kept = ["PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/Qt/plugins/platforms/libqxcb.so"]
    kept += ["PySide6/Qt/plugins/platforms/libqwayland.so", "libcrypto.so.3"]
    dropped = ["PySide6/Qt/translations/qtbase_de.qm", "PySide6/Qt/plugins/generic/libqevdev.so"]
    dropped += ["PySide6/Qt/plugins/platforms/libqeglfs.so", "libQt6Network.so.6"]
    dropped += ["libgssapi_krb5.so.2", "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6"]
    entries = [(name, f"/src/{name}", "BINARY") for name in kept + dropped]
    made = run_spec(build_info, monkeypatch, "linux", entries)
    assert [name for name, _, _ in made["Analysis"].binaries] == kept


def test_launcher_runs_the_coachbook_command():
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "launcher.py"), "--version"],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"coachbook {app.__version__}"
