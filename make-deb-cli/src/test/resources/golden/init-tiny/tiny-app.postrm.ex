#!/bin/sh
# postrm of tiny-app: runs after the package's files were removed or replaced (Debian Policy 6.5, 6.6).
# An example written by make-deb init: rename it to tiny-app.postrm to use it. jpackage-deb and
# debhelper put the code they generate where the line with only the debhelper token is.
set -e

#DEBHELPER#

case "$1" in
    purge)
        # the package is gone with its conffiles: remove what postinst created outside the package
        ;;
    remove|upgrade|failed-upgrade|abort-install|abort-upgrade|disappear)
        ;;
    *)
        ;;
esac

exit 0
