CLASSPATH=
for jar in @@CLASSPATH@@; do
    CLASSPATH=${CLASSPATH:+$CLASSPATH:}$APP_HOME/lib/$jar
done
if [ -n "${EXTRA_LIB_DIR-}" ] && [ -d "$EXTRA_LIB_DIR" ]; then
    for jar in "$EXTRA_LIB_DIR"/*.jar; do
        if [ -f "$jar" ]; then
            CLASSPATH=$CLASSPATH:$jar
        fi
    done
fi
