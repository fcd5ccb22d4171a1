package io.github.jpackagedeb.maven;

import io.github.jpackagedeb.core.DebException;
import io.github.jpackagedeb.core.packaging.Packager;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;


/**
 * Builds {@code target/<pkg>_<version>_<arch>.deb} from the project's jar and its runtime dependencies, and attaches
 * it to the project (type {@code deb}) so that {@code install} and {@code deploy} carry it.
 */
@Mojo(name = "deb", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class DebMojo extends PackageGoal {

    @Component
    MavenProjectHelper projectHelper;

    /** Attach the .deb to the project, so install and deploy carry it. */
    @Parameter(property = "jpackage-deb.attach", defaultValue = "true")
    boolean attach;

    @Override
    public void execute() throws MojoFailureException {
        if (skipped("the Debian package") || skipsPom()) {
            return;
        }
        PomAdapter pom = new PomAdapter(project, this, System.getenv());
        try {
            Packager.Result result = Packager.build(request(pom));
            if (attach) {
                projectHelper.attachArtifact(project, "deb", result.deb().toFile());
            }
        } catch (DebException e) {
            throw failure(e, pom);
        }
    }
}
