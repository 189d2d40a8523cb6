#!/usr/bin/env bash
# Resolves regzoo's dependencies as Maven would on each supported platform and checks the natives each one selects.
# Maven runs in a JVM told another os.name/os.arch, so the OS-activated profiles of regzoo's POMs and of DL4J's switch
# exactly as on that machine (a -Dos.name on Maven's command line would not: Maven reads the OS once, at start-up).
# Jansi (Maven's console colours) is left off Maven's classpath for this, as on a "Windows" JVM it calls the Windows
# console API. Only POMs are resolved (dependency:tree), no natives are downloaded; the first run needs Maven Central
# for POMs not yet in ~/.m2. Extra arguments go to Maven (e.g. -o).
#
# Per platform and module it prints the nd4j-native, dnnl and opencv natives selected, and fails when
#   - zoo, cli, spark or the consumer example get no libnd4j natives or more than one, or not the expected build
#     (`-onednn` on x86_64, the plain one on arm64), or oneDNN 2.5's natives where they do not exist (arm64);
#   - data gets the kernels' natives (nd4j-native, dnnl) or not exactly one OpenCV;
#   - any module gets another platform's natives or a JavaCPP `-platform` aggregator (all platforms' natives).
set -euo pipefail

PLATFORMS=(linux-x86_64 linux-arm64 macosx-x86_64 macosx-arm64 windows-x86_64)
MODULES=(zoo data cli spark examples/consumer)
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1

# os.name and os.arch as the JDK reports them on each platform, one per line.
os_properties() {
  case "$1" in
    linux-x86_64) printf '%s\n' -Dos.name=Linux -Dos.arch=amd64 ;;
    linux-arm64) printf '%s\n' -Dos.name=Linux -Dos.arch=aarch64 ;;
    macosx-x86_64) printf '%s\n' '-Dos.name=Mac OS X' -Dos.arch=x86_64 ;;
    macosx-arm64) printf '%s\n' '-Dos.name=Mac OS X' -Dos.arch=aarch64 ;;
    windows-x86_64) printf '%s\n' '-Dos.name=Windows 10' -Dos.arch=amd64 ;;
    *) echo "check-platforms: unknown platform $1" >&2; return 2 ;;
  esac
}

# maven PLATFORM ARGS...: runs this Maven installation's classes in a JVM with PLATFORM's OS properties.
maven() {
  local platform="$1" properties
  shift
  mapfile -t properties < <(os_properties "$platform")
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${properties[@]}" -classpath "$(echo "$maven_home"/boot/plexus-classworlds*.jar)" \
    -Dclassworlds.conf="$classworlds_conf" -Dmaven.home="$maven_home" -Dmaven.multiModuleProjectDirectory="$PWD" \
    org.codehaus.plexus.classworlds.launcher.Launcher "$@"
}

# check TREE_FILE PLATFORM MODULE: prints one summary line, returns 1 when the module's natives are wrong.
# Only compile and runtime dependencies count (data's tests use regzoo-cpu's natives).
check() {
  awk -v platform="$2" -v module="$3" '
    function join(list) { return list == "" ? "-" : substr(list, 2) }
    {
      sub(/^[| +\\-]*/, "")
      n = split($0, f, ":")
      if (n < 5 || (f[n] != "compile" && f[n] != "runtime")) next
      artifact = f[1] ":" f[2]
      if (f[2] ~ /-platform$/ && (f[1] == "org.bytedeco" || f[1] == "org.nd4j")) aggregators = aggregators " " artifact
      if (n != 6 || f[4] !~ /^(linux|macosx|windows|android|ios)-/) next
      classifier = f[4]
      if (classifier != platform && index(classifier, platform "-") != 1) foreign = foreign " " artifact ":" classifier
      if (artifact == "org.nd4j:nd4j-native") { nd4j = nd4j " " classifier; nd4j_count++ }
      if (artifact == "org.bytedeco:dnnl") { dnnl = dnnl " " classifier; dnnl_count++ }
      if (artifact == "org.bytedeco:opencv") { opencv = opencv " " classifier; opencv_count++ }
    }
    END {
      x86 = platform ~ /-x86_64$/
      if (module == "data") {
        if (nd4j_count) problems = problems "; libnd4j natives (regzoo-cpu only)"
        if (dnnl_count) problems = problems "; oneDNN natives (regzoo-cpu only)"
        if (opencv_count != 1) problems = problems "; " opencv_count + 0 " OpenCV natives (want 1)"
      } else {
        expected = x86 ? platform "-onednn" : platform
        if (nd4j_count != 1) problems = problems "; " nd4j_count + 0 " libnd4j natives (want 1)"
        else if (nd4j != " " expected) problems = problems "; libnd4j" nd4j " (want " expected ")"
        if (dnnl_count != x86) problems = problems "; " dnnl_count + 0 " oneDNN natives (want " x86 ")"
      }
      if (foreign != "") problems = problems "; natives of other platforms:" foreign
      if (aggregators != "") problems = problems "; all-platform aggregators:" aggregators
      printf "%-15s %-18s %-22s %-15s %-15s %s\n", platform, module, join(nd4j), join(dnnl), join(opencv),
          problems == "" ? "ok" : "FAIL:" substr(problems, 2)
      exit (problems == "" ? 0 : 1)
    }' "$1"
}

