#!/usr/bin/env bash
# Builds a self-contained DQN Studio app image (and a .deb where dpkg-deb and fakeroot exist) from
# `mvn package` output. Usage: packaging/build.sh [--skip-maven] [--no-deb]
#
# Layout decisions (docs/decisions/0006-packaging.md):
#  - JavaFX is jlinked into the runtime from its modular Maven jars;
#  - DL4J, ND4J and the app stay on the class path (DL4J 1.0.0-M2.1's module descriptors are broken);
#  - JVM options are baked into both launchers; ND4J's thread count is set in code, because the
#    launcher ignores JDK_JAVA_OPTIONS and OMP_NUM_THREADS is read before Java runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SKIP_MAVEN=0
MAKE_DEB=1
for a in "$@"; do
  case "$a" in
    --skip-maven) SKIP_MAVEN=1 ;;
    --no-deb) MAKE_DEB=0 ;;
    *) echo "unknown option: $a" >&2; exit 2 ;;
  esac
done

JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
JLINK="$JAVA_HOME/bin/jlink"
JPACKAGE="$JAVA_HOME/bin/jpackage"
for tool in "$JLINK" "$JPACKAGE"; do
  [ -x "$tool" ] || { echo "error: $tool not found (a full JDK 17+ is needed)" >&2; exit 2; }
done
VERSION=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)

if [ "$SKIP_MAVEN" -eq 0 ]; then
  mvn -B -q package -DskipTests
fi
[ -f target/dqn-studio.jar ] || { echo "error: target/dqn-studio.jar missing: run mvn package" >&2; exit 2; }

OUT=target/packaging
rm -rf "$OUT"
mkdir -p "$OUT/fx" "$OUT/input/lib"

# JavaFX platform jars go into the runtime; everything else is the app's class path.
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-linux.jar|javafx-*-win.jar|javafx-*-mac*.jar) cp "$jar" "$OUT/fx/" ;;
    javafx-*.jar) ;;  # the empty platform-less javafx jars
    *) cp "$jar" "$OUT/input/lib/" ;;
  esac
done
cp target/dqn-studio.jar "$OUT/input/"

echo "jlink: Java runtime with JavaFX"
"$JLINK" --module-path "$JAVA_HOME/jmods:$OUT/fx" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.unsupported,jdk.zipfs,jdk.crypto.ec,jdk.management,javafx.base,javafx.graphics,javafx.controls,javafx.swing \
  --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$OUT/runtime"

JAVA_OPTS=(
  --java-options "-Xmx768m"
  --java-options "-Djdk.serialFilter=!*"
  --java-options "-Dorg.bytedeco.javacpp.maxbytes=512M"
  --java-options "-Dorg.bytedeco.javacpp.maxphysicalbytes=1536M"
  --java-options "-Ddqn.packaged=true"
)
cat > "$OUT/cli.properties" <<PROPS
java-options=-Xmx768m -Djdk.serialFilter=!* -Dorg.bytedeco.javacpp.maxbytes=512M -Dorg.bytedeco.javacpp.maxphysicalbytes=1536M -Ddqn.packaged=true -Ddqn.cli=true -Djava.awt.headless=true
PROPS

echo "jpackage: app image"
"$JPACKAGE" --type app-image --name dqn-studio --app-version "$VERSION" \
  --vendor "DQN Studio" --description "A desktop training studio for deep Q-learning" \
  --input "$OUT/input" --main-jar dqn-studio.jar --main-class studio.dqn.Launcher \
  --runtime-image "$OUT/runtime" --icon resources/icons/dqn-studio.png \
  "${JAVA_OPTS[@]}" \
  --add-launcher dqn-studio-cli="$OUT/cli.properties" \
  --dest "$OUT/dist"

IMAGE="$OUT/dist/dqn-studio"
echo "app image: $IMAGE ($(du -sh "$IMAGE" | cut -f1)); launchers: $IMAGE/bin/dqn-studio, $IMAGE/bin/dqn-studio-cli"

if [ "$MAKE_DEB" -eq 1 ] && command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  echo "jpackage: .deb"
  "$JPACKAGE" --type deb --app-image "$IMAGE" --name dqn-studio --app-version "$VERSION" \
    --vendor "DQN Studio" --description "A desktop training studio for deep Q-learning" \
    --linux-package-name dqn-studio --linux-app-category science --linux-shortcut \
    --linux-package-deps "libgtk-3-0, libxtst6, libgl1" \
    --dest "$OUT/dist"
  ls -la "$OUT"/dist/*.deb
else
  echo "no .deb: dpkg-deb/fakeroot not installed (or --no-deb)"
fi
