/**
 * What routes and event-source bundles use besides Camel and the core API: header names, the routes made from an
 * event-source bundle's folders, webhook answers and result delivery.
 *
 * <p>2.0: results are checked and combined by the core (issue 11): {@code ResultContract}, {@code CallbackCommandsContract},
 * {@code InvalidResultException}, {@code EventTypeResources} and {@code ResultCallbackRoutes} are gone; event sources extend
 * {@link io.switchboard.camel.api.EventSourceRoutes}. 2.1: {@link io.switchboard.camel.api.RouteObserver}, told of every finished exchange.
 */
@Export
@Version("2.2.0")
package io.switchboard.camel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
