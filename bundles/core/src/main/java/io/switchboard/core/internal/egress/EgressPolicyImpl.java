package io.switchboard.core.internal.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.egress.EgressPolicy;

/**
 * The platform's egress policy: functions reach public unicast addresses only, unless the operator admits private
 * networks by CIDR block (for tests and benchmarks against local stubs, e.g. {@code 127.0.0.0/8}). A change of the
 * configuration re-registers the service (no {@code @Modified}) on purpose: clients that hold it statically, such as the
 * functions' HTTP client, restart and so drop connections that were checked under the old policy.
 */
@Component(service = EgressPolicy.class, configurationPid = EgressPolicyImpl.PID, immediate = true)
@Designate(ocd = EgressPolicyImpl.Config.class)
public final class EgressPolicyImpl implements EgressPolicy {
    public static final String PID = "io.switchboard.core.egress";
    private static final Logger LOG = LoggerFactory.getLogger(EgressPolicyImpl.class);

    /** Which otherwise refused networks functions may reach. */
    @ObjectClassDefinition(name = "Switchboard function egress", description = "Which addresses functions may connect to.")
    public @interface Config {
        @AttributeDefinition(name = "Allowed private networks", description = "CIDR blocks of loopback, private, link-local or "
                + "other internal addresses that functions may reach anyway (e.g. 127.0.0.0/8 for local test stubs), separated by "
                + "commas in a .cfg file. Empty: none.")
        String[] allowedPrivateNetworks() default {};
    }

    /** Address blocks refused beyond what {@link InetAddress}'s own tests (loopback, link-local, site-local...) catch. */
    private static final List<Named> REFUSED = List.of(
            new Named("an unspecified ('this network') address", Cidr.parse("0.0.0.0/8")),
            new Named("a shared (carrier-grade NAT) address", Cidr.parse("100.64.0.0/10")),
            new Named("a protocol-assignment address", Cidr.parse("192.0.0.0/24")),
            new Named("a benchmarking address", Cidr.parse("198.18.0.0/15")),
            new Named("a reserved or broadcast address", Cidr.parse("240.0.0.0/4")),
            new Named("a unique-local (private) address", Cidr.parse("fc00::/7")),
            new Named("an IPv4-compatible address", Cidr.parse("::/96")),
            new Named("a NAT64 address", Cidr.parse("64:ff9b::/96")),
            new Named("a NAT64 address", Cidr.parse("64:ff9b:1::/48")),
            new Named("a 6to4 address", Cidr.parse("2002::/16")),
            new Named("a Teredo address", Cidr.parse("2001::/32")));

    private record Named(String what, Cidr block) {
    }

    private final List<Cidr> admitted;

    @Activate
    public EgressPolicyImpl(Config config) {
        this.admitted = blocks(config);
        if (!admitted.isEmpty()) {
            LOG.info("Functions may reach these otherwise refused networks: {}", admitted);
        }
    }

    /** A policy admitting the given blocks; for tests and callers outside OSGi. */
    public static EgressPolicyImpl admitting(String... networks) {
        return new EgressPolicyImpl(new Config() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return Config.class;
            }

            @Override
            public String[] allowedPrivateNetworks() {
                return networks;
            }
        });
    }

    private static List<Cidr> blocks(Config config) {
        List<Cidr> blocks = new ArrayList<>();
        for (String value : config.allowedPrivateNetworks()) {
            // A .cfg file gives one string: blocks there are separated by commas or spaces.
            for (String network : value == null ? new String[0] : value.split("[,\\s]+")) {
                if (!network.isBlank()) {
                    blocks.add(Cidr.parse(network));
                }
            }
        }
        return List.copyOf(blocks);
    }

    @Override
    public Optional<String> refusal(InetAddress address) {
        Optional<String> kind = internalKind(address);
        if (kind.isEmpty() || admitted.stream().anyMatch(block -> block.contains(address))) {
            return Optional.empty();
        }
        return Optional.of(address.getHostAddress() + " is " + kind.get() + ", which functions may not reach "
                + "(an operator may admit it with allowedPrivateNetworks of " + PID + ")");
    }

    @Override
    public Optional<String> refusalOfAllowedDomain(String entry) {
        if (entry == null) {
            return Optional.of("is empty");
        }
        String host = entry.toLowerCase(Locale.ROOT).trim();
        host = host.startsWith("*.") ? host.substring(2) : host;
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return refusalOf(entry, loopback(), "names the local machine");
        }
        byte[] literal = Cidr.literal(host);
        if (literal != null) {
            try {
                return refusalOf(entry, InetAddress.getByAddress(literal), "is an IP address");
            } catch (UnknownHostException e) {
                return Optional.of("is not a usable address");
            }
        }
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (!last.isEmpty() && Character.isDigit(last.charAt(0)) || host.contains(":")) {
            // 2130706433, 127.1, 0x7f.1: other notations of IP addresses that clients accept; no top-level domain
            // starts with a digit.
            return Optional.of("is an IP address in another notation; name the host instead");
        }
        return Optional.empty();
    }

    private Optional<String> refusalOf(String entry, InetAddress address, String what) {
        Optional<String> kind = internalKind(address);
        boolean admittedHere = admitted.stream().anyMatch(block -> block.contains(address));
        if (admittedHere) {
            return Optional.empty();
        }
        return Optional.of(what + (kind.isPresent() ? " (" + kind.get() + ")" : "") + "; allowedDomains takes host names only"
                + (kind.isPresent() ? ", and functions may not reach internal addresses unless allowedPrivateNetworks admits them" : ""));
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** What kind of internal address this is, or empty for a public unicast address. */
    static Optional<String> internalKind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        } else if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        } else if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        } else if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        } else if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        return REFUSED.stream().filter(named -> named.block().contains(address)).map(Named::what).findFirst();
    }
}
