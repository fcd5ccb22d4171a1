# Continuous profiling with JDK Flight Recorder, built into this package. It runs only for the service itself
# (as @@USER@@, the account systemd runs it under) and only with PROFILING=on (/etc/default/@@PACKAGE@@; after a
# change: systemctl restart @@UNIT@@). Recordings go to @@PROFILES@@: the live recording's repository
# (a directory per process, bounded by PROFILING_MAXSIZE and PROFILING_MAXAGE) and a dump when the JVM exits.
# Before each start the oldest recordings of earlier runs are deleted, keeping PROFILING_KEEP of them, so the
# directory holds at most PROFILING_KEEP + 1 recordings. With PROFILING=off nothing is written there.
PROFILING=${PROFILING:-@@SWITCH@@}
if [ "$PROFILING" = on ] && [ "$(id -un 2>/dev/null)" = "@@USER@@" ]; then
    jpd_dir=@@PROFILES@@
    jpd_size=${PROFILING_MAXSIZE:-@@MAXSIZE@@}
    jpd_age=${PROFILING_MAXAGE:-@@MAXAGE@@}
    jpd_settings=${PROFILING_SETTINGS:-@@SETTINGS@@}
    jpd_keep=${PROFILING_KEEP:-@@KEEP@@}
    jpd_bad=
    jpd_n=${jpd_size%[kKmMgG]}
    case $jpd_n in ''|0*|*[!0-9]*) jpd_bad="PROFILING_MAXSIZE=$jpd_size (a size such as 100M)" ;; esac
    jpd_n=${jpd_age%[smhd]}
    case $jpd_n in "$jpd_age"|''|0*|*[!0-9]*) jpd_bad="PROFILING_MAXAGE=$jpd_age (an age such as 24h)" ;; esac
    case $jpd_settings in
        default|profile) ;;
        *[!A-Za-z0-9._/+-]*|[!/]*) jpd_bad="PROFILING_SETTINGS=$jpd_settings (default, profile or the path of a .jfc file)" ;;
        *.jfc) [ -r "$jpd_settings" ] || jpd_bad="PROFILING_SETTINGS=$jpd_settings (no such readable file)" ;;
        *) jpd_bad="PROFILING_SETTINGS=$jpd_settings (default, profile or the path of a .jfc file)" ;;
    esac
    case $jpd_keep in ''|*[!0-9]*) jpd_bad="PROFILING_KEEP=$jpd_keep (a number of recordings)" ;; esac
    if [ -n "$jpd_bad" ]; then
        echo "@@PACKAGE@@: not profiling this run: /etc/default/@@PACKAGE@@ sets $jpd_bad" >&2
    elif [ ! -d "$jpd_dir" ] || [ ! -w "$jpd_dir" ]; then
        echo "@@PACKAGE@@: not profiling this run: $jpd_dir is missing or not writable (reinstall the package)" >&2
    else
        # Empty dump files are left by processes that were killed; then all but the newest $jpd_keep recordings go.
        # Names start with the local time (JFR names its repositories so), so they sort oldest first.
        for jpd_f in "$jpd_dir"/[0-9]*.jfr; do
            if [ -f "$jpd_f" ] && [ ! -s "$jpd_f" ]; then
                rm -f "$jpd_f"
            fi
        done
        jpd_count=0
        for jpd_f in "$jpd_dir"/[0-9]*; do
            if [ -e "$jpd_f" ]; then
                jpd_count=$((jpd_count + 1))
            fi
        done
        for jpd_f in "$jpd_dir"/[0-9]*; do
            if [ "$jpd_count" -le "$jpd_keep" ]; then
                break
            fi
            rm -rf "$jpd_f"
            jpd_count=$((jpd_count - 1))
        done
        # exec keeps the process id, so $$ is the JVM's, as in the name of its repository directory
        jpd_dump=$jpd_dir/$(date +%Y_%m_%d_%H_%M_%S)_$$.jfr
        JAVA_OPTS="${JAVA_OPTS-} -XX:StartFlightRecording=name=@@PACKAGE@@,disk=true,maxsize=$jpd_size,maxage=$jpd_age,settings=$jpd_settings,dumponexit=true,filename=$jpd_dump -XX:FlightRecorderOptions=repository=$jpd_dir"
    fi
fi

