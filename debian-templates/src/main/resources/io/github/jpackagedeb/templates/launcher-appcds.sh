# Application class-data sharing: the archive postinst dumps with the bundled runtime. Used only with that runtime
# and when readable; the JVM verifies it (-XX:+VerifySharedSpaces) and, when it is stale (other jars) or damaged,
# starts without it, silently (-Xlog:cds=off). JAVA_OPTS come after these options, so -Xshare:off there wins.
if [ "$JAVACMD" = "$APP_HOME/runtime/bin/java" ] && [ -r @@ARCHIVE@@ ]; then
    JAVA_OPTS="-XX:SharedArchiveFile=@@ARCHIVE@@ -XX:+VerifySharedSpaces -Xlog:cds=off ${JAVA_OPTS-}"
fi

