#!/bin/sh
# prerm of tiny-app: runs before the package's files are removed or replaced (Debian Policy 6.5, 6.6).
# An example written by make-deb init: rename it to tiny-app.prerm to use it. jpackage-deb and
# debhelper put the code they generate where the line with only the debhelper token is.
set -e

#DEBHELPER#

case "$1" in
    remove|upgrade|deconfigure)
        ;;
    failed-upgrade)
        ;;
    *)
        ;;
esac

exit 0
