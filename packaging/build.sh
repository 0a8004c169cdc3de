#!/usr/bin/env bash
# Builds a self-contained DQN Studio app image, a portable .tar.gz of it, a .deb where dpkg-deb and
# fakeroot exist and an .rpm where rpmbuild exists, from `mvn package` output.
# Usage: packaging/build.sh [--skip-maven] [--no-deb] [--no-rpm]
#
# Layout decisions (docs/decisions/0006-packaging.md, 0015-installers.md):
#  - JavaFX is jlinked into the runtime from its modular Maven jars;
#  - DL4J, ND4J and the app stay on the class path (DL4J 1.0.0-M2.1's module descriptors are broken);
#  - JVM options are baked into both launchers; ND4J's thread count is set in code, because the
#    launcher ignores JDK_JAVA_OPTIONS and OMP_NUM_THREADS is read before Java runs;
#  - the native libraries are laid out once, as files in lib/app/natives, and loaded in place
#    (nothing is unpacked at first start); the jars that carried them are rewritten without them;
#  - the runtime holds only the JDK modules jdeps finds the app and its libraries use;
#  - the .deb's maintainer scripts are packaging/linux/{postinst,prerm,postrm}: links in /usr/bin,
#    a menu entry for the studio only and only where the system has a menu folder; never a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SKIP_MAVEN=0
MAKE_DEB=1
MAKE_RPM=1
for a in "$@"; do
  case "$a" in
    --skip-maven) SKIP_MAVEN=1 ;;
    --no-deb) MAKE_DEB=0 ;;
    --no-rpm) MAKE_RPM=0 ;;
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
mkdir -p "$OUT/fx" "$OUT/input/lib" "$OUT/input/natives"

# JavaFX platform jars go into the runtime; everything else is the app's class path.
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-linux.jar|javafx-*-win.jar|javafx-*-mac*.jar) cp "$jar" "$OUT/fx/" ;;
    javafx-*.jar) ;;  # the empty platform-less javafx jars
    *) cp "$jar" "$OUT/input/lib/" ;;
  esac
done
cp target/dqn-studio.jar "$OUT/input/"
# Beside the jar (lib/app in the image; jpackage's .deb replaces an image's share/ with its own):
# the menu entry the .deb's postinst installs, and the demo model for `dqn-studio-cli evaluate`.
mkdir -p "$OUT/input/demo"
cp packaging/linux/dqn-studio.desktop "$OUT/input/"
cp saved_models/demo-cartpole-v1.best.dqn "$OUT/input/demo/"

