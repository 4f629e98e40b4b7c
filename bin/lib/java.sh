# shellcheck shell=bash
# Finds a JDK new enough to build and run Petrel. Source this file, then call petrel_find_java.
#
#   petrel_find_java   sets and exports JAVA_HOME (and PETREL_JAVA_MAJOR) to a JDK whose major version is at
#                      least PETREL_JAVA_MIN (default 21) and which has javac; returns 1 with a message on stderr
#                      when there is none.
#
# Candidates, in order: $JAVA_HOME, the java on PATH (its home found through readlink -f), then every directory
# of PETREL_JVM_DIR (default /usr/lib/jvm), newest major first. PETREL_JVM_DIR exists for bin/lib/test-java.sh.

# Prints the major version of a Java version string: "17.0.15" -> 17, "21" -> 21, "25.0.1" -> 25,
# "1.8.0_392" -> 8, "22-ea" -> 22. Prints nothing and returns 1 when the string has no leading number.
petrel_java_major() {
    local v=$1 major rest
    v=${v#\"}
    v=${v%\"}
    major=${v%%[!0-9]*}
    [[ -n $major ]] || return 1
    if [[ $major == 1 && $v == 1.* ]]; then
        rest=${v#1.}
        major=${rest%%[!0-9]*}
        [[ -n $major ]] || return 1
    fi
    # Strip leading zeros so that the value is safe in arithmetic.
    echo $((10#$major))
}

# Prints the version string of the Java installation at $1: the release file's JAVA_VERSION when there is one,
# else java.version from the launcher's own settings. Returns 1 when neither tells.
petrel_java_version_of() {
    local home=$1 line v=
    if [[ -r $home/release ]]; then
        line=$(grep -m1 '^JAVA_VERSION=' "$home/release" 2>/dev/null) || true
        v=${line#JAVA_VERSION=}
        v=${v#\"}
        v=${v%\"}
    fi
    if [[ -z $v && -x $home/bin/java ]]; then
        line=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | grep -m1 '^ *java\.version = ') || true
        v=${line#*= }
    fi
    v=${v//[[:space:]]/}
    [[ -n $v ]] || return 1
    echo "$v"
}

# Checks one candidate home. Sets _petrel_java_note to a one-line description of what was found, and
# _petrel_java_cand_major to its major version (0 when unknown). Returns 0 when the candidate is usable.
_petrel_check_home() {
    local home=$1 min=$2 v major
    _petrel_java_cand_major=0
    if [[ ! -d $home ]]; then
        _petrel_java_note="not a directory"
        return 1
    fi
    if [[ ! -x $home/bin/java ]]; then
        _petrel_java_note="no bin/java"
        return 1
    fi
    if ! v=$(petrel_java_version_of "$home"); then
        _petrel_java_note="version unknown"
        return 1
    fi
    if ! major=$(petrel_java_major "$v"); then
        _petrel_java_note="version '$v' not understood"
        return 1
    fi
    _petrel_java_cand_major=$major
    if ((major < min)); then
        _petrel_java_note="version $v (major $major < $min)"
        return 1
    fi
    if [[ ! -x $home/bin/javac ]]; then
        _petrel_java_note="version $v, but no bin/javac (a JRE, not a JDK)"
        return 1
    fi
    _petrel_java_note="version $v"
    return 0
}

# The home of a java executable: /x/bin/java -> /x; a JDK 8 /x/jre/bin/java -> /x when /x has bin/javac.
_petrel_home_of_java() {
    local exe home
    exe=$(readlink -f "$1") || return 1
    home=$(dirname "$(dirname "$exe")")
    if [[ $(basename "$home") == jre && -x $(dirname "$home")/bin/javac ]]; then
        home=$(dirname "$home")
    fi
    echo "$home"
}

petrel_find_java() {
    local min=${PETREL_JAVA_MIN:-21} jvm_dir=${PETREL_JVM_DIR:-/usr/lib/jvm}
    local -a cands=() labels=() report=()
    local home real i java_on_path d
    local -A seen=()

    if [[ -n ${JAVA_HOME:-} ]]; then
        cands+=("$JAVA_HOME")
        labels+=("JAVA_HOME")
    fi
    if java_on_path=$(command -v java 2>/dev/null) && [[ -n $java_on_path ]]; then
        if home=$(_petrel_home_of_java "$java_on_path"); then
            cands+=("$home")
            labels+=("java on PATH ($java_on_path)")
        fi
    fi
    if [[ -d $jvm_dir ]]; then
        # Newest major first; within a major, the highest version first.
        local -a sorted=()
        local v major
        while IFS=$'\t' read -r _ _ d; do
            sorted+=("$d")
        done < <(
            for d in "$jvm_dir"/*; do
                [[ -d $d ]] || continue
                major=0
                v=0
                if v=$(petrel_java_version_of "$d" 2>/dev/null); then
                    major=$(petrel_java_major "$v") || major=0
                else
                    v=0
                fi
                printf '%s\t%s\t%s\n' "$major" "$v" "$d"
            done | sort -t$'\t' -k1,1nr -k2,2Vr
        )
        for d in "${sorted[@]}"; do
            cands+=("$d")
            labels+=("$jvm_dir")
        done
    fi

    for i in "${!cands[@]}"; do
        home=${cands[$i]}
        real=$(readlink -f "$home" 2>/dev/null) || real=$home
        if [[ -n ${seen[$real]:-} ]]; then
            continue
        fi
        seen[$real]=1
        if _petrel_check_home "$home" "$min"; then
            JAVA_HOME=$real
            PETREL_JAVA_MAJOR=$_petrel_java_cand_major
            export JAVA_HOME PETREL_JAVA_MAJOR
            return 0
        fi
        report+=("  $home  [${labels[$i]}]: $_petrel_java_note")
    done

    {
        echo "petrel: no JDK $min or newer found (Petrel needs Java $min+ with javac to build and run)."
        echo "Looked at \$JAVA_HOME (${JAVA_HOME:-unset}), the java on PATH, and every directory of $jvm_dir:"
        if ((${#report[@]} == 0)); then
            echo "  (no candidates at all)"
        else
            printf '%s\n' "${report[@]}"
        fi
        echo "To fix: install a JDK $min or newer, e.g. 'apt-get install openjdk-$min-jdk' where your release"
        echo "has it, or Eclipse Temurin ('temurin-$min-jdk' from the Adoptium apt repository), or set"
        echo "JAVA_HOME to an installed JDK $min+ (export JAVA_HOME=/path/to/jdk)."
    } >&2
    return 1
}

# Prints the MAVEN_OPTS to use with the JDK petrel_find_java chose: on JDK 24 and newer, adds the flag that
# silences the sun.misc.Unsafe warnings of Maven's own guava, unless MAVEN_OPTS already says something about it.
# JVM options Petrel's own processes need on the JDK found (not tuning: those are PETREL_JAVA_OPTS): Netty's
# direct buffers use sun.misc.Unsafe, which JDK 24+ warns about on every start unless allowed, and Netty's epoll
# and jnr-ffi (kernel FIB, MD5 prefix keys) load native code, which JDK 22+ warns about unless enabled.
petrel_runtime_opts() {
    local opts=
    if ((${PETREL_JAVA_MAJOR:-0} >= 22)); then
        opts="--enable-native-access=ALL-UNNAMED"
    fi
    if ((${PETREL_JAVA_MAJOR:-0} >= 24)); then
        opts="$opts --sun-misc-unsafe-memory-access=allow"
    fi
    echo "$opts"
}

petrel_maven_opts() {
    local opts=${MAVEN_OPTS:-}
    if ((${PETREL_JAVA_MAJOR:-0} >= 24)) && [[ $opts != *--sun-misc-unsafe-memory-access* ]]; then
        opts="${opts:+$opts }--sun-misc-unsafe-memory-access=allow"
    fi
    echo "$opts"
}
