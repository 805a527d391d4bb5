"""The secrets check end to end: staged files through `tollgate scan --format json`.

Every case asserts the exact findings (path, line, rule, severity) of a file that holds one secret
and its look-alikes, so a look-alike that starts to fire fails the test as surely as a miss.
"""

from __future__ import annotations

import base64
import json
import random
from typing import Any

import pytest

from tests.conftest import Repo, fake_github_token, tollgate

Found = tuple[str, int, str, str]


def scan_json(repo: Repo, *args: str) -> tuple[int, list[dict[str, Any]]]:
    run = tollgate("scan", "--checks", "secrets", "--format", "json", *args, cwd=repo.path)
    assert run.code in (0, 1), run.err
    findings: list[dict[str, Any]] = json.loads(run.out)["findings"]
    return run.code, findings


def found(findings: list[dict[str, Any]]) -> list[Found]:
    return [(f["path"], f["line"], f["rule"], f["severity"]) for f in findings]


def password() -> str:
    # Mixed classes and no dictionary word: what a real password looks like to the detector.
    return "Zk7#" + "qLm2" + "Wx9v"


def other_password() -> str:
    return "Hn4$" + "wq8Z" + "x1Rt"


def jasypt() -> str:
    """Ciphertext as Jasypt stores an encrypted Spring property: base64 inside ENC(...)."""
    return base64.b64encode(random.Random(5).randbytes(24)).decode()


def pem_body(seed: int, size: int = 600) -> list[str]:
    """Base64 lines of a DER-shaped blob (0x30 0x82 ... encodes as `MII...`), 64 per line.

    Seeded, so the random body can never happen to contain another rule's token.
    """
    der = b"\x30\x82" + random.Random(seed).randbytes(size)
    encoded = base64.b64encode(der).decode()
    return [encoded[i : i + 64] for i in range(0, len(encoded), 64)]


def pem(label: str, seed: int) -> str:
    dashes = "-" * 5
    lines = [f"{dashes}BEGIN {label}{dashes}", *pem_body(seed), f"{dashes}END {label}{dashes}"]
    return "\n".join(lines) + "\n"


def aws_access_key_id() -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    rng = random.Random(11)
    return "AK" + "IA" + "".join(rng.choice(alphabet) for _ in range(16))


def bad_checksum(token: str) -> str:
    """The same token with its last checksum character changed: right shape, wrong CRC32."""
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def test_github_token_is_reported_and_a_bad_checksum_look_alike_is_not(repo: Repo) -> None:
    token = fake_github_token()
    repo.stage(
        "app.py",
        f'import os\n\nTOKEN = "{token}"\nGITHUB_TOKEN_OLD = "{bad_checksum(token)}"\n',
    )
    code, findings = scan_json(repo)
    assert found(findings) == [("app.py", 3, "secrets.github-pat-classic", "critical")]
    assert findings[0]["column"] == 10
    assert findings[0]["blocking"] is True
    assert code == 1


def test_bad_checksum_alone_does_not_block(repo: Repo) -> None:
    repo.stage("app.py", f'GITHUB_TOKEN = "{bad_checksum(fake_github_token())}"\n')
    assert scan_json(repo) == (0, [])


