package io.switchboard.health.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Check {@code deploy-bundles}: every bundle of {@code deploy/} that does not resolve, with the requirements nothing
 * provides (the reason the framework logs once, at install). The operator deployed it to be used: until it resolves or is
 * removed the platform is not what was deployed, so the check is critical (readiness), though everything else runs.
 */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=deploy-bundles", HealthCheck.TAGS + "=" + Tags.SWITCHBOARD})
public final class DeployFolderCheck implements HealthCheck {

    private final BundleContext context;
    private final Path deploy;

    @Activate
    public DeployFolderCheck(BundleContext context) {
        this.context = context;
        String folder = context.getProperty("switchboard.deploy");
        this.deploy = folder == null ? null : Path.of(folder).toAbsolutePath().normalize();
    }

    @Override
    public Result execute() {
        ResultLog log = new ResultLog();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.INSTALLED && inDeployFolder(bundle.getLocation())) {
                log.add(new ResultLog.Entry(Result.Status.CRITICAL, describe(bundle)));
            }
        }
        return log.iterator().hasNext() ? new Result(log) : new Result(Result.Status.OK, "every bundle of deploy/ is resolved");
    }

    private boolean inDeployFolder(String location) {
        if (deploy == null || location == null || !location.startsWith("file:")) {
            return false;
        }
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize().startsWith(deploy);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String describe(Bundle bundle) {
        String file = bundle.getLocation().substring(bundle.getLocation().lastIndexOf('/') + 1);
        List<String> missing = missingRequirements(bundle);
        return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + file + ") does not resolve: "
                + (missing.isEmpty() ? "the framework refused it (see the log)" : "nothing provides " + String.join(", ", missing));
    }

    /** The bundle's mandatory requirements no installed bundle's capability satisfies. */
    private List<String> missingRequirements(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        List<String> missing = new ArrayList<>();
        if (revision == null || wiring == null) {
            return missing;
        }
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            boolean optional = Constants.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(Constants.RESOLUTION_DIRECTIVE));
            if (!optional && wiring.findProviders(requirement).isEmpty()) {
                missing.add(readable(requirement));
            }
        }
        return missing;
    }

    private static String readable(BundleRequirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(Constants.FILTER_DIRECTIVE, "");
        if (PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())) {
            return "package " + filter.replaceAll(".*\\(osgi\\.wiring\\.package=([^)]*)\\).*", "$1")
                    + (filter.contains("version") ? " " + filter.replaceAll("^.*?(\\(version[^)]*\\)).*$", "$1") : "");
        }
        return requirement.getNamespace() + " " + filter;
    }
}
