package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.app.AppSpec;
import io.github.jpackagedeb.core.app.Jar;
import io.github.jpackagedeb.core.service.ProfilingSpec;
import io.github.jpackagedeb.core.service.ServiceSpec;
import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.template.Template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher script of a package ({@code /usr/share/java/<pkg>/bin/<pkg>}, POSIX sh), rendered from the
 * {@code launcher.sh} template of debian-templates: the class path in order and the main class (or, for an application
 * that {@linkplain AppSpec#runsAsJar() runs as a jar}, {@code -jar} and its jar), the JVM options and arguments of
 * {@link AppSpec}, and the optional parts for application class-data sharing and JFR profiling.
 */
final class Launcher {

    private Launcher() {
    }

    /**
     * The launcher's text.
     *
     * @param spec      the package as written (name, version)
     * @param app       the application (Java release, JVM options, arguments)
     * @param mainClass the class to run, already checked
     * @param classPath the jars, in class-path order
     * @param service   the resolved service, or null; its profiling part is added when profiling is on
     * @param appCds    whether the package ships a class list for application class-data sharing
     */
    static String render(PackageSpec spec, AppSpec app, String mainClass, List<Jar> classPath, ServiceSpec service,
                         boolean appCds) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("PACKAGE", spec.name());
        v.put("VERSION", spec.version().toString());
        v.put("JAVA_RELEASE", Integer.toString(app.javaRelease()));
        if (app.runsAsJar()) {
            String jar = app.mainJar().path();
            v.put("CLASS_PATH", Template.load("launcher-jar.sh").render(Map.of("JAR", jar)));
            v.put("TARGET", "-jar \"$APP_HOME/lib/" + jar + "\"");
            v.put("TARGET_DOC", "-jar lib/" + jar);
            v.put("EXTRA_DOC", "");
        } else {
            StringBuilder cp = new StringBuilder();
            for (Jar jar : classPath) {
                if (cp.length() > 0) {
                    cp.append(" \\\n        ");
                }
                cp.append(jar.path());
            }
            v.put("CLASS_PATH", Template.load("launcher-classpath.sh").render(Map.of("CLASSPATH", cp.toString())));
            v.put("TARGET", "-cp \"$CLASSPATH\" " + mainClass);
            v.put("TARGET_DOC", "-cp CLASSPATH MAIN");
            v.put("EXTRA_DOC", ", the jars of EXTRA_LIB_DIR come last on the class path");
        }
        v.put("JVM_OPTIONS", LauncherSettings.value(app.jvmOptions()));
        v.put("APP_ARGUMENTS", LauncherSettings.value(app.arguments()));
        v.put("EXTRA_LIB_DIR", LauncherSettings.extraLibDir(spec.name()));
        v.put("APP_CDS", appCds ? Template.load("launcher-appcds.sh")
                .render(Map.of("ARCHIVE", Layout.standard(spec.name()).appCdsArchive())) : "");
        v.put("PROFILING", service != null && service.profiling().enabled() ? profiling(spec.name(), service) : "");
        return Template.load("launcher.sh").render(v);
    }

    /** The launcher's part that starts JDK Flight Recorder when the service runs with PROFILING=on. */
    static String profiling(String pkg, ServiceSpec service) {
        ProfilingSpec p = service.profiling();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("USER", service.user());
        v.put("PACKAGE", pkg);
        v.put("UNIT", service.unitFileName());
        v.put("PROFILES", ProfilingSpec.directory(pkg));
        v.put("SWITCH", p.switchValue());
        v.put("MAXSIZE", p.maxSize());
        v.put("MAXAGE", p.maxAge());
        v.put("SETTINGS", p.jfrSettings(pkg));
        v.put("KEEP", Integer.toString(p.keep()));
        return Template.load("launcher-profiling.sh").render(v);
    }
}
