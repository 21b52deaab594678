package io.switchboard.core.internal.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import io.switchboard.core.internal.keys.GeneratedKeyFile;

/**
 * The name under which an instance claims asynchronous tasks: unique among the instances sharing a database (a random
 * id generated once into {@code <switchboard.data>/instance.id}) and the same after a restart, so that a restarted
 * instance takes back at once the tasks it was running when it stopped, while the others leave them alone.
 */
final class InstanceName {

    private InstanceName() {
    }

    static String of(Path dataFolder) {
        String id = GeneratedKeyFile.loadOrCreate(dataFolder.resolve("instance.id"), () -> { })
                .replaceAll("[^A-Za-z0-9]", "").substring(0, 12);
        return host() + "-" + id;
    }

    private static String host() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 60 ? name.substring(0, 60) : name;
        } catch (UnknownHostException e) {
            return "switchboard";
        }
    }
}
