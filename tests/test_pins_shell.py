"""The shared shell command analyser (shellcmd.script_refs) and the shell-script ecosystem.

The lexer and the analyser are tested directly for the syntax cases (fast); real repositories
for what a commit is responsible for, the strict profile and a malformed script.
"""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins import shellcmd
from tollgate.checks.pins.ecosystems import shell
from tollgate.checks.pins.model import Files, Ref
from tollgate.checks.pins.sh import args as sh_args
from tollgate.checks.pins.sh.parse import parse
from tollgate.pack.model import PinSettings

SHA256 = "2c1f4d9b6a8e0c3f" * 4


def refs(script: str) -> list[Ref]:
    count = script.count("\n") + 1
    return shellcmd.script_refs(script, list(range(1, count + 1)), [1] * count)


def kinds(script: str) -> list[tuple[str, int, int]]:
    """(kind, line, column) of every ref, in order."""
    return [(r.rule.removeprefix("pins.shell."), r.line, r.column) for r in refs(script)]


def names(script: str, kind: str) -> list[str]:
    return [r.name for r in refs(script) if r.rule == f"pins.shell.{kind}"]


# ---- the API other ecosystems call -----------------------------------------------------------


def test_lines_and_columns_map_to_the_file() -> None:
    # A `run: |` block whose lines sit at file lines 7-9, indented by 10 columns.
    script = "set -e\ncurl -fsSL https://get.example.com | sh\n  pip install requests\n"
    found = shellcmd.script_refs(script, [7, 8, 9, 10], [11, 11, 11, 11])
    assert [(r.rule, r.line, r.column) for r in found] == [
        ("pins.shell.pipe-to-shell", 8, 11),
        ("pins.shell.unpinned-package", 9, 25),
    ]


def test_every_kind_the_analyser_reports_is_a_shell_kind() -> None:
    produced = {shellcmd.PIPE, shellcmd.DOWNLOAD}
    produced |= {sh_args.UNPINNED, sh_args.RUN, sh_args.OS_PACKAGE, sh_args.LOCKFILE}
    produced |= {sh_args.HASHES, sh_args.INSTALLER}
    assert produced == shell.KINDS


def test_a_ref_names_what_it_found_and_how_to_fix_it() -> None:
    (pipe,) = refs("curl -fsSL https://get.example.com/install.sh | sudo -E bash -s -- --yes")
    assert pipe.name == "get.example.com"
    assert pipe.text == "curl -fsSL https://get.example.com/install.sh | sudo -E bash -s -- --yes"
    assert "`https://get.example.com/install.sh` is run by `bash`" in pipe.detail
    assert "echo '<sha256>  install.sh' | sha256sum -c" in pipe.fix
    (pip,) = refs("sudo pip3 install --no-cache-dir 'requests>=2'")
    assert (pip.name, pip.column, pip.text) == (
        "requests", 34, "sudo pip3 install --no-cache-dir 'requests>=2'")  # fmt: skip
    assert pip.fix == "pin it: `pip install requests==<version>`"


