#!/usr/bin/env bash
# Installs what Gazette needs to build and test, only where it is missing,
# at pinned versions, from the package registries only (crates.io, npm,
# Debian). Safe to run again: each step first checks what is there.
# With GAZETTE_SETUP=build, only what `trunk build` needs (for deployment CI).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_PACK_VERSION=0.15.1
CARGO_FUZZ_VERSION=0.13.2
# Cuts the app's code into chunks loaded on demand (cli/src/chunks.rs).
WASM_SPLIT_VERSION=0.2.4
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
have_version() { # command, expected version: true when `command --version` prints it
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

command -v cargo >/dev/null || { echo "setup: cargo is missing: install Rust with rustup first" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: npm is missing: install Node.js 20 or newer first" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "rustup component add $component"
    rustup component add "$component"
  fi
done

build_only=false
[ "${GAZETTE_SETUP:-}" = build ] && build_only=true
# With GAZETTE_SETUP=bench, also Hugo (Debian's package): `make bench`
# publishes a large archive beside it, and nothing else needs it.

# The browser, a server, and the font sets the layout is tested under (the
# faces readers' machines have: Palatino/Helvetica, Arial/Times metrics, CJK
# and Arabic; see tests/e2e/fonts.mjs). python3-feedparser is the tests'
# reference reader: `gazette import` must read at least what it reads
# (tools/feedparser_view.py, cli/src/import/differential.rs). The reading
# journeys also run in Firefox ESR and in WebKitGTK, Safari's engine, each
# through its own driver (tests/e2e/engines.mjs); WebKitGTK's MiniBrowser has
# no headless mode here, so it draws into an Xvfb.
PACKAGES="chromium chromium-driver nginx-light fonts-dejavu-core fonts-urw-base35 fonts-liberation2 fonts-noto-cjk fonts-hosny-amiri python3-feedparser firefox-esr webkit2gtk-driver xvfb"
[ "${GAZETTE_SETUP:-}" = bench ] && PACKAGES="$PACKAGES hugo"
missing_packages() {
  for package in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
  done
}
if ! $build_only && [ -n "$(missing_packages)" ]; then
  step "apt-get install $(missing_packages | tr '\n' ' ')"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $(missing_packages) >/dev/null
fi

if ! have_version trunk "trunk $TRUNK_VERSION"; then
  step "cargo install trunk $TRUNK_VERSION (several minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the CLI's own lock file pins a crate the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
# The crate wasm_split_cli_support (binary wasm-split-cli), not the crate
# named wasm-split-cli; it prints no version of its own.
if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (wasm-split-cli)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi
if ! $build_only && ! have_version wasm-pack "wasm-pack $WASM_PACK_VERSION"; then
  step "cargo install wasm-pack $WASM_PACK_VERSION"
  cargo install --locked wasm-pack --version "$WASM_PACK_VERSION"
fi

if ! $build_only && ! have_version cargo-fuzz "cargo-fuzz $CARGO_FUZZ_VERSION"; then
  step "cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

# wasm-opt (npm binaryen, not Debian's, whose output fails at run time), the
# end-to-end test driver and the audits come from package-lock.json.
if ! cmp -s package-lock.json node_modules/.gazette-installed-lock 2>/dev/null; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.gazette-installed-lock
fi

# Trunk builds offline, so every crate must already be in Cargo's cache.
cargo fetch --locked -q

# The CLI Trunk's post-build hook runs (`gazette publish`), optimised: built
# here, with its progress shown, rather than silently inside the first
# `trunk build`. Cargo only checks it when it is up to date.
if [ ! -x target/publishing/gazette ]; then
  step "cargo build --profile publishing -p gazette-cli (the CLI Trunk's hook runs; a few minutes)"
fi
cargo build --locked --offline --quiet --profile publishing -p gazette-cli --bin gazette

echo "setup: ready (trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-split-cli $WASM_SPLIT_VERSION, $(wasm-opt --version | head -n1)$($build_only || echo ", wasm-pack $WASM_PACK_VERSION, $(chromium --version 2>/dev/null | head -n1), $(firefox-esr --version 2>/dev/null | head -n1), WebKitGTK $(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null)"))"