# (file name, content, line of the one real password). Every other line is a look-alike:
# an environment lookup, a template, a placeholder, a comparison or an expression.
SYNTAXES = [
    pytest.param(
        "settings.py",
        "import os\n"
        'DB_PASSWORD = "{pw}"\n'
        'password = os.environ["DB_PASSWORD"]\n'
        "password = get_password()\n"
        'if password == "{other}":\n'
        "    pass\n"
        'admin_password = "{{{{ vault_admin_password }}}}"\n'
        'password = "<your-password>"\n',
        2,
        id="python",
    ),
    pytest.param(
        "config.js",
        'const config = {{ dbPassword: "{pw}" }};\n'
        "const password = process.env.DB_PASSWORD;\n"
        'if (password === "{other}") {{ login(); }}\n'
        "const adminPassword = getPassword(user);\n"
        "const replicaPassword = `${{prefix}}-replica`;\n",
        1,
        id="javascript",
    ),
    pytest.param(
        "main.go",
        "package main\n\n"
        'var dbPassword = os.Getenv("DB_PASSWORD")\n'
        'db_password := "{pw}"\n'
        'if password == "{other}" {{\n'
        "}}\n"
        'password := fmt.Sprintf("%s", secretFromVault())\n',
        4,
        id="go",
    ),
    pytest.param(
        "Db.java",
        "class Db {{\n"
        '  private static final String password = "{pw}";\n'
        '  String replicaPassword = System.getenv("REPLICA_PASSWORD");\n'
        '  boolean ok = password.equals("{other}");\n'
        "}}\n",
        2,
        id="java",
    ),
    pytest.param(
        "config.yaml",
        "database:\n"
        "  host: db.internal\n"
        "  password: {pw}\n"
        '  replica_password: "${{REPLICA_PASSWORD}}"\n'
        "  admin_password: <your-password>\n"
        "  backup_password: changeme\n",
        3,
        id="yaml",
    ),
    pytest.param(
        "config.json",
        "{{\n"
        '  "password": "{pw}",\n'
        '  "replica_password": "${{REPLICA_PASSWORD}}",\n'
        '  "admin_password": "xxxxxxxxxxxx"\n'
        "}}\n",
        2,
        id="json",
    ),
    pytest.param(
        ".env",
        "SMTP_PASS={pw}\nDB_PASSWORD=${{DB_PASSWORD}}\nADMIN_PASSWORD=changeme\n",
        1,
        id="dotenv",
    ),
    pytest.param(
        "app.ini",
        "[database]\npassword = {pw}\nreplica_password = %(REPLICA_PASSWORD)s\n",
        2,
        id="ini",
    ),
    pytest.param(
        "application.properties",
        "spring.datasource.password={pw}\n"
        "spring.mail.password=${{MAIL_PASSWORD}}\n"
        "spring.ldap.password=ENC({jasypt})\n",
        1,
        id="properties",
    ),
    pytest.param(
        "settings.toml",
        '[db]\npassword = "{pw}"\nreplica_password = "${{REPLICA_PASSWORD}}"\n',
        2,
        id="toml",
    ),
    pytest.param(
        "server.xml",
        "<config>\n"
        "  <password>{pw}</password>\n"
        "  <password>${{db.password}}</password>\n"
        "</config>\n",
        2,
        id="xml",
    ),
    pytest.param(
        "deploy.sh",
        "#!/bin/sh\n"
        "export PGPASSWORD='{pw}'\n"
        'export PGPASSWORD="$DB_PASSWORD"\n'
        'export MYSQL_PWD="$(cat /run/secrets/db)"\n',
        2,
        id="shell",
    ),
    pytest.param(
        "Dockerfile",
        "FROM python:3.12-slim\n"
        "ENV ADMIN_PASSWORD {pw}\n"
        "ENV DB_PASSWORD=${{DB_PASSWORD}}\n"
        "ARG BUILD_PASSWORD\n",
        2,
        id="dockerfile-env",
    ),
    pytest.param(
        "main.tf",
        'resource "aws_db_instance" "db" {{\n'
        '  password = "{pw}"\n'
        "  replica_password = var.replica_password\n"
        "}}\n",
        2,
        id="terraform",
    ),
]


@pytest.mark.parametrize(("name", "template", "line"), SYNTAXES)
def test_generic_password_in_each_syntax(repo: Repo, name: str, template: str, line: int) -> None:
    pw = password()
    content = template.format(pw=pw, other=other_password(), jasypt=jasypt())
    repo.stage(name, content)
    code, findings = scan_json(repo)
    assert found(findings) == [(name, line, "secrets.generic-password", "high")]
    assert findings[0]["column"] == content.splitlines()[line - 1].index(pw) + 1
    assert code == 1


@pytest.mark.parametrize(("name", "template", "line"), SYNTAXES)
def test_look_alikes_alone_are_not_reported(
    repo: Repo, name: str, template: str, line: int
) -> None:
    content = template.format(pw=password(), other=other_password(), jasypt=jasypt())
    lines = content.splitlines(keepends=True)
    del lines[line - 1]
    repo.stage(name, "".join(lines))
    assert scan_json(repo) == (0, [])


def test_only_added_lines_of_a_modified_file_are_reported(repo: Repo) -> None:
    repo.stage("settings.py", f'DB_PASSWORD = "{password()}"\n')
    repo.commit("an old secret, accepted long ago")
    repo.stage("settings.py", f'DB_PASSWORD = "{password()}"\nDEBUG = True\n')
    assert scan_json(repo) == (0, [])
    repo.stage(
        "settings.py", f'DB_PASSWORD = "{password()}"\nADMIN_PASSWORD = "{other_password()}"\n'
    )
    assert found(scan_json(repo)[1]) == [("settings.py", 2, "secrets.generic-password", "high")]