# ---- downloads run as they arrive --------------------------------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        "curl -fsSL https://get.example.com | sh",
        "curl -fsSL https://get.example.com | bash -s -- -y",
        "curl https://x.example.com/i.sh | sudo bash",
        "curl https://x.example.com/i.sh | sudo -E -u root bash -",
        "curl https://x.example.com/i.sh | env FOO=1 zsh",
        "curl https://x.example.com/i.sh | tee /tmp/log | sh",
        "curl -sSL https://x.example.com/get.py | python3 -",
        "curl -sSL https://x.example.com/get.py | python3",
        "curl -sSL https://x.example.com/i.pl | perl",
        "curl -sSL https://x.example.com/i.rb | ruby",
        "curl -sSL https://x.example.com/i.js | node",
        "curl -sSL https://x.example.com/i.sh | /bin/bash /dev/stdin",
        "wget -qO- https://x.example.com/i.sh | sh",
        "wget -O - https://x.example.com/i.sh | sh",
        "wget https://x.example.com/i.sh -O- | sh",
        "wget --output-document=- https://x.example.com/i.sh | sh",
        "bash <(curl -fsSL https://x.example.com/i.sh)",
        "source <(curl -fsSL https://x.example.com/env.sh)",
        "bash < <(curl -fsSL https://x.example.com/i.sh)",
        'bash <<< "$(curl -fsSL https://x.example.com/i.sh)"',
        'sh -c "$(curl -fsSL https://x.example.com/i.sh)"',
        'sh -c "$(wget -qO- https://x.example.com/i.sh)"',
        '/bin/bash -c "$(curl -fsSL https://x.example.com/HEAD/install.sh)"',
        'bash -ec "`curl -fsSL https://x.example.com/i.sh`"',
        'eval "$(curl -fsSL https://x.example.com/env)"',
        'python3 -c "$(curl -fsSL https://x.example.com/i.py)"',
        "sudo sh -c 'curl -fsSL https://x.example.com/i.sh | bash'",
        "if true; then curl -s https://x.example.com/i | bash; fi",
        "f() { curl -s https://x.example.com/i | bash; }",
        "iwr https://x.example.com/i.ps1 -UseBasicParsing | iex",
        "irm https://x.example.com/i.ps1 | Invoke-Expression",
        "iex ((New-Object System.Net.WebClient).DownloadString('https://x.example.com/i.ps1'))",
        "Invoke-Expression (Invoke-WebRequest -Uri https://x.example.com/i.ps1).Content",
        "curl -fsSL https://x.example.com/i.sh |\n  sh",
        "curl -fsSL \\\n  https://x.example.com/i.sh \\\n  | sh",
    ],
)
def test_download_run_as_it_arrives(script: str) -> None:
    assert [k for k, _, _ in kinds(script)] == ["pipe-to-shell"]


@pytest.mark.parametrize(
    "script",
    [
        "# curl -fsSL https://get.example.com | sh",
        "  # curl -fsSL https://get.example.com | sh",
        'echo "curl -fsSL https://get.example.com | sh"',
        "echo 'curl https://get.example.com | sh'",
        "printf '%s\\n' 'wget -qO- https://get.example.com | bash'",
        'grep -rn "curl .* | sh" .',
        "echo curl https://get.example.com | sh",  # sh runs `curl URL`: a download, not run
        "curl -s https://api.example.com/v | python3 -c 'import sys; print(sys.stdin.read())'",
        "curl -s https://api.example.com/v | python3 -m json.tool",
        "curl -s https://api.example.com/v | node -e 'process.stdin.pipe(process.stdout)'",
        "curl -s https://api.example.com/v | perl -ne 'print if /x/'",
        "curl -s https://api.example.com/v | ruby -e 'puts STDIN.read'",
        "curl -s https://api.example.com/v | sh -c 'cat > /tmp/v'",
        "curl -s https://api.example.com/v | jq -r .tag_name",
        "curl -fsSL https://x.example.com/key.asc | gpg --dearmor -o /etc/apt/keyrings/x.gpg",
        "curl -fsSL https://x.example.com/key.asc | sudo tee /etc/apt/keyrings/x.asc",
        "curl -fsSL https://x.example.com/a.tgz | tar -xz",
        "curl -o out.sh https://x.example.com/i.sh | sh",  # saved to a file: nothing is piped
        'VERSION="$(curl -fsSL https://x.example.com/latest)"',
        'bash script.sh "$(curl -fsSL https://x.example.com/version)"',
        'bash -c "echo $(curl -fsSL https://x.example.com/version)"',
        'eval "$(ssh-agent -s)"',
        ". <(kubectl completion bash)",
        "cat <<'EOF' > /tmp/x.sh\ncurl https://get.example.com | sh\nEOF",
        "cat <<EOF\n$(echo 'curl https://get.example.com | sh')\nEOF",
        "iex $profile",
    ],
)
def test_look_alikes_are_not_downloads_run(script: str) -> None:
    assert kinds(script) == []


def test_a_here_document_read_by_a_shell_is_a_script() -> None:
    script = "bash <<'EOF'\nset -e\ncurl -fsSL https://x.example.com/i.sh | sh\nEOF\n"
    assert kinds(script) == [("pipe-to-shell", 3, 1)]
    tabbed = "sh <<-EOT\n\tpip install requests\n\tEOT\necho done\n"
    assert kinds(tabbed) == [("unpinned-package", 2, 14)]


