package io.github.jpackagedeb.core.assembly;

import io.github.jpackagedeb.core.control.PackageSpec;
import io.github.jpackagedeb.core.template.Template;
import io.github.jpackagedeb.core.version.DebianVersion;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The man page of an application says what its launcher reads: /etc/default/&lt;pkg&gt;, JAVA_OPTS, JAVA_HOME. */
class ManPageTest {

    @Test
    void thePageDocumentsWhatTheLauncherReads() throws IOException {
        PackageSpec spec = PackageSpec.builder().name("hello").version(DebianVersion.parse("1.0-1"))
                .maintainer("Jane Doe <jane@example.org>").synopsis("says hello").build();
        byte[] gz = DocFiles.manPageGz(spec, "1.0", "/usr/share/java/hello", Instant.parse("2026-11-26T00:00:00Z"));
        String page;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String env = page.substring(page.indexOf(".SH ENVIRONMENT"), page.indexOf(".SH FILES"));
        String files = page.substring(page.indexOf(".SH FILES"), page.indexOf(".SH SEE ALSO"));
        assertTrue(env.contains(".B JAVA_OPTS\n") && env.contains(".B JAVA_HOME\n"), env);
        assertTrue(env.contains("/etc/default/hello"), env);
        assertTrue(env.contains("/usr/share/java/hello/runtime"), "the runtime order: " + env);
        assertTrue(files.contains(".I /etc/default/hello\n") && files.contains(".I /usr/share/java/hello\n"), files);
        assertTrue(!page.contains("@@"), page);

        // and the launcher does read exactly these, in the documented order
        String launcher;
        try (var in = Template.class.getResourceAsStream(Template.BASE + "launcher.sh")) {
            launcher = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int defaults = launcher.indexOf(". /etc/default/@@PACKAGE@@");
        assertTrue(defaults > 0, launcher);
        assertTrue(launcher.indexOf("JAVA_OPTS=\"${JAVA_OPTS-} $caller_java_opts\"") > defaults, launcher);
        assertTrue(launcher.indexOf("JAVA_HOME=$caller_java_home") > defaults, launcher);
        int bundled = launcher.indexOf("$APP_HOME/runtime/bin/java\" ]");
        int home = launcher.indexOf("$JAVA_HOME/bin/java\" ]");
        int path = launcher.indexOf("command -v java");
        assertTrue(bundled > 0 && bundled < home && home < path, launcher);
    }
}
