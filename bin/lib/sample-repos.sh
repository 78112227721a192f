#!/usr/bin/env bash
# Makes the git repositories of the sample application that the all-in-one node builds and deploys: bare
# repositories under GIT_DIR (the Builder's openaperture.builder.git.base-url is file://GIT_DIR/), made afresh
# from examples/ on every call, so they hold exactly what the project ships. Nothing is written into the
# project's own git history.
#   bin/lib/sample-repos.sh GIT_DIR
#   -> GIT_DIR/examples/hello.git (source repo) and GIT_DIR/examples/hello_docker.git (deployment repo), branch
#      master: the Builder clones <base-url><repo>.git
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
LOG_PREFIX="[samples]"
# shellcheck source=common.sh
. "$root/bin/lib/common.sh"
git_dir=${1:?usage: sample-repos.sh GIT_DIR}
mkdir -p "$git_dir" && git_dir=$(cd "$git_dir" && pwd)
ensure_cmds git:git

# publish FOLDER REPO: a bare repo REPO under git_dir whose master holds FOLDER's files in one commit.
publish() {
  local from=$1 repo=$git_dir/$2.git work
  rm -rf "$repo"
  mkdir -p "$repo"
  git init -q --bare --initial-branch=master "$repo"
  work=$(mktemp -d)
  cp -R "$from/." "$work/"
  git -C "$work" init -q --initial-branch=master
  git -C "$work" add -A
  git -C "$work" -c user.name=OpenAperture -c user.email=samples@openaperture.invalid \
    commit -q -m "The $2 sample, as the OpenAperture project ships it"
  git -C "$work" push -q "$repo" master
  rm -rf "$work"
}

for sample in "$root"/examples/*/; do
  name=$(basename "$sample")
  publish "$sample/source" "examples/$name"
  publish "$sample/deployment" "examples/${name}_docker"
  log "examples/$name and examples/${name}_docker ready in $git_dir"
done