# ---- a download saved, then run ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "line"),
    [
        ("curl -fsSL -o install.sh https://x.example.com/install.sh && sh install.sh", 1),
        ("curl -fsSLo /tmp/i.sh https://x.example.com/i.sh\nbash /tmp/i.sh", 1),
        ("curl -fsSL https://x.example.com/i.sh > i.sh\nchmod +x i.sh\n./i.sh", 1),
        ("curl -LO https://x.example.com/v1/bin/kubectl && chmod +x kubectl", 1),
        ("wget https://x.example.com/tool.deb\nsudo dpkg -i tool.deb", 1),
        ("wget -P /tmp https://x.example.com/tool.rpm && rpm -ivh /tmp/tool.rpm", 1),
        ("wget -O setup.py https://x.example.com/setup.py; python3 setup.py install", 1),
        ("curl -o env.sh https://x.example.com/env.sh\n. ./env.sh", 1),
        ("curl --output-dir /opt -O https://x.example.com/run.sh\nsh /opt/run.sh", 1),
        ("x=1\ncurl -fsSLo a.sh https://x.example.com/a.sh\nsha256sum b.tgz\nsh a.sh", 2),
    ],
)
def test_download_run_without_a_check(script: str, line: int) -> None:
    assert [(k, n) for k, n, _ in kinds(script)] == [("unverified-download", line)]


def test_unverified_download_is_reported_once_on_the_download() -> None:
    script = (
        "curl -fsSL -o get.sh https://x.example.com/get.sh\n"  # 1
        "chmod 700 get.sh\n"  # 2
        "./get.sh\n"  # 3
    )
    (ref,) = refs(script)
    assert (ref.rule, ref.line, ref.name, ref.related) == (
        "pins.shell.unverified-download", 1, "x.example.com", (2,))  # fmt: skip
    assert "line 2: `chmod 700 get.sh`" in ref.detail


@pytest.mark.parametrize(
    "script",
    [
        f"curl -fsSLo i.sh https://x.example.com/i.sh\necho '{SHA256}  i.sh' | sha256sum -c -\n"
        "sh i.sh",
        f'curl -fsSLo i.sh https://x.example.com/i.sh\necho "{SHA256} *i.sh" | sha256sum --check'
        "\nsh i.sh",
        "curl -fsSLO https://x.example.com/t.tgz\ncurl -fsSLO https://x.example.com/SHA256SUMS\n"
        "sha256sum -c --ignore-missing SHA256SUMS\ntar xzf t.tgz && ./t/install",
        "curl -fsSLo i.sh https://x.example.com/i.sh\nshasum -a 256 -c i.sh.sha256\nsh i.sh",
        "curl -fsSLo i.sh https://x.example.com/i.sh\ncurl -fsSLo i.sh.asc https://x.example.com/a"
        "\ngpg --verify i.sh.asc i.sh\nbash i.sh",
        'curl -fsSLo i.sh https://x.example.com/i.sh\n[ "$(sha256sum i.sh | cut -c1-64)" = "$SUM" ]'
        "\nsh i.sh",
        "curl -fsSLo data.json https://x.example.com/d.json\njq . data.json",
        "curl -fsSLo a.tgz https://x.example.com/a.tgz && tar -xzf a.tgz",
        "curl -fsSLo i.sh https://x.example.com/i.sh\n# sh i.sh\necho 'sh i.sh'",
    ],
)
def test_downloads_checked_or_never_run(script: str) -> None:
    assert kinds(script) == []


