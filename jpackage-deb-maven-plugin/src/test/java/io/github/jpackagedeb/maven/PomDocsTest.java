package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebLog;
import io.github.jpackagedeb.core.assembly.PackageDocs;
import org.apache.maven.model.License;
import org.apache.maven.project.MavenProject;
import io.github.jpackagedeb.core.packaging.BuildRequest;
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
        project.setVersion("1.0.0");
        return new PomAdapter(project, new DebMojo(), Map.of());
    }

    @Test
    void aPomWithoutLicensesGivesNoLicensesAndTheWarningCoreSaysNamesLicenses() {
        PackageDocs docs = pom(new MavenProject()).docs();
        assertTrue(docs.licenses().isEmpty());
        String w = PomAdapter.MISSING_LICENSE;
        assertTrue(w.contains("<licenses>") && w.contains("License: unknown") && w.contains("Fix: ")
                && w.contains("debian/copyright"), w);
        BuildRequest request = pom(new MavenProject()).fill(BuildRequest.builder()).build();
        assertEquals(w, request.missingLicenseWarning(), "core says it when debian/ has no copyright either");
    }

    @Test
    void licensesAndTheInceptionYearArePassedOn() {
        MavenProject p = new MavenProject();
        License l = new License();
        l.setName("Apache-2.0 OR MIT");
        p.getModel().addLicense(l);
        p.setInceptionYear("2019");
        PackageDocs docs = pom(p).docs();
        assertEquals("Apache-2.0 OR MIT", docs.licenses().get(0).name());
        assertEquals(2019, docs.inceptionYear());
        assertTrue(warnings.isEmpty(), warnings.toString());
        p.setInceptionYear("since forever");
        assertNull(pom(p).docs().inceptionYear(), "a year that is not a number is left out");
    }
}
