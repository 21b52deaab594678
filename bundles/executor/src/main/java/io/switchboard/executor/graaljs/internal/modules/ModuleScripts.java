package io.switchboard.executor.graaljs.internal.modules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the facade scripts of the built-in modules from the bundle. */
final class ModuleScripts {
    private ModuleScripts() {
    }

    static String load(String name) {
        try (InputStream in = ModuleScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing facade script " + name + " in the executor bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