# ---- installs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "kind", "name"),
    [
        ("pip install requests", "unpinned-package", "requests"),
        ("pip3 install -U requests", "unpinned-package", "requests"),
        ("pip3.12 install 'requests[socks]>=2.0'", "unpinned-package", "requests"),
        ("python3 -m pip install Django~=4.2", "unpinned-package", "Django"),
        ("python -m pip install --user black==24.*", "unpinned-package", "black"),
        ("uv pip install --system ruff", "unpinned-package", "ruff"),
        ("pip install -i https://pypi.example.com/simple requests", "unpinned-package", "requests"),
        ("pip install git+https://github.com/org/pkg.git", "unpinned-package", "pkg"),
        ("pip install 'git+https://github.com/org/pkg@main#egg=pkg'", "unpinned-package", "pkg"),
        ("pipx install black", "unpinned-package", "black"),
        ("pipx run pycowsay moo", "unpinned-package", "pycowsay"),
        ("uvx ruff check .", "unpinned-package", "ruff"),
        ("uvx ruff@latest check .", "unpinned-package", "ruff"),
        ("uv tool install ruff", "unpinned-package", "ruff"),
        ("npm install -g typescript", "unpinned-package", "typescript"),
        ("npm i -g @angular/cli@^17", "unpinned-package", "@angular/cli"),
        ("npm install --global eslint@latest", "unpinned-package", "eslint"),
        ("npm install --save-dev jest", "unpinned-package", "jest"),
        ("npm install github:org/repo", "unpinned-package", "github:org/repo"),
        ("npm install org/repo#main", "unpinned-package", "org/repo"),
        ("yarn global add @vue/cli", "unpinned-package", "@vue/cli"),
        ("yarn add left-pad@~1.3.0", "unpinned-package", "left-pad"),
        ("yarn dlx create-vite my-app", "unpinned-package", "create-vite"),
        ("pnpm add -g pnpm-plugin", "unpinned-package", "pnpm-plugin"),
        ("pnpm dlx degit user/repo", "unpinned-package", "degit"),
        ("bun add zod", "unpinned-package", "zod"),
        (
            "go install golang.org/x/tools/cmd/goimports@latest",
            "unpinned-package",
            "golang.org/x/tools/cmd/goimports",
        ),
        ("go install -tags netgo example.com/cmd/x@v1", "unpinned-package", "example.com/cmd/x"),
        ("go install example.com/cmd/x@master", "unpinned-package", "example.com/cmd/x"),
        ("go get github.com/org/mod", "unpinned-package", "github.com/org/mod"),
        ("go get -u github.com/org/mod@latest", "unpinned-package", "github.com/org/mod"),
        ("go run example.com/cmd/gen@latest -o x", "unpinned-package", "example.com/cmd/gen"),
        ("cargo install ripgrep", "unpinned-package", "ripgrep"),
        ("cargo install cargo-audit --version ^0.18", "unpinned-package", "cargo-audit"),
        ("cargo +nightly install --locked cargo-udeps", "unpinned-package", "cargo-udeps"),
        ("cargo binstall cargo-nextest", "unpinned-package", "cargo-nextest"),
        (
            "cargo install --git https://github.com/org/tool",
            "unpinned-package",
            "https://github.com/org/tool",
        ),
        (
            "cargo install --git https://github.com/org/tool --branch dev",
            "unpinned-package",
            "https://github.com/org/tool",
        ),
        ("gem install rails", "unpinned-package", "rails"),
        ("gem install rails -v '~> 7.1'", "unpinned-package", "rails"),
        ("choco install git -y", "unpinned-package", "git"),
        ("dotnet tool install -g dotnet-ef", "unpinned-package", "dotnet-ef"),
        ("npx prettier --check .", "unpinned-run", "prettier"),
        ("npx --yes cowsay@latest hi", "unpinned-run", "cowsay"),
        ("npx -p typescript tsc", "unpinned-run", "typescript"),
        ("npm exec -- create-react-app app", "unpinned-run", "create-react-app"),
        ("bunx eslint .", "unpinned-run", "eslint"),
        ("apt-get install -y curl", "os-package-unpinned", "curl"),
        ("apt-get -y install --no-install-recommends curl", "os-package-unpinned", "curl"),
        (
            "sudo apt install -y -o Dpkg::Options::=--force-confold curl",
            "os-package-unpinned",
            "curl",
        ),
        ("apt-get install -y -t bookworm-backports curl", "os-package-unpinned", "curl"),
        ("apt-get install -y curl/bookworm-backports", "os-package-unpinned", "curl"),
        ("apk add --no-cache curl", "os-package-unpinned", "curl"),
        ("apk --no-cache add --virtual .deps gcc", "os-package-unpinned", "gcc"),
        ("apk add curl>8", "os-package-unpinned", "curl"),
        ("dnf install -y java-17-openjdk", "os-package-unpinned", "java-17-openjdk"),
        ("yum install -y gcc && yum clean all", "os-package-unpinned", "gcc"),
        ("microdnf install -y --setopt=tsflags=nodocs tar", "os-package-unpinned", "tar"),
        ("zypper --non-interactive install make", "os-package-unpinned", "make"),
        ("npm install", "lockfile-not-enforced", "npm"),
        ("npm i --no-audit", "lockfile-not-enforced", "npm"),
        ("yarn", "lockfile-not-enforced", "yarn"),
        ("yarn install --check-files", "lockfile-not-enforced", "yarn"),
        ("pnpm install", "lockfile-not-enforced", "pnpm"),
        ("pnpm install --frozen-lockfile=false", "lockfile-not-enforced", "pnpm"),
        ("bun install", "lockfile-not-enforced", "bun"),
        ("pip install requests==2.32.3", "package-not-hashed", "requests"),
        ("pip install 'requests===2.32.3'", "package-not-hashed", "requests"),
        ("pip install -c constraints.txt requests", "package-not-hashed", "requests"),
        (
            "pip install https://files.example.com/p-1.0.tar.gz",
            "package-not-hashed",
            "p-1.0.tar.gz",
        ),
        ("pip install 'git+https://github.com/org/pkg@v1.2.0'", "package-not-hashed", "pkg"),
        ("pip install --upgrade pip", "installer-unpinned", "pip"),
        ("python3 -m pip install -U 'setuptools>=69'", "installer-unpinned", "setuptools"),
        ("npm install -g npm@latest", "installer-unpinned", "npm"),
        ("npm i -g corepack", "installer-unpinned", "corepack"),
        ("gem install bundler", "installer-unpinned", "bundler"),
    ],
)
def test_install_that_floats(script: str, kind: str, name: str) -> None:
    found = refs(script)
    assert [(r.rule, r.name) for r in found] == [(f"pins.shell.{kind}", name)]
    assert found[0].fix


