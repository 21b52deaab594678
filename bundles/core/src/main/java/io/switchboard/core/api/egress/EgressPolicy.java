package io.switchboard.core.api.egress;

import java.net.InetAddress;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which network addresses functions may reach. Loopback, link-local, private, shared (CGNAT), multicast, reserved and
 * unspecified addresses are refused unless the operator admits them ({@code allowedPrivateNetworks} of PID
 * {@code io.switchboard.core.egress}, CIDR blocks such as {@code 127.0.0.0/8}). Clients check the address they actually
 * connect to, after resolution and on every redirect hop; the core checks a function's {@code allowedDomains} when it
 * is saved.
 */
@ProviderType
public interface EgressPolicy {

    /** Why a function may not connect to {@code address} (e.g. "127.0.0.1 is a loopback address"), or empty when it may. */
    Optional<String> refusal(InetAddress address);

    /**
     * Why an {@code allowedDomains} entry is refused, or empty when it is acceptable: IP literals in any notation and
     * {@code localhost} are refused unless the addresses they stand for are admitted; the entry is not resolved.
     */
    Optional<String> refusalOfAllowedDomain(String entry);
}