# The checker on made-up trees, so that a broken check cannot pass the real ones.
self_test() (
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' EXIT
  tree_ok="+- org.nd4j:nd4j-native:jar:1.0.0-M2.1:compile
+- org.nd4j:nd4j-native:jar:linux-x86_64-onednn:1.0.0-M2.1:compile
|  \\- org.bytedeco:dnnl:jar:linux-x86_64:2.5.2-1.5.7:compile
+- org.bytedeco:opencv:jar:macosx-arm64:4.5.5-1.5.7:test"
  tree_two="$tree_ok
+- org.nd4j:nd4j-native:jar:linux-x86_64:1.0.0-M2.1:compile"
  tree_foreign="$tree_ok
|  |  \\- org.bytedeco:openblas:jar:windows-x86_64:0.3.19-1.5.7:runtime"
  tree_data="+- org.bytedeco:opencv:jar:linux-arm64:4.5.5-1.5.7:compile
+- org.bytedeco:opencv-platform:jar:4.5.5-1.5.7:compile"
  printf '%s\n' "$tree_ok" > "$dir/ok"
  printf '%s\n' "$tree_two" > "$dir/two"
  printf '%s\n' "$tree_foreign" > "$dir/foreign"
  printf '%s\n' "$tree_data" > "$dir/data"
  check "$dir/ok" linux-x86_64 zoo > /dev/null || { echo "self-test: a correct tree failed" >&2; return 1; }
  ! check "$dir/ok" linux-arm64 zoo > /dev/null || { echo "self-test: x86_64 natives passed on arm64" >&2; return 1; }
  ! check "$dir/two" linux-x86_64 zoo > /dev/null || { echo "self-test: two libnd4j natives passed" >&2; return 1; }
  ! check "$dir/foreign" linux-x86_64 cli > /dev/null || { echo "self-test: foreign natives passed" >&2; return 1; }
  ! check "$dir/ok" linux-x86_64 data > /dev/null || { echo "self-test: kernels' natives passed in data" >&2; return 1; }
  ! check "$dir/data" linux-arm64 data > /dev/null || { echo "self-test: an aggregator passed" >&2; return 1; }
)

cd "$(dirname "$0")/.."
self_test
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
maven_home="$(mvn -B -v 2>/dev/null | sed -n 's/^Maven home: //p')"
classworlds_conf="$work/m2.conf"
{
  echo 'main is org.apache.maven.cli.MavenCli from plexus.core'
  echo 'set maven.conf default ${maven.home}/conf'
  echo '[plexus.core]'
  echo 'load ${maven.conf}/logging'
  for jar in "$maven_home"/lib/*.jar; do
    [[ "$(basename "$jar")" == jansi* ]] || echo "load $jar"
  done
} > "$classworlds_conf"
modules="$(IFS=,; echo "${MODULES[*]}")"
printf '%-15s %-18s %-22s %-15s %-15s %s\n' platform module nd4j-native dnnl opencv verdict
failed=0
for platform in "${PLATFORMS[@]}"; do
  if ! maven "$platform" -B -q "$@" "$DEPENDENCY_PLUGIN:tree" -pl "$modules" -am \
      -DoutputFile="target/platform-check/$platform.txt" > "$work/$platform.log" 2>&1; then
    echo "$platform: Maven could not resolve the dependencies:" >&2
    grep -E '^\[ERROR\]' "$work/$platform.log" | head -n 5 >&2
    failed=1
    continue
  fi
  for module in "${MODULES[@]}"; do
    check "$module/target/platform-check/$platform.txt" "$platform" "$module" || failed=1
  done
done
exit "$failed"