@pytest.mark.parametrize(
    "script",
    [
        "pip install -r requirements.txt",
        "pip install --requirement=requirements/dev.txt",
        "pip install .",
        "pip install -e .",
        "pip install -e '.[dev,test]'",
        "pip install ./packages/core dist/*.whl /tmp/pkg.tar.gz",
        "pip install --require-hashes -r requirements.txt",
        "pip install --require-hashes requests==2.32.3",
        "pip install --require-hashes requests",
        "pip install 'git+https://github.com/org/pkg@9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c'",
        f"pip install 'https://files.example.com/p-1.0.tar.gz#sha256={SHA256}'",
        "pip download requests",
        "pip uninstall -y requests",
        "pip freeze > requirements.txt",
        'pip install "$PACKAGE"',
        "pip install requests==$REQUESTS_VERSION --require-hashes",
        "pip install $(cat packages.txt)",
        "xargs -n1 pip install < packages.txt",
        "python3 -m pip --version",
        "python3 -m venv .venv",
        "pipx install black==24.4.2",
        "pipx run --spec pycowsay==0.0.0.2 pycowsay",
        "uvx ruff@0.4.4 check .",
        "uvx --from 'ruff==0.4.4' ruff check .",
        "uv tool install ruff==0.4.4",
        "uv add requests",
        "uv sync --frozen",
        "npm ci",
        "npm clean-install",
        "npm install -g typescript@5.4.5",
        "npm i -g @angular/cli@17.3.7 npm@10.5.2",
        "npm install ./local-pkg ../other file:../third pkg.tgz",
        "npm install github:org/repo#9f8e7d6",
        "npm install -g",
        "npm run build",
        "npm test",
        "npx prettier@3.2.5 --check .",
        "npx -p typescript@5.4.5 tsc --noEmit",
        "npx -c 'eslint .'",
        "yarn install --frozen-lockfile",
        "yarn install --immutable",
        "yarn --frozen-lockfile",
        "yarn build",
        "yarn --version",
        "yarn global add @vue/cli@5.0.8",
        "pnpm install --frozen-lockfile",
        "pnpm i --frozen-lockfile",
        "pnpm add -D vitest@1.6.0",
        "pnpm run build",
        "bun install --frozen-lockfile",
        "go install ./...",
        "go install .",
        "go install golang.org/x/tools/cmd/goimports@v0.21.0",
        "go install honnef.co/go/tools/cmd/staticcheck@2023.1.7",
        "go install example.com/cmd/x@3f2b8a61c07d",
        "go install example.com/cmd/x@v0.0.0-20240101000000-3f2b8a61c07d",
        "go install golang.org/x/tools/cmd/goimports",
        "go get ./...",
        "go get github.com/org/mod@v1.2.3",
        "go get github.com/org/mod@none",
        "go build ./...",
        "go run ./cmd/tool",
        "go run main.go",
        "go mod download",
        "cargo install ripgrep --version 14.1.0 --locked",
        "cargo install ripgrep@14.1.0",
        "cargo install --vers =1.0.0 tool",
        "cargo install --path .",
        "cargo install",
        "cargo install --git https://github.com/org/tool --rev 3f2b8a6",
        "cargo install --git https://github.com/org/tool --tag v1.0.0",
        "cargo build --release",
        "gem install rails -v 7.1.3",
        "gem install rails --version=7.1.3",
        "gem install rake:13.2.1",
        "gem install ./local.gem",
        "gem install -g Gemfile",
        "choco install git --version 2.45.1 -y",
        "choco install git --version=2.45.1",
        "choco install packages.config -y",
        "dotnet tool install -g dotnet-ef --version 8.0.5",
        "dotnet tool restore",
        "apt-get install -y curl=7.88.1-10+deb12u5",
        "apt-get install -y ./tool.deb /tmp/other.deb",
        "apt-get install -y $PACKAGES",
        "apt-get update && apt-get upgrade -y && apt-get remove -y curl",
        "apt-get install -y curl-",
        "apk add --no-cache curl=8.5.0-r0",
        "apk add --allow-untrusted /tmp/pkg.apk",
        "apk del curl",
        "dnf install -y git-2.43.0-1.fc39",
        "dnf install -y @development-tools",
        "yum install -y https://x.example.com/repo.rpm",
        "brew install jq",
        "conda install -y numpy",
        "docker run --rm alpine sh -c 'echo hi'",
        "echo 'pip install requests'",
        "# npm install -g typescript",
        "grep 'gem install rails' NOTES.md",
        "command -v pip",
        "which npm",
        "pip help install",
    ],
)
def test_install_that_does_not_float(script: str) -> None:
    """Pinned, local, from a file, unknowable until run time, or not an install at all."""
    assert kinds(script) == []


