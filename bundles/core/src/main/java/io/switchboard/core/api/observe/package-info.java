/**
 * Observing the platform: a whiteboard of {@link io.switchboard.core.api.observe.PlatformObserver}s the core tells about
 * every invocation and every refusal (for metrics, streams, reports), and the state of the asynchronous queue.
 */
@Export
@Version("1.0.0")
package io.switchboard.core.api.observe;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
