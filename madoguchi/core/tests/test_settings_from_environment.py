"""Settings come from the environment; an empty variable copied from .env.example means the default."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_empty_variables_from_env_example_fall_back_to_defaults(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "MADOGUCHI_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "ALLOWED_HOSTS": "",
        "SECRET_KEY": "",
    }
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], ','.join(s.ALLOWED_HOSTS), bool(s.SECRET_KEY),"
        " s.DATABASES['default']['NAME'])"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    engine, hosts, has_key, db_name = out.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert "127.0.0.1" in hosts.split(",")
    assert has_key == "True"
    assert Path(db_name) == tmp_path.resolve() / "madoguchi.sqlite3"