def test_an_already_floating_install_is_not_also_reported_as_unhashed() -> None:
    script = "pip install requests 'flask>=3' django==5.0.6"
    assert [(r.rule, r.name) for r in refs(script)] == [
        ("pins.shell.unpinned-package", "requests"),
        ("pins.shell.unpinned-package", "flask"),
        ("pins.shell.package-not-hashed", "django"),
    ]


def test_packages_of_one_line_name_each_other() -> None:
    """They are one finding (one excerpt): its message names every package to pin."""
    first, second = refs("pip install requests flask")
    assert first.detail.endswith("(on this line too: `flask`)")
    assert second.detail.endswith("(on this line too: `requests`)")
    assert first.text == second.text


def test_each_package_on_its_own_line_with_the_command_line_related() -> None:
    script = (
        "apt-get update && apt-get install -y \\\n    curl=7.88.1-10 \\\n    git \\\n    make\n"
    )
    found = refs(script)
    assert [(r.name, r.line, r.column, r.related) for r in found] == [
        ("git", 3, 5, (1,)),
        ("make", 4, 5, (1,)),
    ]
    assert found[0].text == "apt-get install -y curl=7.88.1-10 git make"


# ---- the lexer -------------------------------------------------------------------------------


def words(script: str) -> list[list[str]]:
    return [[w.text for w in c.words] for p in parse(script).pipelines for c in p.commands]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("a b  c", [["a", "b", "c"]]),
        ("a 'b c' \"d e\" f\\ g", [["a", "b c", "d e", "f g"]]),
        ("echo 'it'\"'\"'s'", [["echo", "it's"]]),
        ('echo "a \\"b\\" $x"', [["echo", 'a "b" $x']]),
        ("echo $'a\\tb'", [["echo", "a\\tb"]]),
        ("a && b || c; d & e | f |& g", [["a"], ["b"], ["c"], ["d"], ["e"], ["f"], ["g"]]),
        ("a \\\n  b\nc", [["a", "b"], ["c"]]),
        ("pip inst\\\nall x", [["pip", "install", "x"]]),
        ("a # comment | b\nc", [["a"], ["c"]]),
        ("a#b c", [["a#b", "c"]]),
        ("x=$(echo a; echo b) y", [["x=$(echo a; echo b)", "y"]]),
        ("echo $((1 + 2)) ${x#*/} ${y:-z}", [["echo", "$((1 + 2))", "${x#*/}", "${y:-z}"]]),
        ("a 2>&1 >/dev/null b", [["a", "b"]]),
        ("(a; b) && { c; }", [["a"], ["b"], ["{", "c"], ["}"]]),
        ("cat <<EOF | d\nbody | x\nEOF\ne", [["cat"], ["d"], ["e"]]),
        ("cat <<-'X'\n\tbody\n\tX\nf", [["cat"], ["f"]]),
        ("a <<< 'here string' b", [["a", "b"]]),
        ('echo "[0-9]+$" ok', [["echo", "[0-9]+$", "ok"]]),
        ("a |\n\n  b", [["a"], ["b"]]),
        ("a &&\n b", [["a"], ["b"]]),
        ("(( x << 2 ))\nb", [["(( x << 2 ))"], ["b"]]),
        (
            "for ((i=0; i<3; i++)); do b; done",
            [["for", "((i=0; i<3; i++))"], ["do", "b"], ["done"]],
        ),
    ],
)
def test_lexer(script: str, expected: list[list[str]]) -> None:
    assert words(script) == expected


