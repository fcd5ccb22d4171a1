package io.github.jpackagedeb.core.debiandir;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.Setting;
import io.github.jpackagedeb.core.control.PackageName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A value derived from the artifactId never stands in the way of one given explicitly. */
class SpecDraftTest {

    private static SpecDraft base() {
        return SpecDraft.empty().configured(Setting.VERSION, "1.0-1", "<version>")
                .configured(Setting.MAINTAINER, "A B <a@example.org>", "<maintainer>")
                .configured(Setting.DESCRIPTION, "an app", "<synopsis>");
    }

    @Test
    void anExplicitNameReplacesOneTheArtifactIdCannotGive() {
        SpecDraft configuredFirst = base().configured(Setting.PACKAGE_NAME, "a-app", "<packageName>")
                .derived(Setting.PACKAGE_NAME, () -> PackageName.fromArtifactId("a").value(), "the artifactId");
        assertEquals("a-app", configuredFirst.toSpec().name());

        SpecDraft fromDebian = base().derived(Setting.PACKAGE_NAME, () -> PackageName.fromArtifactId("a").value(),
                "the artifactId")
                .override(Setting.PACKAGE_NAME, new SpecDraft.Value("a-app",
                SpecDraft.Origin.debian("debian/control line 1 (Package)")));
        assertEquals("a-app", fromDebian.toSpec().name());
    }

    @Test
    void withoutAnExplicitNameTheDerivationErrorIsThrown() {
        SpecDraft d = base().derived(Setting.PACKAGE_NAME, () -> PackageName.fromArtifactId("a").value(),
                "the artifactId");
        assertTrue(d.get(Setting.PACKAGE_NAME).isEmpty());
        DebException e = assertThrows(DebException.class, d::toSpec);
        assertEquals("packageName", e.field());
        assertEquals("a", e.value());
        assertTrue(e.problem().contains("at least two characters"), e.problem());
    }

    @Test
    void aDerivableNameIsDerived() {
        SpecDraft d = base().derived(Setting.PACKAGE_NAME, () -> PackageName.fromArtifactId("_Private__App_").value(),
                "the artifactId");
        assertEquals("private-app", d.toSpec().name());
    }
}
