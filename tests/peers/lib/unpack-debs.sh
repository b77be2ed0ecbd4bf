# Sourced by tests/peers/get-*.sh (this folder is not run by tests/run.sh). Fetches Debian packages with apt-get download
# and unpacks them with dpkg -x into one folder, installing nothing: the FTP servers conflict as installed packages,
# and the tests need no root to find them. Libraries a fresh image lacks are fetched the same way, as ldd finds them.

# apt-get download PACKAGE...: a fresh image has no package lists yet, so a failure updates them once and retries.
download_debs() {
    if apt-get download "$@" >/dev/null 2>&1; then return 0; fi
    if [ "$(id -u)" = 0 ]; then apt-get update >/dev/null; else sudo -n apt-get update >/dev/null; fi
    apt-get download "$@" >/dev/null
}

# The sonames ldd cannot find for FILE..., with FOLDER's library folders on the search path.
missing_libraries() {
    local folder=$1; shift
    LD_LIBRARY_PATH="$(library_path "$folder")" ldd "$@" 2>/dev/null | awk '/not found/ {print $1}' | sort -u
}

library_path() {
    local folder=$1
    echo "$folder/usr/lib/x86_64-linux-gnu:$folder/lib/x86_64-linux-gnu:$folder/usr/lib:$folder/lib"
}

# unpack_into DEST "PACKAGES" "BINARIES" "SONAME=PACKAGE ..."
# Downloads PACKAGES, unpacks them, then for every library ldd reports missing from BINARIES (paths inside DEST)
# fetches the package the table names; fails when one stays missing. DEST appears whole or not at all.
unpack_into() {
    local dest=$1 packages=$2 binaries=$3 table=$4
    local work; work="$(mktemp -d)"
    # shellcheck disable=SC2064 # expand now: the trap must remove this call's folder
    trap "rm -rf '$work'" EXIT
    local partial="$dest.partial.$$"
    rm -rf "$partial"
    mkdir -p "$partial"
    # shellcheck disable=SC2086 # word splitting is the point: a list of package names
    (cd "$work" && download_debs $packages)
    for deb in "$work"/*.deb; do dpkg -x "$deb" "$partial"; done

    local files=() b
    for b in $binaries; do
        if [ ! -e "$partial/$b" ]; then echo "unpack-debs: $b is not in the packages" >&2; rm -rf "$partial"; return 1; fi
        files+=("$partial/$b")
    done
    # A fetched library may itself need one the image lacks (libmemcached needs libhashkit): a few rounds, bounded.
    local missing extra soname entry round
    missing="$(missing_libraries "$partial" "${files[@]}")"
    for round in 1 2 3; do
        [ -n "$missing" ] || break
        extra=()
        for soname in $missing; do
            for entry in $table; do
                [ "${entry%%=*}" = "$soname" ] && extra+=("${entry#*=}")
            done
        done
        [ "${#extra[@]}" -gt 0 ] || break
        rm -f "$work"/*.deb
        (cd "$work" && download_debs "${extra[@]}")
        for deb in "$work"/*.deb; do dpkg -x "$deb" "$partial"; done
        missing="$(missing_libraries "$partial" "${files[@]}")"
    done
    if [ -n "$missing" ]; then
        echo "unpack-debs: still missing after fetching their packages: $missing" >&2
        rm -rf "$partial"
        return 1
    fi
    rm -rf "$dest"
    mv "$partial" "$dest"
}