def test_unstaged_edit_is_not_scanned(repo: Repo) -> None:
    repo.stage("settings.py", "DEBUG = True\n")
    repo.write("settings.py", f'DEBUG = True\nDB_PASSWORD = "{password()}"\n')
    before = repo.git("status", "--porcelain")
    assert scan_json(repo) == (0, [])
    assert repo.git("status", "--porcelain") == before


def test_pem_private_key_is_reported_at_its_begin_line(repo: Repo) -> None:
    repo.stage("deploy/id_rsa", pem("RSA PRIVATE KEY", seed=1))
    repo.stage("app/signing.py", 'import os\n\nKEY = """' + pem("PRIVATE KEY", seed=2) + '"""\n')
    code, findings = scan_json(repo)
    assert found(findings) == [
        ("app/signing.py", 3, "secrets.private-key-pkcs8", "critical"),
        ("deploy/id_rsa", 1, "secrets.private-key-rsa", "critical"),
    ]
    assert [(f["column"], f["end_line"]) for f in findings] == [(10, 16), (1, 14)]
    # The BEGIN line is shown as is; no line of the key body is.
    assert [f["excerpt"] for f in findings] == [
        'KEY = """-----BEGIN PRIVATE KEY-----',
        "-----BEGIN RSA PRIVATE KEY-----",
    ]
    assert code == 1


def test_pem_begin_line_takes_the_suppression_comment(repo: Repo) -> None:
    key = pem("RSA PRIVATE KEY", seed=1).replace("-\n", "-  # tollgate: allow\n", 1)
    repo.stage("tests/data/key.pem", key)
    assert scan_json(repo) == (0, [])


def test_public_key_and_certificate_are_not_reported(repo: Repo) -> None:
    repo.stage("keys/server.pub.pem", pem("PUBLIC KEY", seed=3) + pem("RSA PUBLIC KEY", seed=4))
    repo.stage("certs/server.crt", pem("CERTIFICATE", seed=5))
    repo.stage(
        "docs/tls.md", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n"
    )
    assert scan_json(repo) == (0, [])


def test_escaped_pem_key_in_json(repo: Repo) -> None:
    key = pem("PRIVATE KEY", seed=6)
    public = pem("PUBLIC KEY", seed=7)
    repo.stage(
        "config/service.json",
        json.dumps({"name": "exporter", "private_key": key, "public_key": public}, indent=2) + "\n",
    )
    code, findings = scan_json(repo)
    assert found(findings) == [
        ("config/service.json", 3, "secrets.private-key-escaped", "critical")
    ]
    start = pem_body(seed=6)[0][:4]
    assert findings[0]["excerpt"] == (
        f'"private_key": "-----BEGIN PRIVATE KEY-----\\n{start}********'
        '\\n-----END PRIVATE KEY-----\\n",'
    )
    assert code == 1


def test_kubernetes_secret_data_is_decoded(repo: Repo) -> None:
    encoded = base64.b64encode(password().encode()).decode()
    repo.stage(
        "k8s/db-secret.yaml",
        "apiVersion: v1\n"
        "kind: Secret\n"
        "metadata:\n"
        "  name: db\n"
        "type: Opaque\n"
        "data:\n"
        f"  DB_PASSWORD: {encoded}\n",
    )
    code, findings = scan_json(repo)
    assert found(findings) == [("k8s/db-secret.yaml", 7, "secrets.kubernetes-secret-data", "high")]
    assert findings[0]["column"] == 16
    assert code == 1


def test_kubernetes_secret_placeholder_and_configmap_are_not_reported(repo: Repo) -> None:
    placeholder = base64.b64encode(b"changeme").decode()
    value = base64.b64encode(password().encode()).decode()
    repo.stage(
        "k8s/objects.yaml",
        "apiVersion: v1\n"
        "kind: Secret\n"
        "metadata:\n"
        "  name: db\n"
        "data:\n"
        f"  DB_PASSWORD: {placeholder}\n"
        "---\n"
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "metadata:\n"
        "  name: app\n"
        "data:\n"
        f"  LOG_SALT: {value}\n",
    )
    assert scan_json(repo) == (0, [])


