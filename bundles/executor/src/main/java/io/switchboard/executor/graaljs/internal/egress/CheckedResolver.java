package io.switchboard.executor.graaljs.internal.egress;

import io.switchboard.core.api.egress.EgressPolicy;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves a host for the HTTP client and keeps only the addresses the egress policy admits: the client connects to
 * exactly these, so a name cannot be checked against one address and then connect to another (DNS rebinding), and
 * every connection is checked, so also every redirect hop a caller follows. A host with no admitted address fails the
 * request.
 */
final class CheckedResolver implements SocketAddressResolver {
    private final SocketAddressResolver resolver;
    private final EgressPolicy policy;

    CheckedResolver(SocketAddressResolver resolver, EgressPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public void resolve(String host, int port, Promise<List<InetSocketAddress>> promise) {
        resolver.resolve(host, port, new Promise<>() {
            @Override
            public void succeeded(List<InetSocketAddress> addresses) {
                List<InetSocketAddress> admitted = new ArrayList<>();
                Optional<String> firstRefusal = Optional.empty();
                for (InetSocketAddress address : addresses) {
                    Optional<String> refusal = address.getAddress() == null ? Optional.of(host + " did not resolve")
                            : policy.refusal(address.getAddress());
                    if (refusal.isEmpty()) {
                        admitted.add(address);
                    } else if (firstRefusal.isEmpty()) {
                        firstRefusal = refusal;
                    }
                }
                if (admitted.isEmpty()) {
                    promise.failed(new EgressRefusedException(host + " resolves only to addresses functions may not reach: "
                            + firstRefusal.orElse("no address")));
                } else {
                    promise.succeeded(admitted);
                }
            }

            @Override
            public void failed(Throwable failure) {
                promise.failed(failure);
            }
        });
    }

    /** The host resolved only to addresses the egress policy refuses. */
    static final class EgressRefusedException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        EgressRefusedException(String message) {
            super(message);
        }
    }
}
