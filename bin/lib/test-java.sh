#!/usr/bin/env bash
# Tests for bin/lib/java.sh, bin/test and bin/petrel. Run: bash bin/lib/test-java.sh (exits non-zero on failure).
#
# Most checks use fake JDKs (a release file, and bin/java and bin/javac scripts) in a temporary directory standing
# in for /usr/lib/jvm through PETREL_JVM_DIR, so they run anywhere. The checks against this machine's real JDKs run
# when /usr/lib/jvm/java-17-openjdk-amd64 and /usr/lib/jvm/temurin-25-jdk-amd64 exist, and are skipped otherwise.
set -uo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=$here/java.sh

passed=0
failed=0
skipped=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; [[ -n ${2:-} ]] && printf '     %s\n' "$2"; }
skip() { skipped=$((skipped + 1)); echo "skip $1"; }
check_eq() { if [[ $2 == "$3" ]]; then ok "$1"; else bad "$1" "expected '$3', got '$2'"; fi; }
check_has() { if [[ $2 == *"$3"* ]]; then ok "$1"; else bad "$1" "expected to contain '$3' in: $2"; fi; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# make_jdk DIR VERSION [jre] [norelease]: a fake installation whose java prints its arguments, one per line.
make_jdk() {
    local dir=$1 version=$2 kind=${3:-jdk} release=${4:-release}
    mkdir -p "$dir/bin"
    if [[ $release == release ]]; then
        printf 'IMPLEMENTOR="Fake"\nJAVA_VERSION="%s"\nJAVA_RUNTIME_VERSION="%s+1"\n' "$version" "$version" >"$dir/release"
    fi
    cat >"$dir/bin/java" <<EOF
#!/usr/bin/env bash
if [[ "\$*" == *-XshowSettings:properties* ]]; then
    printf 'Property settings:\n    java.home = %s\n    java.version = %s\n' "$dir" "$version" >&2
    echo 'openjdk version "$version"' >&2
    exit 0
fi
for a in "\$@"; do printf '<%s>\n' "\$a"; done
EOF
    chmod +x "$dir/bin/java"
    if [[ $kind == jdk ]]; then
        printf '#!/bin/sh\nexit 0\n' >"$dir/bin/javac"
        chmod +x "$dir/bin/javac"
    fi
}

# find_in ENV... : runs petrel_find_java in a clean shell with the given environment; prints JAVA_HOME or the error.
find_in() {
    env -i HOME="$HOME" "$@" bash -c '. "$0"; if petrel_find_java 2>&1; then echo "$JAVA_HOME"; else echo "rc=1"; fi' "$lib"
}

jvm=$tmp/jvm
make_jdk "$jvm/jdk-17" 17.0.15
make_jdk "$jvm/jre-22" 22.0.1 jre
make_jdk "$jvm/jdk-8" 1.8.0_392
make_jdk "$jvm/jdk-21" 21
make_jdk "$jvm/jdk-25" 25.0.1
make_jdk "$jvm/jdk-23" 23.0.2 jdk norelease
mkdir -p "$jvm/not-a-jdk"
ln -s jdk-17 "$jvm/jdk-17-link"
fakebin=$tmp/fakebin
mkdir -p "$fakebin"
ln -s "$jvm/jdk-17/bin/java" "$fakebin/java"
path17=$fakebin:/usr/bin:/bin

# shellcheck source=java.sh
. "$lib"

echo "# version parsing"
    for pair in 17.0.15:17 21:21 25.0.1:25 1.8.0_392:8 22-ea:22 '"11.0.2"':11 9.0.4:9 21.0.2+13-LTS:21; do
        check_eq "petrel_java_major ${pair%:*}" "$(petrel_java_major "${pair%:*}")" "${pair##*:}"
    done
    if petrel_java_major abc >/dev/null; then bad "petrel_java_major abc fails"; else ok "petrel_java_major abc fails"; fi
    check_eq "version from release file" "$(petrel_java_version_of "$jvm/jdk-25")" 25.0.1
check_eq "version from java -XshowSettings when no release file" "$(petrel_java_version_of "$jvm/jdk-23")" 23.0.2

echo "# fake JDKs"
check_eq "no JAVA_HOME, PATH java 17: newest JDK in the jvm dir" \
    "$(find_in PATH="$path17" PETREL_JVM_DIR="$jvm")" "$jvm/jdk-25"
check_eq "JAVA_HOME=17 is skipped" \
    "$(find_in PATH="$path17" PETREL_JVM_DIR="$jvm" JAVA_HOME="$jvm/jdk-17")" "$jvm/jdk-25"
check_eq "JAVA_HOME=21 is taken first" \
    "$(find_in PATH="$path17" PETREL_JVM_DIR="$jvm" JAVA_HOME="$jvm/jdk-21")" "$jvm/jdk-21"
check_eq "JAVA_HOME that is only a JRE 22 is skipped" \
    "$(find_in PATH="$path17" PETREL_JVM_DIR="$jvm" JAVA_HOME="$jvm/jre-22")" "$jvm/jdk-25"
mkdir -p "$tmp/bin25"
ln -s "$jvm/jdk-25/bin/java" "$tmp/bin25/java"
only17=$tmp/only17
make_jdk "$only17/jdk-17" 17.0.15
check_eq "PATH java (a symlink) is resolved to its home" \
    "$(find_in PATH="$tmp/bin25:/usr/bin:/bin" PETREL_JVM_DIR="$only17")" "$jvm/jdk-25"
make_jdk "$tmp/only23/jdk-23" 23.0.2 jdk norelease
check_eq "a JDK without a release file is versioned by its launcher" \
    "$(find_in PATH="$path17" PETREL_JVM_DIR="$tmp/only23")" "$tmp/only23/jdk-23"

fail_dir=$tmp/old
make_jdk "$fail_dir/jdk-17" 17.0.15
make_jdk "$fail_dir/jdk-8" 1.8.0_392
make_jdk "$fail_dir/jre-21" 21 jre
mkdir -p "$fail_dir/not-a-jdk"
msg=$(find_in PATH="$path17" PETREL_JVM_DIR="$fail_dir" JAVA_HOME="$tmp/nowhere")
check_has "none found: fails" "$msg" "rc=1"
check_has "none found: says what is needed" "$msg" "no JDK 21 or newer found"
check_has "none found: lists JAVA_HOME" "$msg" "$tmp/nowhere  [JAVA_HOME]: not a directory"
check_has "none found: lists PATH java with version" "$msg" "[java on PATH ($fakebin/java)]: version 17.0.15 (major 17 < 21)"
check_has "none found: lists JDK 8" "$msg" "$fail_dir/jdk-8  [$fail_dir]: version 1.8.0_392 (major 8 < 21)"
check_has "none found: a JRE 21 is not enough" "$msg" "version 21, but no bin/javac"
check_has "none found: lists a directory without java" "$msg" "$fail_dir/not-a-jdk  [$fail_dir]: no bin/java"
check_has "none found: says how to fix" "$msg" "openjdk-21-jdk"
check_has "none found: mentions temurin" "$msg" "temurin-21-jdk"
check_has "none found: mentions JAVA_HOME" "$msg" "export JAVA_HOME="
# jdk-17 (and its symlink) came first as the PATH java, so it is not tried again.
check_eq "candidates of the jvm dir are tried newest first, each once" \
    "$(find_in PATH="$path17" PETREL_JVM_DIR="$jvm" PETREL_JAVA_MIN=99 | grep -o "$jvm/[a-z0-9-]*  \[$jvm\]" | cut -d' ' -f1 | xargs -n1 basename | tr '\n' ' ')" \
    "jdk-25 jdk-23 jre-22 jdk-21 jdk-8 not-a-jdk "

check_eq "MAVEN_OPTS on JDK 25" "$(PETREL_JAVA_MAJOR=25 MAVEN_OPTS= petrel_maven_opts)" \
    "--sun-misc-unsafe-memory-access=allow"
check_eq "MAVEN_OPTS on JDK 25 keeps the user's" "$(PETREL_JAVA_MAJOR=25 MAVEN_OPTS=-Xmx1g petrel_maven_opts)" \
    "-Xmx1g --sun-misc-unsafe-memory-access=allow"
check_eq "MAVEN_OPTS on JDK 25 not added twice" \
    "$(PETREL_JAVA_MAJOR=25 MAVEN_OPTS=--sun-misc-unsafe-memory-access=warn petrel_maven_opts)" \
    "--sun-misc-unsafe-memory-access=warn"
check_eq "MAVEN_OPTS on JDK 21 unchanged" "$(PETREL_JAVA_MAJOR=21 MAVEN_OPTS=-Xmx1g petrel_maven_opts)" "-Xmx1g"

echo "# this machine's JDKs"
real17=/usr/lib/jvm/java-17-openjdk-amd64
real25=/usr/lib/jvm/temurin-25-jdk-amd64
if [[ -x $real17/bin/java && -x $real25/bin/javac ]]; then
    mkdir -p "$tmp/real17bin"
    ln -s "$real17/bin/java" "$tmp/real17bin/java"
    rpath=$tmp/real17bin:/usr/bin:/bin
    check_eq "no JAVA_HOME, PATH java 17: temurin 25" "$(find_in PATH="$rpath")" "$real25"
    check_eq "JAVA_HOME=java-17 is skipped for temurin 25" "$(find_in PATH="$rpath" JAVA_HOME="$real17")" "$real25"
    real_only17=$tmp/real-only17
    mkdir -p "$real_only17"
    ln -s "$real17" "$real_only17/java-17-openjdk-amd64"
    msg=$(find_in PATH="$rpath" PETREL_JVM_DIR="$real_only17")
    check_has "jvm dir with only 17: fails" "$msg" "rc=1"
    check_has "jvm dir with only 17: shows its version" "$msg" "version 17.0"
else
    skip "real JDK checks ($real17 and $real25 are not both here)"
fi

echo "# bin/test and bin/petrel in a fake checkout"
repo=$tmp/repo
mkdir -p "$repo/bin/lib" "$repo/daemon/src/main/java" "$repo/daemon/target/lib" "$repo/mvnbin"
cp "$root/bin/test" "$root/bin/petrel" "$repo/bin/"
cp "$lib" "$repo/bin/lib/"
touch -d '2 hours ago' "$repo/pom.xml" "$repo/daemon/pom.xml" "$repo/daemon/src/main/java/A.java"
# A fake mvn: records its arguments, directory and MAVEN_OPTS, makes the daemon jar, exits with $FAKE_MVN_RC.
cat >"$repo/mvnbin/mvn" <<'EOF'
#!/usr/bin/env bash
{ echo "cwd=$PWD"; echo "MAVEN_OPTS=${MAVEN_OPTS:-}"; echo "JAVA_HOME=$JAVA_HOME"; echo "args=$*"; } >>"$FAKE_MVN_LOG"
if [[ $* == *package* ]]; then
    mkdir -p daemon/target
    touch daemon/target/petrel-daemon-0.1.0-SNAPSHOT.jar daemon/target/petrel-daemon-0.1.0-SNAPSHOT-sources.jar
fi
exit "${FAKE_MVN_RC:-0}"
EOF
chmod +x "$repo/mvnbin/mvn"
mkdir -p "$tmp/elsewhere/links"
ln -s "$repo/bin/petrel" "$tmp/elsewhere/links/petrel"
ln -s "$repo/bin/test" "$tmp/elsewhere/links/ptest"
log=$tmp/mvn.log
run() {
    (cd "$tmp/elsewhere" && env -i HOME="$HOME" PATH="$repo/mvnbin:$path17" PETREL_JVM_DIR="$jvm" \
        FAKE_MVN_LOG="$log" "$@")
}

: >"$log"
out=$(run links/ptest -pl bgp-wire -Dx='a b' 2>&1)
check_has "bin/test runs mvn -B verify with the arguments" "$(cat "$log")" "args=-B verify -pl bgp-wire -Dx=a b"
check_has "bin/test runs at the repository root" "$(cat "$log")" "cwd=$repo"
check_has "bin/test uses the JDK found" "$(cat "$log")" "JAVA_HOME=$jvm/jdk-25"
check_has "bin/test silences Unsafe warnings on JDK 25" "$(cat "$log")" "MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow"
: >"$log"
run env JAVA_HOME="$jvm/jdk-21" links/ptest >/dev/null 2>&1
check_has "bin/test on JDK 21 leaves MAVEN_OPTS alone" "$(grep MAVEN_OPTS "$log" | tail -n1)" "MAVEN_OPTS="
check_eq "bin/test on JDK 21 adds no Unsafe flag" "$(grep -c unsafe "$log")" "0"
run env FAKE_MVN_RC=3 links/ptest >/dev/null 2>&1
check_eq "bin/test exits with Maven's status" "$?" "3"
run env PETREL_JVM_DIR="$fail_dir" links/ptest >/dev/null 2>&1
check_eq "bin/test fails without a JDK 21" "$?" "1"

: >"$log"
out=$(run links/petrel status --name 'two words' '' 'x"y' 2>"$tmp/err")
check_has "bin/petrel builds on first run" "$(cat "$tmp/err")" "building petrel (first run)..."
check_has "bin/petrel builds quietly, daemon only" "$(cat "$log")" "args=-B -q -DskipTests -pl daemon -am package"
check_has "bin/petrel builds at the repository root" "$(cat "$log")" "cwd=$repo"
jar=$repo/daemon/target/petrel-daemon-0.1.0-SNAPSHOT.jar
expected="<--enable-native-access=ALL-UNNAMED>
<--sun-misc-unsafe-memory-access=allow>
<-XX:+UseSerialGC>
<-XX:+UseTransparentHugePages>
<-XX:+AutoCreateSharedArchive>
<-XX:SharedArchiveFile=$repo/daemon/target/petrel.jsa>
<-Xlog:cds=off>
<-Xlog:cds+dynamic=off>
<-cp>
<$jar:$repo/daemon/target/lib/*>
<dev.petrel.daemon.PetrelCommand>
<status>
<--name>
<two words>
<>
<x\"y>"
check_eq "bin/petrel runs PetrelCommand with the arguments as given" "$out" "$expected"
: >"$log"
out=$(run links/petrel version 2>"$tmp/err")
check_eq "bin/petrel does not rebuild a fresh jar" "$(cat "$log")$(cat "$tmp/err")" ""
touch "$repo/daemon/src/main/java/A.java"
sleep 0.01
run links/petrel version >/dev/null 2>"$tmp/err"
check_has "bin/petrel rebuilds when a source is newer" "$(cat "$tmp/err")" "building petrel"
: >"$tmp/err"
touch -d '1 hour ago' "$jar"
touch "$repo/daemon/pom.xml"
run links/petrel version >/dev/null 2>"$tmp/err"
check_has "bin/petrel rebuilds when a pom is newer" "$(cat "$tmp/err")" "building petrel"
out=$(run env PETREL_JAVA_OPTS='-Xmx64m -Dk=v' links/petrel a 2>/dev/null | sed -n 3,4p | tr '\n' ' ')
check_eq "bin/petrel takes PETREL_JAVA_OPTS" "$out" "<-Xmx64m> <-Dk=v> "
out=$(run env PETREL_JAVA_OPTS= links/petrel a 2>/dev/null | sed -n 3p)
check_eq "bin/petrel with PETREL_JAVA_OPTS empty adds no tuning option" "$out" "<-cp>"
out=$(run env PETREL_JAVA_OPTS= JAVA_HOME="$jvm/jdk-21" links/petrel a 2>/dev/null | head -n1)
check_eq "bin/petrel on JDK 21 adds no runtime option" "$out" "<-cp>"
touch "$repo/daemon/src/main/java/A.java"
run env FAKE_MVN_RC=4 links/petrel a >/dev/null 2>&1
check_eq "bin/petrel exits with Maven's status when the build fails" "$?" "4"

echo "test-java.sh: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