def test_lexer_offsets_and_substitutions() -> None:
    script = 'x "$(curl -s https://a)" <(b)'
    (pipeline,) = parse(script).pipelines
    (command,) = pipeline.commands
    subs = [script[s:e] for w in command.words for s, e in w.subs]
    assert subs == ["curl -s https://a", "b"]
    assert [(w.start, w.end) for w in command.words] == [(0, 1), (2, 24), (25, 29)]


def test_lexer_reports_what_it_cannot_close() -> None:
    assert parse("echo 'open\n").problems == [(5, "unterminated `'` quote")]
    assert parse('echo "open\n').problems == [(5, 'unterminated `"` quote')]
    assert parse("cat <<EOF\nbody\n").problems == [(4, "here-document `EOF` is never closed")]
    assert parse("echo ok 'closed'\n").problems == []


# ---- the ecosystem -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "judged"),
    [
        ("install.sh", True),
        ("scripts/setup.bash", True),
        ("tools/env.zsh", True),
        ("bin/run.ksh", True),
        (".bashrc", True),
        ("home/.zshrc", True),
        ("bin/install", False),
        ("install.sh.txt", False),
        ("script.ps1", False),
        ("Dockerfile", False),
    ],
)
def test_manifests(path: str, judged: bool) -> None:
    assert shell.manifests(path) == ((path,) if judged else ())
    assert shell.context(path) == ()


def test_analyse_a_whole_script() -> None:
    text = "#!/bin/sh\nset -eu\napt-get update\ncurl -fsSL https://get.example.com | sh\n"
    analysis = shell.analyse(Files("install.sh", text, {}), PinSettings())
    assert [(r.rule, r.line) for r in analysis.refs] == [("pins.shell.pipe-to-shell", 4)]
    assert analysis.notes == []


def test_an_unterminated_quote_is_a_note() -> None:
    text = "#!/bin/sh\necho 'never closed\npip install requests\n"
    analysis = shell.analyse(Files("x.sh", text, {}), PinSettings())
    assert [(n.line, n.message) for n in analysis.notes] == [(2, "unterminated `'` quote")]
    assert analysis.refs == []


