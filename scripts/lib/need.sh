# Sourced by the benchmark scripts: `need COMMAND APT_PACKAGE` installs the Debian package that
# provides COMMAND when it is missing (through sudo when not root).
need() {
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2 ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
    else sudo apt-get install -y "$2" >/dev/null; fi
}
