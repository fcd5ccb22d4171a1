package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.build.PackageDocs;
import org.apache.maven.model.License;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pom's licenses and inceptionYear as the copyright file gets them. */
class PomDocsTest {

    private final List<String> warnings = new ArrayList<>();
    private final DebLog log = new DebLog() {
        @Override public void debug(String message) { }
        @Override public void info(String message) { }
        @Override public void warn(String message) {
            warnings.add(message);
        }
    };

    private PomAdapter pom(MavenProject project) {
        project.setArtifactId("app");
        return new PomAdapter(project, new DebMojo(), Map.of(), log);
    }

    @Test
    void aPomWithoutLicensesIsWarnedAboutNamingLicenses() {
        PackageDocs docs = pom(new MavenProject()).docs(false);
        assertTrue(docs.licenses().isEmpty());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("<licenses>") && warnings.get(0).contains("License: unknown")
                && warnings.get(0).contains("Fix: "), warnings.get(0));
        pom(new MavenProject()).docs(true);
        assertEquals(1, warnings.size(), "debian/copyright replaces the generated file: nothing to warn about");
    }

    @Test
    void licensesAndTheInceptionYearArePassedOn() {
        MavenProject p = new MavenProject();
        License l = new License();
        l.setName("Apache-2.0 OR MIT");
        p.getModel().addLicense(l);
        p.setInceptionYear("2019");
        PackageDocs docs = pom(p).docs(false);
        assertEquals("Apache-2.0 OR MIT", docs.licenses().get(0).name());
        assertEquals(2019, docs.inceptionYear());
        assertTrue(warnings.isEmpty(), warnings.toString());
        p.setInceptionYear("since forever");
        assertNull(pom(p).docs(false).inceptionYear(), "a year that is not a number is left out");
    }
}
