package io.switchboard.camel.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An event's result contract: turns what one function returned into what the event's caller receives (a bot reply,
 * a command reply...). Implemented by event sources.
 */
@ConsumerType
@FunctionalInterface
public interface ResultContract {

    /**
     * Maps one function's result.
     *
     * @param resultJson the function's result as JSON text ({@code null} JSON when it returned nothing)
     * @return the mapped result: a {@code Map}, {@code List}, {@code String}, number, boolean or null, written as JSON
     * @throws InvalidResultException when the result breaks the contract: an error of the function, not of the platform
     */
    Object map(String resultJson);
}
