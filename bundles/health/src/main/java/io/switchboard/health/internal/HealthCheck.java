package io.switchboard.health.internal;

import java.util.Map;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Takes a snapshot of the project's bundles (by symbolic-name prefix) and their DS components. */
final class HealthCheck {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final String prefix;

    HealthCheck(BundleContext context, ServiceComponentRuntime scr, String prefix) {
        this.context = context;
        this.scr = scr;
        this.prefix = prefix;
    }

    HealthReport run() {
        return run(Map.of());
    }

    /** @param checks the contributed checks and their names */
    HealthReport run(Map<Supplier<?>, String> checks) {
        return run(checks, Set.of());
    }

    /**
     * @param checks the contributed checks and their names
     * @param warnings the contributed checks whose problems are warnings
     */
    HealthReport run(Map<Supplier<?>, String> checks, Set<Supplier<?>> warnings) {
        List<Bundle> project = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(prefix))
                .sorted(Comparator.comparing(Bundle::getSymbolicName))
                .toList();
        var bundles = project.stream().map(HealthCheck::snapshot).toList();
        var components = new ArrayList<ComponentSnapshot>();
        for (Bundle bundle : project) {
            if (bundle.getState() != Bundle.ACTIVE) {
                continue; // its components are not declared until it is active; the bundle itself is reported
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                components.addAll(snapshots(description));
            }
        }
        var contributed = checks.entrySet().stream().map(e -> CheckSnapshot.of(e.getValue(), e.getKey(), !warnings.contains(e.getKey())))
                .sorted(Comparator.comparing(CheckSnapshot::name)).toList();
        return new HealthReport(bundles, components, contributed);
    }

    private static BundleSnapshot snapshot(Bundle bundle) {
        boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        return new BundleSnapshot(bundle.getSymbolicName(), bundle.getVersion().toString(), stateName(bundle.getState()), fragment);
    }

    private List<ComponentSnapshot> snapshots(ComponentDescriptionDTO description) {
        String bundle = description.bundle.symbolicName;
        if (!scr.isComponentEnabled(description)) {
            return List.of(new ComponentSnapshot(description.name, bundle, "DISABLED", ""));
        }
        var configurations = scr.getComponentConfigurationDTOs(description);
        if (configurations.isEmpty()) {
            // Only a component that requires configuration has no configuration DTO while enabled.
            return List.of(new ComponentSnapshot(description.name, bundle, "NOT_CONFIGURED", ""));
        }
        return configurations.stream().map(c -> new ComponentSnapshot(
                description.name, bundle, componentStateName(c.state), detail(c))).toList();
    }

    private static String detail(ComponentConfigurationDTO configuration) {
        if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION && configuration.failure != null) {
            return configuration.failure.lines().findFirst().orElse("");
        }
        if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
            return "waiting for " + Arrays.stream(configuration.unsatisfiedReferences)
                    .map(r -> r.name + (r.target == null ? "" : " " + r.target))
                    .collect(Collectors.joining(", "));
        }
        return "";
    }

    static String componentStateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "UNKNOWN(" + state + ")";
        };
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
