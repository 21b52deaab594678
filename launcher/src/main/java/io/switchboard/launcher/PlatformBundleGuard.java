package io.switchboard.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.bundle.CollisionHook;
import org.osgi.framework.hooks.bundle.FindHook;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the hot-deploy folder from replacing the platform's own bundles (those of {@code system/}). FileInstall looks
 * for an installed bundle with the symbolic name and version of a new jar and, finding one, updates it with the jar: an
 * empty jar named {@code switchboard.core} in {@code deploy/} replaced the real core. Three framework hooks stop that:
 * <ul>
 * <li>a find hook hides the platform bundles from FileInstall, so it never updates (nor stops, nor uninstalls) them;</li>
 * <li>the framework then refuses to install a second bundle of the same name and version ({@code bsnversion=managed}
 * and a collision hook that keeps the platform bundle as the collision), logged here;</li>
 * <li>a resolver hook never resolves a bundle from elsewhere that carries a platform bundle's symbolic name in another
 * version, so it cannot start or shadow the platform's packages.</li>
 * </ul>
 * It is also the {@code deploy-folder} health check: every jar in {@code deploy/} that claims a platform bundle's
 * symbolic name is a problem until the file is removed.
 */
final class PlatformBundleGuard implements FindHook, CollisionHook, ResolverHookFactory, Supplier<List<String>> {

    static final String FILEINSTALL = "org.apache.felix.fileinstall";
    static final String HEALTH_CHECK = "switchboard.health.check";

    private static final Logger LOG = LoggerFactory.getLogger(PlatformBundleGuard.class);

    private final Set<String> locations;
    private final Set<String> names;
    private final Path deploy;
    private final Set<Long> refusedToResolve = ConcurrentHashMap.newKeySet();
    private final Map<Path, Claim> claims = new ConcurrentHashMap<>();

    /** What a jar of deploy/ claimed to be when it had this size and time. */
    private record Claim(long size, long modified, String symbolicName) {
    }

    /**
     * @param platform the bundles installed from {@code system/}
     * @param deploy the hot-deploy folder
     */
    PlatformBundleGuard(Collection<Bundle> platform, Path deploy) {
        this.locations = platform.stream().map(Bundle::getLocation).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.names = platform.stream().map(Bundle::getSymbolicName).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.deploy = deploy;
    }

    /** Registers the hooks and the health check with the framework, before FileInstall starts. */
    void register(BundleContext system) {
        system.registerService(new String[] {FindHook.class.getName(), CollisionHook.class.getName(), ResolverHookFactory.class.getName()},
                this, null);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HEALTH_CHECK, "deploy-folder");
        system.registerService(Supplier.class, this, properties);
    }

    boolean isPlatform(Bundle bundle) {
        return locations.contains(bundle.getLocation());
    }

    @Override
    public void find(BundleContext context, Collection<Bundle> bundles) {
        Bundle finder = context.getBundle();
        if (finder != null && FILEINSTALL.equals(finder.getSymbolicName())) {
            bundles.removeIf(this::isPlatform);
        }
    }

    @Override
    public void filterCollisions(int operationType, Bundle target, Collection<Bundle> collisionCandidates) {
        // The platform bundle stays a collision, so the framework refuses the install or update.
        collisionCandidates.stream().filter(this::isPlatform).findFirst().ifPresent(platform -> LOG.warn(
                "Refused: {} tried to install a second {} {}, a platform bundle of system/. deploy/ may not replace platform "
                        + "bundles; remove the jar from {}", target == null ? "a bundle" : target.getSymbolicName(),
                platform.getSymbolicName(), platform.getVersion(), deploy));
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                candidates.removeIf(revision -> {
                    Bundle bundle = revision.getBundle();
                    boolean impostor = !isPlatform(bundle) && names.contains(revision.getSymbolicName());
                    if (impostor && refusedToResolve.add(bundle.getBundleId())) {
                        LOG.warn("Refused to resolve {} ({} {}): it claims the symbolic name of a platform bundle of system/. "
                                + "deploy/ may not replace platform bundles; remove the file", bundle.getLocation(),
                                revision.getSymbolicName(), revision.getVersion());
                    }
                    return impostor;
                });
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisionCandidates) {
                // nothing to add: impostors never resolve
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                // nothing to add: impostors never resolve, so they never match
            }

            @Override
            public void end() {
                // no state per resolve
            }
        };
    }

    /** The jars of deploy/ that claim a platform bundle's symbolic name: refused until removed. */
    @Override
    public List<String> get() {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(deploy)) {
            return problems;
        }
        try (Stream<Path> files = Files.list(deploy)) {
            files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().forEach(jar -> {
                String name = claimOf(jar);
                if (name != null && names.contains(name)) {
                    problems.add(deploy.relativize(jar) + " in " + deploy + " claims " + name + ", a platform bundle of system/: "
                            + "refused (deploy/ may not replace platform bundles); remove the file");
                }
            });
        } catch (IOException e) {
            problems.add("cannot list " + deploy + ": " + e.getMessage());
        }
        claims.keySet().removeIf(path -> !Files.exists(path));
        return problems;
    }

    private String claimOf(Path jar) {
        try {
            long size = Files.size(jar);
            long modified = Files.getLastModifiedTime(jar).toMillis();
            Claim known = claims.get(jar);
            if (known != null && known.size() == size && known.modified() == modified) {
                return known.symbolicName();
            }
            String name = symbolicName(jar);
            claims.put(jar, new Claim(size, modified, name));
            return name;
        } catch (IOException e) {
            return null; // being written or removed: FileInstall will not install it either
        }
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String header = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (header == null) {
                return null;
            }
            int parameters = header.indexOf(';');
            return (parameters < 0 ? header : header.substring(0, parameters)).strip();
        }
    }
}
