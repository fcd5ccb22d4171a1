package io.github.jpackagedeb.core.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test (class or method) as an integration test: it needs a tool outside the JDK (dpkg-deb, lintian,
 * shellcheck, gpg, debootstrap…), root, a kill, a full disk, or it is slow (a jlink run, a child JVM build).
 * Surefire leaves these out of the unit phase ({@code mvn package} stays fast and needs only a JDK);
 * failsafe runs them in {@code verify}. Such a test calls {@link ExternalTools#require} for what it needs.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(ExternalTools.TAG)
public @interface Integration {
}