echo "natives: laid out as files, once"
for jar in "$OUT"/input/lib/*-linux-x86_64.jar; do
  python3 packaging/split-natives.py "$jar" "$OUT/input/natives"
done
if command -v strip >/dev/null; then
  before=$(du -sm "$OUT/input/natives" | cut -f1)
  strip --strip-unneeded "$OUT"/input/natives/*.so*
  echo "natives: stripped of their symbol tables, ${before} MB -> $(du -sm "$OUT/input/natives" | cut -f1) MB"
fi

# JavaCPP asks for OpenBLAS by two names, the LAPACK preset's libopenblas.so.0 and the no-LAPACK
# preset's libopenblas_nolapack.so.0, and "extracts" the second from the first into its cache when it
# finds the first. So the one file is there under the second name only; the LAPACK preset's JNI
# library then finds it by its soname (libopenblas.so.0), already loaded (decision 0015).
mv "$OUT/input/natives/libopenblas.so.0" "$OUT/input/natives/libopenblas_nolapack.so.0"

# The JDK modules the app and its libraries use, as jdeps finds them, plus JavaFX's.
MODULES=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$OUT/input/lib/*" "$OUT/input/dqn-studio.jar" 2>/dev/null | tail -1)
case "$MODULES" in java.base*) ;; *) echo "error: jdeps gave no module list ($MODULES)" >&2; exit 2 ;; esac
MODULES="$MODULES,java.desktop,java.logging,java.xml"
MODULES="$(echo "$MODULES" | tr , '\n' | sort -u | paste -sd, -),javafx.base,javafx.graphics,javafx.controls,javafx.swing"
# JavaFX extracts the natives inside its jars to ~/.openjfx/cache at every new user's first start;
# taken out of the jars and put in the runtime's lib folder, they load from there instead.
mkdir -p "$OUT/fx-natives"
for jar in "$OUT"/fx/*.jar; do
  python3 packaging/split-natives.py "$jar" "$OUT/fx-natives" >/dev/null
done
echo "jlink: Java runtime with $MODULES"
"$JLINK" --module-path "$JAVA_HOME/jmods:$OUT/fx" --add-modules "$MODULES" \
  --strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2 \
  --output "$OUT/runtime"
cp "$OUT"/fx-natives/*.so "$OUT/runtime/lib/"

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
# Each versioned library's version-less link, which JavaCPP otherwise makes beside it as it loads it;
# made in the image, because jpackage copies a link as a second file (and the .deb is mended below).
(
  cd "$IMAGE/lib/app/natives"
  for f in lib*.so.[0-9]*; do
    plain=${f%%.so.*}.so
    [ -e "$plain" ] || ln -s "$f" "$plain"
  done
)
echo "app image: $IMAGE ($(du -sm "$IMAGE" | cut -f1) MB); launchers: $IMAGE/bin/dqn-studio, $IMAGE/bin/dqn-studio-cli"
echo "largest parts:"
du -am "$IMAGE" | sort -rn | awk -v root="$IMAGE/" 'NR > 1 && $1 >= 2 { sub(root, "", $2); printf "  %5d MB  %s\n", $1, $2 }' | head -12

TARBALL="$OUT/dist/dqn-studio-$VERSION-linux-x86_64.tar.gz"
tar -C "$OUT/dist" -czf "$TARBALL" dqn-studio
echo "portable: $TARBALL ($(du -m "$TARBALL" | cut -f1) MB)"

if [ "$MAKE_DEB" -eq 1 ] && command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
  echo "jpackage: .deb"
  "$JPACKAGE" --type deb --app-image "$IMAGE" --name dqn-studio --app-version "$VERSION" \
    --vendor "DQN Studio" --description "A desktop training studio for deep Q-learning" \
    --linux-package-name dqn-studio --linux-app-category science \
    --linux-package-deps "libgtk-3-0, libxtst6, libgl1" \
    --resource-dir packaging/linux \
    --dest "$OUT/dist"
  DEB=$(ls "$OUT"/dist/dqn-studio_*.deb)
  # jpackage copies each link as a file (one more copy of OpenBLAS, 31 MB): put the links back.
  FIX="$OUT/deb-fix"
  rm -rf "$FIX"
  dpkg-deb -R "$DEB" "$FIX"
  for link in $(find "$IMAGE/lib/app/natives" -type l -printf '%f\n'); do
    rm -f "$FIX/opt/dqn-studio/lib/app/natives/$link"
    cp -P "$IMAGE/lib/app/natives/$link" "$FIX/opt/dqn-studio/lib/app/natives/$link"
  done
  sed -i "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$FIX" | cut -f1)/" "$FIX/DEBIAN/control"
  fakeroot dpkg-deb -Zxz --root-owner-group --build "$FIX" "$DEB" >/dev/null
  rm -rf "$FIX"
  echo "deb: $DEB ($(du -m "$DEB" | cut -f1) MB)"
else
  echo "no .deb: dpkg-deb/fakeroot not installed (or --no-deb)"
fi

if [ "$MAKE_RPM" -eq 1 ] && command -v rpmbuild >/dev/null; then
  echo "jpackage: .rpm"
  "$JPACKAGE" --type rpm --app-image "$IMAGE" --name dqn-studio --app-version "$VERSION" \
    --vendor "DQN Studio" --description "A desktop training studio for deep Q-learning" \
    --linux-package-name dqn-studio --linux-app-category Science \
    --linux-package-deps "gtk3, libXtst, mesa-libGL" --resource-dir packaging/linux \
    --dest "$OUT/dist"
  ls -la "$OUT"/dist/*.rpm
else
  echo "no .rpm: rpmbuild not installed (or --no-rpm)"
fi
