#!/bin/sh
# postinst of tiny-app: runs after the package is unpacked (Debian Policy 6.5, 6.6).
# An example written by make-deb init: rename it to tiny-app.postinst to use it. jpackage-deb and
# debhelper put the code they generate where the line with only the debhelper token is.
set -e

case "$1" in
    configure)
        # $2 is the version configured before, empty on a first install
        ;;
    abort-upgrade|abort-remove|abort-deconfigure)
        ;;
    *)
        ;;
esac

#DEBHELPER#

exit 0
