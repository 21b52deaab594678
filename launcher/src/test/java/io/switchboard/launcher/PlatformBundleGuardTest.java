package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;

/** Issue 14, item 9: deploy/ may not update or replace the bundles of system/. */
class PlatformBundleGuardTest {

    @TempDir
    Path deploy;

    private static final Bundle CORE = bundle(7, "switchboard.core", "file:/opt/switchboard/system/switchboard.core-0.1.0.jar");
    private static final Bundle FILEINSTALL = bundle(3, PlatformBundleGuard.FILEINSTALL, "file:/opt/switchboard/system/fileinstall.jar");
    private static final Bundle DEPLOYED = bundle(40, "acme.extension", "file:/opt/switchboard/deploy/acme.jar");
    private static final Bundle IMPOSTOR = bundle(41, "switchboard.core", "file:/opt/switchboard/deploy/core.jar");

    private PlatformBundleGuard guard() {
        return new PlatformBundleGuard(List.of(CORE, FILEINSTALL), deploy);
    }

    @Test
    void fileInstallDoesNotSeePlatformBundlesSoItCannotUpdateThem() {
        List<Bundle> seen = new ArrayList<>(List.of(CORE, FILEINSTALL, DEPLOYED));

        guard().find(context(FILEINSTALL), seen);

        assertThat(seen).containsExactly(DEPLOYED);
    }

    @Test
    void otherBundlesStillSeeEverything() {
        List<Bundle> seen = new ArrayList<>(List.of(CORE, FILEINSTALL, DEPLOYED));

        guard().find(context(CORE), seen);

        assertThat(seen).containsExactly(CORE, FILEINSTALL, DEPLOYED);
    }

    @Test
    void aPlatformBundleStaysACollisionSoASecondOfTheSameNameAndVersionIsRefused() {
        List<Bundle> candidates = new ArrayList<>(List.of(CORE));

        guard().filterCollisions(1, FILEINSTALL, candidates);

        assertThat(candidates).containsExactly(CORE);
    }

    @Test
    void aBundleFromElsewhereWithAPlatformBundlesNameNeverResolves() {
        List<BundleRevision> resolvable = new ArrayList<>(List.of(revision(CORE), revision(IMPOSTOR), revision(DEPLOYED)));

        guard().begin(List.of()).filterResolvable(resolvable);

        assertThat(resolvable).extracting(BundleRevision::getBundle).containsExactly(CORE, DEPLOYED);
    }

    @Test
    void healthNamesEveryJarOfDeployThatClaimsAPlatformBundleUntilItIsRemoved() throws IOException {
        Path fake = jar("fake-core.jar", "switchboard.core;singleton:=true");
        jar("acme.jar", "acme.extension");
        PlatformBundleGuard guard = guard();

        assertThat(guard.get()).singleElement().asString()
                .startsWith("fake-core.jar in " + deploy + " claims switchboard.core, a platform bundle of system/: refused");
        Files.delete(fake);
        assertThat(guard.get()).isEmpty();
    }

    private Path jar(String name, String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        Path jar = deploy.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    private static Bundle bundle(long id, String symbolicName, String location) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> symbolicName;
                    case "getLocation" -> location;
                    case "getVersion" -> Version.emptyVersion;
                    case "toString" -> symbolicName + "@" + location;
                    case "hashCode" -> Long.hashCode(id);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BundleContext context(Bundle owner) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBundle") && (args == null || args.length == 0)) {
                        return owner;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BundleRevision revision(Bundle bundle) {
        return (BundleRevision) Proxy.newProxyInstance(BundleRevision.class.getClassLoader(), new Class<?>[] {BundleRevision.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> bundle;
                    case "getSymbolicName" -> bundle.getSymbolicName();
                    case "getVersion" -> Version.emptyVersion;
                    case "toString" -> "revision of " + bundle;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
