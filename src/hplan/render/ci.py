"""The CI files `hplan ci` writes: a GitHub Actions workflow or a GitLab CI pipeline that
validate every push, and each week publish the report and send the digest."""

from __future__ import annotations

from enum import StrEnum

from hplan import __version__


class Platform(StrEnum):
    GITHUB = "github"
    GITLAB = "gitlab"


TARGETS = {Platform.GITHUB: ".github/workflows/hplan.yml", Platform.GITLAB: ".gitlab-ci.yml"}
"""Where each platform reads its CI file, from the repository's top."""

ACTIONS = {
    "checkout": "3d3c42e5aac5ba805825da76410c181273ba90b1  # v7.0.1",
    "setup_python": "5fda3b95a4ea91299a34e894583c3862153e4b97  # v7.0.0",
    "cache": "27d5ce7f107fe9357f9df03efb73ab90386fccae  # v5.0.5",
    "upload_pages_artifact": "fc324d3547104276b827a68afc52ff2a11cc49c9  # v5.0.0",
    "deploy_pages": "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128  # v5.0.0",
}
"""The third-party actions the workflow uses, pinned by commit (a tag can be moved)."""


def ci_file(platform: Platform, install: str, python: str, sent_log: str, folder: str) -> str:
    """The CI file's text for `platform`; `folder`: the plan's, from the repository's top."""
    import json
    import shlex

    from hplan.origin import with_extra
    from hplan.render.report import environment

    made = environment(autoescape=False)
    # A path becomes a YAML string and a shell word where it is written, never syntax.
    made.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    made.filters["shell"] = lambda text: shlex.quote(str(text))
    template = made.get_template(f"ci-{platform.value}.yml.j2")
    return str(
        template.render(
            version=__version__,
            actions=ACTIONS,
            install=install,
            install_inbox=with_extra(install, "inbox"),
            python=python,
            sent_log=sent_log,
            folder=folder,
        )
    )
