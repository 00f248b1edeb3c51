#!/usr/bin/env bash
# Lets the assembled launcher start a JVM that can share class data (bin/setenv keeps the archive, see there).
# Karaf 4.4's bin/karaf patches two JDK modules on Java 9+: java.base with its locator of XML and other
# implementations (org.apache.karaf.specs.locator) and java.xml with factory finders that ask that locator first. A
# JVM started with --patch-module maps no class-data archive at all, not even the JDK's own. Without the patches the
# locator is loaded from lib/boot (the specs activator there fills it, bundles that ask for it still find it) and the
# JDK's XML factories answer javax.xml's newInstance() calls: CXF makes its secure StAX factory from Woodstox
# itself, and nothing in the distribution asks javax.xml for a bundle's implementation. bin/karaf.bat (Windows) is
# left as Karaf ships it. Run by the build after the assembly:  launcher.sh <assembly folder>
set -euo pipefail
assembly=$1
karaf="$assembly/bin/karaf"
patches=(-e '--patch-module java.base=' -e '--patch-module java.xml='
  -e '--add-exports=java.base/org.apache.karaf.specs.locator=')
found=$(grep -c -F "${patches[@]}" "$karaf" || true)
if [ "$found" != 3 ]; then
  echo "launcher.sh: expected the three lines of Karaf 4.4's bin/karaf that patch java.base and java.xml," \
    "found $found: was Karaf upgraded? See karaf-distribution/src/build/launcher.sh" >&2
  exit 1
fi
grep -v -F "${patches[@]}" "$karaf" > "$karaf.new"
chmod --reference="$karaf" "$karaf.new"
mv "$karaf.new" "$karaf"
locator=("$assembly"/lib/endorsed/org.apache.karaf.specs.locator-*.jar)
cp -p "${locator[0]}" "$assembly/lib/boot/"
echo "launcher.sh: bin/karaf starts the JVM without patched modules; $(basename "${locator[0]}") in lib/boot"
