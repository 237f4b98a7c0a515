"""What goes into the desktop build, shared by coachbook.spec, build.py and their tests."""

import ast
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Coachbook"  # the executable, the build folder and the macOS bundle
BUNDLE_ID = "org.coachbook.Coachbook"
DESCRIPTION = "An offline notebook for instructional technology coaches"
ICON_DIR = ROOT / "resources" / "icons"
WINDOWS_ICON = ICON_DIR / "coachbook.ico"
MAC_ICON = ICON_DIR / "coachbook.icns"
MIGRATIONS = ROOT / "app" / "migrations"
# The README's screenshots are not read by the app.
RESOURCES_LEFT_OUT = {"screenshots"}


def app_version() -> str:
    """`__version__` from app/__init__.py, read without importing the app."""
    source = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__version__" for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise ValueError("app/__init__.py sets no __version__")


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """'1.2.3' -> (1, 2, 3, 0), as Windows wants; a suffix such as 'rc1' or '.dev2' is dropped."""
    numbers: list[int] = []
    for part in version.split(".")[:4]:
        digits = re.match(r"\d+", part)
        if digits is None:
            break
        numbers.append(int(digits.group()))
        if digits.group() != part:
            break
    padded = (*numbers, 0, 0, 0, 0)
    return padded[0], padded[1], padded[2], padded[3]


def _files_under(folder: Path, suffixes: set[str] | None = None) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not path.name.startswith(".")
        and (suffixes is None or path.suffix in suffixes)
    )


def data_files() -> list[tuple[str, str]]:
    """PyInstaller `datas`: (file, folder in the build), laid out as in the source tree.

    The app finds resources/ and app/migrations/ from its modules' `__file__`, which in
    the build sits under the same root as these folders.
    """
    chosen = [
        path
        for path in _files_under(ROOT / "resources")
        if path.relative_to(ROOT / "resources").parts[0] not in RESOURCES_LEFT_OUT
    ]
    # The same files as the wheel's package data: Alembic reads them as files, not modules.
    chosen += _files_under(MIGRATIONS, {".py", ".mako"})
    return [(str(path), path.parent.relative_to(ROOT).as_posix()) for path in chosen]


# Loaded only when a protected notebook is opened: named so the build always carries
# SQLCipher (its extension module holds SQLCipher and OpenSSL).
SQLCIPHER_IMPORTS = ("sqlcipher3", "sqlcipher3.dbapi2", "sqlcipher3._sqlite3")


def hidden_imports() -> list[str]:
    """What PyInstaller cannot see: the migrations' imports, and SQLCipher."""
    return sorted({*migration_imports(), *SQLCIPHER_IMPORTS})


def migration_imports() -> list[str]:
    """Modules the migration scripts import: PyInstaller cannot see them in data files."""
    names: set[str] = set()
    for script in _files_under(MIGRATIONS, {".py"}):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                # `from alembic import op` imports a module, `from sqlmodel import SQLModel` not.
                names.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if _is_module(f"{node.module}.{alias.name}")
                )
    return sorted(names)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # the parent is a module, not a package
        return False


def info_plist(version: str) -> dict[str, object]:
    """The macOS bundle's Info.plist entries beyond those PyInstaller writes."""
    return {
        "CFBundleDisplayName": APP_NAME,
        "CFBundleName": APP_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSApplicationCategoryType": "public.app-category.education",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow the system's dark mode
        "NSHumanReadableCopyright": "MIT licence",
    }


def windows_version_info(version: str):
    """The Windows version resource (Properties ▸ Details). Imports PyInstaller's Windows
    helpers, which need `pefile`: PyInstaller installs it only on Windows."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_numbers(version)
    strings = {
        "CompanyName": APP_NAME,
        "FileDescription": APP_NAME,
        "FileVersion": version,
        "InternalName": APP_NAME,
        "LegalCopyright": "MIT licence",
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
        "Comments": DESCRIPTION,
    }
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            # 0409 04B0: US English, Unicode.
            StringFileInfo(
                [StringTable("040904B0", [StringStruct(k, v) for k, v in strings.items()])]
            ),
            VarFileInfo([VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
