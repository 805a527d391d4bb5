"""The gemfile ecosystem: Bundler's Gemfile, judged with the Gemfile.lock beside it. The Ruby
reading and the verdicts are tested directly for the syntax cases; real repositories for what a
commit is responsible for (a Gemfile.lock change alone included), the strict profile and
unreadable files."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.ecosystems import gemfile
from tollgate.checks.pins.model import Files, Ref
from tollgate.checks.pins.rubycalls import calls
from tollgate.pack.model import PinSettings

SHA = "0227f048fcb7c798026ede6cc20c92befc84c3a4"
SOURCE = 'source "https://rubygems.org"\n'


def lock(*dependencies: str, git: str = "") -> str:
    """A Gemfile.lock declaring `dependencies` (a trailing `!` for a git or path gem)."""
    specs = "".join(f"    {d.rstrip('!')} (1.0.0)\n" for d in dependencies if not d.endswith("!"))
    declared = "".join(f"  {d}\n" for d in dependencies)
    return (
        f"{git}GEM\n  remote: https://rubygems.org/\n  specs:\n{specs}\n"
        f"PLATFORMS\n  ruby\n\nDEPENDENCIES\n{declared}\nBUNDLED WITH\n   2.5.6\n"
    )


def analyse(text: str, lock_text: str | None = None, path: str = "Gemfile") -> list[Ref]:
    analysis = gemfile.analyse(
        Files(path, text, {gemfile.context(path)[0]: lock_text}), PinSettings()
    )
    assert analysis.notes == []
    return analysis.refs


def found(text: str, lock_text: str | None = None) -> list[tuple[str, int, int]]:
    return [
        (r.rule.removeprefix("pins.gemfile."), r.line, r.column) for r in analyse(text, lock_text)
    ]


@pytest.mark.parametrize(
    ("path", "manifests", "context"),
    [
        ("Gemfile", ("Gemfile",), ("Gemfile.lock",)),
        ("Gemfile.lock", ("Gemfile",), None),
        ("api/Gemfile", ("api/Gemfile",), ("api/Gemfile.lock",)),
        ("api/Gemfile.lock", ("api/Gemfile",), None),
        ("gems.rb", ("gems.rb",), ("gems.locked",)),
        ("web/gems.locked", ("web/gems.rb",), None),
        (
            "gemfiles/rails_7.gemfile",
            ("gemfiles/rails_7.gemfile",),
            ("gemfiles/rails_7.gemfile.lock",),
        ),
        ("gemfiles/rails_7.gemfile.lock", ("gemfiles/rails_7.gemfile",), None),
        ("Gemfile.local", (), None),
        ("mygem.gemspec", (), None),
        ("Rakefile", (), None),
    ],
)
def test_manifests_and_lockfiles(
    path: str, manifests: tuple[str, ...], context: tuple[str, ...] | None
) -> None:
    assert gemfile.manifests(path) == manifests
    if context is not None:
        assert gemfile.context(path) == context


@pytest.mark.parametrize(
    ("declaration", "kind", "column"),
    [
        ('gem "x", git: "https://github.com/o/x.git", branch: "main"', "git-branch", 53),
        ("gem 'x', :git => 'https://github.com/o/x.git', :branch => 'main'", "git-branch", 59),
        ('gem "x", "git" => "https://github.com/o/x.git", "branch" => "main"', "git-branch", 61),
        ("gem 'x',:git=>'https://github.com/o/x.git',:branch=>'main'", "git-branch", 53),
        ('gem("x", github: "o/x")', "git-branch", 18),
        ('gem "x", gist: "4815162342"', "git-branch", 16),
        ('gem "x", bitbucket: "o/x"', "git-branch", 21),
        ('gem "x", github: "https://github.com/o/x/pull/12"', "git-branch", 18),
        ('gem "x", github: "o/x", ref: "refs/pull/12/head"', "git-branch", 30),
        ('gem "x", github: "o/x", branch: ENV.fetch("X_BRANCH", "main")', "git-branch", 33),
        ('gem "x", github: "o/x", tag: "v1.0.0"', "git-mutable-ref", 30),
        ('gem "x", github: "o/x", ref: "4aded"', "git-mutable-ref", 30),
        ('gem "x", github: "o/x", ref: ENV["X_REF"]', "git-mutable-ref", 30),
        (f'gem "x", github: "o/x", ref: "{SHA}"', None, 0),
        (f'gem "x", github: "o/x", ref: "{SHA}", require: false', None, 0),
        ('gem "x", path: "vendor/x"', None, 0),
        ('gem "x", git: "https://github.com/o/x.git", path: "x"', None, 0),
        ('gem "x", "~> 1.0"', None, 0),
        ('gem "x", ">= 1.0", "< 2"', None, 0),
        ('gem "x", ["~> 1.0", ">= 1.0.2"]', None, 0),
        ('gem "x", **options', None, 0),  # the options could hold anything: unknowable
        ("gem name", None, 0),  # a computed name
        (
            'gem "x", source: "https://gems.example.com", version: "1"',
            "unversioned-without-lock",
            5,
        ),
        ('gem "x", require: false', "unversioned-without-lock", 5),
        ('gem "x" if ENV["WITH_X"]', "unversioned-without-lock", 5),
    ],
)
def test_gem_forms(declaration: str, kind: str | None, column: int) -> None:
    assert found(f"{SOURCE}{declaration}\n") == ([(kind, 2, column)] if kind else [])


def test_block_forms() -> None:
    text = (
        SOURCE
        + 'git "https://github.com/rails/rails.git", branch: "main" do\n'  # 2
        + '  gem "activesupport"\n'  # 3: the block's branch
        + '  gem "actionpack", ref: "'
        + SHA
        + '"\n'  # 4: its own pin wins
        + "  platforms :ruby do\n"
        + '    gem "actionview"\n'  # 6: an inner block keeps the source
        + "  end\n"
        + "end\n"
        + 'github "rails/rails", tag: "v7.1.3" do\n'  # 9
        + '  gem "railties"\n'  # 10: tagged (strict)
        + "end\n"
        + 'path "components" do\n'
        + '  gem "admin_ui"\n'  # never
        + "end\n"
        + 'source "https://gems.example.com" do\n'
        + '  gem "internal", "~> 2.0"\n'
        + "end\n"
        + "group :test do\n"
        + '  gem "rspec", "~> 3.13"\n'
        + "end\n"
    )
    refs = analyse(text)
    assert [(r.rule, r.line, r.column, r.related) for r in refs] == [
        ("pins.gemfile.git-branch", 3, 7, (2,)),
        ("pins.gemfile.git-branch", 6, 9, (2,)),
        ("pins.gemfile.git-mutable-ref", 10, 7, (9,)),
    ]
    assert refs[0].detail == (
        "it follows branch `main` (from the `git` block around it): "
        "`bundle update` takes whatever it points to then"
    )


def test_block_parameters_are_not_statements() -> None:
    text = (
        SOURCE
        + "%w[a b].each do |name|\n  gem name\nend\n"
        + 'git "https://github.com/o/mono.git" do |repo|\n  gem "mono-core"\nend\n'  # 5, 6
        + "group :test do |group|\n  gem 'rspec'\nend\n"  # 9
    )
    assert found(text) == [
        ("git-branch", 6, 7),
        ("unversioned-without-lock", 9, 7),
    ]


def test_custom_git_sources() -> None:
    text = (
        SOURCE
        + 'git_source(:internal) { |repo| "https://git.example.com/#{repo}.git" }\n'
        + 'git_source(:stash) do |repo_name|\n  "https://stash.example.com/#{repo_name}.git"\nend\n'
        + 'gem "billing", internal: "platform/billing"\n'  # 6
        + 'gem "auth", stash: "sec/auth", branch: "release"\n'  # 7
        + 'gem "other", unknown: "value", require: false\n'  # 8: not a source: a registry gem
    )
    assert found(text) == [
        ("git-branch", 6, 26),
        ("git-branch", 7, 40),
        ("unversioned-without-lock", 8, 5),
    ]


def test_comments_strings_heredocs_and_end_are_not_gems() -> None:
    text = (
        SOURCE
        + '# gem "a", github: "o/a"\n'
        + '=begin\ngem "b", github: "o/b"\n=end\n'
        + 'puts "gem \\"c\\", github: \\"o/c\\" # not code"\n'
        + 'note = <<~TEXT\n  gem "d", github: "o/d"\nTEXT\n'
        + "legacy = <<-EOS\n  gem 'e', github: 'o/e'\n  EOS\n"
        + "words = %w[gem f github o/f]\n"
        + 'q = %q(gem "g", github: "o/g")\n'
        + 'gem "h", "~> 1.0" # gem "i", github: "o/i"\n'
        + 'if RUBY_PLATFORM =~ /#{"darwin"}|mingw/ then gem "j", "~> 2.0" end\n'
        + "__END__\n"
        + 'gem "k", github: "o/k"\n'
    )
    assert found(text) == []


def test_multi_line_calls_keep_the_gem_in_the_identity() -> None:
    text = (
        SOURCE + 'gem "devise",\n    git: "https://github.com/o/devise.git",\n    branch: "main"\n'
    )
    [ref] = analyse(text)
    assert (ref.rule, ref.line, ref.column) == ("pins.gemfile.git-branch", 4, 13)
    assert ref.text == 'gem "devise", branch: "main"'
    assert ref.related == (2, 3)
    text = SOURCE + "gem(\n  'puma',\n  '~> 6.4',\n)\ngem 'rack'\n"
    assert found(text) == [("unversioned-without-lock", 6, 5)]


def test_a_library_or_a_moved_lockfile_is_not_judged_without_a_lock() -> None:
    assert found(SOURCE + 'gem "rack"\n') == [("unversioned-without-lock", 2, 5)]
    assert found(SOURCE + 'gemspec\ngem "rack"\n') == []
    assert found(SOURCE + 'gemspec path: "core"\ngem "rack"\n') == []
    assert found(SOURCE + 'lockfile false\ngem "rack"\n') == []
    assert found(SOURCE + 'lockfile "Gemfile.next.lock"\ngem "rack"\n', lock()) == []


def test_missing_from_lock() -> None:
    text = (
        SOURCE
        + 'gem "rails", "~> 7.1"\n'  # 2: declared
        + 'gem "rack"\n'  # 3: declared, unversioned: frozen by the lock
        + 'gem "Nokogiri"\n'  # 4: declared in another case
        + 'gem "rackup"\n'  # 5: only a dependency of another gem in the lock
        + 'gem "sidekiq", "~> 7.2"\n'  # 6: not there at all
        + f'gem "pinned", github: "o/pinned", ref: "{SHA}"\n'  # 7: declared with `!`
        + f'gem "gone", github: "o/gone", ref: "{SHA}"\n'  # 8: a git gem missing
        + 'gem "engine", path: "engines/engine"\n'  # path: never
    )
    locked = lock("rails (~> 7.1)", "rack", "nokogiri", "pinned!") + "    rackup (2.1.0)\n"
    refs = analyse(text, locked)
    assert [(r.rule, r.line, r.column, r.lock) for r in refs] == [
        ("pins.gemfile.missing-from-lock", 5, 5, True),
        ("pins.gemfile.missing-from-lock", 6, 5, True),
        ("pins.gemfile.missing-from-lock", 8, 5, True),
    ]
    assert refs[1].detail == "`sidekiq` is not in Gemfile.lock"


def test_a_lock_without_dependencies_falls_back_to_its_specs() -> None:
    locked = "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.9)\n"
    assert found(SOURCE + 'gem "rack"\ngem "rails"\n', locked) == [("missing-from-lock", 3, 5)]


def test_the_locked_revision_is_the_offline_fix() -> None:
    git = (
        f"GIT\n  remote: https://github.com/o/a.git\n  revision: {SHA}\n  branch: main\n"
        "  specs:\n    a (1.0.0)\n    b (1.0.0)\n    c (1.0.0)\n    d (1.0.0)\n\n"
    )
    text = (
        SOURCE
        + 'gem "a", github: "o/a", branch: "main"\n'
        + "gem 'b', :git => 'https://github.com/o/a.git'\n"
        + 'gem "c", github: "o/a", tag: "v1"\n'
        + 'git "https://github.com/o/a.git" do\n  gem "d"\nend\n'
    )
    refs = gemfile.analyse(
        Files("Gemfile", text, {"Gemfile.lock": lock("a!", "b!", "c!", "d!", git=git)}),
        PinSettings(profile="strict"),
    ).refs
    assert [(r.name, r.edit) for r in refs] == [
        ("a", ('branch: "main"', f'ref: "{SHA}"')),
        ("b", ("'https://github.com/o/a.git'", f"'https://github.com/o/a.git', :ref => \"{SHA}\"")),
        ("c", ('tag: "v1"', f'ref: "{SHA}"')),
        ("d", None),  # the pin belongs on the block's line
    ]
    assert refs[0].fix == f'pin `ref: "{SHA}"`, the commit Gemfile.lock builds'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            'source "https://rubygems.org"\ngem "rack\n',
            2,
            "cannot read the Gemfile: unterminated string",
        ),
        (
            "gem 'x'\nnote = <<~EOS\n  never closed\n",
            2,
            "cannot read the Gemfile: unterminated heredoc",
        ),
        ("x = %w[a b\n", 1, "cannot read the Gemfile: unterminated %-literal"),
    ],
)
def test_unreadable_ruby_is_a_note(text: str, line: int, message: str) -> None:
    analysis = gemfile.analyse(Files("Gemfile", text, {}), PinSettings())
    assert [(n.line, n.message) for n in analysis.notes] == [(line, message)]


def test_what_comes_before_an_unreadable_part_is_still_judged() -> None:
    text = 'gem "x", github: "o/x"\ngem "y\n'
    analysis = gemfile.analyse(Files("Gemfile", text, {}), PinSettings())
    assert [(r.rule, r.line) for r in analysis.refs] == [("pins.gemfile.git-branch", 1)]


def test_odd_ruby_does_not_raise() -> None:
    odd = [
        "gem\n",
        "gem(\n",
        "gem ,,, => => :\n",
        "end end end\ndo do\n",
        "gem 'x', git: \n",
        "{ gem 'x' }\n",
        "gem({ 'git' => 'u' })\n",
        "%\n",
        ':"\n',
        "a ? b : c\n",
        "x = y / z / w\n",
        "\ufeffgem 'é', github: 'ö/ü'\n",
    ]
    for text in odd:
        gemfile.analyse(Files("Gemfile", text, {}), PinSettings())
    assert calls("gem 'x', git: \n").calls[0].options["git"].kind == "dynamic"


# ---- end to end ------------------------------------------------------------------------------


GEMFILE = f"""\
{SOURCE}
gem "rails", "~> 7.1"
gem "kaminari", github: "kaminari/kaminari", branch: "master"
gem "tagged", github: "example/tagged", tag: "v1.0.0"
"""
LOCK = lock("rails (~> 7.1)", "kaminari!", "tagged!")


def test_a_new_gemfile_reports_what_floats_and_the_strict_profile_more(repo: Repo) -> None:
    repo.stage("Gemfile", GEMFILE)
    repo.stage("Gemfile.lock", LOCK)
    assert scan(repo)[:2] == (1, [("Gemfile", 4, "pins.gemfile.git-branch", "medium")])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[:2] == (
        1,
        [
            ("Gemfile", 4, "pins.gemfile.git-branch", "medium"),
            ("Gemfile", 5, "pins.gemfile.git-mutable-ref", "low"),
        ],
    )


def test_only_changed_lines_and_lock_changes_are_reported(repo: Repo) -> None:
    repo.stage("Gemfile", GEMFILE)
    repo.stage("Gemfile.lock", LOCK)
    repo.commit()
    # The kaminari line floats and is untouched: not this commit's doing.
    repo.stage("Gemfile", GEMFILE + 'gem "sidekiq", "~> 7.2"\n')
    assert scan(repo)[:2] == (1, [("Gemfile", 6, "pins.gemfile.missing-from-lock", "medium")])
    repo.stage("Gemfile.lock", lock("rails (~> 7.1)", "kaminari!", "tagged!", "sidekiq (~> 7.2)"))
    assert scan(repo)[:2] == (0, [])
    repo.git("commit", "-q", "-m", "sidekiq")
    # Gemfile.lock alone, regenerated without rails: the Gemfile's rails line is out of sync.
    repo.stage("Gemfile.lock", lock("kaminari!", "tagged!", "sidekiq (~> 7.2)", "puma"))
    assert scan(repo)[:2] == (1, [("Gemfile", 3, "pins.gemfile.missing-from-lock", "medium")])


def test_an_unreadable_gemfile_is_a_warning(repo: Repo) -> None:
    repo.stage("Gemfile", f'{SOURCE}gem "rails", "~> 7.1\n')
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert warning == "tollgate: warning: Gemfile:2: cannot read the Gemfile: unterminated string"