def test_sealed_secret_is_not_reported(repo: Repo) -> None:
    # Ciphertext only the cluster's controller can open: random bytes, base64, under a password key.
    ciphertext = "AgB" + base64.b64encode(bytes(range(7, 247, 3))).decode()
    manifest = (
        "apiVersion: bitnami.com/v1alpha1\n"
        "kind: SealedSecret\n"
        "metadata:\n"
        "  name: db\n"
        "spec:\n"
        "  encryptedData:\n"
        f"    password: {ciphertext}\n"
    )
    repo.stage("k8s/sealed.yaml", manifest)
    assert scan_json(repo) == (0, [])
    # The control: the same value under any other kind is a password in a YAML file.
    repo.stage("k8s/sealed.yaml", manifest.replace("kind: SealedSecret", "kind: Config"))
    assert found(scan_json(repo)[1]) == [("k8s/sealed.yaml", 7, "secrets.generic-password", "high")]


def test_kubernetes_secret_holding_a_provider_token_is_reported_as_that_provider(
    repo: Repo,
) -> None:
    token = fake_github_token()
    repo.stage(
        "k8s/ci-secret.yaml",
        "apiVersion: v1\n"
        "kind: Secret\n"
        "metadata:\n"
        "  name: ci\n"
        "data:\n"
        f"  GH_TOKEN: {base64.b64encode(token.encode()).decode()}\n",
    )
    code, findings = scan_json(repo)
    assert found(findings) == [("k8s/ci-secret.yaml", 6, "secrets.github-pat-classic", "critical")]
    assert code == 1


def test_kubernetes_secret_holding_an_aws_key_is_reported_as_the_aws_rule(repo: Repo) -> None:
    key_id = aws_access_key_id()
    repo.stage(
        "k8s/aws-secret.yaml",
        "apiVersion: v1\n"
        "kind: Secret\n"
        "metadata:\n"
        "  name: aws\n"
        "type: Opaque\n"
        "data:\n"
        f"  AWS_ACCESS_KEY_ID: {base64.b64encode(key_id.encode()).decode()}\n",
    )
    code, findings = scan_json(repo)
    assert found(findings) == [("k8s/aws-secret.yaml", 7, "secrets.aws-access-key-id", "high")]
    assert key_id not in json.dumps(findings)
    assert code == 1


def test_secret_never_printed_whole_in_any_format(repo: Repo) -> None:
    token, pw = fake_github_token(), password()
    # Twice on one line, and next to a second secret: each excerpt must mask all of them.
    repo.stage(
        "app.py",
        f'TOKEN = "{token}"  # was {token}\nDB_PASSWORD = "{pw}"; GH = "{token}"\n',
    )
    repo.stage("deploy/id_rsa", pem("RSA PRIVATE KEY", seed=8))
    repo.stage("sa.json", json.dumps({"private_key": pem("PRIVATE KEY", seed=9)}) + "\n")
    k8s_value = other_password()
    repo.stage(
        "k8s/secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n"
        f"  password: {k8s_value}\n",
    )
    body_lines = pem_body(seed=8) + pem_body(seed=9)
    outputs = []
    for fmt in ("text", "json", "sarif"):
        run = tollgate("scan", "--format", fmt, cwd=repo.path)
        assert run.code == 1, run.err
        outputs += [run.out, run.err]
    run = tollgate("scan", "--format", "json", "--output", "report.json", cwd=repo.path)
    outputs += [run.out, run.err, (repo.path / "report.json").read_text("utf-8")]
    for text in outputs:
        assert token not in text
        assert token[4:] not in text
        assert pw not in text
        assert k8s_value not in text
        for line in body_lines:
            assert line[4:20] not in text
    findings = json.loads(outputs[2])["findings"]
    assert [(f["path"], f["line"], f["rule"]) for f in findings if f["path"] != "app.py"] == [
        ("deploy/id_rsa", 1, "secrets.private-key-rsa"),
        ("k8s/secret.yaml", 6, "secrets.kubernetes-secret-data"),
        ("sa.json", 1, "secrets.private-key-escaped"),
    ]
    excerpts = [f["excerpt"] for f in findings if f["path"] == "app.py"]
    assert excerpts == [
        'TOKEN = "ghp_********"  # was ghp_********',
        f'DB_PASSWORD = "{pw[:3]}********"; GH = "ghp_********"',
        f'DB_PASSWORD = "{pw[:3]}********"; GH = "ghp_********"',
    ]
