package io.switchboard.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;

@RunWith(PaxExam.class)
public class HotDeployIT extends SwitchboardTestSupport {

    private static final String NAME = "itest.hotdeploy";

    @Test
    public void aBundleDroppedIntoDeployIsActiveWithinThreeSecondsAndGoneWhenItsFileIsDeleted() throws Exception {
        Path jar = deployFolder().resolve(NAME + ".jar");
        writeAtomically(jar);

        await(NAME + " is ACTIVE", Duration.ofSeconds(3),
                () -> installed().map(b -> b.getState() == Bundle.ACTIVE).orElse(false));
        assertEquals("1.0.0", installed().orElseThrow().getVersion().toString());

        Files.delete(jar);

        await(NAME + " is uninstalled", Duration.ofSeconds(3), () -> installed().isEmpty());
    }

    private Optional<Bundle> installed() {
        return Arrays.stream(context.getBundles()).filter(b -> NAME.equals(b.getSymbolicName())).findFirst();
    }

    /** FileInstall must never see a half-written jar: write beside the folder, then move it in. */
    private static void writeAtomically(Path target) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", NAME);
        main.putValue("Bundle-Version", "1.0.0");
        Path temporary = Files.createTempFile(target.getParent().getParent(), NAME, ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