def test_a_large_script_is_fast() -> None:
    import time  # noqa: PLC0415

    block = (
        'if [ -n "$X" ]; then\n  echo "installing $X" >&2\n'
        "  apt-get install -y curl=7.88 && pip install -r requirements.txt\nfi\n"
        'case "$1" in\n  a|b) do_a "$@" ;;\n  *) usage ;;\nesac\n'
    )
    text = block * 600  # 4800 lines, ~140 KB
    shell.analyse(Files("big.sh", text, {}), PinSettings())
    start = time.perf_counter()
    analysis = shell.analyse(Files("big.sh", text, {}), PinSettings())
    assert analysis.refs == []
    assert time.perf_counter() - start < 1.0


# ---- end to end ----------------------------------------------------------------------------------


SCRIPT = (
    "#!/bin/sh\n"  # 1
    "set -eu\n"  # 2
    "curl -fsSL https://get.example.com | sh\n"  # 3
    "pip install requests\n"  # 4
    "apt-get install -y curl\n"  # 5: strict only
    "echo 'curl -fsSL https://get.example.com | sh'\n"  # 6: a string
)


def test_staged_script_reports_its_added_lines(repo: Repo) -> None:
    repo.stage("scripts/install.sh", SCRIPT)
    code, found, _ = scan(repo)
    assert code == 1
    assert found == [
        ("scripts/install.sh", 3, "pins.shell.pipe-to-shell", "high"),
        ("scripts/install.sh", 4, "pins.shell.unpinned-package", "medium"),
    ]


def test_an_untouched_floating_line_is_not_reported(repo: Repo) -> None:
    repo.stage("scripts/install.sh", SCRIPT)
    repo.commit()
    repo.stage("scripts/install.sh", SCRIPT + "npm install -g typescript\nnpm ci\n")
    code, found, _ = scan(repo)
    assert (code, found) == (
        1,
        [("scripts/install.sh", 7, "pins.shell.unpinned-package", "medium")],
    )
    repo.commit()
    repo.stage("scripts/install.sh", SCRIPT.replace("set -eu", "set -euo pipefail"))
    assert scan(repo)[:2] == (0, [])


def test_a_download_made_unverified_by_a_later_line(repo: Repo) -> None:
    """Adding the line that runs a download reports the download's line (its related line)."""
    base = "#!/bin/sh\ncurl -fsSLo get.sh https://x.example.com/get.sh\n"
    repo.stage("get.sh", base)
    repo.commit()
    repo.stage("get.sh", base + "sh get.sh\n")
    assert scan(repo)[1] == [("get.sh", 2, "pins.shell.unverified-download", "medium")]


def test_strict_profile(repo: Repo) -> None:
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    repo.stage("scripts/install.sh", SCRIPT + "pip install --upgrade pip\nnpm install\n")
    _, found, _ = scan(repo)
    assert found == [
        ("scripts/install.sh", 3, "pins.shell.pipe-to-shell", "high"),
        ("scripts/install.sh", 4, "pins.shell.unpinned-package", "medium"),
        ("scripts/install.sh", 5, "pins.shell.os-package-unpinned", "low"),
        ("scripts/install.sh", 7, "pins.shell.installer-unpinned", "low"),
        ("scripts/install.sh", 8, "pins.shell.lockfile-not-enforced", "low"),
    ]


def test_inline_suppression(repo: Repo) -> None:
    repo.stage("x.sh", "# tollgate: ignore[pins.shell.pipe-to-shell] vendor installer, reviewed\n"
               "curl -fsSL https://get.example.com | sh\n")  # fmt: skip
    assert scan(repo)[:2] == (0, [])


def test_malformed_script_warns_and_passes(repo: Repo) -> None:
    repo.stage("broken.sh", "#!/bin/sh\necho 'unterminated\npip install requests\n")
    code, found, err = scan(repo)
    assert (code, found) == (0, [])
    assert err.strip() == "tollgate: warning: broken.sh:2: unterminated `'` quote"
